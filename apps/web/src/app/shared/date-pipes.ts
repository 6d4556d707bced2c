import { Pipe, PipeTransform } from '@angular/core';
import { londonDateTimeText, longDate } from './dates';

/** A calendar date (YYYY-MM-DD) as 'Thu 1 Oct 2026'. */
@Pipe({ name: 'longDate' })
export class LongDatePipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return longDate(value);
  }
}

/** A timestamp as date and time in Europe/London. */
@Pipe({ name: 'londonDateTime' })
export class LondonDateTimePipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return londonDateTimeText(value);
  }
}
