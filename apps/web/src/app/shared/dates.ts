import { formatLongDate, isValidIsoDate } from '@send/domain';

const LONDON = 'Europe/London';

const londonDateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Today's calendar date in Europe/London, written YYYY-MM-DD. */
export function londonToday(now: Date = new Date()): string {
  const parts = londonDateParts.formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMillis(to) - toUtcMillis(from)) / 86_400_000);
}

function toUtcMillis(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/** 'Thu 1 Oct 2026'; anything that is not a real date is shown as it came. */
export function longDate(value: string | null | undefined): string {
  if (!value) return '';
  return isValidIsoDate(value) ? formatLongDate(value) : value;
}

/** A system timestamp as a caseworker reads it in England: 'Thu 1 Oct 2026 at 14:05'. */
export function londonDateTimeText(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = londonDateTime.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')} at ${get('hour')}:${get('minute')}`;
}

/** The calendar date `days` after `iso` (before, when negative), both YYYY-MM-DD. */
export function addDays(iso: string, days: number): string {
  const date = new Date(toUtcMillis(iso) + days * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/** The Sunday that ends the week (Monday to Sunday) of `iso`. */
export function endOfWeek(iso: string): string {
  const weekday = new Date(toUtcMillis(iso)).getUTCDay(); // 0 Sunday … 6 Saturday
  return addDays(iso, weekday === 0 ? 0 : 7 - weekday);
}
