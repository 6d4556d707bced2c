import type { Choice } from '../../../shared/forms/form-types';
import type { FieldSpec, FormContext, Parsed, Values } from '../event-form';

/** Choices from a label table, in the order of `values`. */
export const choicesOf = <T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
): Choice[] => values.map((value) => ({ value, text: labels[value] }));

export const YES_NO: readonly Choice[] = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];

/** A yes or no answer as the API takes it. */
export const yes = (parsed: Parsed, name: string): boolean =>
  parsed[name] === 'yes';

/** A yes or no answer, left out of the body when not given. */
export const optionalYes = <K extends string>(
  parsed: Parsed,
  name: K,
): { [P in K]?: boolean } =>
  (parsed[name] === undefined ? {} : { [name]: parsed[name] === 'yes' }) as {
    [P in K]?: boolean;
  };

/** A date field that must be today or earlier (most facts happened already). */
type DateField = Extract<FieldSpec, { kind: 'date' }>;
type TextField = Extract<FieldSpec, { kind: 'text' }>;

export const happenedOn = (
  name: string,
  label: string,
  extra: Partial<DateField> = {},
): DateField => ({
  kind: 'date',
  name,
  label,
  ...extra,
});

export const notes = (
  name: string,
  label: string,
  extra: Partial<TextField> = {},
): TextField => ({
  kind: 'text',
  name,
  label,
  rows: 5,
  ...extra,
});

/** A date check against the case: the message when the date is before `earliest` (if the case has it). */
export const notBefore =
  (
    earliest: (ctx: FormContext) => string | undefined,
    message: (earliest: string) => string,
  ) =>
  (iso: string, _values: Values, ctx: FormContext): string | undefined => {
    const limit = earliest(ctx);
    return limit !== undefined && iso < limit ? message(limit) : undefined;
  };

/** An error on a date field found by a check across answers. */
export const dateError = (name: string, message: string) => ({
  field: name,
  targetId: `${name}-day`,
  message,
  parts: ['day', 'month', 'year'] as const,
});

/**
 * The named answers (those given) as fields of the request `T`: `answers<T>(parsed)('sentOn', …)`.
 * The engine has checked each answer against its field (a date is YYYY-MM-DD, a choice one of its
 * options, text trimmed, a required answer present), so they have the request's types.
 */
export const answers =
  <T extends object>(parsed: Parsed) =>
  <K extends keyof T & string>(...names: K[]): Pick<T, K> =>
    Object.fromEntries(
      names.filter((n) => parsed[n] !== undefined).map((n) => [n, parsed[n]]),
    ) as Pick<T, K>;

/** A list answer (ticked values), empty when none. */
export const ticked = <T extends string = string>(
  parsed: Parsed,
  name: string,
): T[] => (parsed[name] as T[] | undefined) ?? [];

export const casePath = (ctx: FormContext, rest: string) =>
  `/cases/${encodeURIComponent(ctx.detail.id)}${rest}`;
