import { UTCDate } from '@date-fns/utc';
import {
  addDays,
  isMonday,
  isWeekend,
  lastDayOfMonth,
  nextMonday,
  previousMonday,
} from 'date-fns';
import type { IsoDate } from '../dates/iso-date';
import { toIsoDate, toUtcDate } from '../dates/iso-date';
import { easterSunday } from './easter';

/** One bank holiday: its date and its name as gov.uk publishes it. */
export interface BankHoliday {
  readonly date: IsoDate;
  readonly title: string;
}

/** Suffix used for a weekday that stands in for a fixed holiday falling at a weekend. */
export const SUBSTITUTE_SUFFIX = ' (substitute day)';

/**
 * The regular bank holidays of England and Wales for `year` (Banking and Financial Dealings
 * Act 1971, Sch 1, and the annual royal proclamation of the early May holiday):
 * New Year's Day, Good Friday, Easter Monday, the first and last Mondays of May, the last
 * Monday of August, Christmas Day and Boxing Day. When a fixed holiday falls at a weekend the
 * next weekday(s) not already a holiday are holidays instead.
 *
 * One-off changes (2020, 2022, 2023) are facts no formula gives: they live only in the
 * published data. This pattern is used for years the data does not cover, marked projected.
 */
export function regularBankHolidays(year: number): BankHoliday[] {
  const easter = toUtcDate(easterSunday(year));
  const holiday = (date: Date, title: string): BankHoliday => ({
    date: toIsoDate(date),
    title,
  });
  return [
    ...withSubstitutes(year, 0, [[1, "New Year's Day"]]),
    holiday(addDays(easter, -2), 'Good Friday'),
    holiday(addDays(easter, 1), 'Easter Monday'),
    holiday(firstMonday(year, 4), 'Early May bank holiday'),
    holiday(lastMonday(year, 4), 'Spring bank holiday'),
    holiday(lastMonday(year, 7), 'Summer bank holiday'),
    ...withSubstitutes(year, 11, [
      [25, 'Christmas Day'],
      [26, 'Boxing Day'],
    ]),
  ];
}

/**
 * Fixed-date holidays with their substitutes: each one that falls at a weekend moves to the
 * next weekday after the last fixed date that is not already a holiday. So New Year's Day on
 * a Saturday → Mon 3 Jan; Christmas on Saturday → Mon 27 and Boxing Day → Tue 28; Christmas
 * on Sunday → Boxing Day stays Mon 26 and Christmas moves to Tue 27; Boxing Day on Saturday → Mon 28.
 */
function withSubstitutes(
  year: number,
  monthIndex: number,
  fixed: ReadonlyArray<[number, string]>,
): BankHoliday[] {
  const days = fixed.map(([dayOfMonth, title]) => ({
    day: new UTCDate(year, monthIndex, dayOfMonth),
    title,
  }));
  const taken = new Set(
    days.filter(({ day }) => !isWeekend(day)).map(({ day }) => toIsoDate(day)),
  );
  let candidate =
    days[days.length - 1]?.day ?? new UTCDate(year, monthIndex, 1);
  return days
    .map(({ day, title }) => {
      if (!isWeekend(day)) return { date: toIsoDate(day), title };
      do candidate = addDays(candidate, 1);
      while (isWeekend(candidate) || taken.has(toIsoDate(candidate)));
      taken.add(toIsoDate(candidate));
      return { date: toIsoDate(candidate), title: title + SUBSTITUTE_SUFFIX };
    })
    .sort((x, y) => x.date.localeCompare(y.date));
}

function firstMonday(year: number, monthIndex: number): Date {
  const first = new UTCDate(year, monthIndex, 1);
  return isMonday(first) ? first : nextMonday(first);
}

function lastMonday(year: number, monthIndex: number): Date {
  const last = lastDayOfMonth(new UTCDate(year, monthIndex, 1));
  return isMonday(last) ? last : previousMonday(last);
}
