import {
  type AmendmentsProposedRequest,
  type AssessmentAgreedRequest,
  type AssessmentRequestedRequest,
  DECISION_TYPES,
  type DecisionAnswerKind,
  type DecisionType,
  type DraftPlanCommentsRequest,
  type DraftPlanServedRequest,
  type LetterChecklist,
  MEETING_OUTCOMES,
  type PhaseTransferRequest,
  PLAN_SECTIONS,
  type PlanSection,
  type RecordDecisionRequest,
  type ReviewMeetingRequest,
  type WayForwardHeldRequest,
  type WayForwardRequestedRequest,
  type WriteBody,
} from '@send/contracts';
import {
  DECISION_TYPE_LABELS,
  decisionsAnswering,
  formatLongDate,
  NAMES_A_PLACEMENT,
} from '@send/domain';
import type { Choice } from '../../../shared/forms/form-types';
import {
  MEETING_OUTCOME_CHOICES,
  PLAN_SECTION_LABELS,
} from '../../../shared/labels';
import type { EventFormSpec, FormContext } from '../event-form';
import { describeDecision, dueText, meetingOf } from '../subjects';
import {
  answers,
  casePath,
  choicesOf,
  dateError,
  happenedOn,
  notBefore,
  notes,
  ticked,
} from './common';

/** Decisions about the content of a plan, or not to amend it: the family disagrees with some sections. */
const ABOUT_SECTIONS: ReadonlySet<DecisionType> = new Set([
  'final_plan_content',
  'amended_plan_content',
  'refuse_amend',
]);

const LETTER_ITEMS = [
  {
    value: 'mediationInformation',
    text: "The mediation adviser's details and the time limit to contact them (reg 32)",
  },
  { value: 'appealRights', text: 'The right to appeal to the Tribunal' },
  { value: 'timeLimits', text: 'The time limits for appealing' },
  { value: 'disagreementResolution', text: 'Disagreement resolution services' },
] as const;

export const decisionForm: EventFormSpec<WriteBody<RecordDecisionRequest>> = {
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
      kind: 'text',
      name: 'placement',
      label: 'School or other institution named in section I',
      hint: 'As the plan names it: the case can then be found by it.',
      optional: true,
      when: (v) => NAMES_A_PLACEMENT.includes(v['type'] as DecisionType),
      width: '20',
      maxLength: 200,
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
    {
      kind: 'radios',
      name: 'answers',
      label: 'What does the decision answer?',
      hint: 'If the case records the request, review or transfer the decision answers, choose it: the decision meets its time limit.',
      optional: true,
      when: (v, ctx) =>
        answerChoices(ctx, v['type'] as DecisionType).length > 0,
      options: (ctx, v) => answerChoices(ctx, v['type'] as DecisionType),
    },
  ],
  validate: (parsed) =>
    String(parsed['letterSent']) < String(parsed['decisionDate'])
      ? [
          dateError(
            'letterSent',
            'Date the decision letter was sent must be the same as or after the date of the decision',
          ),
        ]
      : [],
  path: (ctx) => casePath(ctx, '/decisions'),
  body: (parsed) => {
    const included = new Set(ticked(parsed, 'letterChecklist'));
    const [kind, id] = String(parsed['answers'] ?? '').split(':');
    const has = (item: keyof LetterChecklist) => included.has(item);
    return {
      ...answers<RecordDecisionRequest>(parsed)(
        'type',
        'decisionDate',
        'letterSent',
        'rationale',
        'placement',
      ),
      sections: ticked<PlanSection>(parsed, 'sections'),
      letterChecklist: {
        mediationInformation: has('mediationInformation'),
        appealRights: has('appealRights'),
        timeLimits: has('timeLimits'),
        disagreementResolution: has('disagreementResolution'),
      },
      ...(kind && id
        ? { answers: { kind: kind as DecisionAnswerKind, id } }
        : {}),
    } satisfies WriteBody<RecordDecisionRequest>;
  },
  saved: 'Decision recorded',
};

export const wayForwardRequestedForm: EventFormSpec<
  WriteBody<WayForwardRequestedRequest>
> = {
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
        ...ctx.detail.decisions.map((d) => ({
          value: d.id,
          text: describeDecision(d),
        })),
        { value: 'none', text: 'Not about one decision' },
      ],
    },
    happenedOn('requestedOn', 'Date the meeting was requested'),
  ],
  path: (ctx) => casePath(ctx, '/way-forward-meetings'),
  body: (parsed) =>
    ({
      ...answers<WayForwardRequestedRequest>(parsed)('requestedOn'),
      ...(parsed['decisionId'] && parsed['decisionId'] !== 'none'
        ? { decisionId: String(parsed['decisionId']) }
        : {}),
    }) satisfies WriteBody<WayForwardRequestedRequest>,
  saved: 'Way forward meeting request recorded',
};

export const wayForwardHeldForm: EventFormSpec<
  WriteBody<WayForwardHeldRequest>
> = {
  kind: 'way-forward-held',
  requires: ['meeting'],
  exists: (ctx) => !!meetingOf(ctx),
  title: () => 'Record that the way forward meeting was held',
  about: (ctx) => {
    const m = meetingOf(ctx);
    return m
      ? [
          {
            key: 'Meeting',
            value: `Requested ${formatLongDate(m.requestedOn)}`,
          },
        ]
      : [];
  },
  law: () => [
    'The meeting pauses no clock: whatever its outcome, the family’s mediation and appeal deadlines stand.',
  ],
  fields: () => [
    happenedOn('heldOn', 'Date the meeting was held', {
      check: notBefore(
        (ctx) => meetingOf(ctx)?.requestedOn,
        (d) =>
          `The meeting cannot have been held before it was requested (${formatLongDate(d)})`,
      ),
    }),
    {
      kind: 'radios',
      name: 'outcome',
      label: 'What was the outcome?',
      missing: 'Select the outcome of the meeting',
      options: () => choicesOf(MEETING_OUTCOMES, MEETING_OUTCOME_CHOICES),
    },
    notes('notes', 'Notes', {
      optional: true,
      hint: 'What was agreed, and what happens next.',
    }),
  ],
  path: (ctx) =>
    casePath(ctx, `/way-forward-meetings/${ctx.params['meeting']}/held`),
  body: (parsed) =>
    answers<WayForwardHeldRequest>(parsed)(
      'heldOn',
      'outcome',
      'notes',
    ) satisfies WriteBody<WayForwardHeldRequest>,
  saved: 'Way forward meeting recorded',
};

/**
 * The requests, reviews and transfers on the case that a decision of `type` can answer (the domain's
 * table, `decisionsAnswering`), not yet answered, as choices "kind:id".
 */
function answerChoices(
  ctx: FormContext,
  type: DecisionType | undefined,
): Choice[] {
  if (!type) return [];
  const d = ctx.detail;
  const answered = new Set(
    d.decisions
      .filter((x) => x.answers)
      .map((x) => `${x.answers!.kind}:${x.answers!.id}`),
  );
  const fits = (kind: string) => decisionsAnswering(kind).includes(type);
  const choices: Choice[] = [
    ...(fits('assessment_request')
      ? d.assessmentRequests.map((r) => ({
          value: `assessment_request:${r.id}`,
          text: `The request for an assessment received ${formatLongDate(r.receivedOn)}`,
        }))
      : []),
    ...(fits('review')
      ? d.reviews.map((r) => ({
          value: `review:${r.id}`,
          text: `The annual review held ${formatLongDate(r.meetingOn)}`,
        }))
      : []),
    ...(fits('phase_transfer')
      ? d.phaseTransfers.map((t) => ({
          value: `phase_transfer:${t.id}`,
          text: `The transfer between phases on ${formatLongDate(t.transferDate)}`,
        }))
      : []),
  ];
  return choices.filter((c) => !answered.has(c.value));
}

const requestOf = (ctx: FormContext) =>
  ctx.detail.assessmentRequests.find((r) => r.id === ctx.params['request']);
const reviewOf = (ctx: FormContext) =>
  ctx.detail.reviews.find((r) => r.id === ctx.params['review']);
const draftOf = (ctx: FormContext) =>
  ctx.detail.draftPlans.find((r) => r.id === ctx.params['draft']);

export const assessmentRequestForm: EventFormSpec<
  WriteBody<AssessmentRequestedRequest>
> = {
  kind: 'assessment-requested',
  title: () => 'Record a request for an EHC needs assessment',
  law: () => [
    'The council must decide whether to carry out an EHC needs assessment, and tell the family, within 6 weeks of receiving the request (SEND Regulations, reg 5(1)).',
    'Record the decision when it is made: a refusal to assess, or the decision to assess (which starts the 16- and 20-week time limits).',
  ],
  fields: () => [
    happenedOn('receivedOn', 'Date the council received the request', {
      hint: 'The 6 weeks count from this date.',
    }),
  ],
  path: (ctx) => casePath(ctx, '/assessment-requests'),
  body: (parsed) =>
    answers<AssessmentRequestedRequest>(parsed)(
      'receivedOn',
    ) satisfies WriteBody<AssessmentRequestedRequest>,
  saved: 'Request for an assessment recorded',
};

export const assessmentAgreedForm: EventFormSpec<
  WriteBody<AssessmentAgreedRequest>
> = {
  kind: 'assessment-agreed',
  requires: ['request'],
  exists: (ctx) => !!requestOf(ctx),
  title: () => 'Record the decision to carry out the assessment',
  about: (ctx) => [
    {
      key: 'Request received',
      value: formatLongDate(requestOf(ctx)?.receivedOn ?? ''),
    },
  ],
  law: (ctx) => [
    `Telling the family the council will assess meets the 6 weeks of reg 5(1).${dueText(ctx.detail, 'assessment.decide', ctx.params['request'] ?? '')}`,
    'From the request, the council then has 16 weeks to decide not to issue a plan (reg 10(1)) and 20 weeks to issue the final plan (reg 13(2)).',
  ],
  fields: () => [
    happenedOn(
      'notifiedOn',
      'Date the council told the family it will assess',
      {
        check: notBefore(
          (c) => requestOf(c)?.receivedOn,
          (d) =>
            `The decision cannot have come before the request (${formatLongDate(d)})`,
        ),
      },
    ),
  ],
  path: (ctx) =>
    casePath(ctx, `/assessment-requests/${ctx.params['request']}/agreed`),
  body: (parsed) =>
    answers<AssessmentAgreedRequest>(parsed)(
      'notifiedOn',
    ) satisfies WriteBody<AssessmentAgreedRequest>,
  saved: 'Decision to assess recorded',
};

export const draftPlanServedForm: EventFormSpec<
  WriteBody<DraftPlanServedRequest>
> = {
  kind: 'draft-plan-served',
  title: () => 'Record that a draft EHC plan was served on the family',
  law: () => [
    'The family has at least 15 days, beginning with the day the draft was served, to comment and to ask for a school or college to be named (reg 13(1)).',
  ],
  fields: () => [happenedOn('servedOn', 'Date the draft plan was served')],
  path: (ctx) => casePath(ctx, '/draft-plans'),
  body: (parsed) =>
    answers<DraftPlanServedRequest>(parsed)(
      'servedOn',
    ) satisfies WriteBody<DraftPlanServedRequest>,
  saved: 'Draft plan recorded',
};

export const draftCommentsForm: EventFormSpec<
  WriteBody<DraftPlanCommentsRequest>
> = {
  kind: 'draft-plan-comments',
  requires: ['draft'],
  exists: (ctx) => !!draftOf(ctx),
  title: () => "Record the family's comments on the draft plan",
  about: (ctx) => [
    {
      key: 'Draft served',
      value: formatLongDate(draftOf(ctx)?.servedOn ?? ''),
    },
  ],
  law: () => [
    'The family’s comments were due within 15 days, beginning with the day the draft was served (reg 13(1)).',
  ],
  fields: () => [
    happenedOn('receivedOn', 'Date the comments were received', {
      check: notBefore(
        (c) => draftOf(c)?.servedOn,
        (d) =>
          `The comments cannot have come before the draft was served (${formatLongDate(d)})`,
      ),
    }),
  ],
  path: (ctx) => casePath(ctx, `/draft-plans/${ctx.params['draft']}/comments`),
  body: (parsed) =>
    answers<DraftPlanCommentsRequest>(parsed)(
      'receivedOn',
    ) satisfies WriteBody<DraftPlanCommentsRequest>,
  saved: "Family's comments recorded",
};

export const reviewMeetingForm: EventFormSpec<WriteBody<ReviewMeetingRequest>> =
  {
    kind: 'review-meeting',
    title: () => 'Record an annual review meeting',
    law: () => [
      'Within 4 weeks of the review meeting the council must decide whether to keep the plan as it is, amend it or cease to maintain it, and tell the family (reg 20(10)).',
    ],
    fields: () => [happenedOn('heldOn', 'Date of the review meeting')],
    path: (ctx) => casePath(ctx, '/reviews'),
    body: (parsed) =>
      answers<ReviewMeetingRequest>(parsed)(
        'heldOn',
      ) satisfies WriteBody<ReviewMeetingRequest>,
    saved: 'Review meeting recorded',
  };

export const amendmentsProposedForm: EventFormSpec<
  WriteBody<AmendmentsProposedRequest>
> = {
  kind: 'review-amendments-proposed',
  requires: ['review'],
  exists: (ctx) => !!reviewOf(ctx),
  title: () => 'Record the proposed amendments sent after the review',
  about: (ctx) => [
    {
      key: 'Review meeting',
      value: formatLongDate(reviewOf(ctx)?.meetingOn ?? ''),
    },
  ],
  law: (ctx) => [
    `Sending the plan with the proposed amendments meets the 4 weeks of reg 20(10).${dueText(ctx.detail, 'review.decision', ctx.params['review'] ?? '')}`,
    'The final amended plan must then be issued within 8 weeks of sending them (reg 22(3)).',
  ],
  fields: () => [
    happenedOn('sentOn', 'Date the proposed amendments were sent', {
      check: notBefore(
        (c) => reviewOf(c)?.meetingOn,
        (d) =>
          `They cannot have been sent before the review meeting (${formatLongDate(d)})`,
      ),
    }),
  ],
  path: (ctx) =>
    casePath(ctx, `/reviews/${ctx.params['review']}/amendments-proposed`),
  body: (parsed) =>
    answers<AmendmentsProposedRequest>(parsed)(
      'sentOn',
    ) satisfies WriteBody<AmendmentsProposedRequest>,
  saved: 'Proposed amendments recorded',
};

export const phaseTransferForm: EventFormSpec<WriteBody<PhaseTransferRequest>> =
  {
    kind: 'phase-transfer',
    title: () => 'Record a transfer between phases of education',
    law: () => [
      'Before a transfer between phases of education, the council must review the plan and make any amendments by 15 February of the year of the transfer, or by 31 March for a move from secondary school to a post-16 institution (reg 18(1)).',
    ],
    fields: () => [
      happenedOn('transferDate', 'Date of the transfer', {
        future: true,
        hint: 'For example, the first day at the new school or college.',
      }),
      {
        kind: 'radios',
        name: 'kind',
        label: 'What kind of transfer is it?',
        missing: 'Select what kind of transfer it is',
        options: () => [
          {
            value: 'school',
            text: 'Between schools (for example, primary to secondary)',
          },
          {
            value: 'post16',
            text: 'From secondary school to a post-16 institution',
          },
        ],
      },
    ],
    path: (ctx) => casePath(ctx, '/phase-transfers'),
    body: (parsed) =>
      answers<PhaseTransferRequest>(parsed)(
        'transferDate',
        'kind',
      ) satisfies WriteBody<PhaseTransferRequest>,
    saved: 'Phase transfer recorded',
  };
