import type { DecisionView } from '@send/contracts';
import { describeDecision } from './record/subjects';

/** What a case page shows under one decision's heading (or under that of no decision). */
export interface DecisionGroup<T> {
  /** The id of the group's heading: `<prefix>-<decision id>`, or `<prefix>-none`. */
  id: string;
  /** "Decision 2 of 3", as the case page numbers the decisions in the order issued; none for the group of no decision. */
  caption: string;
  /** The decision as the case page describes it (its type and when its letter was sent), or `noDecision`'s words. */
  heading: string;
  /** The decision's id, none for the group of no decision. */
  decisionId?: string;
  items: T[];
}

/**
 * Things of a case (its deadlines, its history's entries) under the decision each follows from, the
 * newest decision first, each decision with a group even when nothing follows from it; then what
 * follows from no decision (or from one the case no longer lists), only when there is any. Which
 * decision a thing follows from is the domain's rule (`decisionOf`, which the API's `decisionId`
 * of a deadline also comes from): `decisionIdOf` reads it, never works it out again.
 */
export function groupByDecision<T>(
  decisions: readonly DecisionView[],
  items: readonly T[],
  decisionIdOf: (item: T) => string | undefined,
  {
    prefix,
    noDecision,
  }: {
    /** Makes the headings' ids: `<prefix>-<decision id>`. */
    prefix: string;
    /** The heading of what follows from no decision, knowing whether the case has any decision. */
    noDecision: (anyDecision: boolean) => string;
  },
): DecisionGroup<T>[] {
  const known = new Set(decisions.map((d) => d.id));
  const groups: DecisionGroup<T>[] = decisions
    .map((decision, index) => ({
      id: `${prefix}-${decision.id}`,
      caption: `Decision ${index + 1} of ${decisions.length}`,
      heading: describeDecision(decision),
      decisionId: decision.id,
      items: items.filter((item) => decisionIdOf(item) === decision.id),
    }))
    .reverse();
  const other = items.filter((item) => {
    const decisionId = decisionIdOf(item);
    return decisionId === undefined || !known.has(decisionId);
  });
  if (other.length)
    groups.push({
      id: `${prefix}-none`,
      caption: '',
      heading: noDecision(decisions.length > 0),
      items: other,
    });
  return groups;
}
