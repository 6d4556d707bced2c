import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { londonDate, londonDateTime, startOfLondonDay } from './london-time';

export { LONDON } from './london-time';

/**
 * The one source of "now". Business dates are calendar dates in Europe/London. Tests and demos
 * fix it with CLOCK_NOW so the statutory clock can be exercised without waiting five weeks.
 */
@Injectable()
export class Clock {
  private readonly fixed: Date | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.fixed = config.CLOCK_NOW ? new Date(config.CLOCK_NOW) : undefined;
  }

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  /** Today's date in Europe/London, YYYY-MM-DD. */
  today(): string {
    return Clock.londonDate(this.now());
  }

  /** The calendar date of an instant in Europe/London, YYYY-MM-DD. */
  static londonDate(at: Date): string {
    return londonDate(at);
  }

  /** An instant as a person in England reads it: `2026-12-04 11:41:42`, Europe/London (GMT or BST). */
  static londonDateTime(at: Date | string): string {
    return londonDateTime(at);
  }

  /** The instant a date begins in Europe/London (00:00 local time, whatever the offset). */
  static startOfLondonDay(isoDate: string): Date {
    return startOfLondonDay(isoDate);
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
