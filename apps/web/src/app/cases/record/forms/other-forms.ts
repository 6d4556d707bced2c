import {
  type AddContactRequest,
  type CorrectEventRequest,
  type ExtendDeadlineRequest,
  PLAN_SECTIONS,
  type ReassignCaseRequest,
  type WriteBody,
} from '@send/contracts';
import {
  CORRECTABLE_FIELDS,
  DECISION_TYPE_LABELS,
  EXTENSION_GROUNDS,
  formatLongDate,
  isOutstanding,
  ruleInfo,
} from '@send/domain';
import { toDateParts } from '../../../shared/forms/date-parts';
import type { Choice } from '../../../shared/forms/form-types';
import {
  APPEAL_OUTCOME_CHOICES,
  APPELLANT_LABELS,
  MEETING_OUTCOME_CHOICES,
  outcomeLabel,
  PLAN_SECTION_LABELS,
} from '../../../shared/labels';
import type {
  EventFormSpec,
  FieldSpec,
  FieldValue,
  FormContext,
  Parsed,
  Values,
} from '../event-form';
import { deadlineOf } from '../subjects';
import {
  answers,
  casePath,
  choicesOf,
  happenedOn,
  notes,
  YES_NO,
} from './common';

export const extensionForm: EventFormSpec<WriteBody<ExtendDeadlineRequest>> = {
  kind: 'extension',
  requires: ['deadline'],
  // Only a time limit the law lets be extended, and only while it is live.
  exists: (ctx) => {
    const d = deadlineOf(ctx);
    return !!d && isOutstanding(d) && !!ruleInfo(d.ruleId)?.extension;
  },
  title: () => 'Extend a deadline',
  about: (ctx) => {
    const d = deadlineOf(ctx);
    return d
      ? [
          { key: 'Deadline', value: d.ruleTitle },
          { key: 'Due now', value: formatLongDate(d.dueOn) },
        ]
      : [];
  },
  law: (ctx) => [
    `Only a statutory exception can extend a deadline. For this one, ${ruleInfo(deadlineOf(ctx)?.ruleId ?? '')?.extension?.source ?? 'the law'} gives the exceptions below: choose the one that applies and say why.`,
    'A deadline never moves silently: the extension, its reason and who agreed it are added to the history, and both dates stay on record.',
  ],
  fields: () => [
    happenedOn('toDueOn', 'New due date', {
      future: true,
      check: (iso, _v, ctx) => {
        const d = deadlineOf(ctx);
        return d && iso <= d.dueOn
          ? `The new due date must be after the current one (${formatLongDate(d.dueOn)})`
          : undefined;
      },
    }),
    {
      kind: 'radios',
      name: 'ground',
      label: 'Which statutory exception applies?',
      missing: 'Select the statutory exception that applies',
      options: (ctx) =>
        (ruleInfo(deadlineOf(ctx)?.ruleId ?? '')?.extension?.grounds ?? []).map(
          (g) => ({ value: g, text: EXTENSION_GROUNDS[g] }),
        ),
    },
    notes('reason', 'Why it applies', { rows: 4 }),
    {
      kind: 'text',
      name: 'agreedBy',
      label: 'Who agreed the extension?',
      hint: 'Their name and role, for example "Morgan Lee, SEND manager".',
    },
  ],
  path: (ctx) =>
    `/deadlines/${encodeURIComponent(ctx.params['deadline'] ?? '')}/extension`,
  body: (parsed) =>
    answers<ExtendDeadlineRequest>(parsed)(
      'toDueOn',
      'ground',
      'reason',
      'agreedBy',
    ) satisfies WriteBody<ExtendDeadlineRequest>,
  saved: 'Extension recorded',
  continueText: 'Continue',
};

/* ── The case itself: its people ─────────────────────────────────────────────────────────────── */

/** What the API takes as a telephone number. */
const PHONE = /^[0-9 +()-]{6,20}$/;
/** An email address as a person would check it: something, an @, a domain with a dot (the API checks it fully). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const contactForm: EventFormSpec<WriteBody<AddContactRequest>> = {
  kind: 'contact',
  title: () => 'Add a parent, carer or other contact',
  law: () => [
    'Decision letters, mediation certificates and the written responses to the Tribunal’s health and social care recommendations go to the parent, or to the young person once they are over compulsory school age. Record who they are and how to reach them.',
    'A contact is added to the history; it does not start or move any deadline.',
  ],
  fields: () => [
    {
      kind: 'text',
      name: 'name',
      label: 'Full name',
      width: 'two-thirds',
      maxLength: 200,
    },
    {
      kind: 'text',
      name: 'relationship',
      label: 'How are they related to the child or young person?',
      hint: 'For example, mother, foster carer, the young person themselves, or an advocate acting for the family.',
      missing: 'Enter how they are related to the child or young person',
      width: 'one-half',
      maxLength: 200,
    },
    {
      kind: 'text',
      name: 'email',
      label: 'Email address',
      optional: true,
      inputType: 'email',
      width: 'two-thirds',
      maxLength: 200,
      pattern: {
        regex: EMAIL,
        message:
          'Enter an email address in the correct format, like name@example.com',
      },
    },
    {
      kind: 'text',
      name: 'phone',
      label: 'Telephone number',
      optional: true,
      inputType: 'tel',
      width: '20',
      pattern: {
        regex: PHONE,
        message:
          'Enter a telephone number, like 01572 722577 or +44 7700 900982',
      },
    },
  ],
  path: (ctx) => casePath(ctx, '/contacts'),
  body: (parsed) =>
    answers<AddContactRequest>(parsed)(
      'name',
      'relationship',
      'email',
      'phone',
    ) satisfies WriteBody<AddContactRequest>,
  saved: 'Contact added',
  continueText: 'Continue',
};

export const reassignmentForm: EventFormSpec<WriteBody<ReassignCaseRequest>> = {
  kind: 'reassignment',
  needs: 'staff',
  title: () => 'Reassign the case',
  about: (ctx) => [
    { key: 'Caseworker now', value: ctx.detail.caseworker },
    { key: 'Team', value: ctx.detail.team },
  ],
  law: (ctx) => {
    const open = ctx.detail.deadlines.filter(isOutstanding).length;
    return [
      `Every open deadline on the case moves to the new caseworker${open ? ` (${open} now)` : ''}: from now on they get its reminders and see it in My deadlines, and an overdue one escalates to their manager.`,
      'The reassignment, its reason and who made it are added to the history.',
    ];
  },
  fields: (ctx) => [
    {
      kind: 'radios',
      name: 'staffUserId',
      label: 'Who will own the case?',
      hint: 'Caseworkers and managers in your team.',
      missing: 'Select who will own the case',
      options: () => ctx.staff.filter((s) => s.text !== ctx.detail.caseworker),
    },
    notes('reason', 'Why is the case being reassigned?', {
      rows: 3,
      missing: 'Enter why the case is being reassigned',
      hint: 'For example, "Caseload balanced across the team" or "Long-term absence of the caseworker".',
    }),
  ],
  path: (ctx) => casePath(ctx, '/reassignment'),
  body: (parsed) =>
    answers<ReassignCaseRequest>(parsed)(
      'staffUserId',
      'reason',
    ) satisfies WriteBody<ReassignCaseRequest>,
  saved: 'Case reassigned',
  continueText: 'Continue',
};

/* ── Corrections ─────────────────────────────────────────────────────────────────────────────── */

interface Correctable {
  kind: 'date' | 'text' | 'boolean' | 'sections' | 'texts' | 'choice';
  label: string;
  optional?: true;
  maxLength?: number;
  values?: readonly string[];
}

/** The words for a recorded choice, whatever kind of event it belongs to. */
const CHOICE_WORDS: Record<string, string> = {
  ...DECISION_TYPE_LABELS,
  ...MEETING_OUTCOME_CHOICES,
  ...Object.fromEntries(
    Object.entries(APPEAL_OUTCOME_CHOICES).map(([k, v]) => [k, v.text]),
  ),
  ...APPELLANT_LABELS,
  followed: outcomeLabel('followed'),
  partly_followed: outcomeLabel('partly_followed'),
  not_followed: outcomeLabel('not_followed'),
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The event the address names, as it now stands (corrections made to it since applied). */
function correctedEvent(
  ctx: FormContext,
):
  | { type: string; payload: Record<string, unknown>; summary: string }
  | undefined {
  const sequence = Number(ctx.params['sequence']);
  const event = ctx.history.find((e) => e.sequence === sequence);
  if (
    !event ||
    !CORRECTABLE_FIELDS[event.type as keyof typeof CORRECTABLE_FIELDS]
  )
    return undefined;
  const payload = { ...event.payload };
  for (const later of ctx.history) {
    if (
      later.type !== 'event.corrected' ||
      later.payload['correctsSequence'] !== sequence
    )
      continue;
    for (const [name, value] of Object.entries(
      (later.payload['changes'] as Record<string, unknown>) ?? {},
    )) {
      if (value === null) delete payload[name];
      else payload[name] = value;
    }
  }
  return { type: event.type, payload, summary: event.summary };
}

function fieldsOf(type: string): [string, Correctable][] {
  return Object.entries(
    (CORRECTABLE_FIELDS[type as keyof typeof CORRECTABLE_FIELDS] ??
      {}) as Record<string, Correctable>,
  );
}

function correctionField(name: string, f: Correctable): FieldSpec {
  const label = capital(f.label);
  const optional = f.optional ? { optional: true } : {};
  switch (f.kind) {
    case 'date':
      return { kind: 'date', name, label, future: true, ...optional };
    case 'text':
      return {
        kind: 'text',
        name,
        label,
        maxLength: f.maxLength,
        ...((f.maxLength ?? 0) > 200 ? { rows: 4 } : {}),
        ...optional,
      };
    case 'texts':
      return {
        kind: 'text',
        name,
        label,
        rows: 3,
        hint: 'One on each line.',
        ...optional,
      };
    case 'boolean':
      return {
        kind: 'radios',
        name,
        label,
        inline: true,
        options: () => YES_NO,
      };
    case 'sections':
      return {
        kind: 'checkboxes',
        name,
        label,
        optional: true,
        options: () => choicesOf(PLAN_SECTIONS, PLAN_SECTION_LABELS),
      };
    case 'choice':
      return {
        kind: 'radios',
        name,
        label,
        ...optional,
        options: (): Choice[] =>
          (f.values ?? []).map((value) => ({
            value,
            text: CHOICE_WORDS[value] ?? value,
          })),
      };
  }
}

/** A recorded value as the form shows it. */
function asAnswer(f: Correctable, value: unknown): FieldValue {
  switch (f.kind) {
    case 'date':
      return toDateParts(typeof value === 'string' ? value : undefined);
    case 'boolean':
      return value === true ? 'yes' : value === false ? 'no' : '';
    case 'sections':
      return Array.isArray(value) ? value.map(String) : [];
    case 'texts':
      return Array.isArray(value) ? value.join('\n') : '';
    default:
      return typeof value === 'string' ? value : '';
  }
}

/** An answer as the API takes it in `changes` (null removes an optional field). */
function asChange(f: Correctable, parsed: unknown): unknown {
  if (parsed === undefined) return null;
  switch (f.kind) {
    case 'boolean':
      return parsed === 'yes';
    case 'texts':
      return String(parsed)
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
    default:
      return parsed;
  }
}

const same = (a: unknown, b: unknown) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields whose answers differ from what is recorded: the correction's `changes`. */
function correctionChanges(
  parsed: Parsed,
  ctx: FormContext,
): Record<string, unknown> {
  const event = correctedEvent(ctx);
  if (!event) return {};
  const changes: Record<string, unknown> = {};
  for (const [name, f] of fieldsOf(event.type)) {
    const value = asChange(f, parsed[name]);
    if (!same(value, event.payload[name] ?? null)) changes[name] = value;
  }
  return changes;
}

export const correctionForm: EventFormSpec<WriteBody<CorrectEventRequest>> = {
  kind: 'correction',
  requires: ['sequence'],
  exists: (ctx) => !!correctedEvent(ctx),
  title: () => 'Correct an earlier entry',
  about: (ctx) => {
    const event = correctedEvent(ctx);
    return event
      ? [{ key: `Entry ${ctx.params['sequence']}`, value: event.summary }]
      : [];
  },
  law: () => [
    'A correction never changes the history: it is a new entry that points to the one it corrects, with your reason, and both stay on record.',
    'The case and its deadlines become what they would have been had the entry been recorded right: due dates are worked out again.',
  ],
  fields: (ctx) => {
    const event = correctedEvent(ctx);
    return [
      ...(event
        ? fieldsOf(event.type).map(([name, f]) => correctionField(name, f))
        : []),
      notes('reason', 'Why was it recorded wrongly?', {
        rows: 4,
        hint: 'For example, what the letter or email shows.',
        missing: 'Enter why the entry was recorded wrongly',
      }),
    ];
  },
  initial: (ctx): Values => {
    const event = correctedEvent(ctx);
    return event
      ? Object.fromEntries(
          fieldsOf(event.type).map(([name, f]) => [
            name,
            asAnswer(f, event.payload[name]),
          ]),
        )
      : {};
  },
  validate: (parsed, ctx) =>
    Object.keys(correctionChanges(parsed, ctx)).length
      ? []
      : [
          {
            message:
              'Change at least one answer: these are the values already recorded',
          },
        ],
  path: (ctx) =>
    `/cases/${encodeURIComponent(ctx.detail.id)}/events/${encodeURIComponent(ctx.params['sequence'] ?? '')}/correction`,
  body: (parsed, ctx) =>
    ({
      changes: correctionChanges(parsed, ctx),
      ...answers<CorrectEventRequest>(parsed)('reason'),
    }) satisfies WriteBody<CorrectEventRequest>,
  saved: 'Correction recorded',
};
