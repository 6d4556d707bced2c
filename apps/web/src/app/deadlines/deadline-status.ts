import type { DeadlineView } from '@send/contracts';
import { daysBetween } from '../shared/dates';

/** An open deadline is "due soon" when it falls within the next 10 days, today included. */
export const DUE_SOON_DAYS = 10;

export type TagColour = 'blue' | 'yellow' | 'red' | 'green' | 'orange' | 'grey' | 'purple';

export interface StatusTag {
  text: string;
  colour: TagColour;
}

/** An outstanding deadline whose date has gone by (marked overdue, or not yet marked). */
export const isPast = (d: Pick<DeadlineView, 'status' | 'dueOn'>, today: string): boolean =>
  d.status === 'overdue' || (d.status === 'open' && d.dueOn < today);

/** A family's own time limit (to contact the mediation adviser, to appeal) that went by: "Passed". */
export const isPassedFamilyLimit = (d: Pick<DeadlineView, 'status' | 'dueOn'> & Partial<Pick<DeadlineView, 'dutyHolder'>>, today: string): boolean =>
  d.dutyHolder === 'family' && isPast(d, today);

/** A duty not done in time: past, and not a family's time limit. What "overdue" counts. */
export const isOverdueDuty = (d: Pick<DeadlineView, 'status' | 'dueOn'> & Partial<Pick<DeadlineView, 'dutyHolder'>>, today: string): boolean =>
  d.dutyHolder !== 'family' && isPast(d, today);

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
  if (isPassedFamilyLimit(deadline, today)) return { text: 'Passed', colour: 'grey' };
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
    case 'missed':
      return { text: 'Missed', colour: 'red' };
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
