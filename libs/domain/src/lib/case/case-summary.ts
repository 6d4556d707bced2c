import type { CaseEvent } from './case-events';
import { handlerOf } from './events/registry';

export {
  APPEAL_OUTCOME_LABELS,
  CERTIFICATE_KIND_LABELS,
  DECISION_TYPE_LABELS,
  MEETING_OUTCOME_LABELS,
  ORDER_TYPE_LABELS,
  RESPONSE_OUTCOME_LABELS,
  RESPONSIBLE_BODY_LABELS,
} from './labels';

/**
 * The date the fact happened (the business date), as opposed to when it was recorded. For a
 * correction, the date of the correction; for a hearing listing, the hearing date; for a
 * document, the date part of when it was attached. Each event type's is in its family's file.
 */
export function businessDateOf(event: CaseEvent): string {
  return handlerOf(event).businessDate(event);
}

/** One line for the history, in plain words (each event type's is in its family's file). */
export function summariseCaseEvent(event: CaseEvent): string {
  return handlerOf(event).summary(event);
}
