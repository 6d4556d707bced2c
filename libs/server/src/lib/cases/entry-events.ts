import { randomUUID } from 'node:crypto';
import type {
  MediationArrangedRequest,
  OrderComplianceRequest,
  RecordAppealOutcomeRequest,
  RecordDecisionRequest,
  RecordRecommendationResponseRequest,
  VersionedWrite,
} from '@send/contracts';
import type { CaseEventOf } from '@send/domain';

/*
 * The events that requests record, where more than one route records them: a decision, a response
 * to a recommendation, an appeal's outcome (a concession), mediation arranged and compliance with an
 * order are recorded by their own routes and, with their letter, by the letters routes (issue =
 * record). Controllers and the letters service both call these: one rule, one place.
 */

/** A request's entry without the version it is checked against (given once, beside it). */
type Entry<T extends VersionedWrite> = Omit<T, keyof VersionedWrite>;

/** The `decision.issued` event a decision request records (also issued with its notice: letters context). */
export function decisionEventOf(
  body: Entry<RecordDecisionRequest>,
  decisionId: string,
): CaseEventOf<'decision.issued'> {
  return {
    type: 'decision.issued',
    decisionId,
    decisionType: body.type,
    decisionDate: body.decisionDate,
    letterSent: body.letterSent,
    sections: body.sections ?? [],
    ...(body.letterChecklist
      ? { letterChecklist: { ...body.letterChecklist } }
      : {}),
    ...(body.rationale?.trim() ? { rationale: body.rationale.trim() } : {}),
    ...(body.answers
      ? { answers: { kind: body.answers.kind, id: body.answers.id } }
      : {}),
    ...(body.placement?.trim() ? { placement: body.placement.trim() } : {}),
  };
}

/** The entry a response to a recommendation records: by its route, or issued with its letter. */
export function recommendationResponseEventOf(
  body: Entry<RecordRecommendationResponseRequest>,
  recommendationId: string,
): CaseEventOf<'recommendation.responded'> {
  return {
    type: 'recommendation.responded',
    recommendationId,
    outcome: body.outcome,
    sentOn: body.sentOn,
    recipient: body.recipient,
    sentTo: body.sentTo.map((s) => s.trim()),
    ...(body.reasons?.trim() ? { reasons: body.reasons.trim() } : {}),
  };
}

/**
 * How an appeal ended (`appeal.decided`), with the Tribunal's orders (SEND Regs 2014 reg 44) and
 * recommendations (Recommendations Power Regs 2017 reg 6), each with an id of its own. A concession
 * before the council's response (reg 45(1)–(2)) is recorded here too, and issued with its notice.
 */
export function appealOutcomeEventOf(
  body: Entry<RecordAppealOutcomeRequest>,
  appealId: string,
): CaseEventOf<'appeal.decided'> {
  return {
    type: 'appeal.decided',
    appealId,
    outcome: body.outcome,
    decisionDate: body.decisionDate,
    ...(body.orderSentOn ? { orderSentOn: body.orderSentOn } : {}),
    ...(body.laNotifiedTribunalOn
      ? { laNotifiedTribunalOn: body.laNotifiedTribunalOn }
      : {}),
    orders: [
      ...(body.orders ?? []).map((o) => ({
        orderId: randomUUID(),
        orderType: o.orderType,
        ...(o.details?.trim() ? { details: o.details.trim() } : {}),
        ...(o.agreedDueDates && Object.keys(o.agreedDueDates).length
          ? { agreedDueDates: { ...o.agreedDueDates } }
          : {}),
        ...(o.directedDueDates && Object.keys(o.directedDueDates).length
          ? { directedDueDates: { ...o.directedDueDates } }
          : {}),
      })),
      // A case referred back opens the council's duty to reconsider (reg 44(2)(d)), listed or not.
      ...(body.outcome === 'referred_back' &&
      !(body.orders ?? []).some((o) => o.orderType === 'reconsider')
        ? [{ orderId: randomUUID(), orderType: 'reconsider' as const }]
        : []),
    ],
    recommendations: (body.recommendations ?? []).map((r) => ({
      recommendationId: randomUUID(),
      section: r.section,
      responsibleBody: r.responsibleBody,
      text: r.text.trim(),
    })),
    ...(body.confirmedUnusual ? { confirmedUnusual: true } : {}),
  };
}

/** Mediation arranged (`mediation.arranged`): meets the council's 30 days (SEND Regs 2014 regs 36–37). */
export function mediationArrangedEventOf(
  body: Entry<MediationArrangedRequest>,
  mediationId: string,
): CaseEventOf<'mediation.arranged'> {
  return {
    type: 'mediation.arranged',
    mediationId,
    arrangedOn: body.arrangedOn,
    mediationDate: body.mediationDate,
  };
}

/** One duty of an order (reg 44) or of a concession (reg 45) done, with its evidence (`order.complied`). */
export function orderComplianceEventOf(
  body: Entry<OrderComplianceRequest>,
  orderId: string,
): CaseEventOf<'order.complied'> {
  return {
    type: 'order.complied',
    orderId,
    ruleId: body.ruleId,
    compliedOn: body.compliedOn,
    evidence: body.evidence.trim(),
  };
}
