import type {
  RecordDecisionRequest,
  RecordRecommendationResponseRequest,
} from '@send/contracts';
import type { CaseEventOf } from '@send/domain';

/*
 * The events that requests record, where more than one route records them: a decision and a
 * response to a recommendation are recorded by their own routes and, with their letter, by the
 * letters routes (issue = record). Controllers and the letters service both call these.
 */

/** The `decision.issued` event a decision request records (also issued with its notice: letters context). */
export function decisionEventOf(
  body: Omit<RecordDecisionRequest, 'expectedVersion' | 'dryRun'>,
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
  body: Omit<RecordRecommendationResponseRequest, 'expectedVersion' | 'dryRun'>,
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
