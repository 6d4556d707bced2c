import {
  APPEAL_OUTCOMES,
  type AppealOutcome,
  type AppealRegisteredRequest,
  type AppealResponseSentRequest,
  APPELLANTS,
  type HearingListedRequest,
  type LodgeAppealRequest,
  type NewOrder,
  type NewRecommendation,
  ORDER_TYPES,
  type OrderComplianceRequest,
  PLAN_SECTIONS,
  type PlanSection,
  RECOMMENDATION_SECTIONS,
  type RecordAppealOutcomeRequest,
  RESPONSIBLE_BODIES,
  type WriteBody,
} from '@send/contracts';
import {
  formatLongDate,
  ORDER_TYPE_LABELS,
  RESPONSIBLE_BODY_LABELS,
  ruleInfo,
  ruleTitle,
} from '@send/domain';
import {
  APPEAL_OUTCOME_CHOICES,
  APPELLANT_LABELS,
  PLAN_SECTION_LABELS,
  sectionLabel,
} from '../../../shared/labels';
import type {
  EventFormSpec,
  FieldSpec,
  FormContext,
  Parsed,
  Values,
} from '../event-form';
import {
  aboutAppeal,
  appealOf,
  decisionOf,
  deadlineFor,
  describeDecision,
  describeOrder,
  dueText,
  orderOf,
} from '../subjects';
import {
  answers,
  casePath,
  choicesOf,
  dateError,
  happenedOn,
  notBefore,
  notes,
  optionalYes,
  ticked,
  YES_NO,
} from './common';

const appealPath = (ctx: FormContext, rest: string) =>
  casePath(ctx, `/appeals/${ctx.params['appeal']}${rest}`);

/**
 * Something the law does not provide for on this route (an appeal with no mediation certificate, an
 * order the Tribunal cannot make on this kind of appeal) is refused with the reason; if it is what
 * actually happened, the caseworker confirms it and it is recorded, flagged for review.
 */
const CONFIRM_UNUSUAL = {
  kind: 'checkboxes',
  name: 'confirmedUnusual',
  label: 'If the law does not provide for this',
  hint: 'Tick only if the check of your answers says the law does not provide for this, and it is what actually happened. It will be recorded and flagged for review.',
  optional: true,
  options: () => [
    { value: 'yes', text: 'Record it: this is what actually happened' },
  ],
} as const satisfies FieldSpec;

const confirmedUnusual = (parsed: Parsed): { confirmedUnusual?: true } =>
  ticked(parsed, 'confirmedUnusual').includes('yes')
    ? { confirmedUnusual: true }
    : {};
const onAppeal = {
  requires: ['appeal'],
  exists: (ctx: FormContext) => !!appealOf(ctx),
  about: aboutAppeal,
} as const;

/** Decisions about a plan's content (or not to amend it): an appeal about them names the sections. */
const ABOUT_A_PLAN: ReadonlySet<string> = new Set([
  'final_plan_content',
  'amended_plan_content',
  'refuse_amend',
]);

/** The Tribunal's references look like EH857/26/00123 (two letters, three digits, the year, five digits). */
const TRIBUNAL_REFERENCE = /^[A-Z]{2}\d{3}\/\d{2}\/\d{5}$/;

export const appealLodgedForm: EventFormSpec<WriteBody<LodgeAppealRequest>> = {
  kind: 'appeal-lodged',
  requires: ['decision'],
  exists: (ctx) => !!decisionOf(ctx),
  title: () => 'Record an appeal to the Tribunal',
  about: (ctx) => [
    { key: 'Decision appealed', value: describeDecision(decisionOf(ctx)) },
  ],
  law: (ctx) => [
    `An appeal must be lodged within 2 months of the decision letter, or within 1 month of a mediation certificate if that is later (Tribunal Procedure Rules, rule 20).${dueText(ctx.detail, 'appeal.lodge', ctx.params['decision'] ?? '')}`,
    'Recording the appeal meets the family’s appeal deadline. The council’s own deadline, to respond, starts when the Tribunal sends it the appeal.',
  ],
  fields: () => [
    {
      kind: 'text',
      name: 'tribunalReference',
      label: 'Tribunal reference',
      hint: 'For example, EH857/26/00123',
      width: '10',
      missing: 'Enter the Tribunal reference',
      pattern: {
        regex: TRIBUNAL_REFERENCE,
        message: 'Enter the Tribunal reference in the form EH857/26/00123',
      },
    },
    happenedOn('lodgedOn', 'Date the appeal was lodged', {
      check: notBefore(
        (c) => decisionOf(c)?.decisionDate,
        (d) =>
          `The appeal cannot have been lodged before the decision (${formatLongDate(d)})`,
      ),
    }),
    {
      kind: 'radios',
      name: 'appellant',
      label: 'Who brought the appeal?',
      optional: true,
      options: () => choicesOf(APPELLANTS, APPELLANT_LABELS),
    },
    {
      kind: 'checkboxes',
      name: 'sections',
      label: 'Which sections of the plan is the appeal about?',
      hint: 'Select all that apply. An appeal about section I (placement) only needs no mediation certificate.',
      optional: true,
      when: (_v, ctx) => ABOUT_A_PLAN.has(decisionOf(ctx)?.type ?? ''),
      options: () => choicesOf(PLAN_SECTIONS, PLAN_SECTION_LABELS),
    },
    {
      kind: 'radios',
      name: 'healthAndSocialCareSought',
      label: 'Does the appeal ask for health and social care recommendations?',
      hint: 'The Tribunal can make them only when the appeal is also about education.',
      optional: true,
      inline: true,
      // Not on an appeal against a refusal to assess: the Tribunal cannot make recommendations on it.
      when: (_v, ctx) => decisionOf(ctx)?.type !== 'refuse_assessment',
      options: () => YES_NO,
    },
    CONFIRM_UNUSUAL,
  ],
  path: (ctx) => casePath(ctx, '/appeals'),
  body: (parsed, ctx) => {
    const sections = ticked<PlanSection>(parsed, 'sections');
    return {
      decisionId: ctx.params['decision'] ?? '',
      ...answers<LodgeAppealRequest>(parsed)(
        'tribunalReference',
        'lodgedOn',
        'appellant',
      ),
      ...(sections.length ? { sections } : {}),
      ...optionalYes(parsed, 'healthAndSocialCareSought'),
      ...confirmedUnusual(parsed),
    } satisfies WriteBody<LodgeAppealRequest>;
  },
  saved: 'Appeal recorded',
};

export const appealRegisteredForm: EventFormSpec<
  WriteBody<AppealRegisteredRequest>
> = {
  kind: 'appeal-registered',
  ...onAppeal,
  title: () => 'Record that the Tribunal registered the appeal',
  law: () => [
    'The council must send its response to the Tribunal within 30 Tribunal working days of receiving the appeal (rule 21). Tribunal working days leave out weekends, bank holidays, every day from 25 December to 1 January, and all of August.',
  ],
  fields: () => [
    happenedOn('registeredOn', 'Date the Tribunal registered the appeal', {
      check: notBefore(
        (c) => appealOf(c)?.lodgedOn,
        (d) =>
          `The appeal cannot have been registered before it was lodged (${formatLongDate(d)})`,
      ),
    }),
    happenedOn('appealReceivedOn', 'Date the council received the appeal', {
      hint: 'The 30 Tribunal working days count from this date.',
    }),
  ],
  validate: (parsed) =>
    String(parsed['appealReceivedOn']) < String(parsed['registeredOn'])
      ? [
          dateError(
            'appealReceivedOn',
            'Date the council received the appeal must be the same as or after the date it was registered',
          ),
        ]
      : [],
  path: (ctx) => appealPath(ctx, '/registration'),
  body: (parsed) =>
    answers<AppealRegisteredRequest>(parsed)(
      'registeredOn',
      'appealReceivedOn',
    ) satisfies WriteBody<AppealRegisteredRequest>,
  saved: 'Registration of the appeal recorded',
};

export const appealResponseForm: EventFormSpec<
  WriteBody<AppealResponseSentRequest>
> = {
  kind: 'appeal-response-sent',
  ...onAppeal,
  title: () => 'Record the council’s response to the appeal',
  law: (ctx) => [
    `The council must send its response within 30 Tribunal working days of receiving the appeal (rule 21).${dueText(ctx.detail, 'tribunal.la_response', ctx.params['appeal'] ?? '')} Recording it meets that deadline.`,
  ],
  fields: () => [
    happenedOn('sentOn', 'Date the response was sent', {
      check: notBefore(
        (c) => appealOf(c)?.appealReceivedOn,
        (d) =>
          `The response cannot have been sent before the council received the appeal (${formatLongDate(d)})`,
      ),
    }),
  ],
  path: (ctx) => appealPath(ctx, '/response'),
  body: (parsed) =>
    answers<AppealResponseSentRequest>(parsed)(
      'sentOn',
    ) satisfies WriteBody<AppealResponseSentRequest>,
  saved: 'Response to the appeal recorded',
};

export const hearingListedForm: EventFormSpec<WriteBody<HearingListedRequest>> =
  {
    kind: 'hearing-listed',
    ...onAppeal,
    title: () => 'Record the hearing date',
    law: () => [
      'The hearing date sets no deadline of its own; the Tribunal’s decision after it does.',
    ],
    fields: () => [
      happenedOn('hearingDate', 'Date of the hearing', { future: true }),
    ],
    path: (ctx) => appealPath(ctx, '/hearing'),
    body: (parsed) =>
      answers<HearingListedRequest>(parsed)(
        'hearingDate',
      ) satisfies WriteBody<HearingListedRequest>,
    saved: 'Hearing date recorded',
  };

const WITHOUT_ORDERS: ReadonlySet<string> = new Set<AppealOutcome>([
  'withdrawn',
  'struck_out',
]);
const WITH_RECOMMENDATIONS: ReadonlySet<string> = new Set<AppealOutcome>([
  'decided_allowed',
  'decided_partly_allowed',
  'decided_dismissed',
  'referred_back',
  'consent_order',
]);

/** Recommendations can be made on this appeal (not on an appeal against a refusal to assess). */
const recommendationsPossible = (v: Values, ctx: FormContext) => {
  const appeal = appealOf(ctx);
  const decision = ctx.detail.decisions.find(
    (d) => d.id === appeal?.decisionId,
  );
  return (
    WITH_RECOMMENDATIONS.has(String(v['outcome'])) &&
    decision?.type !== 'refuse_assessment'
  );
};

export const appealOutcomeForm: EventFormSpec<
  WriteBody<RecordAppealOutcomeRequest>
> = {
  kind: 'appeal-outcome',
  ...onAppeal,
  title: () => 'Record how the appeal ended',
  // A page at a time: the form with every order and recommendation was 4,600 px tall.
  pages: [
    {
      title: 'How the appeal ended',
      fields: [
        'outcome',
        'decisionDate',
        'orderSentOn',
        'laNotifiedTribunalOn',
      ],
    },
    {
      title: 'What the Tribunal ordered the council to do',
      fields: ['orders'],
    },
    {
      title: 'The Tribunal’s health and social care recommendations',
      fields: ['recommendations'],
    },
  ],
  law: () => [
    'Each order is a duty with its own deadline under reg 44 of the SEND Regulations, counted from the date of the order: for example, 5 weeks to issue an amended plan.',
    'If the council conceded before its response (reg 45), the same periods run from the date it told the Tribunal it would not oppose the appeal.',
    'Each health and social care recommendation must be answered in writing within 5 weeks of the Tribunal’s decision, with reasons for any recommendation not followed.',
    'A case referred back to the council (only on an appeal against a refusal to issue a plan) must be reconsidered within 2 weeks (reg 44(2)(d)): that duty is added for you.',
  ],
  fields: () => [
    {
      kind: 'radios',
      name: 'outcome',
      label: 'How did the appeal end?',
      missing: 'Select how the appeal ended',
      options: () =>
        APPEAL_OUTCOMES.map((value) => ({
          value,
          ...APPEAL_OUTCOME_CHOICES[value],
        })),
    },
    happenedOn('decisionDate', 'Date of the Tribunal’s decision or order', {
      hint: 'For a concession, the date the appeal ended. The 5 weeks for recommendations count from this date.',
      check: notBefore(
        (c) => appealOf(c)?.lodgedOn,
        (d) =>
          `The appeal cannot have ended before it was lodged (${formatLongDate(d)})`,
      ),
    }),
    happenedOn('orderSentOn', 'Date the order was sent to the parties', {
      optional: true,
      hint: 'Recorded only: the time limits count from the date of the order.',
      when: (v) =>
        !WITHOUT_ORDERS.has(String(v['outcome'])) &&
        v['outcome'] !== 'conceded_before_response',
    }),
    happenedOn(
      'laNotifiedTribunalOn',
      'Date the council told the Tribunal it would not oppose the appeal',
      {
        hint: 'The time limits for a concession count from this date.',
        when: (v) => v['outcome'] === 'conceded_before_response',
      },
    ),
    {
      kind: 'list',
      name: 'orders',
      label: 'What the council must do',
      item: 'order',
      min: 0,
      max: 10,
      when: (v) => !!v['outcome'] && !WITHOUT_ORDERS.has(String(v['outcome'])),
      fields: [
        {
          kind: 'radios',
          name: 'orderType',
          label: 'What does the order require?',
          missing: 'Select what the order requires',
          // The duty to reconsider comes with a case referred back; it is not chosen.
          options: () =>
            choicesOf(
              ORDER_TYPES.filter((t) => t !== 'reconsider'),
              ORDER_TYPE_LABELS,
            ),
        },
        notes('details', 'What the order says', {
          optional: true,
          rows: 3,
          hint: 'For example, the amendments to sections B, F and I, or the school to be named.',
        }),
      ],
    },
    {
      kind: 'list',
      name: 'recommendations',
      label: 'Health and social care recommendations',
      item: 'recommendation',
      min: 0,
      max: 20,
      when: recommendationsPossible,
      fields: [
        {
          kind: 'radios',
          name: 'section',
          label: 'Which section of the plan?',
          missing: 'Select the section of the plan the recommendation is about',
          options: () =>
            RECOMMENDATION_SECTIONS.map((value) => ({
              value,
              text: sectionLabel(value),
            })),
        },
        {
          kind: 'radios',
          name: 'responsibleBody',
          label: 'Who must respond?',
          missing: 'Select who must respond to the recommendation',
          options: () => choicesOf(RESPONSIBLE_BODIES, RESPONSIBLE_BODY_LABELS),
        },
        notes('text', 'The recommendation', { rows: 3 }),
      ],
    },
    CONFIRM_UNUSUAL,
  ],
  validate: (parsed) => {
    const conceded = parsed['laNotifiedTribunalOn'];
    if (
      conceded !== undefined &&
      String(parsed['decisionDate']) < String(conceded)
    ) {
      return [
        dateError(
          'decisionDate',
          'The appeal cannot have ended before the council told the Tribunal it would not oppose it',
        ),
      ];
    }
    const sent = parsed['orderSentOn'];
    if (sent !== undefined && String(sent) < String(parsed['decisionDate'])) {
      return [
        dateError(
          'orderSentOn',
          'The order cannot have been sent before it was made',
        ),
      ];
    }
    return [];
  },
  path: (ctx) => appealPath(ctx, '/outcome'),
  body: (parsed) =>
    ({
      ...answers<RecordAppealOutcomeRequest>(parsed)(
        'outcome',
        'decisionDate',
        'orderSentOn',
        'laNotifiedTribunalOn',
      ),
      ...(parsed['orders'] ? { orders: parsed['orders'] as NewOrder[] } : {}),
      ...(parsed['recommendations']
        ? { recommendations: parsed['recommendations'] as NewRecommendation[] }
        : {}),
      ...confirmedUnusual(parsed),
    }) satisfies WriteBody<RecordAppealOutcomeRequest>,
  saved: 'Outcome of the appeal recorded',
  // Only a concession before the council's response has a letter: the council's notice to the
  // Tribunal that it will not oppose the appeal (SEND Regs 2014 reg 45(1)), issued as it is recorded.
  letter: {
    request: (body, ctx) =>
      body.outcome === 'conceded_before_response'
        ? {
            kind: 'concession_notice',
            appealOutcome: { ...body, appealId: ctx.params['appeal'] ?? '' },
          }
        : undefined,
    issued: 'The concession is recorded as entry',
  },
};

export const orderComplianceForm: EventFormSpec<
  WriteBody<OrderComplianceRequest>
> = {
  kind: 'order-compliance',
  requires: ['order', 'duty'],
  exists: (ctx) =>
    !!orderOf(ctx)?.duties.some((d) => d.ruleId === ctx.params['duty']),
  title: () => 'Record that the council complied with an order',
  about: (ctx) => {
    const order = orderOf(ctx);
    return order
      ? [
          { key: 'Order', value: describeOrder(order) },
          { key: 'Duty', value: ruleTitle(ctx.params['duty'] ?? '') },
        ]
      : [];
  },
  law: (ctx) => {
    const order = orderOf(ctx);
    const deadline =
      order && deadlineFor(ctx.detail, ctx.params['duty'] ?? '', order.id);
    const source = ruleInfo(ctx.params['duty'] ?? '')?.source;
    return [
      deadline
        ? `The council must do this by ${formatLongDate(deadline.dueOn)}${source ? ` (${source})` : ''}. Record what shows it was done.`
        : 'Record what shows the duty was done.',
      'Missed order deadlines are a known finding of the Local Government and Social Care Ombudsman against councils.',
    ];
  },
  fields: () => [
    happenedOn('compliedOn', 'Date the council complied'),
    notes('evidence', 'What shows the council complied', {
      rows: 3,
      hint: 'For example, "Amended plan issued to the parent by email".',
    }),
  ],
  path: (ctx) => casePath(ctx, `/orders/${ctx.params['order']}/compliance`),
  body: (parsed, ctx) =>
    ({
      ruleId: ctx.params['duty'] ?? '',
      ...answers<OrderComplianceRequest>(parsed)('compliedOn', 'evidence'),
    }) satisfies WriteBody<OrderComplianceRequest>,
  saved: 'Compliance with the order recorded',
  // The letter telling the family the council did what the order required (SEND Regs 2014 reg 44;
  // a concession's duties, reg 45), issued as the compliance is recorded.
  letter: {
    request: (body, ctx) => ({
      kind: 'order_compliance',
      orderCompliance: { ...body, orderId: ctx.params['order'] ?? '' },
    }),
    issued: 'The compliance is recorded as entry',
  },
};
