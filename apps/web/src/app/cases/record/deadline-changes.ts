import type { DeadlineView } from '@send/contracts';
import { isOutstanding } from '@send/domain';

export type DeadlineChangeKind =
  | 'new'
  | 'moved'
  | 'met'
  | 'cancelled'
  | 'missed'
  | 'reopened';

/** What one entry does to one deadline, as the dry run shows it. */
export interface DeadlineChange {
  kind: DeadlineChangeKind;
  /** The deadline after the entry. */
  after: DeadlineView;
  /** The deadline before it (none for a new one). */
  before?: DeadlineView;
}

const live = (d: DeadlineView) => isOutstanding(d);
const sameDuty = (a: DeadlineView, b: DeadlineView) =>
  a.ruleId === b.ruleId && a.subjectId === b.subjectId;

/**
 * The deadlines an entry opens, moves, meets, cancels or reopens: the case's deadlines before it
 * against the dry run's. A deadline is the same one when it has the same id, or the same rule
 * about the same subject. Deadlines it leaves as they were are not listed.
 */
export function deadlineChanges(
  before: readonly DeadlineView[],
  after: readonly DeadlineView[],
): DeadlineChange[] {
  const changes: DeadlineChange[] = [];
  for (const a of after) {
    const b =
      before.find((x) => x.id === a.id) ?? before.find((x) => sameDuty(x, a));
    if (!b) {
      changes.push({
        kind: live(a)
          ? 'new'
          : a.status === 'met'
            ? 'met'
            : a.status === 'missed'
              ? 'missed'
              : 'cancelled',
        after: a,
      });
    } else if (live(b) && a.status === 'met') {
      changes.push({ kind: 'met', after: a, before: b });
    } else if (live(b) && a.status === 'cancelled') {
      changes.push({ kind: 'cancelled', after: a, before: b });
    } else if (live(b) && a.status === 'missed') {
      changes.push({ kind: 'missed', after: a, before: b });
    } else if (!live(b) && live(a)) {
      changes.push({ kind: 'reopened', after: a, before: b });
    } else if (a.dueOn !== b.dueOn) {
      changes.push({ kind: 'moved', after: a, before: b });
    }
  }
  const order: Record<DeadlineChangeKind, number> = {
    new: 0,
    moved: 1,
    reopened: 2,
    met: 3,
    missed: 4,
    cancelled: 5,
  };
  return changes.sort(
    (x, y) =>
      order[x.kind] - order[y.kind] ||
      x.after.dueOn.localeCompare(y.after.dueOn),
  );
}
