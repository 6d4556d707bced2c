import { TZDate, tzOffset } from '@date-fns/tz';

/**
 * Time in England, written once: business dates are calendar dates in Europe/London (GMT in winter,
 * BST in summer), and every moment a person reads (CSV, PDF, the case page) is London time. The
 * clock, the reminder schedule, the report CSVs and the exports all call these.
 */
export const LONDON = 'Europe/London';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** London's offset from UTC (minutes) for each UTC hour asked about. */
const offsets = new Map<number, number>();

/**
 * London's offset from UTC at an instant, in minutes (0 or 60), from the time-zone database
 * (`tzOffset` of @date-fns/tz, which asks Intl). Asking Intl costs microseconds, and an export
 * formats hundreds of thousands of moments, so the answer is kept for each UTC hour: the UK changes
 * its clocks at 01:00 UTC (the last Sundays of March and October), never within an hour.
 */
function londonOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    if (offsets.size >= 100_000) offsets.clear();
    offset = tzOffset(LONDON, new Date(hour * HOUR_MS));
    offsets.set(hour, offset);
  }
  return offset;
}

/** The instant's London wall-clock time as ISO text without a zone: `2026-12-04T11:41:42.000`. */
function londonWallClock(at: Date | string | number): string {
  const ms = new Date(at).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not a moment: ${String(at)}`);
  return new Date(ms + londonOffsetMinutes(ms) * MINUTE_MS)
    .toISOString()
    .slice(0, 23);
}

/** The calendar date of an instant in Europe/London, YYYY-MM-DD. */
export function londonDate(at: Date | string | number): string {
  return londonWallClock(at).slice(0, 10);
}

/** An instant as a person in England reads it: `2026-12-04 11:41:42`, Europe/London (GMT or BST). */
export function londonDateTime(at: Date | string | number): string {
  return londonWallClock(at).slice(0, 19).replace('T', ' ');
}

/** An instant to the minute, as a spreadsheet shows it: `2026-03-01 14:05`, Europe/London. */
export function londonMinute(at: Date | string | number): string {
  return londonWallClock(at).slice(0, 16).replace('T', ' ');
}

/** The instant of a London wall-clock time on a calendar date (`HH:mm`, GMT or BST as that day has it). */
export function londonInstant(isoDate: string, time = '00:00'): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, LONDON).getTime());
}

/** The instant a date begins in Europe/London (00:00 local time, whatever the offset). */
export function startOfLondonDay(isoDate: string): Date {
  return londonInstant(isoDate);
}
