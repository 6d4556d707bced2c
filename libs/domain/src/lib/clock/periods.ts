import { UTCDate } from '@date-fns/utc';
import {
  addDays,
  addMonths,
  addWeeks,
  format,
  getDate,
  getYear,
} from 'date-fns';
import type { Calendar } from '../calendar/calendar';
import { formatLongDate } from '../dates/iso-date';
import { countForward, describeSkipped } from './working-days';

/**
 * How the law counts a period (statutory-clock.md, "Counting conventions").
 * - `weeks`: "within N weeks of X" → X + 7N days.
 * - `days`: "within N days of X" → X + N days.
 * - `days_beginning_with`: "N days beginning with X" → X + N − 1 days (X is day 1).
 * - `months`: "within N months after X" → same day N months later, or that month's last day.
 * - `working_days`: N days after X, skipping weekends and bank holidays (SEND Regs reg 2).
 * - `tribunal_working_days`: also skipping 25 Dec–1 Jan and August (HESC Rules r.12).
 * - `immediately`: X itself.
 * - `by_day_of_year`: by a fixed day of the calendar year X falls in ("before 15 February in the
 *   calendar year of the transfer", SEND Regs reg 18).
 */
export type Period =
  | {
      readonly kind:
        | 'weeks'
        | 'days'
        | 'days_beginning_with'
        | 'months'
        | 'working_days'
        | 'tribunal_working_days';
      readonly n: number;
    }
  | { readonly kind: 'immediately' }
  | {
      readonly kind: 'by_day_of_year';
      readonly month: number;
      readonly day: number;
    };

export type PeriodKind = Period['kind'];

export const weeks = (n: number): Period => ({ kind: 'weeks', n });
export const days = (n: number): Period => ({ kind: 'days', n });
export const daysBeginningWith = (n: number): Period => ({
  kind: 'days_beginning_with',
  n,
});
export const months = (n: number): Period => ({ kind: 'months', n });
export const workingDays = (n: number): Period => ({ kind: 'working_days', n });
export const tribunalWorkingDays = (n: number): Period => ({
  kind: 'tribunal_working_days',
  n,
});
export const immediately: Period = { kind: 'immediately' };
/** By `day` `month` (1-12) of the calendar year of the start date. */
export const byDayOfYear = (month: number, day: number): Period => ({
  kind: 'by_day_of_year',
  month,
  day,
});

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The period in words: "2 weeks", "3 working days", "15 days beginning with the start day". */
export function describePeriod(period: Period): string {
  switch (period.kind) {
    case 'immediately':
      return 'immediately';
    case 'by_day_of_year':
      return `by ${period.day} ${MONTH_NAMES[period.month - 1]} of the calendar year of the start date`;
    case 'days_beginning_with':
      return `${period.n} days beginning with the start day`;
    default:
      return plural(period.n, unitNames[period.kind]);
  }
}

const unitNames = {
  weeks: 'week',
  days: 'day',
  months: 'month',
  working_days: 'working day',
  tribunal_working_days: 'Tribunal working day',
} as const;

/**
 * Applies `period` to `start`. `startText` names the start ("Decision letter sent Thu 1 Oct 2026");
 * the lines returned continue it in words a caseworker can check.
 */
export function applyPeriod(
  start: Date,
  period: Period,
  calendar: Calendar,
  startText: string,
): { due: Date; lines: string[] } {
  switch (period.kind) {
    case 'immediately':
      return {
        due: start,
        lines: [
          `${startText}; this must be done immediately, so it is due that same day`,
        ],
      };
    case 'by_day_of_year': {
      const due = new UTCDate(getYear(start), period.month - 1, period.day);
      return {
        due,
        lines: [
          `${startText}; due by ${period.day} ${MONTH_NAMES[period.month - 1]} of that calendar year: ${formatLongDate(due)}`,
        ],
      };
    }
    case 'weeks':
      return added(
        addWeeks(start, period.n),
        `${startText}; + ${describePeriod(period)}`,
      );
    case 'days':
      return added(
        addDays(start, period.n),
        `${startText}; + ${describePeriod(period)}`,
      );
    case 'days_beginning_with': {
      const due = addDays(start, period.n - 1);
      return {
        due,
        lines: [
          `${startText}; ${period.n} days beginning with that day (it counts as day 1) end on ${formatLongDate(due)}`,
        ],
      };
    }
    case 'months': {
      const due = addMonths(start, period.n);
      const clamped = getDate(due) !== getDate(start);
      const note = clamped
        ? ` (${format(due, 'MMM yyyy')} has no day ${getDate(start)}, so its last day is used)`
        : '';
      return {
        due,
        lines: [
          `${startText}; + ${describePeriod(period)} = ${formatLongDate(due)}${note}`,
        ],
      };
    }
    case 'working_days':
    case 'tribunal_working_days': {
      const tribunal = period.kind === 'tribunal_working_days';
      const { due, skipped } = countForward(
        start,
        period.n,
        calendar,
        tribunal ? 'tribunal' : 'working',
      );
      const rules = tribunal
        ? 'weekends, bank holidays, 25 Dec to 1 Jan and August are not counted, HESC Rules r.12'
        : 'weekends and bank holidays are not counted';
      return {
        due,
        lines: [
          `${startText}; counting ${describePeriod(period)} after that day (the day itself is not counted; ${rules})`,
          ...describeSkipped(skipped),
          `The ${ordinal(period.n)} ${unitNames[period.kind]} is ${formatLongDate(due)}`,
        ],
      };
    }
  }
}

function added(due: Date, text: string): { due: Date; lines: string[] } {
  return { due, lines: [`${text} = ${formatLongDate(due)}`] };
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** 1st, 2nd, 3rd, 4th, 11th, 21st, 30th. */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen
    ? 'th'
    : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ??
      'th');
  return `${n}${suffix}`;
}
