import { DECISION_TYPES, type DecisionType, MEETING_OUTCOMES, PLAN_SECTIONS } from '@send/contracts';
import { DECISION_TYPE_LABELS, formatLongDate } from '@send/domain';
import { MEETING_OUTCOME_CHOICES, PLAN_SECTION_LABELS } from '../../../shared/labels';
import type { EventFormSpec } from '../event-form';
import { describeDecision, meetingOf } from '../subjects';
import { casePath, choicesOf, dateError, happenedOn, notBefore, notes, pick } from './common';

/** Decisions about the content of a plan, or not to amend it: the family disagrees with some sections. */
const ABOUT_SECTIONS: ReadonlySet<DecisionType> = new Set(['final_plan_content', 'amended_plan_content', 'refuse_amend']);

const LETTER_ITEMS = [
  { value: 'mediationInformation', text: "The mediation adviser's details and the time limit to contact them (reg 32)" },
  { value: 'appealRights', text: 'The right to appeal to the Tribunal' },
  { value: 'timeLimits', text: 'The time limits for appealing' },
  { value: 'disagreementResolution', text: 'Disagreement resolution services' },
] as const;

export const decisionForm: EventFormSpec = {
  kind: 'decision',
  title: () => 'Record a decision the council issued',
  law: () => [
    'The decision starts the family’s clocks from the date the letter was sent: 2 months to contact the mediation adviser (SEND Regulations, reg 33), and 2 months to appeal to the Tribunal, or 1 month from a mediation certificate if that is later (Tribunal Procedure Rules, rule 20).',
    'The letter must tell the family about mediation and how to contact the mediation adviser, their right to appeal and its time limits, and disagreement resolution services (reg 32).',
  ],
  fields: () => [
    {
      kind: 'radios',
      name: 'type',
      label: 'What did the council decide?',
      missing: 'Select what the council decided',
      options: () => choicesOf(DECISION_TYPES, DECISION_TYPE_LABELS),
    },
    happenedOn('decisionDate', 'Date of the decision'),
    happenedOn('letterSent', 'Date the decision letter was sent', {
      hint: 'The family’s deadlines count from this date.',
    }),
    {
      kind: 'checkboxes',
      name: 'sections',
      label: 'Which sections of the plan does the family disagree with?',
      hint: 'Select all that apply. An appeal about section I (placement) only does not need a mediation certificate.',
      optional: true,
      when: (v) => ABOUT_SECTIONS.has(v['type'] as DecisionType),
      options: () => choicesOf(PLAN_SECTIONS, PLAN_SECTION_LABELS),
    },
    {
      kind: 'checkboxes',
      name: 'letterChecklist',
      label: 'What did the decision letter include?',
      hint: 'Select all that the letter included. A letter missing any of them can be challenged.',
      optional: true,
      options: () => LETTER_ITEMS,
    },
    notes('rationale', 'Why the council made the decision', {
      optional: true,
      hint: 'The evidence and reasons, as the panel recorded them.',
    }),
  ],
  validate: (parsed) =>
    String(parsed['letterSent']) < String(parsed['decisionDate'])
      ? [dateError('letterSent', 'Date the decision letter was sent must be the same as or after the date of the decision')]
      : [],
  path: (ctx) => casePath(ctx, '/decisions'),
  body: (parsed) => {
    const included = new Set((parsed['letterChecklist'] as string[] | undefined) ?? []);
    return {
      ...pick(parsed, 'type', 'decisionDate', 'letterSent', 'rationale'),
      sections: (parsed['sections'] as string[] | undefined) ?? [],
      letterChecklist: Object.fromEntries(LETTER_ITEMS.map((i) => [i.value, included.has(i.value)])),
    };
  },
  saved: 'Decision recorded',
};

export const wayForwardRequestedForm: EventFormSpec = {
  kind: 'way-forward-requested',
  title: () => 'Record a request for a SEND way forward meeting',
  law: () => [
    'A SEND way forward meeting is a local step, not a statutory one: it pauses no clock. The family’s deadlines to contact the mediation adviser and to appeal keep running while it is arranged.',
  ],
  fields: (ctx) => [
    {
      kind: 'radios',
      name: 'decisionId',
      label: 'Which decision is the meeting about?',
      optional: true,
      options: () => [
        ...ctx.detail.decisions.map((d) => ({ value: d.id, text: describeDecision(d) })),
        { value: 'none', text: 'Not about one decision' },
      ],
    },
    happenedOn('requestedOn', 'Date the meeting was requested'),
  ],
  path: (ctx) => casePath(ctx, '/way-forward-meetings'),
  body: (parsed) => ({
    ...pick(parsed, 'requestedOn'),
    ...(parsed['decisionId'] && parsed['decisionId'] !== 'none' ? { decisionId: parsed['decisionId'] } : {}),
  }),
  saved: 'Way forward meeting request recorded',
};

export const wayForwardHeldForm: EventFormSpec = {
  kind: 'way-forward-held',
  requires: ['meeting'],
  exists: (ctx) => !!meetingOf(ctx),
  title: () => 'Record that the way forward meeting was held',
  about: (ctx) => {
    const m = meetingOf(ctx);
    return m ? [{ key: 'Meeting', value: `Requested ${formatLongDate(m.requestedOn)}` }] : [];
  },
  law: () => ['The meeting pauses no clock: whatever its outcome, the family’s mediation and appeal deadlines stand.'],
  fields: () => [
    happenedOn('heldOn', 'Date the meeting was held', {
      check: notBefore((ctx) => meetingOf(ctx)?.requestedOn, (d) => `The meeting cannot have been held before it was requested (${formatLongDate(d)})`),
    }),
    {
      kind: 'radios',
      name: 'outcome',
      label: 'What was the outcome?',
      missing: 'Select the outcome of the meeting',
      options: () => choicesOf(MEETING_OUTCOMES, MEETING_OUTCOME_CHOICES),
    },
    notes('notes', 'Notes', { optional: true, hint: 'What was agreed, and what happens next.' }),
  ],
  path: (ctx) => casePath(ctx, `/way-forward-meetings/${ctx.params['meeting']}/held`),
  body: (parsed) => pick(parsed, 'heldOn', 'outcome', 'notes'),
  saved: 'Way forward meeting recorded',
};
