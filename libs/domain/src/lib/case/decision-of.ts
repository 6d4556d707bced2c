import { effectiveHistory } from './case-corrections';
import type { CaseEvent } from './case-events';

/**
 * Which decision each part of a case follows from, so that a case with several decisions shows
 * each decision's route (way forward meeting, mediation, appeal, orders, recommendations) and its
 * deadlines together. A family may disagree with each decision the council issues
 * (Children and Families Act 2014 s.51(2)), and each decision has a route of its own: the family's
 * time limits run from that decision's letter (SEND Regulations 2014 reg 32; HESC Rules 2008
 * r.20(1)), mediation is about a decision (CFA s.55(2)), an appeal is against one (s.51), and the
 * Tribunal's orders (SEND Regs reg 44) and recommendations (Recommendations Power Regs 2017 reg 6)
 * end that appeal. The rule, once, by the case's event order (corrections applied):
 *
 * - a decision follows from itself; what it answers (a request for an assessment, a review, a
 *   phase transfer, and a draft plan of that request) is grouped with it (regs 5(1), 10(1), 13(2),
 *   18(1), 20(10), 22(3));
 * - a mediation, an appeal and a way forward meeting that name their decision follow from it; a
 *   mediation's agreement items and certificates from the mediation's decision; an appeal's orders
 *   and recommendations from the appeal's decision;
 * - a way forward meeting that names no decision, and a disagreement resolution (reg 53, which
 *   names none), follow from the latest decision issued before them in the history;
 * - an extension follows the deadline it extends; a correction, a document and the sending of a
 *   letter the event they are about; opening the case, its contacts, reassignment and notes follow
 *   from no decision.
 */
export interface DecisionLinks {
  /** For each event of the history (index = sequence − 1): the decision it follows from, if any. */
  readonly events: readonly (string | undefined)[];
  /**
   * For each thing the case records (by its id, which is also the `subjectId` of the deadlines it
   * opens): the decision it follows from.
   */
  readonly subjects: ReadonlyMap<string, string>;
}

/** The subject an event is about (its own id, or the id of what it names), when it has one. */
function subjectOf(event: CaseEvent): string | undefined {
  switch (event.type) {
    case 'decision.issued':
    case 'decision.corrected':
      return event.decisionId;
    case 'assessment.requested':
    case 'assessment.agreed':
      return event.requestId;
    case 'draft_plan.served':
    case 'draft_plan.comments_received':
      return event.draftId;
    case 'review.meeting_held':
    case 'review.amendments_proposed':
      return event.reviewId;
    case 'phase_transfer.recorded':
      return event.transferId;
    case 'way_forward.requested':
    case 'way_forward.held':
      return event.meetingId;
    case 'disagreement_resolution.referred':
    case 'disagreement_resolution.meeting_held':
    case 'disagreement_resolution.concluded':
      return event.resolutionId;
    case 'appeal.lodged':
    case 'appeal.registered':
    case 'appeal.response_sent':
    case 'appeal.hearing_listed':
    case 'appeal.decided':
      return event.appealId;
    case 'order.complied':
      return event.orderId;
    case 'recommendation.responded':
      return event.recommendationId;
    case 'deadline.extended':
      return event.subjectId;
    case 'case.opened':
    case 'contact.added':
    case 'case.reassigned':
    case 'deadline.overdue':
    case 'event.corrected':
    case 'document.attached':
    case 'note.recorded':
    case 'letter.sent':
      return undefined;
    default:
      // Every mediation event, and certificates, name their mediation.
      return event.mediationId;
  }
}

/** Which decision each event and each recorded thing of `history` follows from (see `DecisionLinks`). */
export function decisionOf(history: readonly CaseEvent[]): DecisionLinks {
  const events = effectiveHistory(history);
  const subjects = new Map<string, string>();
  /** Draft plans of a request: grouped with the decision that answers the request, once known. */
  const draftsOfRequest = new Map<string, string[]>();
  let latest: string | undefined;
  const link = (id: string, decisionId: string | undefined) => {
    if (decisionId !== undefined) subjects.set(id, decisionId);
  };

  for (const event of events) {
    switch (event.type) {
      case 'decision.issued':
        latest = event.decisionId;
        link(event.decisionId, event.decisionId);
        if (event.answers) {
          link(event.answers.id, event.decisionId);
          for (const draft of draftsOfRequest.get(event.answers.id) ?? [])
            link(draft, event.decisionId);
        }
        break;
      case 'draft_plan.served':
        if (event.requestId) {
          draftsOfRequest.set(event.requestId, [
            ...(draftsOfRequest.get(event.requestId) ?? []),
            event.draftId,
          ]);
          link(event.draftId, subjects.get(event.requestId));
        }
        break;
      case 'way_forward.requested':
        link(event.meetingId, event.decisionId ?? latest);
        break;
      case 'disagreement_resolution.referred':
        link(event.resolutionId, latest);
        break;
      case 'mediation.adviser_contacted':
        link(event.mediationId, event.decisionId);
        break;
      case 'mediation.agreement_reached':
        for (const item of event.items)
          link(item.itemId, subjects.get(event.mediationId));
        break;
      case 'certificate.issued':
        link(event.certificateId, subjects.get(event.mediationId));
        break;
      case 'appeal.lodged':
        link(event.appealId, event.decisionId);
        break;
      case 'appeal.decided': {
        const decisionId = subjects.get(event.appealId);
        for (const order of event.orders ?? []) link(order.orderId, decisionId);
        for (const r of event.recommendations)
          link(r.recommendationId, decisionId);
        break;
      }
      default:
        break;
    }
  }

  const byEvent: (string | undefined)[] = [];
  events.forEach((event, index) => {
    let decisionId: string | undefined;
    if (event.type === 'event.corrected')
      decisionId = byEvent[event.correctsSequence - 1];
    else if (event.type === 'document.attached' || event.type === 'letter.sent')
      decisionId = byEvent[event.eventSequence - 1];
    else {
      const subject = subjectOf(event);
      decisionId = subject === undefined ? undefined : subjects.get(subject);
    }
    byEvent[index] = decisionId;
  });
  return { events: byEvent, subjects };
}

/** The decision a deadline follows from: that of its subject (see `decisionOf`). */
export const decisionOfDeadline = (
  links: DecisionLinks,
  deadline: { subjectId: string },
): string | undefined => links.subjects.get(deadline.subjectId);
