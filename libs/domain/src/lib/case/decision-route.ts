import type { CaseDetail, DecisionView, DeadlineView } from '@send/contracts';
import {
  isOutstanding,
  isOverdueDuty,
  isPassedFamilyLimit,
} from '../deadlines/deadline-status';

/**
 * Where each decision's route stands, for the case page's task list: the steps a disagreement with
 * a decision can take (a local way forward meeting; mediation, SEND Regs 2014 regs 32–42; an appeal
 * to the First-tier Tribunal, CFA 2014 s.51 and HESC Rules 2008 r.20; the Tribunal's orders, reg 44,
 * or a concession's, reg 45; its recommendations, Recommendations Power Regs 2017 reg 6), each with
 * its status and its deadlines. The deadlines are grouped by the `decisionId` the API gives each
 * (the domain's `decisionOf`), never worked out again here.
 */

export type RouteStepId =
  | 'way_forward'
  | 'mediation'
  | 'appeal'
  | 'orders'
  | 'recommendations';

export type RouteStepStatus =
  | 'not_started'
  | 'in_progress'
  | 'done'
  | 'not_needed'
  | 'overdue';

export interface RouteStep {
  step: RouteStepId;
  status: RouteStepStatus;
  /** The step's deadlines still to be done, soonest first. */
  outstanding: DeadlineView[];
}

export interface DecisionRoute {
  decision: DecisionView;
  steps: RouteStep[];
  /** Every deadline that follows from the decision, soonest first. */
  deadlines: DeadlineView[];
  /** The soonest deadline still to be done on this decision's route. */
  nextDue?: DeadlineView;
}

/** The deadlines of each step, by their rule's family (see `rules.ts`). */
const STEP_OF_RULE: readonly [string, RouteStepId][] = [
  ['mediation.', 'mediation'],
  ['agreement.', 'mediation'],
  ['appeal.', 'appeal'],
  ['tribunal.', 'appeal'],
  ['order.', 'orders'],
  ['concession.', 'orders'],
  ['recommendation.', 'recommendations'],
];

/** The route step a deadline belongs to, if any (a request's or review's own time limit belongs to none). */
export const routeStepOfRule = (ruleId: string): RouteStepId | undefined =>
  STEP_OF_RULE.find(([prefix]) => ruleId.startsWith(prefix))?.[1];

const byDue = (a: DeadlineView, b: DeadlineView) =>
  a.dueOn.localeCompare(b.dueOn);

/** The status of a step from what is on record: overdue first, then done, started, not needed. */
function status(
  outstanding: readonly DeadlineView[],
  today: string,
  facts: { started: boolean; done: boolean; notNeeded: boolean },
): RouteStepStatus {
  if (outstanding.some((d) => isOverdueDuty(d, today))) return 'overdue';
  if (facts.done) return 'done';
  if (facts.started) return 'in_progress';
  if (facts.notNeeded) return 'not_needed';
  return 'not_started';
}

/** A family's time limit that can no longer be used: met, cancelled, missed or gone by. */
const closedForFamily = (d: DeadlineView | undefined, today: string) =>
  d !== undefined && (!isOutstanding(d) || isPassedFamilyLimit(d, today));

/** Each decision of the case, in the order issued, with its route's steps and its deadlines. */
export function decisionRoutes(
  detail: Pick<
    CaseDetail,
    | 'decisions'
    | 'wayForwardMeetings'
    | 'mediations'
    | 'appeals'
    | 'orders'
    | 'recommendations'
    | 'deadlines'
  >,
  today: string,
): DecisionRoute[] {
  return detail.decisions.map((decision) => {
    const deadlines = detail.deadlines
      .filter((d) => d.decisionId === decision.id)
      .sort(byDue);
    const outstandingOf = (step: RouteStepId) =>
      deadlines.filter(
        (d) => isOutstanding(d) && routeStepOfRule(d.ruleId) === step,
      );
    const ofRule = (ruleId: string) =>
      deadlines.find((d) => d.ruleId === ruleId);

    const meetings = detail.wayForwardMeetings.filter(
      (w) => w.decisionId === decision.id,
    );
    const mediations = detail.mediations.filter(
      (m) => m.decisionId === decision.id,
    );
    const appeals = detail.appeals.filter((a) => a.decisionId === decision.id);
    const appealIds = new Set(appeals.map((a) => a.id));
    const orders = detail.orders.filter((o) => appealIds.has(o.appealId));
    const recommendations = detail.recommendations.filter((r) =>
      appealIds.has(r.appealId),
    );
    const appealsEnded =
      appeals.length > 0 && appeals.every((a) => a.outcome !== undefined);

    const step = (
      id: RouteStepId,
      facts: { started: boolean; done: boolean; notNeeded: boolean },
    ): RouteStep => {
      const outstanding = outstandingOf(id);
      return {
        step: id,
        status: status(outstanding, today, facts),
        outstanding,
      };
    };

    const appealStep = step('appeal', {
      started: appeals.length > 0,
      done: appealsEnded,
      // The family's time to appeal went by without an appeal (HESC r.20).
      notNeeded:
        appeals.length === 0 && closedForFamily(ofRule('appeal.lodge'), today),
    });
    const steps: RouteStep[] = [
      step('way_forward', {
        started: meetings.length > 0,
        done: meetings.length > 0 && meetings.every((w) => !!w.heldOn),
        notNeeded: appealsEnded || appealStep.status === 'not_needed',
      }),
      step('mediation', {
        started: mediations.length > 0,
        done:
          mediations.length > 0 &&
          mediations.every(
            (m) =>
              m.certificates.length > 0 &&
              m.agreementItems.every((i) => !!i.completedOn),
          ) &&
          outstandingOf('mediation').length === 0,
        // Not contacted in time, or the family went straight to appeal (only about section I, or after an exemption).
        notNeeded:
          mediations.length === 0 &&
          (appeals.length > 0 ||
            closedForFamily(ofRule('mediation.contact_adviser'), today)),
      }),
      appealStep,
      step('orders', {
        started: orders.length > 0,
        done: orders.length > 0 && outstandingOf('orders').length === 0,
        notNeeded:
          orders.length === 0 &&
          (appealsEnded || appealStep.status === 'not_needed'),
      }),
      step('recommendations', {
        started: recommendations.length > 0,
        done:
          recommendations.length > 0 &&
          recommendations.every((r) => !!r.response),
        notNeeded:
          recommendations.length === 0 &&
          (appealsEnded || appealStep.status === 'not_needed'),
      }),
    ];
    const nextDue = deadlines.find(isOutstanding);
    return { decision, steps, deadlines, ...(nextDue ? { nextDue } : {}) };
  });
}

/** The case's deadlines that follow from no decision (a request's, a review's, a transfer's not yet answered), soonest first. */
export const deadlinesOfNoDecision = (
  deadlines: readonly DeadlineView[],
): DeadlineView[] => deadlines.filter((d) => !d.decisionId).sort(byDue);
