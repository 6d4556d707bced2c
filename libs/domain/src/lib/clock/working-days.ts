import {
  addDays,
  differenceInCalendarDays,
  getDate,
  getMonth,
  getYear,
  isWeekend,
} from 'date-fns';
import type { Calendar } from '../calendar/calendar';
import { defaultCalendar } from '../calendar/calendar';
import type { IsoDate } from '../dates/iso-date';
import { formatLongDate, toIsoDate, toUtcDate } from '../dates/iso-date';

/**
 * `working`: SEND Regulations 2014 reg 2 — not a Saturday, Sunday or bank holiday.
 * `tribunal`: HESC Rules r.12 for SEN cases — working days, and the days from 25 December to
 * 1 January inclusive and every day in August are not counted either.
 */
export type DayCounting = 'working' | 'tribunal';

/** Why a day is not counted. */
export type NonWorkingReason =
  | { readonly kind: 'weekend' }
  | {
      readonly kind: 'bank_holiday';
      readonly title: string;
      readonly projected: boolean;
    }
  | { readonly kind: 'christmas_break' }
  | { readonly kind: 'august' };

/** A day passed over while counting, with the reason. */
export interface SkippedDay {
  readonly date: Date;
  readonly reason: NonWorkingReason;
}

const DECEMBER = 11;
const JANUARY = 0;
const AUGUST = 7;

/** 25 December to 1 January inclusive (HESC Rules r.12(3) and (4)). */
export function isInChristmasBreak(day: Date): boolean {
  return (
    (getMonth(day) === DECEMBER && getDate(day) >= 25) ||
    (getMonth(day) === JANUARY && getDate(day) === 1)
  );
}

export function isInAugust(day: Date): boolean {
  return getMonth(day) === AUGUST;
}

/** Why `day` is not counted under `counting`, or `undefined` when it counts. */
export function nonWorkingReason(
  day: Date,
  calendar: Calendar,
  counting: DayCounting,
): NonWorkingReason | undefined {
  if (counting === 'tribunal' && isInChristmasBreak(day))
    return { kind: 'christmas_break' };
  if (counting === 'tribunal' && isInAugust(day)) return { kind: 'august' };
  if (isWeekend(day)) return { kind: 'weekend' };
  const holiday = calendar.holidayFor(day);
  return holiday && { kind: 'bank_holiday', ...holiday };
}

/**
 * Counts `n` days forward from `start` under `counting`. The start day itself is never counted
 * (informed Fri + 3 working days → Wed), so the result is always a counted day.
 */
export function countForward(
  start: Date,
  n: number,
  calendar: Calendar,
  counting: DayCounting,
): { due: Date; skipped: SkippedDay[] } {
  const skipped: SkippedDay[] = [];
  let day = start;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    const reason = nonWorkingReason(day, calendar, counting);
    if (reason) skipped.push({ date: day, reason });
    else counted++;
  }
  return { due: day, skipped };
}

/** The first day on or after `from` that counts under `counting`, with the days passed over. */
export function firstCountedDayFrom(
  from: Date,
  calendar: Calendar,
  counting: DayCounting,
): { day: Date; skipped: SkippedDay[] } {
  const { due, skipped } = countForward(
    addDays(from, -1),
    1,
    calendar,
    counting,
  );
  return { day: due, skipped };
}

/** `start` plus `n` working days (SEND Regulations reg 2); the start day is not counted. */
export function addWorkingDays(
  start: IsoDate,
  n: number,
  calendar: Calendar = defaultCalendar(),
): IsoDate {
  return toIsoDate(countForward(toUtcDate(start), n, calendar, 'working').due);
}

/** `start` plus `n` Tribunal working days (HESC Rules r.12: also not 25 Dec–1 Jan, not August). */
export function addTribunalWorkingDays(
  start: IsoDate,
  n: number,
  calendar: Calendar = defaultCalendar(),
): IsoDate {
  return toIsoDate(countForward(toUtcDate(start), n, calendar, 'tribunal').due);
}

/** "a bank holiday (Good Friday)", with a note when the date is projected rather than published. */
export function describeReason(
  reason: NonWorkingReason,
  date: Date,
  plural = false,
): string {
  switch (reason.kind) {
    case 'weekend':
      return plural ? 'a weekend' : 'a weekend day';
    case 'bank_holiday':
      return reason.projected
        ? `a bank holiday (${reason.title}; projected: ${getYear(date)} is not in the published list, so the regular pattern is used)`
        : `a bank holiday (${reason.title})`;
    case 'christmas_break':
      return 'in the Christmas break (25 Dec to 1 Jan)';
    case 'august':
      return 'in August';
  }
}

/**
 * One plain-English line per run of consecutive days passed over for the same reason:
 * "Mon 25 Aug 2025 is a bank holiday (Summer bank holiday), so is not counted".
 */
export function describeSkipped(
  skipped: readonly SkippedDay[],
  notWhat = 'counted',
): string[] {
  const runs: SkippedDay[][] = [];
  for (const entry of skipped) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (
      run &&
      last &&
      sameReason(last.reason, entry.reason) &&
      differenceInCalendarDays(entry.date, last.date) === 1
    ) {
      run.push(entry);
    } else {
      runs.push([entry]);
    }
  }
  return runs.map((run) => {
    const first = run[0]!;
    const last = run[run.length - 1]!;
    if (run.length === 1)
      return `${formatLongDate(first.date)} is ${describeReason(first.reason, first.date)}, so is not ${notWhat}`;
    const joiner = run.length === 2 ? 'and' : 'to';
    return `${formatLongDate(first.date)} ${joiner} ${formatLongDate(last.date)} are ${describeReason(first.reason, first.date, true)}, so are not ${notWhat}`;
  });
}

function sameReason(a: NonWorkingReason, b: NonWorkingReason): boolean {
  return (
    a.kind === b.kind &&
    (a.kind !== 'bank_holiday' ||
      (b.kind === 'bank_holiday' && a.title === b.title))
  );
}
