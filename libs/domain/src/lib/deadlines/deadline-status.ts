import type {
  DeadlineDisplayStatus,
  DeadlineStatus,
  DeadlineView,
  DutyHolder,
} from '@send/contracts';
import { differenceInCalendarDays } from 'date-fns';
import { toUtcDate } from '../dates/iso-date';

/**
 * How a deadline is shown, the same in the API's lists (the deadline list, the reports'
 * drill-down), the case page and the web app: one overdue test, one status to show, one view of a
 * deadline row. (The reports' SQL has the same tests, written once, in libs/server's `db/deadline-sql.ts`: `overdueSql` and `overdueDutySql`.)
 */

/** An open deadline is "due soon" when it falls within the next 10 days, today included. */
export const DUE_SOON_DAYS = 10;

/** What the overdue test needs of a deadline. */
export type DatedStatus = { status: DeadlineStatus; dueOn: string };

/**
 * The overdue test: a deadline still outstanding whose due date has gone by, whether the deadline
 * monitor has marked it `overdue` yet or it is still `open`. `today` is the date in Europe/London;
 * dates are YYYY-MM-DD, so they compare as strings.
 */
export const isPastDue = (d: DatedStatus, today: string): boolean =>
  d.status === 'overdue' || (d.status === 'open' && d.dueOn < today);

/** A deadline still to be done: open, or marked overdue (not met, missed or cancelled). */
export const isOutstanding = (d: { status: DeadlineStatus }): boolean =>
  d.status === 'open' || d.status === 'overdue';

/** A family's own time limit (to contact the mediation adviser, to appeal) that went by: "Passed", not overdue. */
export const isPassedFamilyLimit = (
  d: DatedStatus & { dutyHolder?: DutyHolder },
  today: string,
): boolean => d.dutyHolder === 'family' && isPastDue(d, today);

/** A duty not done in time: past due, and not a family's time limit. What "overdue" counts. */
export const isOverdueDuty = (
  d: DatedStatus & { dutyHolder?: DutyHolder },
  today: string,
): boolean => d.dutyHolder !== 'family' && isPastDue(d, today);

/** How many calendar days an overdue duty is past its due date (`isOverdueDuty`); null for any other deadline. */
export const daysOverdue = (
  d: DatedStatus & { dutyHolder?: DutyHolder },
  today: string,
): number | null =>
  isOverdueDuty(d, today)
    ? differenceInCalendarDays(toUtcDate(today), toUtcDate(d.dueOn))
    : null;

/** The status to report: the stored one, except that an open deadline past its date is `overdue` whether or not the monitor has marked it yet. */
export const currentStatus = (d: DatedStatus, today: string): DeadlineStatus =>
  d.status === 'open' && d.dueOn < today ? 'overdue' : d.status;

/** The last day an open deadline counts as due soon: today and the 9 days after it. */
export function dueSoonUntil(today: string): string {
  const [year, month, day] = today.split('-').map(Number) as [
    number,
    number,
    number,
  ];
  return new Date(Date.UTC(year, month - 1, day + DUE_SOON_DAYS - 1))
    .toISOString()
    .slice(0, 10);
}

/**
 * The status a deadline is shown with. Stored statuses stay as they are; two are derived for
 * display: `due_soon` (open, due from today to `dueSoonUntil(today)`) and `extended` (open, not due
 * soon, with an extension agreed). An open deadline past its date is `overdue`, whether or not the
 * monitor has marked it yet.
 */
export function deadlineDisplayStatus(
  d: DatedStatus & { extended: boolean },
  today: string,
): DeadlineDisplayStatus {
  if (d.status !== 'open') return d.status;
  if (d.dueOn < today) return 'overdue';
  if (d.dueOn <= dueSoonUntil(today)) return 'due_soon';
  return d.extended ? 'extended' : 'open';
}

/** Whether staff are reminded of a deadline: the council's and the responsible bodies', not the family's or the mediation adviser's, which only show. */
export function remindsStaff(dutyHolder: DutyHolder): boolean {
  return (
    dutyHolder === 'council' ||
    dutyHolder === 'icb' ||
    dutyHolder === 'council_social_care'
  );
}

/** The colours a status is shown in (GOV.UK tag colours). */
export type StatusColour =
  | 'blue'
  | 'yellow'
  | 'red'
  | 'green'
  | 'orange'
  | 'grey'
  | 'purple';

/** What the status words need of a deadline. */
export type TaggedDeadline = Pick<
  DeadlineView,
  'status' | 'dueOn' | 'metOn' | 'metOnTime'
> &
  Partial<Pick<DeadlineView, 'displayStatus' | 'dutyHolder'>>;

/**
 * A deadline's status in words and colour. `today` is the date in Europe/London. A family's own
 * time limit (to contact the mediation adviser, to appeal) that went by is "Passed", not "Overdue":
 * nobody at the council failed a duty, and there is nothing to chase.
 */
export function deadlineStatusWords(
  deadline: TaggedDeadline,
  today: string,
): { text: string; colour: StatusColour } {
  // The server's derived status when it sent one (an extended deadline shows as such); else worked out here.
  if (deadline.displayStatus === 'extended')
    return { text: 'Extended', colour: 'purple' };
  if (isPassedFamilyLimit(deadline, today))
    return { text: 'Passed', colour: 'grey' };
  switch (deadline.status) {
    case 'met': {
      const onTime =
        deadline.metOnTime ??
        (deadline.metOn ? deadline.metOn <= deadline.dueOn : undefined);
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
      if (deadline.dueOn < today) return { text: 'Overdue', colour: 'red' };
      if (deadline.dueOn <= dueSoonUntil(today))
        return { text: 'Due soon', colour: 'yellow' };
      return { text: 'Open', colour: 'blue' };
    }
    default:
      return { text: String(deadline.status), colour: 'grey' };
  }
}

/** Who must act on a deadline, in words. */
export const DUTY_HOLDER_LABELS: Readonly<Record<DutyHolder, string>> = {
  council: 'The council',
  family: 'The parent or young person',
  mediation_adviser: 'The mediation adviser',
  icb: 'The integrated care board (ICB)',
  council_social_care: 'Council social care',
};
