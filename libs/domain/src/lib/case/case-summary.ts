import type {
  AppealOutcome,
  CertificateKind,
  DecisionType,
  MeetingOutcome,
  OrderType,
  ResponseOutcome,
  ResponsibleBody,
} from '@send/contracts';
import { EXTENSION_GROUNDS, ruleTitle } from '../clock/rules';
import { formatLongDate } from '../dates/iso-date';
import { describeCorrection } from './case-corrections';
import type { CaseEvent } from './case-events';
import { ordersOfDecision } from './case-snapshot';

export const DECISION_TYPE_LABELS: Record<DecisionType, string> = {
  refuse_assessment: 'Not to carry out an EHC needs assessment',
  refuse_reassessment: 'Not to carry out a re-assessment',
  refuse_plan: 'Not to issue an EHC plan',
  final_plan_content: 'Content of the final EHC plan',
  refuse_amend: 'Not to amend the EHC plan',
  amended_plan_content: 'Content of the amended EHC plan',
  cease_plan: 'To cease to maintain the EHC plan',
};

export const RESPONSIBLE_BODY_LABELS: Record<ResponsibleBody, string> = {
  icb: 'Integrated care board (health)',
  council_social_care: 'Council social care',
};

/** Mediation certificates (SEND Regs regs 34, 37, 39). */
export const CERTIFICATE_KIND_LABELS: Record<CertificateKind, string> = {
  information_only: 'Mediation information given; mediation declined or not pursued',
  mediation_concluded: 'Mediation concluded',
  mediation_not_arranged: 'Mediation not arranged in time',
};

/** What a Tribunal order (or concession, or appealable agreement item) requires of the council. */
export const ORDER_TYPE_LABELS: Record<OrderType, string> = {
  assess: 'Carry out an EHC needs assessment',
  make_plan: 'Make and maintain an EHC plan',
  amend_plan: 'Amend the EHC plan (sections B, F, I)',
  name_school_only: 'Name the school or placement (section I)',
  continue_to_maintain: 'Continue to maintain the EHC plan',
  cease: 'Cease to maintain the EHC plan',
  reconsider: 'Reconsider the case the Tribunal referred back',
};

/** How an appeal ended, as it reads after "appeal …". */
export const APPEAL_OUTCOME_LABELS: Record<AppealOutcome, string> = {
  decided_allowed: 'allowed',
  decided_partly_allowed: 'partly allowed',
  decided_dismissed: 'dismissed',
  referred_back: 'referred back to the council',
  conceded_before_response: 'conceded before the response',
  consent_order: 'ended by consent order',
  withdrawn: 'withdrawn',
  struck_out: 'struck out',
};

export const RESPONSE_OUTCOME_LABELS: Record<ResponseOutcome, string> = {
  followed: 'followed',
  partly_followed: 'partly followed',
  not_followed: 'not followed',
};

export const MEETING_OUTCOME_LABELS: Record<MeetingOutcome, string> = {
  resolved: 'resolved',
  partly_resolved: 'partly resolved',
  not_resolved: 'not resolved',
};

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;


/**
 * The date the fact happened (the business date), as opposed to when it was recorded. For a
 * correction, the corrected decision date; for a hearing listing, the hearing date; for a
 * document, the date part of when it was attached.
 */
export function businessDateOf(event: CaseEvent): string {
  switch (event.type) {
    case 'case.opened':
      return event.openedOn;
    case 'contact.added':
      return event.addedOn;
    case 'case.reassigned':
      return event.reassignedOn;
    case 'decision.issued':
    case 'decision.corrected':
      return event.decisionDate;
    case 'assessment.requested':
    case 'draft_plan.comments_received':
      return event.receivedOn;
    case 'assessment.agreed':
      return event.notifiedOn;
    case 'draft_plan.served':
      return event.servedOn;
    case 'review.meeting_held':
      return event.heldOn;
    case 'review.amendments_proposed':
      return event.sentOn;
    case 'phase_transfer.recorded':
      return event.recordedOn;
    case 'way_forward.requested':
      return event.requestedOn;
    case 'way_forward.held':
    case 'mediation.held':
    case 'disagreement_resolution.meeting_held':
      return event.heldOn;
    case 'mediation.adviser_contacted':
      return event.contactedOn;
    case 'mediation.declined':
    case 'mediation.not_arranged':
    case 'mediation.withdrawn':
      return event.adviserInformedOn;
    case 'mediation.requested':
      return event.laInformedOn;
    case 'mediation.health_notified':
      return event.notifiedOn;
    case 'mediation.arranged':
      return event.arrangedOn;
    case 'mediation.agreement_reached':
      return event.agreementDate;
    case 'mediation.agreement_item_completed':
      return event.completedOn;
    case 'mediation.health_response_received':
      return event.receivedOn;
    case 'certificate.issued':
      return event.issuedOn;
    case 'disagreement_resolution.referred':
      return event.referredOn;
    case 'disagreement_resolution.concluded':
      return event.concludedOn;
    case 'appeal.lodged':
      return event.lodgedOn;
    case 'appeal.registered':
      return event.registeredOn;
    case 'appeal.response_sent':
    case 'recommendation.responded':
      return event.sentOn;
    case 'appeal.hearing_listed':
      return event.hearingDate;
    case 'appeal.decided':
      return event.decisionDate;
    case 'order.complied':
      return event.compliedOn;
    case 'deadline.extended':
      return event.extendedOn;
    case 'deadline.overdue':
      return event.overdueOn;
    case 'event.corrected':
      return event.correctedOn;
    case 'document.attached':
      return event.attachedOn.slice(0, 10);
  }
}

/** One line for the history, in plain words. */
export function summariseCaseEvent(event: CaseEvent): string {
  switch (event.type) {
    case 'case.opened':
      return `Case opened for ${event.childName} (${event.reference}); caseworker ${event.caseworker}, ${event.team}`;
    case 'contact.added':
      return `Contact added: ${event.name} (${event.relationship})`;
    case 'case.reassigned':
      return `Case reassigned to ${event.caseworker}, ${event.team}`;
    case 'decision.issued':
      return `Decision issued: ${lowerFirst(DECISION_TYPE_LABELS[event.decisionType])}; letter sent ${formatLongDate(event.letterSent)}`;
    case 'decision.corrected':
      return `Decision dates corrected: decided ${formatLongDate(event.decisionDate)}, letter sent ${formatLongDate(event.letterSent)}`;
    case 'assessment.requested':
      return `Request for an EHC needs assessment received ${formatLongDate(event.receivedOn)}`;
    case 'assessment.agreed':
      return `The council decided to carry out the EHC needs assessment; family told ${formatLongDate(event.notifiedOn)}`;
    case 'draft_plan.served':
      return `Draft EHC plan served ${formatLongDate(event.servedOn)}`;
    case 'draft_plan.comments_received':
      return `Family's comments on the draft plan received ${formatLongDate(event.receivedOn)}`;
    case 'review.meeting_held':
      return `Annual review meeting held ${formatLongDate(event.heldOn)}`;
    case 'review.amendments_proposed':
      return `Proposed amendments to the EHC plan sent ${formatLongDate(event.sentOn)}`;
    case 'phase_transfer.recorded':
      return `Transfer between phases of education on ${formatLongDate(event.transferDate)}${event.kind === 'post16' ? ' (to a post-16 institution)' : ''}`;
    case 'way_forward.requested':
      return `SEND way forward meeting requested ${formatLongDate(event.requestedOn)}`;
    case 'way_forward.held':
      return `SEND way forward meeting held ${formatLongDate(event.heldOn)}: ${MEETING_OUTCOME_LABELS[event.outcome]}`;
    case 'mediation.adviser_contacted': {
      const inIssue = [event.healthInIssue && 'health', event.socialCareInIssue && 'social care'].filter(Boolean);
      const issue = inIssue.length === 0 ? '' : `; ${inIssue.join(' and ')} in issue`;
      return `Family contacted the mediation adviser (${event.providerName}) ${formatLongDate(event.contactedOn)}${issue}`;
    }
    case 'mediation.declined':
      return `Mediation declined; adviser informed ${formatLongDate(event.adviserInformedOn)}`;
    case 'mediation.requested':
      return `Mediation requested${event.healthOnly ? ' about health care provision only (the ICB arranges it)' : ''}; council informed ${formatLongDate(event.laInformedOn)}`;
    case 'mediation.withdrawn':
      return `The family no longer wishes to pursue mediation; adviser informed ${formatLongDate(event.adviserInformedOn)}`;
    case 'mediation.health_notified':
      return `Health commissioner (ICB) told about the mediation ${formatLongDate(event.notifiedOn)}`;
    case 'mediation.arranged':
      return `Mediation arranged for ${formatLongDate(event.mediationDate)}`;
    case 'mediation.not_arranged':
      return `Mediation could not be arranged in time; adviser informed ${formatLongDate(event.adviserInformedOn)}`;
    case 'mediation.held': {
      const who = event.participants?.length ? `; taking part: ${event.participants.join(', ')}` : '';
      return `Mediation held ${formatLongDate(event.heldOn)}: ${MEETING_OUTCOME_LABELS[event.outcome]}${who}`;
    }
    case 'mediation.agreement_reached':
      return `Mediation agreement ${formatLongDate(event.agreementDate)}: ${plural(event.items.length, 'item')} agreed`;
    case 'mediation.agreement_item_completed':
      return `Mediation agreement item done ${formatLongDate(event.completedOn)}: ${event.evidence}`;
    case 'mediation.health_response_received':
      return `ICB told the council what it will do under the mediation agreement, ${formatLongDate(event.receivedOn)}`;
    case 'certificate.issued':
      return `Mediation certificate issued ${formatLongDate(event.issuedOn)}: ${lowerFirst(CERTIFICATE_KIND_LABELS[event.kind])}`;
    case 'disagreement_resolution.referred':
      return `Referred to disagreement resolution ${formatLongDate(event.referredOn)}: ${event.subject}`;
    case 'disagreement_resolution.meeting_held':
      return `Disagreement resolution meeting held ${formatLongDate(event.heldOn)}`;
    case 'disagreement_resolution.concluded':
      return `Disagreement resolution concluded ${formatLongDate(event.concludedOn)}: ${MEETING_OUTCOME_LABELS[event.outcome]}`;
    case 'appeal.lodged':
      return `Appeal ${event.tribunalReference} lodged ${formatLongDate(event.lodgedOn)}`;
    case 'appeal.registered':
      return `Appeal registered ${formatLongDate(event.registeredOn)}; the council received it ${formatLongDate(event.appealReceivedOn)}`;
    case 'appeal.response_sent':
      return `Council's response to the appeal sent ${formatLongDate(event.sentOn)}`;
    case 'appeal.hearing_listed':
      return `Hearing listed for ${formatLongDate(event.hearingDate)}`;
    case 'appeal.decided': {
      const n = event.recommendations.length;
      const recs = n === 0 ? '' : `, with ${plural(n, 'health and social care recommendation')}`;
      const duties = ordersOfDecision(event).map((o) => lowerFirst(ORDER_TYPE_LABELS[o.orderType]));
      const orders = duties.length === 0 ? '' : `; the council must ${duties.join(' and ')}`;
      return `Tribunal decision ${formatLongDate(event.decisionDate)}: appeal ${APPEAL_OUTCOME_LABELS[event.outcome]}${recs}${orders}`;
    }
    case 'order.complied':
      return `Complied ${formatLongDate(event.compliedOn)}: ${ruleTitle(event.ruleId)}`;
    case 'recommendation.responded': {
      const to = event.recipient ? ` to the ${event.recipient === 'young_person' ? 'young person' : 'parent'}` : '';
      return `Response to recommendation sent${to} ${formatLongDate(event.sentOn)}: ${RESPONSE_OUTCOME_LABELS[event.outcome]}`;
    }
    case 'deadline.extended': {
      const ground = event.ground ? ` under a statutory exception (${lowerFirst(EXTENSION_GROUNDS[event.ground])})` : '';
      return `Deadline extended from ${formatLongDate(event.fromDueOn)} to ${formatLongDate(event.toDueOn)}${ground} (${ruleTitle(event.ruleId)}): ${event.reason}`;
    }
    case 'deadline.overdue':
      return `Deadline missed: ${ruleTitle(event.ruleId)} was due ${formatLongDate(event.dueOn)}`;
    case 'event.corrected':
      return `Correction to event ${event.correctsSequence}: ${describeCorrection(event)}`;
    case 'document.attached':
      return `Document attached: ${event.filename}`;
  }
}
