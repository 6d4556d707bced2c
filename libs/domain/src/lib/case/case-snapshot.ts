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
import type { CaseEvent } from './case-events';
import { CaseRuleError } from './case-rule-error';
import { openedSnapshot } from './events/case';
import { handlerOf } from './events/registry';
import { unusualFacts } from './unusual-facts';

export { ordersOfDecision } from './events/appeal';

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
export function completeSnapshot(
  snapshot: CaseSnapshot | undefined,
): CaseSnapshot | undefined;
export function completeSnapshot(
  snapshot: CaseSnapshot | undefined,
): CaseSnapshot | undefined {
  if (
    !snapshot ||
    (snapshot.assessmentRequests &&
      snapshot.reviews &&
      snapshot.draftPlans &&
      snapshot.phaseTransfers &&
      snapshot.flags)
  )
    return snapshot;
  return {
    ...snapshot,
    assessmentRequests: snapshot.assessmentRequests ?? [],
    reviews: snapshot.reviews ?? [],
    draftPlans: snapshot.draftPlans ?? [],
    phaseTransfers: snapshot.phaseTransfers ?? [],
    flags: snapshot.flags ?? [],
  };
}

/**
 * The reducer: the snapshot after `event`. It assumes `checkCaseEvent` accepted the event; it
 * never mutates its input. Stages: `case.opened` → `open`; `decision.issued` → `decision_issued`
 * if the case was only open; mediation events and certificates → `mediation` if no appeal has
 * been lodged yet; `appeal.lodged` → `appeal_lodged`; `appeal.decided` → see `stageAfterAppeal`;
 * every other event leaves the stage as it is.
 */
export function applyCaseEvent(
  stored: CaseSnapshot | undefined,
  event: CaseEvent,
): CaseSnapshot {
  const snapshot = completeSnapshot(stored);
  const after = reduce(snapshot, event);
  const reasons =
    'confirmedUnusual' in event && event.confirmedUnusual && snapshot
      ? unusualFacts(snapshot, event)
      : [];
  if (reasons.length === 0) return after;
  return {
    ...after,
    flags: [
      ...after.flags,
      ...reasons.map((reason) => ({
        eventType: event.type,
        reason,
        on: handlerOf(event).businessDate(event),
      })),
    ],
  };
}

/** The state change of `event`, by its family's handler (see `events/`). */
function reduce(
  snapshot: CaseSnapshot | undefined,
  event: CaseEvent,
): CaseSnapshot {
  if (event.type === 'case.opened') return openedSnapshot(event);
  if (!snapshot)
    throw new CaseRuleError(
      'EVENT_NOT_ALLOWED',
      'Open the case before recording anything on it.',
    );
  return handlerOf(event).apply(snapshot, event);
}
