/**
 * The SQL tests of a deadline's state, written once: the reports, their drill-down lists and the
 * deadline lists all call these, so a number on a report is always the length of its list.
 * `d` is the deadline table's alias; `today` an SQL expression for today's date (a parameter).
 * Dashboards read PostgreSQL only: an open deadline past its date is overdue whether or not the
 * deadline monitor has marked it yet.
 */

/** Live: not met, cancelled or missed (the only deadlines with a next action; `deadline_team_live` and `deadline_open_due` index them). */
export const liveSql = (d: string) => `${d}.status IN ('open', 'overdue')`;

/** Past due and not met, whether or not the deadline monitor has marked it yet. */
export const overdueSql = (d: string, today: string) =>
  `(${liveSql(d)} AND (${d}.status = 'overdue' OR ${d}.due_on < ${today}))`;

/** A duty past due and not met: overdue, and not a family's own time limit (the domain's `isOverdueDuty`). */
export const overdueDutySql = (d: string, today: string) =>
  `(${d}.duty_holder <> 'family' AND ${overdueSql(d, today)})`;

/**
 * Marked overdue by the deadline monitor: past due and escalated (a deadline already past when it was
 * recorded is marked only after the next working day). What digests and escalations list.
 */
export const markedOverdueSql = (d: string) => `${d}.status = 'overdue'`;

/** Open and not yet past due. */
export const openSql = (d: string, today: string) =>
  `(${d}.status = 'open' AND ${d}.due_on >= ${today})`;

/**
 * Not done in time: past due and still not met, or closed as `missed` (a duty that can no longer be
 * done, e.g. mediation the council could not arrange once the certificate says so, SEND Regs reg 37).
 */
export const missedSql = (d: string, today: string) =>
  `(${d}.status = 'missed' OR ${overdueSql(d, today)})`;

/** Met on or before its due date. */
export const metOnTimeSql = (d: string) =>
  `(${d}.status = 'met' AND ${d}.met_on <= ${d}.due_on)`;

/** Met after its due date. */
export const metLateSql = (d: string) =>
  `(${d}.status = 'met' AND ${d}.met_on > ${d}.due_on)`;

/**
 * Whom a team's deadlines escalate to: the team's active managers. `s` is the alias of
 * `staff_user`; `team` the test of its team (`= c.team`, `= ANY($1::text[])`, `IN (…)`). One rule
 * for the lists' and the case page's "escalates to" and the daily digest's managers.
 */
export const escalationManagerSql = (s: string, team: string) =>
  `(${s}.role = 'manager' AND ${s}.active AND ${s}.team ${team})`;
