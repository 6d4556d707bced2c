import { getYear, isWeekend } from 'date-fns';
import type { IsoDate } from '../dates/iso-date';
import { invalidDateReason, toIsoDate, toUtcDate } from '../dates/iso-date';
import { StatutoryClockError } from '../errors';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './england-and-wales.data';
import type { BankHoliday } from './regular-pattern';
import { regularBankHolidays } from './regular-pattern';

/** What a calendar knows about one bank holiday. */
export interface HolidayInfo {
  readonly title: string;
  /** True when the year is not in the published list and the date comes from the regular pattern. */
  readonly projected: boolean;
}

/**
 * The bank-holiday calendar of England and Wales that working days are counted against.
 *
 * Built from a list of published holidays (the shipped gov.uk list, or an administrator's
 * updated list loaded from the database). A year with at least one listed holiday counts as
 * published and only its listed dates are holidays; for any other year the regular pattern is
 * computed and every such holiday is marked `projected`.
 *
 * "Working day" is as defined in SEND Regulations 2014 reg 2 and HESC Rules r.1: any day
 * other than a Saturday, a Sunday, Christmas Day, Good Friday or a bank holiday.
 */
export class Calendar {
  private readonly published = new Map<IsoDate, string>();
  private readonly publishedYearSet = new Set<number>();
  private readonly projectedCache = new Map<
    number,
    ReadonlyMap<IsoDate, string>
  >();

  /** What was counted on this calendar, by key (see `counted`). */
  private readonly countedCache = new Map<string, unknown>();

  constructor(holidays: Iterable<BankHoliday>) {
    for (const { date, title } of holidays) {
      const reason = invalidDateReason(date);
      if (reason !== undefined) {
        throw new StatutoryClockError(
          'INVALID_DATE',
          `${reason} (bank holiday '${title}')`,
        );
      }
      if (this.published.has(date)) {
        throw new StatutoryClockError(
          'INVALID_DATE',
          `The bank holiday ${date} is listed twice`,
        );
      }
      this.published.set(date, title);
      this.publishedYearSet.add(getYear(toUtcDate(date)));
    }
  }

  /** The years the published list covers, in order. */
  get publishedYears(): readonly number[] {
    return [...this.publishedYearSet].sort((a, b) => a - b);
  }

  /** The bank holiday on `date`, if any, and whether it is projected rather than published. */
  holidayFor(date: IsoDate | Date): HolidayInfo | undefined {
    const day = typeof date === 'string' ? toUtcDate(date) : date;
    const iso = toIsoDate(day);
    const year = getYear(day);
    if (this.publishedYearSet.has(year)) {
      const title = this.published.get(iso);
      return title === undefined ? undefined : { title, projected: false };
    }
    const title = this.projectedYear(year).get(iso);
    return title === undefined ? undefined : { title, projected: true };
  }

  isBankHoliday(date: IsoDate | Date): boolean {
    return this.holidayFor(date) !== undefined;
  }

  /** Not a Saturday, not a Sunday, not a bank holiday. */
  isWorkingDay(date: IsoDate | Date): boolean {
    const day = typeof date === 'string' ? toUtcDate(date) : date;
    return !isWeekend(day) && !this.isBankHoliday(day);
  }

  /**
   * `count()` for `key`, counted once on this calendar and kept: for what is a pure function of its
   * key and the calendar (a due date: dueDate). A calendar never changes (a changed list of bank
   * holidays is a new Calendar), so nothing kept is ever stale. At most COUNTED_KEPT keys are kept.
   */
  counted<T>(key: string, count: () => T): T {
    if (this.countedCache.has(key)) return this.countedCache.get(key) as T;
    const value = count();
    if (this.countedCache.size >= COUNTED_KEPT) this.countedCache.clear();
    this.countedCache.set(key, value);
    return value;
  }

  private projectedYear(year: number): ReadonlyMap<IsoDate, string> {
    let holidays = this.projectedCache.get(year);
    if (holidays === undefined) {
      holidays = new Map(
        regularBankHolidays(year).map(({ date, title }) => [date, title]),
      );
      this.projectedCache.set(year, holidays);
    }
    return holidays;
  }
}

/** How many counted values a calendar keeps (a case's deadlines are counted again at each of its writes). */
const COUNTED_KEPT = 10_000;

let shipped: Calendar | undefined;

/** The calendar built from the shipped gov.uk list for England and Wales (2018–2028). */
export function defaultCalendar(): Calendar {
  shipped ??= new Calendar(ENGLAND_AND_WALES_BANK_HOLIDAYS);
  return shipped;
}
