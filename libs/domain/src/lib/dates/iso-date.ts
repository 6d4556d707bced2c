import { UTCDate, utc } from '@date-fns/utc';
import { format, getYear, isValid, parseISO } from 'date-fns';
import { StatutoryClockError } from '../errors';

/**
 * A calendar date written `YYYY-MM-DD`. Dates in this library are calendar dates in
 * Europe/London, never instants: all arithmetic runs on `UTCDate` so that BST can never
 * move a deadline by a day.
 */
export type IsoDate = string;

const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
/** Years outside this range are almost certainly typing mistakes (and year 0 formats badly). */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

/** The date `value` stands for, or why it is not an acceptable one (parsed once for both). */
function parseIsoDate(value: unknown): { date: UTCDate } | { reason: string } {
  if (typeof value !== 'string') {
    return {
      reason: `${describeValue(value)} is not a date written YYYY-MM-DD`,
    };
  }
  if (!ISO_DATE_SHAPE.test(value)) {
    return { reason: `'${value}' is not a date written YYYY-MM-DD` };
  }
  const date = parseISO(value, { in: utc });
  if (!isValid(date)) {
    return { reason: `'${value}' is not a real date` };
  }
  const year = getYear(date);
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    return {
      reason: `'${value}' is outside the years ${FIRST_YEAR} to ${LAST_YEAR}`,
    };
  }
  return { date };
}

/** Why `value` is not an acceptable date, in words a caseworker understands; `undefined` if it is one. */
export function invalidDateReason(value: unknown): string | undefined {
  const parsed = parseIsoDate(value);
  return 'reason' in parsed ? parsed.reason : undefined;
}

/** True when `value` is a real calendar date written `YYYY-MM-DD` (e.g. not '2026-02-30', not '2026-2-3'). */
export function isValidIsoDate(value: unknown): value is IsoDate {
  return invalidDateReason(value) === undefined;
}

/** Parses a `YYYY-MM-DD` string into a `UTCDate` at midnight UTC; throws `INVALID_DATE` otherwise. */
export function toUtcDate(value: IsoDate): UTCDate {
  const parsed = parseIsoDate(value);
  if ('reason' in parsed) {
    throw new StatutoryClockError('INVALID_DATE', parsed.reason);
  }
  return parsed.date;
}

/** Writes a date back as `YYYY-MM-DD`. */
export function toIsoDate(date: Date): IsoDate {
  return format(date, 'yyyy-MM-dd');
}

/** The date as a caseworker reads it: `formatLongDate('2026-10-01')` → `'Thu 1 Oct 2026'`. */
export function formatLongDate(value: IsoDate | Date): string {
  if (typeof value !== 'string') return format(value, 'EEE d MMM yyyy');
  // Kept once made: an export writes the same few thousand dates hundreds of thousands of times.
  let words = longDates.get(value);
  if (words === undefined) {
    words = format(toUtcDate(value), 'EEE d MMM yyyy');
    if (longDates.size >= 20_000) longDates.clear();
    longDates.set(value, words);
  }
  return words;
}

const longDates = new Map<IsoDate, string>();

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return 'a Date object';
  return typeof value === 'object'
    ? 'an object'
    : `${String(value)} (a ${typeof value})`;
}
