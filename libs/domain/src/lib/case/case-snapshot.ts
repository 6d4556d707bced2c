import type {
  AppealView,
  AssessmentRequestView,
  CaseFlagView,
  CaseStage,
  ContactView,
  DecisionView,
  DisagreementResolutionView,
  DocumentView,
  DraftPlanView,
  MediationView,
  OrderView,
  PhaseTransferView,
  RecommendationView,
  ReviewView,
  WayForwardMeetingView,
} from '@send/contracts';
import type { CaseEvent, CaseEventOf } from './case-events';
import { CaseRuleError } from './case-rule-error';
import { orderDutyRuleIds } from './deadline-effects';
import { unusualFacts } from './unusual-facts';
import { businessDateOf } from './case-summary';

/**
 * The current state of a case: what replaying its history through `applyCaseEvent` gives. Made of
 * the views the API returns; deadlines are not part of it (they live in their own table, driven by
 * `deadlineEffects`).
 */
export interface CaseSnapshot {
  reference: string;
  childName: string;
  dateOfBirth: string;
  caseworker: string;
  team: string;
  stage: CaseStage;
  contacts: ContactView[];
  decisions: DecisionView[];
  wayForwardMeetings: WayForwardMeetingView[];
  mediations: MediationView[];
  disagreementResolutions: DisagreementResolutionView[];
  appeals: AppealView[];
  orders: OrderView[];
  recommendations: RecommendationView[];
  assessmentRequests: AssessmentRequestView[];
  reviews: ReviewView[];
  draftPlans: DraftPlanView[];
  phaseTransfers: PhaseTransferView[];
  /** Facts the law does not provide for on that route, recorded because the caseworker confirmed them. */
  flags: CaseFlagView[];
  documents: DocumentView[];
}

/** The lists a snapshot stored before they existed lacks, filled in empty: read every stored snapshot through this. */
export function completeSnapshot(snapshot: CaseSnapshot): CaseSnapshot;
export function completeSnapshot(snapshot: CaseSnapshot | undefined): CaseSnapshot | undefined;
export function completeSnapshot(snapshot: CaseSnapshot | undefined): CaseSnapshot | undefined {
  if (!snapshot || (snapshot.assessmentRequests && snapshot.reviews && snapshot.draftPlans && snapshot.phaseTransfers && snapshot.flags)) return snapshot;
  return {
    ...snapshot,
    assessmentRequests: snapshot.assessmentRequests ?? [],
    reviews: snapshot.reviews ?? [],
    draftPlans: snapshot.draftPlans ?? [],
    phaseTransfers: snapshot.phaseTransfers ?? [],
    flags: snapshot.flags ?? [],
  };
}

/** The stages in the order a case usually moves through them. */
const STAGE_ORDER: readonly CaseStage[] = ['open', 'decision_issued', 'mediation', 'appeal_lodged', 'appeal_decided', 'compliance', 'closed'];

/** `to` if the case has not got that far yet, else the stage it is at (stages only move forward this way). */
const atLeast = (stage: CaseStage, to: CaseStage): CaseStage =>
  STAGE_ORDER.indexOf(stage) < STAGE_ORDER.indexOf(to) ? to : stage;

/** The object without its `undefined` properties, so that a snapshot survives a JSON round trip unchanged. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** `items` with the one whose id is `id` replaced by `change(item)`. */
const updateById = <T extends { id: string }>(items: readonly T[], id: string, change: (item: T) => T): T[] =>
  items.map((item) => (item.id === id ? change(item) : item));

/** The mediation events (and certificates): they move a case not yet at appeal to the `mediation` stage. */
function withMediation(snapshot: CaseSnapshot, mediationId: string, change: (m: MediationView) => MediationView): CaseSnapshot {
  return {
    ...snapshot,
    stage: atLeast(snapshot.stage, 'mediation'),
    mediations: updateById(snapshot.mediations, mediationId, change),
  };
}

/**
 * The stage after an appeal ends: `compliance` when it left orders or recommendations to act on;
 * `closed` when it was withdrawn or struck out and no other appeal is still running; otherwise
 * `appeal_decided`.
 */
function stageAfterAppeal(snapshot: CaseSnapshot, event: Extract<CaseEvent, { type: 'appeal.decided' }>): CaseStage {
  if (ordersOfDecision(event).length > 0 || event.recommendations.length > 0) return 'compliance';
  const otherOpen = snapshot.appeals.some((a) => a.id !== event.appealId && a.outcome === undefined);
  if ((event.outcome === 'withdrawn' || event.outcome === 'struck_out') && !otherOpen) return 'closed';
  return 'appeal_decided';
}

/**
 * The reducer: the snapshot after `event`. It assumes `checkCaseEvent` accepted the event; it
 * never mutates its input. Stages: `case.opened` → `open`; `decision.issued` → `decision_issued`
 * if the case was only open; mediation events and certificates → `mediation` if no appeal has
 * been lodged yet; `appeal.lodged` → `appeal_lodged`; `appeal.decided` → see `stageAfterAppeal`;
 * every other event leaves the stage as it is.
 */
export function applyCaseEvent(stored: CaseSnapshot | undefined, event: CaseEvent): CaseSnapshot {
  const snapshot = completeSnapshot(stored);
  const after = reduce(snapshot, event);
  const reasons = 'confirmedUnusual' in event && event.confirmedUnusual && snapshot ? unusualFacts(snapshot, event) : [];
  if (reasons.length === 0) return after;
  return { ...after, flags: [...after.flags, ...reasons.map((reason) => ({ eventType: event.type, reason, on: businessDateOf(event) }))] };
}

/**
 * The orders a decided appeal leaves: those listed, and, for a case referred back to the council,
 * the duty to reconsider (reg 44(2)(d)) when it is not listed (id `<appealId>.reconsider`).
 */
export function ordersOfDecision(event: CaseEventOf<'appeal.decided'>): NonNullable<CaseEventOf<'appeal.decided'>['orders']> {
  const orders = event.orders ?? [];
  if (event.outcome !== 'referred_back' || orders.some((o) => o.orderType === 'reconsider')) return orders;
  return [...orders, { orderId: `${event.appealId}.reconsider`, orderType: 'reconsider' }];
}

function reduce(snapshot: CaseSnapshot | undefined, event: CaseEvent): CaseSnapshot {
  if (event.type === 'case.opened') {
    return {
      reference: event.reference,
      childName: event.childName,
      dateOfBirth: event.dateOfBirth,
      caseworker: event.caseworker,
      team: event.team,
      stage: 'open',
      contacts: [],
      decisions: [],
      wayForwardMeetings: [],
      mediations: [],
      disagreementResolutions: [],
      appeals: [],
      orders: [],
      recommendations: [],
      assessmentRequests: [],
      reviews: [],
      draftPlans: [],
      phaseTransfers: [],
      flags: [],
      documents: [],
    };
  }
  if (!snapshot) throw new CaseRuleError('EVENT_NOT_ALLOWED', 'Open the case before recording anything on it.');
  switch (event.type) {
    case 'contact.added':
      return {
        ...snapshot,
        contacts: [
          ...snapshot.contacts,
          defined({ id: event.contactId, name: event.name, relationship: event.relationship, email: event.email, phone: event.phone }),
        ],
      };
    case 'case.reassigned':
      return { ...snapshot, caseworker: event.caseworker, team: event.team };

    case 'decision.issued':
      return {
        ...snapshot,
        stage: atLeast(snapshot.stage, 'decision_issued'),
        decisions: [
          ...snapshot.decisions,
          defined({
            id: event.decisionId,
            type: event.decisionType,
            decisionDate: event.decisionDate,
            letterSent: event.letterSent,
            sections: event.sections,
            letterChecklist: event.letterChecklist,
            rationale: event.rationale,
            answers: event.answers,
          }),
        ],
      };

    case 'assessment.requested':
      return { ...snapshot, assessmentRequests: [...snapshot.assessmentRequests, { id: event.requestId, receivedOn: event.receivedOn }] };
    case 'assessment.agreed':
      return { ...snapshot, assessmentRequests: updateById(snapshot.assessmentRequests, event.requestId, (r) => ({ ...r, agreedOn: event.notifiedOn })) };
    case 'draft_plan.served':
      return {
        ...snapshot,
        draftPlans: [...snapshot.draftPlans, defined({ id: event.draftId, servedOn: event.servedOn, requestId: event.requestId })],
      };
    case 'draft_plan.comments_received':
      return { ...snapshot, draftPlans: updateById(snapshot.draftPlans, event.draftId, (d) => ({ ...d, commentsReceivedOn: event.receivedOn })) };
    case 'review.meeting_held':
      return { ...snapshot, reviews: [...snapshot.reviews, { id: event.reviewId, meetingOn: event.heldOn }] };
    case 'review.amendments_proposed':
      return { ...snapshot, reviews: updateById(snapshot.reviews, event.reviewId, (r) => ({ ...r, amendmentsProposedOn: event.sentOn })) };
    case 'phase_transfer.recorded':
      return {
        ...snapshot,
        phaseTransfers: [...snapshot.phaseTransfers, { id: event.transferId, transferDate: event.transferDate, kind: event.kind }],
      };
    case 'decision.corrected':
      return {
        ...snapshot,
        decisions: updateById(snapshot.decisions, event.decisionId, (d) => ({
          ...d,
          decisionDate: event.decisionDate,
          letterSent: event.letterSent,
        })),
      };

    case 'way_forward.requested':
      return {
        ...snapshot,
        wayForwardMeetings: [
          ...snapshot.wayForwardMeetings,
          defined({ id: event.meetingId, decisionId: event.decisionId, requestedOn: event.requestedOn }),
        ],
      };
    case 'way_forward.held':
      return {
        ...snapshot,
        wayForwardMeetings: updateById(snapshot.wayForwardMeetings, event.meetingId, (m) =>
          defined({ ...m, heldOn: event.heldOn, outcome: event.outcome, notes: event.notes }),
        ),
      };

    case 'mediation.adviser_contacted':
      return {
        ...snapshot,
        stage: atLeast(snapshot.stage, 'mediation'),
        mediations: [
          ...snapshot.mediations,
          {
            id: event.mediationId,
            decisionId: event.decisionId,
            providerName: event.providerName,
            adviserContactedOn: event.contactedOn,
            healthInIssue: event.healthInIssue,
            socialCareInIssue: event.socialCareInIssue,
            agreementItems: [],
            certificates: [],
          },
        ],
      };
    case 'mediation.declined':
      return withMediation(snapshot, event.mediationId, (m) => ({ ...m, choice: 'declined' }));
    case 'mediation.requested':
      return withMediation(snapshot, event.mediationId, (m) =>
        defined({ ...m, choice: 'requested' as const, laInformedOn: event.laInformedOn, healthOnly: event.healthOnly || undefined }),
      );
    case 'mediation.withdrawn':
      return withMediation(snapshot, event.mediationId, (m) => ({ ...m, withdrawnOn: event.adviserInformedOn }));
    case 'mediation.health_notified':
      return withMediation(snapshot, event.mediationId, (m) => ({ ...m, healthNotifiedOn: event.notifiedOn }));
    case 'mediation.arranged':
      return withMediation(snapshot, event.mediationId, (m) => ({ ...m, arrangedFor: event.mediationDate }));
    case 'mediation.not_arranged':
      return withMediation(snapshot, event.mediationId, (m) => ({ ...m, notArranged: true }));
    case 'mediation.held':
      return withMediation(snapshot, event.mediationId, (m) =>
        defined({ ...m, heldOn: event.heldOn, outcome: event.outcome, participants: event.participants?.length ? event.participants : undefined }),
      );
    case 'mediation.agreement_reached':
      return withMediation(snapshot, event.mediationId, (m) => ({
        ...m,
        agreementDate: event.agreementDate,
        agreementItems: [
          ...m.agreementItems,
          ...event.items.map((item) =>
            defined({
              id: item.itemId,
              description: item.description,
              appealable: item.appealable,
              orderType: item.orderType,
              responsibleBody: item.responsibleBody,
              agreedDueOn: item.agreedDueOn,
            }),
          ),
        ],
      }));
    case 'mediation.health_response_received':
      return withMediation(snapshot, event.mediationId, (m) => ({ ...m, healthResponseReceivedOn: event.receivedOn }));
    case 'mediation.agreement_item_completed':
      return withMediation(snapshot, event.mediationId, (m) => ({
        ...m,
        agreementItems: updateById(m.agreementItems, event.itemId, (item) => ({
          ...item,
          completedOn: event.completedOn,
          evidence: event.evidence,
        })),
      }));
    case 'certificate.issued':
      return withMediation(snapshot, event.mediationId, (m) => ({
        ...m,
        certificates: [...m.certificates, { id: event.certificateId, kind: event.kind, issuedOn: event.issuedOn }],
      }));

    case 'disagreement_resolution.referred':
      return {
        ...snapshot,
        disagreementResolutions: [
          ...snapshot.disagreementResolutions,
          { id: event.resolutionId, referredOn: event.referredOn, subject: event.subject, meetings: [] },
        ],
      };
    case 'disagreement_resolution.meeting_held':
      return {
        ...snapshot,
        disagreementResolutions: updateById(snapshot.disagreementResolutions, event.resolutionId, (r) => ({
          ...r,
          meetings: [...r.meetings, event.heldOn],
        })),
      };
    case 'disagreement_resolution.concluded':
      return {
        ...snapshot,
        disagreementResolutions: updateById(snapshot.disagreementResolutions, event.resolutionId, (r) => ({
          ...r,
          concludedOn: event.concludedOn,
          outcome: event.outcome,
        })),
      };

    case 'appeal.lodged':
      return {
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
      };
    case 'appeal.registered':
      return {
        ...snapshot,
        appeals: updateById(snapshot.appeals, event.appealId, (a) => ({
          ...a,
          registeredOn: event.registeredOn,
          appealReceivedOn: event.appealReceivedOn,
        })),
      };
    case 'appeal.response_sent':
      return { ...snapshot, appeals: updateById(snapshot.appeals, event.appealId, (a) => ({ ...a, responseSentOn: event.sentOn })) };
    case 'appeal.hearing_listed':
      return { ...snapshot, appeals: updateById(snapshot.appeals, event.appealId, (a) => ({ ...a, hearingDate: event.hearingDate })) };
    case 'appeal.decided':
      return {
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
                defined({ ruleId, agreedDueOn: o.agreedDueDates?.[ruleId], directedDueOn: o.directedDueDates?.[ruleId] }),
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
      };
    case 'order.complied':
      return {
        ...snapshot,
        orders: updateById(snapshot.orders, event.orderId, (o) => ({
          ...o,
          duties: o.duties.map((d) => (d.ruleId === event.ruleId ? { ...d, compliedOn: event.compliedOn, evidence: event.evidence } : d)),
        })),
      };
    case 'recommendation.responded':
      return {
        ...snapshot,
        recommendations: updateById(snapshot.recommendations, event.recommendationId, (r) => ({
          ...r,
          response: defined({ outcome: event.outcome, sentOn: event.sentOn, recipient: event.recipient, sentTo: event.sentTo, reasons: event.reasons }),
        })),
      };

    case 'document.attached':
      return {
        ...snapshot,
        documents: [
          ...snapshot.documents,
          {
            id: event.documentId,
            eventSequence: event.eventSequence,
            filename: event.filename,
            contentType: event.contentType,
            size: event.size,
            sha256: event.sha256,
            uploadedAt: event.attachedOn,
          },
        ],
      };

    // Deadlines live in their own table: these change nothing on the snapshot.
    case 'deadline.extended':
    case 'deadline.overdue':
      return snapshot;
    // A correction changes the case only through the event it corrects: see `effectiveHistory`,
    // which `replayCase` and `checkHistory` use.
    case 'event.corrected':
      return snapshot;
  }
}
