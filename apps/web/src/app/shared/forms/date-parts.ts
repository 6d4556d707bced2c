import { isValidIsoDate } from '@send/domain';
import type { DatePart, DateParts, FieldError } from './form-types';

export interface DateRules {
  /** The field's id: errors point at `<id>-day` (or the first wrong part). */
  id: string;
  /** The question, as a label reads: "Date the letter was sent". */
  label: string;
  /** What to ask for when nothing was entered; default "Enter the <label>". */
  missing?: string;
  /** Today (YYYY-MM-DD in Europe/London) when the date must be today or earlier. */
  notAfter?: string;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * Day, month and year as typed, checked the GOV.UK way: what is missing, whether it is a real date,
 * a 4-digit year, and (with `notAfter`) not in the future. A real date comes back as YYYY-MM-DD.
 */
export function parseDate(
  parts: DateParts,
  rules: DateRules,
): { iso: string } | { error: FieldError } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  const fail = (message: string, wrong: readonly DatePart[]) => ({
    error: {
      field: rules.id,
      targetId: `${rules.id}-${wrong[0]}`,
      message,
      parts: wrong,
    },
  });

  const missing = (['day', 'month', 'year'] as const).filter(
    (p) => !{ day, month, year }[p],
  );
  if (missing.length === 3)
    return fail(rules.missing ?? `Enter the ${lowerFirst(rules.label)}`, [
      'day',
      'month',
      'year',
    ]);
  if (missing.length)
    return fail(
      `${rules.label} must include a ${missing.join(' and ')}`,
      missing,
    );

  if (
    !/^\d{1,2}$/.test(day) ||
    !/^\d{1,2}$/.test(month) ||
    !/^\d+$/.test(year)
  ) {
    return fail(`${rules.label} must be a real date`, ['day', 'month', 'year']);
  }
  if (year.length !== 4) return fail('Year must include 4 numbers', ['year']);

  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isValidIsoDate(iso))
    return fail(`${rules.label} must be a real date`, ['day', 'month', 'year']);
  if (rules.notAfter !== undefined && iso > rules.notAfter) {
    return fail(`${rules.label} must be today or in the past`, [
      'day',
      'month',
      'year',
    ]);
  }
  return { iso };
}

/** A stored date (YYYY-MM-DD) as the three boxes show it, without leading zeros. */
export function toDateParts(iso: string | undefined | null): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!match) return { day: '', month: '', year: '' };
  return {
    day: String(Number(match[3])),
    month: String(Number(match[2])),
    year: match[1] ?? '',
  };
}

export function isBlankDate(parts: DateParts | undefined): boolean {
  return (
    !parts || (!parts.day.trim() && !parts.month.trim() && !parts.year.trim())
  );
}
