import type {
  CaseDetail,
  HistoryEventView,
  LetterRequest,
  Problem,
} from '@send/contracts';
import { formatLongDate } from '@send/domain';
import { isBlankDate, parseDate } from '../../shared/forms/date-parts';
import {
  type Choice,
  type DateParts,
  EMPTY_DATE,
  type FieldError,
} from '../../shared/forms/form-types';

/*
 * A typed description of the form for each kind of event, and the one engine that shows,
 * checks and sends them all. A form is a list of fields; each field is a question (a date, a
 * choice, some text, or a list of items with fields of their own). Field names are the API's
 * property names, so that the API's `errors` land on the field they name.
 */

/** What a form can see: the case, the subject named in the address, today, and the lists some forms choose from. */
export interface FormContext {
  detail: CaseDetail;
  /** The address's query parameters: which mediation, appeal, order… the entry is about. */
  params: Readonly<Record<string, string | undefined>>;
  /** Today in Europe/London (YYYY-MM-DD). */
  today: string;
  /** The active mediation providers (loaded only for a form that `needs` them). */
  providers: readonly Choice[];
  /** The caseworkers and managers of the case's team (loaded only for a form that `needs` them). */
  staff: readonly Choice[];
  history: readonly HistoryEventView[];
}

interface BaseField {
  name: string;
  /** The question, as the legend or label reads. */
  label: string;
  hint?: string;
  /** The field may be left empty. */
  optional?: boolean;
  /** Shown (and checked, and sent) only when this is true of the answers so far. */
  when?: (values: Values, ctx: FormContext) => boolean;
  /** The message when a required field is empty; by default "Enter …" or "Select …". */
  missing?: string;
}

export type FieldSpec =
  | (BaseField & {
      kind: 'date';
      /** The date can be in the future (a hearing, a mediation booked); otherwise it must be today or earlier. */
      future?: boolean;
      /** Checks against the other answers, e.g. "must be after …": a message, or undefined when fine. */
      check?: (
        iso: string,
        values: Values,
        ctx: FormContext,
      ) => string | undefined;
    })
  | (BaseField & {
      kind: 'text';
      rows?: number;
      width?: string;
      maxLength?: number;
      pattern?: { regex: RegExp; message: string };
      /** An email address or a telephone number: the matching input type (keyboards on tablets). */
      inputType?: 'email' | 'tel';
    })
  | (BaseField & {
      kind: 'radios';
      options: (ctx: FormContext, values: Values) => readonly Choice[];
      inline?: boolean;
    })
  | (BaseField & {
      kind: 'checkboxes';
      options: (ctx: FormContext, values: Values) => readonly Choice[];
    })
  | (BaseField & {
      kind: 'list';
      /** What one item is called: "order", "recommendation", "agreed item". */
      item: string;
      fields: readonly ItemFieldSpec[];
      min: number;
      max: number;
    });

/** A field of a list item: no lists inside lists. */
export type ItemFieldSpec = Exclude<FieldSpec, { kind: 'list' }>;

/** The answers as typed: a date's three boxes, a choice, some text, ticked values, or list items. */
export type FieldValue = string | string[] | DateParts | Values[];
export type Values = Record<string, FieldValue>;

/** The answers once checked: dates as YYYY-MM-DD, text trimmed, empty optional answers left out. */
export type Parsed = Record<string, unknown>;

/**
 * One form. `B` is the body of its write request (the request type in `@send/contracts` without
 * `expectedVersion` and `dryRun`, which the app adds): each form's `body` builds one, checked with
 * `satisfies`.
 */
export interface EventFormSpec<B extends object = object> {
  /** The address segment: /cases/:id/record/<kind>. */
  kind: string;
  /** The page's heading, e.g. "Record that the family declined mediation". */
  title: (ctx: FormContext) => string;
  /** What the law requires here, in words: one paragraph each. */
  law: (ctx: FormContext) => readonly string[];
  /** The thing the entry is about, for the summary above the form (e.g. "Mediation about the decision of …"). */
  about?: (ctx: FormContext) => { key: string; value: string }[];
  /** Query parameters the entry needs (the subject); missing or unknown ones make the page "not found". */
  requires?: readonly string[];
  /** Whether the subject named in the address exists on this case. */
  exists?: (ctx: FormContext) => boolean;
  /** A list the form's questions choose from, loaded from the API before the form shows. */
  needs?: 'providers' | 'staff';
  fields: (ctx: FormContext) => readonly FieldSpec[];
  /**
   * A long form asked a page at a time (GOV.UK "one thing per page"): each page's heading and the
   * names of its fields, in order. A page none of whose fields is asked (their `when`) is skipped.
   * Without pages, every field is on one page.
   */
  pages?: readonly FormPageSpec[];
  /** The answers to start from (a correction starts from what was recorded). */
  initial?: (ctx: FormContext) => Values;
  /** Checks across the answers, after each field's own. */
  validate?: (parsed: Parsed, ctx: FormContext) => FieldError[];
  /** The API path after /api, e.g. `/cases/<id>/decisions`. */
  path: (ctx: FormContext) => string;
  /** The request body (without expectedVersion and dryRun). */
  body: (parsed: Parsed, ctx: FormContext) => B;
  /** The success banner on the case page. */
  saved: string;
  /**
   * An entry the law wants a letter for, which "Check your answers" offers to issue with it (issue
   * = record): the letter request for the same answers (without expectedVersion), or undefined when
   * these answers have no letter (an appeal that ended otherwise than by a concession), and the
   * words of the confirmation before the entry's number ("The response is recorded as entry").
   */
  letter?: {
    request(
      body: B,
      ctx: FormContext,
    ): Omit<LetterRequest, 'expectedVersion'> | undefined;
    issued: string;
  };
  /** The button that leads to checking the answers (or, with `saveFromForm`, that saves). */
  continueText?: string;
  /**
   * A short entry saved from the form itself, without the check page: its button (`continueText`)
   * checks the answers and saves them, and the case page then shows `saved`.
   */
  saveFromForm?: true;
}

/** One page of a form asked a page at a time. */
export interface FormPageSpec {
  /** The page's heading: what it asks. */
  title: string;
  /** The names of its fields. */
  fields: readonly string[];
}

/** A page of the form as it is asked now: its heading and its fields that are asked. */
export interface FormPage {
  title: string;
  fields: readonly FieldSpec[];
}

/**
 * The pages of the form for these answers: the spec's pages that ask something now (the fields
 * a page names, those whose `when` holds), or a single page of every field. A field no page names
 * (such as the confirmation of an unusual entry) goes on the last page asked, so that nothing the
 * form asks is ever left off.
 */
export function formPages(
  spec: EventFormSpec,
  values: Values,
  ctx: FormContext,
): FormPage[] {
  const fields = spec.fields(ctx);
  const asked = visibleFields(fields, values, ctx);
  if (!spec.pages?.length) return [{ title: spec.title(ctx), fields: fields }];
  const named = new Set(spec.pages.flatMap((p) => p.fields));
  const pages = spec.pages
    .map((p) => ({
      title: p.title,
      fields: fields.filter((f) => p.fields.includes(f.name)),
    }))
    .filter((p) => p.fields.some((f) => asked.includes(f)));
  const unnamed = fields.filter((f) => !named.has(f.name));
  const last = pages.at(-1);
  if (!last) return [{ title: spec.title(ctx), fields }];
  last.fields = [...last.fields, ...unnamed];
  return pages;
}

/** The index of the page that asks the field with this id (a field's id, a date part's or a list item's); -1 if none. */
export function pageOfField(pages: readonly FormPage[], id: string): number {
  return pages.findIndex((p) =>
    p.fields.some((f) => id === f.name || id.startsWith(`${f.name}-`)),
  );
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The id of a field, or of a field of a list item. */
export const fieldId = (
  name: string,
  item?: { list: string; index: number },
) => (item ? `${item.list}-${item.index}-${name}` : name);

/** The empty answer for a field. */
function emptyValue(field: FieldSpec | ItemFieldSpec): FieldValue {
  switch (field.kind) {
    case 'date':
      return { ...EMPTY_DATE };
    case 'checkboxes':
      return [];
    case 'list':
      return Array.from({ length: field.min }, () => emptyItem(field.fields));
    default:
      return '';
  }
}

export function emptyItem(fields: readonly ItemFieldSpec[]): Values {
  return Object.fromEntries(fields.map((f) => [f.name, emptyValue(f)]));
}

export function initialValues(spec: EventFormSpec, ctx: FormContext): Values {
  const empty = Object.fromEntries(
    spec.fields(ctx).map((f) => [f.name, emptyValue(f)]),
  );
  return { ...empty, ...(spec.initial?.(ctx) ?? {}) };
}

/** The fields shown for these answers. */
export function visibleFields<F extends FieldSpec | ItemFieldSpec>(
  fields: readonly F[],
  values: Values,
  ctx: FormContext,
): F[] {
  return fields.filter((f) => !f.when || f.when(values, ctx));
}

const asText = (v: FieldValue | undefined) => (typeof v === 'string' ? v : '');
const asList = (v: FieldValue | undefined) =>
  Array.isArray(v) && v.every((x) => typeof x === 'string')
    ? (v as string[])
    : [];
const asDate = (v: FieldValue | undefined) =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? (v as DateParts)
    : EMPTY_DATE;
const asItems = (v: FieldValue | undefined) =>
  Array.isArray(v)
    ? (v as unknown[]).filter((x): x is Values => typeof x === 'object')
    : [];

/** Checks one field; the parsed answer, or undefined when empty and optional. */
function checkField(
  field: ItemFieldSpec,
  value: FieldValue | undefined,
  id: string,
  values: Values,
  ctx: FormContext,
  errors: FieldError[],
): unknown {
  const fail = (message: string) => {
    errors.push({ field: id, targetId: id, message });
    return undefined;
  };
  switch (field.kind) {
    case 'date': {
      const parts = asDate(value);
      if (field.optional && isBlankDate(parts)) return undefined;
      const result = parseDate(parts, {
        id,
        label: field.label,
        ...(field.missing ? { missing: field.missing } : {}),
        ...(field.future ? {} : { notAfter: ctx.today }),
      });
      if ('error' in result) {
        errors.push(result.error);
        return undefined;
      }
      const problem = field.check?.(result.iso, values, ctx);
      if (problem) {
        errors.push({
          field: id,
          targetId: `${id}-day`,
          message: problem,
          parts: ['day', 'month', 'year'],
        });
        return undefined;
      }
      return result.iso;
    }
    case 'text': {
      const text = asText(value).trim();
      if (!text)
        return field.optional
          ? undefined
          : fail(
              field.missing ??
                `Enter ${lowerFirst(field.label).replace(/\?$/, '')}`,
            );
      const max =
        field.maxLength ?? (field.rows && field.rows > 1 ? 10_000 : 200);
      if (text.length > max)
        return fail(`${field.label} must be ${max} characters or fewer`);
      if (field.pattern && !field.pattern.regex.test(text))
        return fail(field.pattern.message);
      return text;
    }
    case 'radios': {
      const chosen = asText(value);
      const allowed = field
        .options(ctx, values)
        .some((o) => o.value === chosen);
      if (!chosen || !allowed)
        return field.optional && !chosen
          ? undefined
          : fail(
              field.missing ??
                `Select ${lowerFirst(field.label).replace(/\?$/, '')}`,
            );
      return chosen;
    }
    case 'checkboxes': {
      const ticked = asList(value);
      if (!ticked.length && !field.optional)
        return fail(
          field.missing ??
            `Select ${lowerFirst(field.label).replace(/\?$/, '')}`,
        );
      return ticked;
    }
  }
}

/**
 * Checks the answers the way the API will (required fields, real dates, not in the future, the
 * patterns the API enforces), in page order. Answers the errors, or the parsed answers. Only the
 * fields and the checks across them are needed: a page that asks a few questions of the engine's
 * kinds (the decision notice's dates) checks them here too.
 */
export function checkAnswers(
  spec: Pick<EventFormSpec, 'fields' | 'validate'>,
  values: Values,
  ctx: FormContext,
): { errors: FieldError[]; parsed: Parsed } {
  const errors: FieldError[] = [];
  const parsed: Parsed = {};
  for (const field of visibleFields(spec.fields(ctx), values, ctx)) {
    if (field.kind === 'list') {
      const items = asItems(values[field.name]);
      if (items.length < field.min) {
        errors.push({
          field: field.name,
          targetId: `${field.name}-add`,
          message: `Add at least ${field.min} ${field.item}`,
        });
      }
      parsed[field.name] = items.map((item, index) => {
        const out: Parsed = {};
        const itemErrors: FieldError[] = [];
        for (const sub of visibleFields(field.fields, item, ctx)) {
          const v = checkField(
            sub,
            item[sub.name],
            fieldId(sub.name, { list: field.name, index }),
            item,
            ctx,
            itemErrors,
          );
          if (v !== undefined) out[sub.name] = v;
        }
        // "Enter what was agreed (agreed item 2)": with several items, say which.
        errors.push(
          ...itemErrors.map((e) => ({
            ...e,
            message: `${e.message} (${field.item} ${index + 1})`,
          })),
        );
        return out;
      });
      continue;
    }
    const v = checkField(
      field,
      values[field.name],
      field.name,
      values,
      ctx,
      errors,
    );
    if (v !== undefined) parsed[field.name] = v;
  }
  if (!errors.length && spec.validate)
    errors.push(...spec.validate(parsed, ctx));
  return { errors, parsed };
}

/** The API's problem as errors on the fields it names (`items.0.description` → `items-0-description`). */
export function problemToErrors(
  problem: Problem,
  spec: EventFormSpec,
  values: Values,
  ctx: FormContext,
): FieldError[] {
  const fields = visibleFields(spec.fields(ctx), values, ctx);
  const errors = (problem.errors ?? []).map((e): FieldError => {
    const [name, index, sub] = e.field.split('.');
    const field = fields.find((f) => f.name === name);
    if (!field) return { message: e.message };
    // "letterSent must be …" reads as "Date the letter was sent must be …".
    const labelled = (label: string) =>
      e.message.startsWith(`${e.field} `)
        ? `${label}${e.message.slice(e.field.length)}`
        : e.message;
    if (field.kind === 'list') {
      const subField = field.fields.find((f) => f.name === sub);
      if (index === undefined || !subField)
        return {
          field: field.name,
          targetId: `${field.name}-add`,
          message: labelled(field.label),
        };
      const id = fieldId(subField.name, {
        list: field.name,
        index: Number(index),
      });
      const message = `${labelled(subField.label)} (${field.item} ${Number(index) + 1})`;
      return {
        field: id,
        targetId: subField.kind === 'date' ? `${id}-day` : id,
        message,
      };
    }
    const message = labelled(field.label);
    const target = field.kind === 'date' ? `${field.name}-day` : field.name;
    return {
      field: field.name,
      targetId: target,
      message,
      ...(field.kind === 'date'
        ? { parts: ['day', 'month', 'year'] as const }
        : {}),
    };
  });
  return errors.length
    ? errors
    : [{ message: problem.detail || problem.title }];
}

/** One answer for "Check your answers". */
export interface Answer {
  key: string;
  value: string;
  /** The field to change it (its id on the form). */
  field: string;
}

function show(
  field: ItemFieldSpec,
  value: unknown,
  ctx: FormContext,
  values: Values,
): string {
  if (
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && !value.length)
  )
    return 'Not given';
  switch (field.kind) {
    case 'date':
      return formatLongDate(String(value));
    case 'radios':
      return (
        field.options(ctx, values).find((o) => o.value === value)?.text ??
        String(value)
      );
    case 'checkboxes': {
      const options = field.options(ctx, values);
      return (value as string[])
        .map((v) => options.find((o) => o.value === v)?.text ?? v)
        .join('\n');
    }
    case 'text':
      return String(value);
  }
}

/** The answers in words, for "Check your answers". */
export function answersOf(
  spec: EventFormSpec,
  values: Values,
  parsed: Parsed,
  ctx: FormContext,
): Answer[] {
  const answers: Answer[] = [];
  for (const field of visibleFields(spec.fields(ctx), values, ctx)) {
    if (field.kind === 'list') {
      const items = (parsed[field.name] as Parsed[] | undefined) ?? [];
      if (!items.length)
        answers.push({
          key: field.label,
          value: 'None',
          field: `${field.name}-add`,
        });
      const typed = asItems(values[field.name]);
      items.forEach((item, index) => {
        const lines = visibleFields(field.fields, typed[index] ?? {}, ctx).map(
          (sub) =>
            `${sub.label}${sub.label.endsWith('?') ? '' : ':'} ${show(sub, item[sub.name], ctx, typed[index] ?? {})}`,
        );
        answers.push({
          key: `${field.item.charAt(0).toUpperCase()}${field.item.slice(1)} ${index + 1}`,
          value: lines.join('\n'),
          field: fieldId(field.fields[0]?.name ?? '', {
            list: field.name,
            index,
          }),
        });
      });
      continue;
    }
    const target = field.kind === 'date' ? `${field.name}-day` : field.name;
    answers.push({
      key: field.label,
      value: show(field, parsed[field.name], ctx, values),
      field: target,
    });
  }
  return answers;
}
