import type { CaseEvent } from './case-events';
import type { CaseSnapshot } from './case-snapshot';
import { handlerOf } from './events/registry';

/**
 * Facts the law does not provide for on the route a case is on. Such an entry is refused with the
 * reason, unless the caseworker confirms it is what actually happened (`confirmedUnusual`): then it
 * is recorded and flagged on the case (`CaseSnapshot.flags`) and in the reports, for someone to look
 * at. A Tribunal can get things wrong, and the record must say what happened, not what should have.
 * Which facts are unusual is each event type's own (`EventHandler.unusual`: today an appeal lodged
 * and an appeal decided, in `events/appeal.ts`).
 */

/** The reasons `event` is something the law does not provide for on this case, in words a caseworker can act on; empty when it is ordinary. */
export function unusualFacts(
  snapshot: CaseSnapshot,
  event: CaseEvent,
): string[] {
  return handlerOf(event).unusual?.(snapshot, event) ?? [];
}
