import type { DecisionType, OrderType, PlanSection } from '@send/contracts';
import type { CaseEvent, CaseEventOf } from './case-events';
import type { CaseSnapshot } from './case-snapshot';

/**
 * Facts the law does not provide for on the route a case is on. Such an entry is refused with the
 * reason, unless the caseworker confirms it is what actually happened (`confirmedUnusual`): then it
 * is recorded and flagged on the case (`CaseSnapshot.flags`) and in the reports, for someone to look
 * at. A Tribunal can get things wrong, and the record must say what happened, not what should have.
 */

/** The sections whose content the Tribunal decides: special educational needs, provision and placement (CFA 2014 s.51(2)(c)). */
const EDUCATION_SECTIONS: ReadonlySet<PlanSection> = new Set(['B', 'F', 'I']);

/** Decisions about the content of a plan, where an appeal names the sections it is about. */
const CONTENT_DECISIONS: ReadonlySet<DecisionType> = new Set(['final_plan_content', 'amended_plan_content']);

/**
 * What the Tribunal can order on an appeal against each kind of decision (SEND Regs reg 43(2)):
 * assess after a refusal to assess or re-assess (43(2)(b)); make and maintain a plan, or refer the
 * case back, after a refusal to issue one (43(2)(c), (d)); amend the plan or name the school on an
 * appeal about content or a refusal to amend (43(2)(e), (f)); continue to maintain (and amend) a plan
 * the council decided to cease, or cease it when that appeal is dismissed (reg 44(2)(a)).
 */
const ORDERS_FOR_DECISION: Readonly<Record<DecisionType, readonly OrderType[]>> = {
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

/** The reasons `event` is something the law does not provide for on this case, in words a caseworker can act on; empty when it is ordinary. */
export function unusualFacts(snapshot: CaseSnapshot, event: CaseEvent): string[] {
  switch (event.type) {
    case 'appeal.lodged':
      return unusualAppeal(snapshot, event);
    case 'appeal.decided':
      return unusualOutcome(snapshot, event);
    default:
      return [];
  }
}

function unusualAppeal(snapshot: CaseSnapshot, event: CaseEventOf<'appeal.lodged'>): string[] {
  const decision = snapshot.decisions.find((d) => d.id === event.decisionId);
  if (!decision) return [];
  const reasons: string[] = [];
  const sections = event.sections ?? [];
  const placementOnly = CONTENT_DECISIONS.has(decision.type) && sections.length > 0 && sections.every((s) => s === 'I');
  const certified = snapshot.mediations.some((m) => m.decisionId === decision.id && m.certificates.length > 0);
  if (!certified && !placementOnly) {
    reasons.push(
      'No mediation certificate is recorded for this decision: an appeal needs one (Children and Families Act 2014 s.55(3)), unless it is only about the school or placement named in section I (s.55(2)).',
    );
  }
  if (CONTENT_DECISIONS.has(decision.type) && sections.length > 0 && !sections.some((s) => EDUCATION_SECTIONS.has(s))) {
    reasons.push(
      `The appeal names only sections ${sections.join(', ')}: the Tribunal hears appeals about sections B, F and I (CFA 2014 s.51(2)(c)); health and social care can only be raised alongside them (Recommendations Power Regs 2017 reg 3).`,
    );
  }
  return reasons;
}

function unusualOutcome(snapshot: CaseSnapshot, event: CaseEventOf<'appeal.decided'>): string[] {
  const appeal = snapshot.appeals.find((a) => a.id === event.appealId);
  const decision = appeal && snapshot.decisions.find((d) => d.id === appeal.decisionId);
  if (!appeal || !decision) return [];
  const reasons: string[] = [];
  if (event.recommendations.length > 0) {
    if (decision.type === 'refuse_assessment') {
      reasons.push(
        'The Tribunal cannot make health and social care recommendations on an appeal against a refusal to assess (Recommendations Power Regs 2017 reg 3).',
      );
    } else if (appeal.sections && appeal.sections.length > 0 && !appeal.sections.some((s) => EDUCATION_SECTIONS.has(s))) {
      reasons.push(
        'The appeal recorded no education element (sections B, F or I): the Tribunal makes health and social care recommendations only alongside one (Recommendations Power Regs 2017 reg 3).',
      );
    }
  }
  for (const order of event.orders ?? []) {
    const allowed = ORDERS_FOR_DECISION[decision.type];
    if (!allowed.includes(order.orderType)) {
      reasons.push(`${capital(ORDER_WORDS[order.orderType])} is not among what the Tribunal can order on an appeal about ${DECISION_WORDS[decision.type]} (SEND Regs reg 43(2)).`);
      continue;
    }
    const dismissed = event.outcome === 'decided_dismissed';
    const allowedOutcome = event.outcome === 'decided_allowed' || event.outcome === 'decided_partly_allowed';
    if (order.orderType === 'cease' && !dismissed) {
      reasons.push('An order to cease to maintain the plan follows only when the appeal against ceasing it is dismissed (SEND Regs reg 44(2)(a)).');
    } else if (order.orderType !== 'cease' && dismissed) {
      reasons.push(`${capital(ORDER_WORDS[order.orderType])} on a dismissed appeal: a dismissal leaves the decision as it was (SEND Regs reg 43(2)(a)).`);
    } else if (order.orderType === 'continue_to_maintain' && !allowedOutcome && event.outcome !== 'consent_order' && event.outcome !== 'conceded_before_response') {
      reasons.push('An order to continue to maintain the plan follows an appeal against ceasing it that was allowed.');
    }
  }
  return reasons;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
