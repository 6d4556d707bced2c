import type { SummaryError } from '../error-summary';

export type DatePart = 'day' | 'month' | 'year';

/** A date as typed into the three boxes of the GOV.UK date input. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

/** One answer of a set of radios, checkboxes or a select. */
export interface Choice {
  value: string;
  text: string;
  hint?: string;
}

/** What is wrong with one field, for the field itself and for the error summary. */
export interface FieldError extends SummaryError {
  /** The field's id (for a field of a list item: `<list>-<index>-<field>`); none for a problem with the whole entry. */
  field?: string;
  /** For a date: which of day, month and year to mark as wrong. */
  parts?: readonly DatePart[];
}

/** The ids for `aria-describedby`, leaving out those that are not shown; null when none is. */
export function describedBy(
  ...ids: (string | false | null | undefined)[]
): string | null {
  const shown = ids.filter((id): id is string => !!id);
  return shown.length ? shown.join(' ') : null;
}
