import type { DeadlineView } from '@send/contracts';
import { daysBetween } from '../shared/dates';

/** An open deadline is "due soon" when it falls within the next 10 days, today included. */
export const DUE_SOON_DAYS = 10;

export type TagColour = 'blue' | 'yellow' | 'red' | 'green' | 'orange' | 'grey' | 'purple';

export interface StatusTag {
  text: string;
  colour: TagColour;
}

/** What the tag needs of a deadline. */
export type TaggedDeadline = Pick<DeadlineView, 'status' | 'dueOn' | 'metOn' | 'metOnTime'> & Partial<Pick<DeadlineView, 'displayStatus' | 'dutyHolder'>>;

/**
 * How a deadline's status is shown, as a GOV.UK tag. `today` is the date in Europe/London. A
 * family's own time limit (to contact the mediation adviser, to appeal) that went by is "Passed",
 * not "Overdue": nobody at the council failed a duty, and there is nothing to chase.
 */
export function deadlineStatusTag(deadline: TaggedDeadline, today: string): StatusTag {
  // The server's derived status when it sent one (an extended deadline shows as such); else worked out here.
  if (deadline.displayStatus === 'extended') return { text: 'Extended', colour: 'purple' };
  const past = deadline.status === 'overdue' || (deadline.status === 'open' && daysBetween(today, deadline.dueOn) < 0);
  if (past && deadline.dutyHolder === 'family') return { text: 'Passed', colour: 'grey' };
  switch (deadline.status) {
    case 'met': {
      const onTime =
        deadline.metOnTime ?? (deadline.metOn ? deadline.metOn <= deadline.dueOn : undefined);
      if (onTime === false) return { text: 'Met late', colour: 'orange' };
      return { text: onTime ? 'Met on time' : 'Met', colour: 'green' };
    }
    case 'overdue':
      return { text: 'Overdue', colour: 'red' };
    case 'cancelled':
      return { text: 'Cancelled', colour: 'grey' };
    case 'open': {
      const daysLeft = daysBetween(today, deadline.dueOn);
      if (daysLeft < 0) return { text: 'Overdue', colour: 'red' };
      if (daysLeft < DUE_SOON_DAYS) return { text: 'Due soon', colour: 'yellow' };
      return { text: 'Open', colour: 'blue' };
    }
    default:
      return { text: String(deadline.status), colour: 'grey' };
  }
}

/** GOV.UK Frontend's tag is blue without a modifier. */
export function tagClass(colour: TagColour): string {
  return colour === 'blue' ? 'govuk-tag' : `govuk-tag govuk-tag--${colour}`;
}
