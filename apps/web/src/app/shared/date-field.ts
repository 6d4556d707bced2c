import { isValidIsoDate } from '@send/domain';

/** The parts of a GOV.UK date input, in the order they are shown. */
export const DATE_PARTS = [
  { part: 'day', label: 'Day', width: 'govuk-input--width-2' },
  { part: 'month', label: 'Month', width: 'govuk-input--width-2' },
  { part: 'year', label: 'Year', width: 'govuk-input--width-4' },
] as const;

/** Whether no part of the date input `name` was typed in. */
export function dateLeftEmpty(form: FormData, name: string): boolean {
  return DATE_PARTS.every(
    ({ part }) => !String(form.get(`${name}-${part}`) ?? '').trim(),
  );
}

/**
 * Day, month and year as typed in the GOV.UK date input `name`; a real date comes back as
 * YYYY-MM-DD, anything else as the message to show (GOV.UK date input error messages).
 */
export function dateFrom(
  form: FormData,
  name: string,
  label: string,
): { iso: string } | { message: string } {
  const [day, month, year] = DATE_PARTS.map(({ part }) =>
    String(form.get(`${name}-${part}`) ?? '').trim(),
  );
  if (!day && !month && !year) return { message: `Enter the ${label}` };
  if (!day || !month || !year)
    return { message: `The ${label} must include a day, month and year` };
  if (
    !/^\d{1,2}$/.test(day) ||
    !/^\d{1,2}$/.test(month) ||
    !/^\d{4}$/.test(year)
  )
    return { message: `The ${label} must be a real date` };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isValidIsoDate(iso)
    ? { iso }
    : { message: `The ${label} must be a real date` };
}

/** A YYYY-MM-DD date split into what its date input shows. */
export function datePartsOf(
  iso: string | undefined,
): Record<'day' | 'month' | 'year', string> {
  if (!iso || !isValidIsoDate(iso)) return { day: '', month: '', year: '' };
  const [year, month, day] = iso.split('-');
  return {
    day: String(Number(day)),
    month: String(Number(month)),
    year: year ?? '',
  };
}
