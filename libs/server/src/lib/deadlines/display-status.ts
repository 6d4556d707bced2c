import type { DeadlineDisplayStatus, DeadlineStatus } from '@send/contracts';

/**
 * The status a deadline is shown with. Stored statuses stay as they are; two are derived for
 * display: `due_soon` (open, due from `today` to `dueSoonUntil`) and `extended` (open, not due
 * soon, with an extension agreed). An open deadline past its date is `overdue`, whether or not the
 * monitor has marked it yet. Dates are YYYY-MM-DD, so they compare as strings.
 */
export function displayStatus(
  d: { status: DeadlineStatus; dueOn: string; extended: boolean },
  today: string,
  dueSoonUntil: string,
): DeadlineDisplayStatus {
  if (d.status !== 'open') return d.status;
  if (d.dueOn < today) return 'overdue';
  if (d.dueOn <= dueSoonUntil) return 'due_soon';
  return d.extended ? 'extended' : 'open';
}
