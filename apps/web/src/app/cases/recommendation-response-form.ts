import { AbstractControl, FormControl, FormGroup, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { Problem, RecordRecommendationResponseRequest, ResponseOutcome, ResponseRecipient } from '@send/contracts';
import { isValidIsoDate } from '@send/domain';
import type { SummaryError } from '../shared/error-summary';
import { londonToday } from '../shared/dates';

/**
 * Who the response goes to: the parent or the young person, one of them always (Recommendations
 * Power Regs 2017 regs 6–7), offered as radios; a copy to the council's SEND team is a checkbox.
 */
export const RECIPIENTS: readonly { value: ResponseRecipient; text: string; id: string }[] = [
  { value: 'parent', text: 'Parent', id: 'sentTo' },
  { value: 'young_person', text: 'Young person', id: 'sentTo-young-person' },
];
export const COPY_TO_SEND_TEAM = { text: 'Council SEND team', id: 'sentTo-council-send-team' } as const;

export const OUTCOME_OPTIONS: readonly { value: ResponseOutcome; text: string; id: string }[] = [
  { value: 'followed', text: 'Followed', id: 'outcome' },
  { value: 'partly_followed', text: 'Partly followed', id: 'outcome-partly-followed' },
  { value: 'not_followed', text: 'Not followed', id: 'outcome-not-followed' },
];

export type ResponseField = 'outcome' | 'reasons' | 'sentOn' | 'sentTo';
export type DatePart = 'day' | 'month' | 'year';

export interface FieldError extends SummaryError {
  field?: ResponseField;
  /** For the date: which of day, month and year to mark as wrong. */
  parts?: readonly DatePart[];
}

export function createResponseForm(today: () => string = () => londonToday()) {
  return new FormGroup(
    {
      outcome: new FormControl<ResponseOutcome | null>(null),
      reasons: new FormControl('', { nonNullable: true }),
      sentOn: new FormGroup({
        day: new FormControl('', { nonNullable: true }),
        month: new FormControl('', { nonNullable: true }),
        year: new FormControl('', { nonNullable: true }),
      }),
      sentTo: new FormGroup({
        recipient: new FormControl<ResponseRecipient | null>(null),
        councilSendTeam: new FormControl(false, { nonNullable: true }),
      }),
    },
    { validators: responseValidator(today) },
  );
}

export type ResponseForm = ReturnType<typeof createResponseForm>;
export type ResponseFormValue = ReturnType<ResponseForm['getRawValue']>;

/** The errors of the whole form, in page order, under `errors.response`. */
export function responseValidator(today: () => string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const errors = validateResponse(control.getRawValue() as ResponseFormValue, today());
    return errors.length ? { response: errors } : null;
  };
}

export function formErrors(form: ResponseForm): FieldError[] {
  return (form.errors?.['response'] as FieldError[] | undefined) ?? [];
}

/** The same rules as the API's: outcome chosen, reasons unless followed, a real past date, a recipient. */
export function validateResponse(value: ResponseFormValue, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!value.outcome) {
    errors.push({ field: 'outcome', targetId: 'outcome', message: 'Select whether the recommendation was followed' });
  }
  if (value.outcome && value.outcome !== 'followed' && !value.reasons.trim()) {
    errors.push({
      field: 'reasons',
      targetId: 'reasons',
      message:
        value.outcome === 'partly_followed'
          ? 'Enter the reasons for not following the recommendation in full'
          : 'Enter the reasons for not following the recommendation',
    });
  }
  const date = parseDateParts(value.sentOn, today);
  if ('error' in date) errors.push(date.error);
  if (!value.sentTo.recipient) {
    errors.push({ field: 'sentTo', targetId: 'sentTo', message: 'Select whether the response was sent to the parent or the young person' });
  }
  return errors;
}

const LABEL = 'Date the response was sent';

/** Day, month and year as typed, checked the GOV.UK way; a real date comes back as YYYY-MM-DD. */
export function parseDateParts(
  parts: { day: string; month: string; year: string },
  today: string,
): { iso: string } | { error: FieldError } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  const fail = (message: string, wrong: readonly DatePart[]) => ({
    error: { field: 'sentOn' as const, targetId: `sentOn-${wrong[0]}`, message, parts: wrong },
  });

  const missing = (['day', 'month', 'year'] as const).filter((p) => !{ day, month, year }[p]);
  if (missing.length === 3) return fail('Enter the date the response was sent', ['day', 'month', 'year']);
  if (missing.length) return fail(`${LABEL} must include a ${missing.join(' and ')}`, missing);

  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d+$/.test(year)) {
    return fail(`${LABEL} must be a real date`, ['day', 'month', 'year']);
  }
  if (year.length !== 4) return fail('Year must include 4 numbers', ['year']);

  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isValidIsoDate(iso)) return fail(`${LABEL} must be a real date`, ['day', 'month', 'year']);
  if (iso > today) return fail(`${LABEL} must be today or in the past`, ['day', 'month', 'year']);
  return { iso };
}

/** The request for a valid form. */
export function toRequest(value: ResponseFormValue, expectedVersion: number, today: string): RecordRecommendationResponseRequest {
  const date = parseDateParts(value.sentOn, today);
  const recipient = RECIPIENTS.find((r) => r.value === value.sentTo.recipient);
  if (!value.outcome || 'error' in date || !recipient) throw new Error('The form is not valid');
  const reasons = value.reasons.trim();
  return {
    expectedVersion,
    outcome: value.outcome,
    ...(reasons ? { reasons } : {}),
    sentOn: date.iso,
    recipient: recipient.value,
    sentTo: [recipient.text, ...(value.sentTo.councilSendTeam ? [COPY_TO_SEND_TEAM.text] : [])],
  };
}

/** The API's problem, as errors against the fields it names (or one message if it names none). */
export function problemErrors(problem: Problem): FieldError[] {
  const fieldErrors = (problem.errors ?? []).map((e): FieldError => {
    const field = (['outcome', 'reasons', 'sentOn', 'sentTo'] as const).find(
      (f) => e.field === f || e.field.startsWith(`${f}.`) || e.field.startsWith(`${f}[`),
    );
    if (!field) return { message: e.message };
    const targetId = field === 'sentOn' ? 'sentOn-day' : field;
    return { field, targetId, message: e.message, ...(field === 'sentOn' ? { parts: ['day', 'month', 'year'] as const } : {}) };
  });
  return fieldErrors.length ? fieldErrors : [{ message: problem.detail || problem.title }];
}
