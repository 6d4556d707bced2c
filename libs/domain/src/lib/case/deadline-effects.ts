import type { CaseEvent } from './case-events';
import type { CaseSnapshot } from './case-snapshot';
import type { DeadlineEffects } from './deadline-duties';
import { handlerOf } from './events/registry';

export {
  agreementItemRuleIds,
  alternativeDuty,
  CERTIFICATE_DEADLINE_RULES,
  type DeadlineEffects,
  type DeadlineToCancel,
  type DeadlineToClose,
  type DeadlineToExtend,
  type DeadlineToMiss,
  type DeadlineToMove,
  type DeadlineToOpen,
  type DueDateSetBy,
  dueOfDeadline,
  isRuleId,
  ORDER_TYPE_DUTIES,
  orderDutyRuleIds,
} from './deadline-duties';
export { decisionsAnswering, NAMES_A_PLACEMENT } from './events/decision';

/**
 * Which statutory deadlines an accepted event opens, meets (closes), moves, cancels, misses and
 * extends. `before` is the case as it was before the event (as `checkCaseEvent` saw it); the event
 * is assumed to have passed `checkCaseEvent`. Subjects: the decision for `appeal.lodge` and
 * `mediation.contact_adviser`; the mediation for its own and its certificates' deadlines and for
 * `agreement.health_notify_la`; the agreement item for its duties; the appeal for
 * `tribunal.la_response`; the order for its duties; the recommendation for its response; the
 * request, review, draft or transfer for the decision's own time limits.
 * Effects on a deadline that is no longer open (met, cancelled, missed) change nothing, except a
 * move: corrected facts move the due date of a deadline already met too, so that whether it was met
 * on time follows the corrected dates.
 */
export function deadlineEffects(
  before: CaseSnapshot | undefined,
  event: CaseEvent,
): DeadlineEffects {
  return handlerOf(event).effects(before, event);
}
