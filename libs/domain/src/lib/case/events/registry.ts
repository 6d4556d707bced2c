import type { CaseEvent, CaseEventType } from '../case-events';
import { APPEAL_EVENTS } from './appeal';
import { ASSESSMENT_PLAN_EVENTS } from './assessment-plan';
import { CASE_EVENTS } from './case';
import { DEADLINE_EVENTS } from './deadline';
import { DECISION_EVENTS } from './decision';
import { DISAGREEMENT_RESOLUTION_EVENTS } from './disagreement-resolution';
import type { EventHandler, EventHandlers } from './handler';
import { MEDIATION_EVENTS } from './mediation';
import { NOTE_EVENTS } from './note';
import { ORDER_EVENTS } from './order';
import { RECOMMENDATION_EVENTS } from './recommendation';
import { RECORD_EVENTS } from './record';
import { REVIEW_PHASE_TRANSFER_EVENTS } from './review-phase-transfer';
import { WAY_FORWARD_EVENTS } from './way-forward';

/**
 * Every event type's handler, by type: the one place the domain's checks (`checkCaseEvent`), state
 * change (`applyCaseEvent`), deadline effects (`deadlineEffects`), business date and summary
 * (`businessDateOf`, `summariseCaseEvent`) look an event up. Its type requires a handler for each
 * member of `CaseEvent`, so a new event type does not compile until its family file handles it.
 */
const FAMILIES = [
  CASE_EVENTS,
  DECISION_EVENTS,
  ASSESSMENT_PLAN_EVENTS,
  REVIEW_PHASE_TRANSFER_EVENTS,
  WAY_FORWARD_EVENTS,
  MEDIATION_EVENTS,
  DISAGREEMENT_RESOLUTION_EVENTS,
  APPEAL_EVENTS,
  ORDER_EVENTS,
  RECOMMENDATION_EVENTS,
  DEADLINE_EVENTS,
  RECORD_EVENTS,
  NOTE_EVENTS,
] as const;

/** Every family's handlers in one object: the intersection of the families' types. */
type Assembled = (typeof FAMILIES)[number] extends infer F
  ? (F extends unknown ? (f: F) => void : never) extends (f: infer I) => void
    ? I
    : never
  : never;

/** The families' handlers, merged (a plain function, so that a bundle that uses none of the domain's case logic can leave it out). */
function assemble(families: typeof FAMILIES): Assembled {
  return Object.assign({}, ...families) as Assembled;
}

export const HANDLERS: EventHandlers<CaseEventType> =
  /* @__PURE__ */ assemble(FAMILIES);

/**
 * The handler of `event`'s type. (TypeScript cannot relate `HANDLERS[event.type]` to `event` for a
 * union, so the handler is typed for any event; the registry's type is what ties each to its own.)
 */
export function handlerOf(event: CaseEvent): EventHandler<CaseEventType> {
  return HANDLERS[event.type] as unknown as EventHandler<CaseEventType>;
}
