import type {
  AppealOutcome,
  AppealView,
  CaseStage,
  DecisionType,
  OrderType,
  PlanSection,
  ResponsibleBody,
} from '@send/contracts';
import { dueDate } from '../../clock/due-date';
import type { RuleId } from '../../clock/rules';
import { formatLongDate, invalidDateReason } from '../../dates/iso-date';
import type { CaseEventOf } from '../case-events';
import { CaseRuleError } from '../case-rule-error';
import type { CaseSnapshot } from '../case-snapshot';
import {
  type DeadlineEffects,
  type DeadlineToOpen,
  dutyRuleIds,
  effects,
  familyOfOutcome,
  find,
  orderDutyRuleIds,
  recorded,
} from '../deadline-duties';
import {
  APPEAL_OUTCOME_LABELS,
  lowerFirst,
  ORDER_TYPE_LABELS,
  plural,
} from '../labels';
import {
  defined,
  type EventHandlers,
  inconsistent,
  mustBeNew,
  mustFind,
  notAllowed,
  notBefore,
  updateById,
} from './handler';

/**
 * Appeals to the First-tier Tribunal (SEND) against a decision (CFA 2014 s.51): lodged within the
 * family's time limit (HESC r.20), registered and sent to the council, which responds within 30
 * working days (HESC r.21(3)); the Tribunal's decision may order the council to act (SEND Regs
 * regs 43–44), or the council concede before its response (reg 45), and may recommend on health and
 * social care (Recommendations Power Regs 2017). What a decided appeal orders is complied with in
 * `order.ts`; its recommendations are answered in `recommendation.ts`.
 */

/** Outcomes after which the Tribunal has decided the appeal and can have made recommendations. */
const OUTCOMES_WITH_RECOMMENDATIONS: ReadonlySet<AppealOutcome> = new Set([
  'decided_allowed',
  'decided_partly_allowed',
  'decided_dismissed',
  'referred_back',
  'consent_order',
]);

/** Who answers a recommendation on each section: health for C and G, social care for D, H1 and H2. */
const RESPONSIBLE_BODY_OF_SECTION: Readonly<Record<string, ResponsibleBody>> = {
  C: 'icb',
  G: 'icb',
  D: 'council_social_care',
  H1: 'council_social_care',
  H2: 'council_social_care',
};
const SECTION_NAMES: Readonly<Record<string, string>> = {
  C: 'health needs',
  G: 'health provision',
  D: 'social care needs',
  H1: 'social care provision under the Chronically Sick and Disabled Persons Act',
  H2: 'other social care provision',
};

/**
 * The first day a young person may appeal in their own right: the day after compulsory school
 * age ends, which is the last Friday of June of the school year (September to August) in which
 * they turn 16 (Education Act 1996 s.8; CFA 2014 s.83).
 */
export function overCompulsorySchoolAgeFrom(dateOfBirth: string): string {
  const [year, month] = dateOfBirth.split('-').map(Number) as [number, number];
  // A birthday from September falls in the school year that ends the following June.
  const juneYear = year + 16 + (month >= 9 ? 1 : 0);
  const lastFriday = lastWeekdayOfJune(juneYear, 5);
  return plusOneDay(lastFriday);
}

function lastWeekdayOfJune(year: number, weekday: number): string {
  const d = new Date(Date.UTC(year, 5, 30));
  while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function plusOneDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Outcomes that leave the council no duties: no orders, no recommendations. */
const OUTCOMES_WITHOUT_ORDERS: ReadonlySet<AppealOutcome> = new Set([
  'withdrawn',
  'struck_out',
]);

const findAppeal = (snapshot: CaseSnapshot, id: string, recording: string) =>
  mustFind(
    snapshot.appeals,
    id,
    `There is no such appeal on this case: record the appeal before recording ${recording}.`,
  );

/** An appeal that has not ended yet. */
function runningAppeal(
  snapshot: CaseSnapshot,
  id: string,
  recording: string,
): AppealView {
  const appeal = findAppeal(snapshot, id, recording);
  if (appeal.outcome) {
    throw notAllowed(
      `This appeal has already ended (${APPEAL_OUTCOME_LABELS[appeal.outcome]}), so ${recording} can no longer be recorded.`,
    );
  }
  return appeal;
}

function checkAppealDecided(
  snapshot: CaseSnapshot,
  event: CaseEventOf<'appeal.decided'>,
): void {
  const appeal = findAppeal(snapshot, event.appealId, 'how it ended');
  if (appeal.outcome)
    throw notAllowed(
      `How this appeal ended is already recorded (${APPEAL_OUTCOME_LABELS[appeal.outcome]}).`,
    );
  notBefore(
    event.decisionDate,
    'The Tribunal cannot have decided',
    appeal.lodgedOn,
    'the appeal was lodged',
  );
  if (event.orderSentOn !== undefined) {
    notBefore(
      event.orderSentOn,
      'The order cannot have been sent',
      event.decisionDate,
      'it was made',
    );
  }
  const orders = event.orders ?? [];
  if (orders.length > 0 && OUTCOMES_WITHOUT_ORDERS.has(event.outcome)) {
    throw notAllowed(
      'An appeal that was withdrawn or struck out ends without orders: the council has nothing to comply with.',
    );
  }
  if (event.recommendations.length > 0) {
    if (!OUTCOMES_WITH_RECOMMENDATIONS.has(event.outcome)) {
      throw notAllowed(
        'An appeal that was withdrawn, struck out or conceded ends without recommendations.',
      );
    }
    for (const r of event.recommendations) {
      const body = RESPONSIBLE_BODY_OF_SECTION[r.section];
      if (body && r.responsibleBody !== body) {
        throw inconsistent(
          `A recommendation on section ${r.section} (${SECTION_NAMES[r.section]}) is answered by ${body === 'icb' ? 'the integrated care board (ICB)' : "the council's social care service"}: choose that responsible body.`,
        );
      }
    }
  }
  if (event.outcome === 'referred_back') {
    const decision = snapshot.decisions.find((d) => d.id === appeal.decisionId);
    if (decision && decision.type !== 'refuse_plan') {
      throw inconsistent(
        'Only an appeal against a refusal to issue a plan can be referred back to the council to reconsider (SEND Regs reg 43(2)(d)): record how this appeal ended.',
      );
    }
  }
  if (event.outcome === 'conceded_before_response') {
    if (event.laNotifiedTribunalOn === undefined) {
      throw inconsistent(
        'Give the date the council told the Tribunal it would not oppose the appeal: the time limits for a concession run from it.',
      );
    }
    notBefore(
      event.laNotifiedTribunalOn,
      'The council cannot have conceded',
      appeal.lodgedOn,
      'the appeal was lodged',
    );
    notBefore(
      event.decisionDate,
      'The appeal cannot have ended',
      event.laNotifiedTribunalOn,
      'the council conceded it',
    );
    if (appeal.responseSentOn !== undefined) {
      throw notAllowed(
        `The council's response was sent on ${formatLongDate(appeal.responseSentOn)}, so the appeal was not conceded before the response.`,
      );
    }
  }
  for (const order of orders) {
    if (order.orderType === 'reconsider' && event.outcome !== 'referred_back') {
      throw inconsistent(
        'A duty to reconsider follows only an appeal the Tribunal referred back to the council (SEND Regs reg 44(2)(d)).',
      );
    }
    checkAgreedDueDates(event, order);
    checkDirectedDueDates(event, order);
  }
  mustBeNew(
    orders.map((o) => o.orderId),
    snapshot.orders,
    'Order',
  );
  mustBeNew(
    event.recommendations.map((r) => r.recommendationId),
    snapshot.recommendations,
    'Recommendation',
  );
}

/** A consent order may agree shorter periods than reg 44's: only for its own duties, and only shorter. */
function checkAgreedDueDates(
  event: CaseEventOf<'appeal.decided'>,
  order: NonNullable<CaseEventOf<'appeal.decided'>['orders']>[number],
): void {
  const agreed = Object.entries(order.agreedDueDates ?? {});
  if (agreed.length === 0) return;
  if (event.outcome !== 'consent_order') {
    throw inconsistent(
      'Only a consent order can agree shorter periods: the Tribunal’s other orders take the periods of reg 44.',
    );
  }
  const duties = orderDutyRuleIds(event.outcome, order.orderType);
  for (const [ruleId, dueOn] of agreed) {
    if (!(duties as string[]).includes(ruleId)) {
      throw inconsistent(
        `An order to ${ORDER_TYPE_LABELS[order.orderType].toLowerCase()} has no duty ${ruleId}: its duties are ${duties.join(' and ')}.`,
      );
    }
    const reason = invalidDateReason(dueOn);
    if (reason !== undefined)
      throw inconsistent(`Check the agreed date for ${ruleId}: ${reason}.`);
    notBefore(
      dueOn,
      'An agreed date cannot fall',
      event.decisionDate,
      'the order',
    );
    const statutory = dueDate(ruleId as RuleId, {
      orderDate: event.decisionDate,
    }).dueOn;
    if (dueOn > statutory) {
      throw inconsistent(
        `An agreed period can only be shorter than the statutory one: ${ruleId} is due ${formatLongDate(statutory)} at the latest. A later date needs an extension under a statutory exception.`,
      );
    }
  }
}

/** Periods the Tribunal set by direction (reg 44(1): "subject to … any direction made by the First-tier Tribunal"): only for the order's own duties. */
function checkDirectedDueDates(
  event: CaseEventOf<'appeal.decided'>,
  order: NonNullable<CaseEventOf<'appeal.decided'>['orders']>[number],
): void {
  const directed = Object.entries(order.directedDueDates ?? {});
  if (directed.length === 0) return;
  if (
    OUTCOMES_WITHOUT_ORDERS.has(event.outcome) ||
    event.outcome === 'conceded_before_response'
  ) {
    throw inconsistent(
      'Only the Tribunal’s orders carry periods set by its direction.',
    );
  }
  const duties = orderDutyRuleIds(event.outcome, order.orderType);
  for (const [ruleId, dueOn] of directed) {
    if (!(duties as string[]).includes(ruleId)) {
      throw inconsistent(
        `An order to ${ORDER_TYPE_LABELS[order.orderType].toLowerCase()} has no duty ${ruleId}: its duties are ${duties.join(' and ')}.`,
      );
    }
    const reason = invalidDateReason(dueOn);
    if (reason !== undefined)
      throw inconsistent(
        `Check the date the Tribunal directed for ${ruleId}: ${reason}.`,
      );
    notBefore(
      dueOn,
      'A directed date cannot fall',
      event.decisionDate,
      'the order',
    );
    if (order.agreedDueDates?.[ruleId] !== undefined) {
      throw inconsistent(
        `Give either the period the parties agreed or the one the Tribunal directed for ${ruleId}, not both.`,
      );
    }
  }
}

/**
 * The stage after an appeal ends: `compliance` when it left orders or recommendations to act on;
 * `closed` when it was withdrawn or struck out and no other appeal is still running; otherwise
 * `appeal_decided`.
 */
function stageAfterAppeal(
  snapshot: CaseSnapshot,
  event: CaseEventOf<'appeal.decided'>,
): CaseStage {
  if (ordersOfDecision(event).length > 0 || event.recommendations.length > 0)
    return 'compliance';
  const otherOpen = snapshot.appeals.some(
    (a) => a.id !== event.appealId && a.outcome === undefined,
  );
  if (
    (event.outcome === 'withdrawn' || event.outcome === 'struck_out') &&
    !otherOpen
  )
    return 'closed';
  return 'appeal_decided';
}

/**
 * The orders a decided appeal leaves: those listed, and, for a case referred back to the council,
 * the duty to reconsider (reg 44(2)(d)) when it is not listed (id `<appealId>.reconsider`).
 */
export function ordersOfDecision(
  event: CaseEventOf<'appeal.decided'>,
): NonNullable<CaseEventOf<'appeal.decided'>['orders']> {
  const orders = event.orders ?? [];
  if (
    event.outcome !== 'referred_back' ||
    orders.some((o) => o.orderType === 'reconsider')
  )
    return orders;
  return [
    ...orders,
    { orderId: `${event.appealId}.reconsider`, orderType: 'reconsider' },
  ];
}

/** Why an open `tribunal.la_response` no longer applies, by how the appeal ended. */
const RESPONSE_CANCELLED_REASONS: Readonly<Record<AppealOutcome, string>> = {
  decided_allowed: 'The Tribunal decided the appeal',
  decided_partly_allowed: 'The Tribunal decided the appeal',
  decided_dismissed: 'The Tribunal decided the appeal',
  referred_back: 'The Tribunal decided the appeal',
  consent_order: 'The appeal ended by consent order',
  conceded_before_response: 'The appeal was conceded',
  withdrawn: 'The appeal was withdrawn',
  struck_out: 'The appeal was struck out',
};

function appealDecidedEffects(
  before: CaseSnapshot,
  event: CaseEventOf<'appeal.decided'>,
): DeadlineEffects {
  const appeal = find(before.appeals, event.appealId, 'appeal');
  const family = familyOfOutcome(event.outcome);
  let facts: Record<string, string> = { orderDate: event.decisionDate };
  if (family === 'concession') {
    if (!event.laNotifiedTribunalOn) {
      throw new CaseRuleError(
        'INCONSISTENT_FACT',
        'Give the date the council told the Tribunal it would not oppose the appeal.',
      );
    }
    facts = { laNotifiedTribunal: event.laNotifiedTribunalOn };
  }
  const responseOpen =
    appeal.registeredOn !== undefined && appeal.responseSentOn === undefined;
  return effects({
    cancel: responseOpen
      ? [
          {
            ruleId: 'tribunal.la_response',
            subjectId: appeal.id,
            reason: RESPONSE_CANCELLED_REASONS[event.outcome],
          },
        ]
      : [],
    open: [
      ...ordersOfDecision(event).flatMap((order) =>
        dutyRuleIds(family, order.orderType).map((ruleId): DeadlineToOpen => {
          const directed = order.directedDueDates?.[ruleId];
          const agreed = order.agreedDueDates?.[ruleId];
          return {
            ruleId,
            subjectId: order.orderId,
            facts,
            dutyHolder: 'council' as const,
            // A direction of the Tribunal sets the period (reg 44(1)); a consent order may agree a shorter one.
            ...(directed
              ? { agreedDueOn: directed, setBy: 'direction' as const }
              : agreed
                ? { agreedDueOn: agreed }
                : {}),
          };
        }),
      ),
      ...event.recommendations.map((r) => ({
        ruleId: 'recommendation.response' as const,
        subjectId: r.recommendationId,
        facts: { tribunalDecision: event.decisionDate },
        dutyHolder: r.responsibleBody,
        responsibleBody: r.responsibleBody,
      })),
    ],
  });
}

/** The sections whose content the Tribunal decides: special educational needs, provision and placement (CFA 2014 s.51(2)(c)). */
const EDUCATION_SECTIONS: ReadonlySet<PlanSection> = new Set(['B', 'F', 'I']);

/** Decisions about the content of a plan, where an appeal names the sections it is about. */
const CONTENT_DECISIONS: ReadonlySet<DecisionType> = new Set([
  'final_plan_content',
  'amended_plan_content',
]);

/**
 * What the Tribunal can order on an appeal against each kind of decision (SEND Regs reg 43(2)):
 * assess after a refusal to assess or re-assess (43(2)(b)); make and maintain a plan, or refer the
 * case back, after a refusal to issue one (43(2)(c), (d)); amend the plan or name the school on an
 * appeal about content or a refusal to amend (43(2)(e), (f)); continue to maintain (and amend) a plan
 * the council decided to cease, or cease it when that appeal is dismissed (reg 44(2)(a)).
 */
const ORDERS_FOR_DECISION: Readonly<
  Record<DecisionType, readonly OrderType[]>
> = {
  refuse_assessment: ['assess'],
  refuse_reassessment: ['assess'],
  refuse_plan: ['make_plan', 'reconsider'],
  final_plan_content: ['amend_plan', 'name_school_only'],
  amended_plan_content: ['amend_plan', 'name_school_only'],
  refuse_amend: ['amend_plan', 'name_school_only'],
  cease_plan: ['continue_to_maintain', 'amend_plan', 'cease'],
};

const ORDER_WORDS: Readonly<Record<OrderType, string>> = {
  assess: 'an order to assess',
  make_plan: 'an order to make and maintain a plan',
  amend_plan: 'an order to amend the plan',
  name_school_only: 'an order to name the school or placement',
  continue_to_maintain: 'an order to continue to maintain the plan',
  cease: 'an order to cease to maintain the plan',
  reconsider: 'a referral back to reconsider',
};

const DECISION_WORDS: Readonly<Record<DecisionType, string>> = {
  refuse_assessment: 'a refusal to assess',
  refuse_reassessment: 'a refusal to re-assess',
  refuse_plan: 'a refusal to issue a plan',
  final_plan_content: 'the content of the final plan',
  amended_plan_content: 'the content of the amended plan',
  refuse_amend: 'a refusal to amend the plan',
  cease_plan: 'a decision to cease the plan',
};

function unusualAppeal(
  snapshot: CaseSnapshot,
  event: CaseEventOf<'appeal.lodged'>,
): string[] {
  const decision = snapshot.decisions.find((d) => d.id === event.decisionId);
  if (!decision) return [];
  const reasons: string[] = [];
  const sections = event.sections ?? [];
  const placementOnly =
    CONTENT_DECISIONS.has(decision.type) &&
    sections.length > 0 &&
    sections.every((s) => s === 'I');
  const certified = snapshot.mediations.some(
    (m) => m.decisionId === decision.id && m.certificates.length > 0,
  );
  if (!certified && !placementOnly) {
    reasons.push(
      'No mediation certificate is recorded for this decision: an appeal needs one (Children and Families Act 2014 s.55(3)), unless it is only about the school or placement named in section I (s.55(2)).',
    );
  }
  if (
    CONTENT_DECISIONS.has(decision.type) &&
    sections.length > 0 &&
    !sections.some((s) => EDUCATION_SECTIONS.has(s))
  ) {
    reasons.push(
      `The appeal names only sections ${sections.join(', ')}: the Tribunal hears appeals about sections B, F and I (CFA 2014 s.51(2)(c)); health and social care can only be raised alongside them (Recommendations Power Regs 2017 reg 3).`,
    );
  }
  return reasons;
}

function unusualOutcome(
  snapshot: CaseSnapshot,
  event: CaseEventOf<'appeal.decided'>,
): string[] {
  const appeal = snapshot.appeals.find((a) => a.id === event.appealId);
  const decision =
    appeal && snapshot.decisions.find((d) => d.id === appeal.decisionId);
  if (!appeal || !decision) return [];
  const reasons: string[] = [];
  if (event.recommendations.length > 0) {
    if (decision.type === 'refuse_assessment') {
      reasons.push(
        'The Tribunal cannot make health and social care recommendations on an appeal against a refusal to assess (Recommendations Power Regs 2017 reg 3).',
      );
    } else if (
      appeal.sections &&
      appeal.sections.length > 0 &&
      !appeal.sections.some((s) => EDUCATION_SECTIONS.has(s))
    ) {
      reasons.push(
        'The appeal recorded no education element (sections B, F or I): the Tribunal makes health and social care recommendations only alongside one (Recommendations Power Regs 2017 reg 3).',
      );
    }
  }
  for (const order of event.orders ?? []) {
    const allowed = ORDERS_FOR_DECISION[decision.type];
    if (!allowed.includes(order.orderType)) {
      reasons.push(
        `${capital(ORDER_WORDS[order.orderType])} is not among what the Tribunal can order on an appeal about ${DECISION_WORDS[decision.type]} (SEND Regs reg 43(2)).`,
      );
      continue;
    }
    const dismissed = event.outcome === 'decided_dismissed';
    const allowedOutcome =
      event.outcome === 'decided_allowed' ||
      event.outcome === 'decided_partly_allowed';
    if (order.orderType === 'cease' && !dismissed) {
      reasons.push(
        'An order to cease to maintain the plan follows only when the appeal against ceasing it is dismissed (SEND Regs reg 44(2)(a)).',
      );
    } else if (order.orderType !== 'cease' && dismissed) {
      reasons.push(
        `${capital(ORDER_WORDS[order.orderType])} on a dismissed appeal: a dismissal leaves the decision as it was (SEND Regs reg 43(2)(a)).`,
      );
    } else if (
      order.orderType === 'continue_to_maintain' &&
      !allowedOutcome &&
      event.outcome !== 'consent_order' &&
      event.outcome !== 'conceded_before_response'
    ) {
      reasons.push(
        'An order to continue to maintain the plan follows an appeal against ceasing it that was allowed.',
      );
    }
  }
  return reasons;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const APPEAL_EVENTS: EventHandlers<
  | 'appeal.lodged'
  | 'appeal.registered'
  | 'appeal.response_sent'
  | 'appeal.hearing_listed'
  | 'appeal.decided'
> = {
  'appeal.lodged': {
    dates: ['lodgedOn'],
    check(snapshot, event) {
      const decision = mustFind(
        snapshot.decisions,
        event.decisionId,
        'There is no such decision on this case: record the decision being appealed before recording the appeal.',
      );
      if (
        snapshot.appeals.some(
          (a) => a.tribunalReference === event.tribunalReference,
        )
      ) {
        throw inconsistent(
          `An appeal with Tribunal reference ${event.tribunalReference} is already recorded on this case.`,
        );
      }
      mustBeNew([event.appealId], snapshot.appeals, 'Appeal');
      notBefore(
        event.lodgedOn,
        'The appeal cannot have been lodged',
        decision.decisionDate,
        'the decision',
      );
      const running = snapshot.appeals.find(
        (a) => a.decisionId === decision.id && a.outcome === undefined,
      );
      if (running) {
        throw notAllowed(
          `Appeal ${running.tribunalReference} against this decision is still running: record how it ended before recording another.`,
        );
      }
      if (event.appellant === 'young_person') {
        const from = overCompulsorySchoolAgeFrom(snapshot.dateOfBirth);
        if (event.lodgedOn < from) {
          throw inconsistent(
            `${snapshot.childName} is under compulsory school age until ${formatLongDate(from)}: before then the parent brings the appeal. Record the parent as the appellant.`,
          );
        }
      }
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      stage: 'appeal_lodged',
      appeals: [
        ...snapshot.appeals,
        defined({
          id: event.appealId,
          decisionId: event.decisionId,
          tribunalReference: event.tribunalReference,
          lodgedOn: event.lodgedOn,
          appellant: event.appellant,
          sections: event.sections,
          healthAndSocialCareSought: event.healthAndSocialCareSought,
        }),
      ],
    }),
    // Meets `appeal.lodge` for the decision.
    effects: (before, event) =>
      effects({
        close: [
          {
            ruleId: 'appeal.lodge',
            subjectId: event.decisionId,
            metOn: event.lodgedOn,
          },
        ],
        // An appeal without mediation (for example on section I only): the family's window to contact the adviser no longer matters.
        cancel: recorded(before).mediations.some(
          (m) => m.decisionId === event.decisionId,
        )
          ? []
          : [
              {
                ruleId: 'mediation.contact_adviser',
                subjectId: event.decisionId,
                reason:
                  'The family appealed without contacting the mediation adviser',
              },
            ],
      }),
    businessDate: (event) => event.lodgedOn,
    summary: (event) =>
      `Appeal ${event.tribunalReference} lodged ${formatLongDate(event.lodgedOn)}`,
    unusual: unusualAppeal,
  },

  'appeal.registered': {
    dates: ['registeredOn', 'appealReceivedOn'],
    check(snapshot, event) {
      const appeal = runningAppeal(
        snapshot,
        event.appealId,
        'its registration',
      );
      if (appeal.registeredOn !== undefined)
        throw notAllowed(
          `This appeal is already recorded as registered (${formatLongDate(appeal.registeredOn)}).`,
        );
      notBefore(
        event.registeredOn,
        'The appeal cannot have been registered',
        appeal.lodgedOn,
        'it was lodged',
      );
      notBefore(
        event.appealReceivedOn,
        'The council cannot have received the appeal',
        event.registeredOn,
        'the Tribunal registered it',
      );
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      appeals: updateById(snapshot.appeals, event.appealId, (a) => ({
        ...a,
        registeredOn: event.registeredOn,
        appealReceivedOn: event.appealReceivedOn,
      })),
    }),
    // Opens the council's response (HESC r.21(3): 30 working days from when it received the appeal).
    effects: (_before, event) =>
      effects({
        open: [
          {
            ruleId: 'tribunal.la_response',
            subjectId: event.appealId,
            facts: { appealReceived: event.appealReceivedOn },
            dutyHolder: 'council',
          },
        ],
      }),
    businessDate: (event) => event.registeredOn,
    summary: (event) =>
      `Appeal registered ${formatLongDate(event.registeredOn)}; the council received it ${formatLongDate(event.appealReceivedOn)}`,
  },

  'appeal.response_sent': {
    dates: ['sentOn'],
    check(snapshot, event) {
      const appeal = runningAppeal(
        snapshot,
        event.appealId,
        "the council's response",
      );
      if (appeal.appealReceivedOn === undefined) {
        throw notAllowed(
          "Record that the Tribunal registered the appeal and sent it to the council before recording the council's response.",
        );
      }
      if (appeal.responseSentOn !== undefined)
        throw notAllowed(
          `The council's response is already recorded (${formatLongDate(appeal.responseSentOn)}).`,
        );
      notBefore(
        event.sentOn,
        "The council's response cannot have been sent",
        appeal.appealReceivedOn,
        'the council received the appeal',
      );
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      appeals: updateById(snapshot.appeals, event.appealId, (a) => ({
        ...a,
        responseSentOn: event.sentOn,
      })),
    }),
    effects: (_before, event) =>
      effects({
        close: [
          {
            ruleId: 'tribunal.la_response',
            subjectId: event.appealId,
            metOn: event.sentOn,
          },
        ],
      }),
    businessDate: (event) => event.sentOn,
    summary: (event) =>
      `Council's response to the appeal sent ${formatLongDate(event.sentOn)}`,
  },

  'appeal.hearing_listed': {
    dates: ['hearingDate'],
    check(snapshot, event) {
      const appeal = runningAppeal(snapshot, event.appealId, 'its hearing');
      notBefore(
        event.hearingDate,
        'The hearing cannot be',
        appeal.registeredOn ?? appeal.lodgedOn,
        appeal.registeredOn
          ? 'the appeal was registered'
          : 'the appeal was lodged',
      );
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      appeals: updateById(snapshot.appeals, event.appealId, (a) => ({
        ...a,
        hearingDate: event.hearingDate,
      })),
    }),
    effects: () => effects({}),
    businessDate: (event) => event.hearingDate,
    summary: (event) =>
      `Hearing listed for ${formatLongDate(event.hearingDate)}`,
  },

  'appeal.decided': {
    dates: ['decisionDate', 'orderSentOn', 'laNotifiedTribunalOn'],
    check: checkAppealDecided,
    apply: (snapshot, event) => ({
      ...snapshot,
      stage: stageAfterAppeal(snapshot, event),
      appeals: updateById(snapshot.appeals, event.appealId, (a) =>
        defined({
          ...a,
          outcome: event.outcome,
          decisionDate: event.decisionDate,
          orderSentOn: event.orderSentOn,
          laNotifiedTribunalOn: event.laNotifiedTribunalOn,
        }),
      ),
      orders: [
        ...snapshot.orders,
        ...ordersOfDecision(event).map((o) =>
          defined({
            id: o.orderId,
            appealId: event.appealId,
            type: o.orderType,
            details: o.details,
            duties: orderDutyRuleIds(event.outcome, o.orderType).map((ruleId) =>
              defined({
                ruleId,
                agreedDueOn: o.agreedDueDates?.[ruleId],
                directedDueOn: o.directedDueDates?.[ruleId],
              }),
            ),
          }),
        ),
      ],
      recommendations: [
        ...snapshot.recommendations,
        ...event.recommendations.map((r) => ({
          id: r.recommendationId,
          appealId: event.appealId,
          section: r.section,
          responsibleBody: r.responsibleBody,
          text: r.text,
        })),
      ],
    }),
    effects: (before, event) => appealDecidedEffects(recorded(before), event),
    businessDate: (event) => event.decisionDate,
    summary(event) {
      const n = event.recommendations.length;
      const recs =
        n === 0
          ? ''
          : `, with ${plural(n, 'health and social care recommendation')}`;
      const duties = ordersOfDecision(event).map((o) =>
        lowerFirst(ORDER_TYPE_LABELS[o.orderType]),
      );
      const orders =
        duties.length === 0 ? '' : `; the council must ${duties.join(' and ')}`;
      return `Tribunal decision ${formatLongDate(event.decisionDate)}: appeal ${APPEAL_OUTCOME_LABELS[event.outcome]}${recs}${orders}`;
    },
    unusual: unusualOutcome,
  },
};
