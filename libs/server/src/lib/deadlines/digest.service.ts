import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatLongDate, ruleTitle } from '@send/domain';
import { differenceInCalendarDays } from 'date-fns';
import type { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import type { ScheduledRunName } from '../queue/queues';
import { updatedRows } from '../db/updated-rows';
import { bodyName, emailDueFor, ReminderService } from './reminder.service';
import { digestDateAt, nextDigestAt } from './reminder-schedule';

/** Recipients whose digests are written per transaction. */
const PAGE = 200;
/** Lines listed per section of a digest; the rest are counted, with a link to the full list. */
export const DIGEST_MAX_LINES = 200;

/** An overdue deadline as a digest line. */
interface Line {
  id: string;
  caseId: string;
  reference: string;
  ruleId: string;
  dueOn: string;
  responsibleBody: string | null;
  caseworker: string;
  caseworkerId: string | null;
  team: string;
}

interface Recipient {
  id: string;
  /** The ids of the caseworker (this person) recorded on the cases whose overdue deadlines are their own. */
  own: Set<string>;
  /** Teams whose overdue deadlines this person, a manager, receives as escalations. */
  teams: Set<string>;
}

export interface DigestResult {
  outcome: 'done' | 'stale';
  date?: string;
  /** Digests written now (a run resumed after a crash does not write again those already written). */
  written: number;
}


/** Overdue deadlines staff are reminded of (not a family's or a mediation adviser's: those remind no one). */
const OVERDUE = `
  SELECT d.id, d.case_id AS "caseId", c.reference, d.rule_id AS "ruleId", d.due_on::text AS "dueOn", d.responsible_body AS "responsibleBody",
         c.caseworker, c.caseworker_id AS "caseworkerId", c.team
  FROM deadline d JOIN "case" c ON c.id = d.case_id
  WHERE d.status = 'overdue' AND d.duty_holder IN ('council', 'icb', 'council_social_care')`;

/**
 * The daily digest (a `scheduled.run` job, claimed by the tick from `scheduled_run`): once a
 * deadline is overdue, its daily reminder to its owner and its escalation to the managers of the
 * case's team come in one message a person a working day, listing their overdue deadlines (a
 * manager's: the team's, as escalations), the longest overdue first. One in-app notification and
 * one email a person a day, whatever the number of deadlines: the unique key (recipient, date) makes
 * it once however many workers race or a run is repeated after a crash, and a repeated run writes
 * only the digests not yet written.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly reminders: ReminderService,
  ) {}

  async run(name: ScheduledRunName, claimNo: number): Promise<DigestResult> {
    if (!(await this.stillClaimed(name, claimNo))) return { outcome: 'stale', written: 0 };
    const now = this.clock.now();
    const date = digestDateAt(now, this.reminders.settings);
    const recipients = await this.recipients(date);
    let written = 0;
    for (let i = 0; i < recipients.length; i += PAGE) {
      if (i > 0 && !(await this.stillClaimed(name, claimNo))) return { outcome: 'stale', date, written };
      written += await this.writePage(recipients.slice(i, i + PAGE), date);
    }
    const next = nextDigestAt(now, this.reminders.settings);
    const finished = updatedRows(await this.db.query(
      `UPDATE scheduled_run SET next_run_at = $3, claimed_at = NULL, claim_started_at = NULL, claimed_due_at = NULL, deferred_since = NULL,
         last_run_for = $4, last_run_at = now()
       WHERE name = $1 AND claim_no = $2 RETURNING name`,
      [name, claimNo, next, date],
    ));
    if (written > 0) this.logger.log(`Daily digest of ${date}: ${written} written`);
    return { outcome: finished.length > 0 ? 'done' : 'stale', date, written };
  }

  private async stillClaimed(name: ScheduledRunName, claimNo: number): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM scheduled_run WHERE name = $1 AND claim_no = $2 AND claimed_at IS NOT NULL`, [name, claimNo])) as unknown[];
    return rows.length > 0;
  }

  /** Everyone with overdue deadlines to hear about on `date` who has no digest of that date yet. */
  private async recipients(date: string): Promise<Recipient[]> {
    const rows = (await this.db.query(
      `WITH overdue AS (${OVERDUE}),
            owners AS (SELECT DISTINCT "caseworkerId", team FROM overdue)
       -- a case's caseworker by id: an active member of staff of the case's team (see CASEWORKER_STAFF_ID)
       SELECT s.id, s.id AS caseworker, o.team, false AS manager FROM owners o JOIN staff_user s ON s.id = o."caseworkerId" AND s.active AND s.team = o.team
       UNION ALL
       SELECT s.id, NULL, s.team, true FROM staff_user s
       WHERE s.role = 'manager' AND s.active AND s.team IN (SELECT DISTINCT team FROM overdue)`,
    )) as { id: string | null; caseworker: string | null; team: string; manager: boolean }[];
    const done = new Set(
      ((await this.db.query(`SELECT recipient_id FROM notification WHERE kind = 'digest' AND for_date = $1`, [date])) as { recipient_id: string }[]).map(
        (r) => r.recipient_id,
      ),
    );
    const byId = new Map<string, Recipient>();
    for (const r of rows) {
      if (!r.id || done.has(r.id)) continue;
      const recipient = byId.get(r.id) ?? { id: r.id, own: new Set<string>(), teams: new Set<string>() };
      if (r.manager) recipient.teams.add(r.team);
      else if (r.caseworker !== null) recipient.own.add(r.caseworker);
      byId.set(r.id, recipient);
    }
    return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** One transaction: the digests of a page of recipients, each inserted unless already there. */
  private async writePage(page: Recipient[], date: string): Promise<number> {
    const owners = [...new Set(page.flatMap((r) => [...r.own]))];
    const teams = [...new Set(page.flatMap((r) => [...r.teams]))];
    const lines = (await this.db.query(
      `SELECT * FROM (${OVERDUE}) o
       WHERE o."caseworkerId" = ANY($1::uuid[]) OR o.team = ANY($2::text[])
       ORDER BY o."dueOn", o.reference, o."ruleId"`,
      [owners, teams],
    )) as Line[];
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (const r of page) {
      const own = lines.filter((l) => l.caseworkerId !== null && r.own.has(l.caseworkerId));
      const ownIds = new Set(own.map((l) => l.id));
      const team = lines.filter((l) => r.teams.has(l.team) && !ownIds.has(l.id));
      if (own.length === 0 && team.length === 0) continue;
      const { title, body } = this.compose(date, own, team, r.teams);
      const n = values.length;
      tuples.push(`($${n + 1}::uuid, 'digest', 'digest', $${n + 2}::date, $${n + 3}, $${n + 4}, ${emailDueFor(`$${n + 1}::uuid`)})`);
      values.push(r.id, date, title, body);
    }
    if (tuples.length === 0) return 0;
    const inserted = (await this.db.query(
      `INSERT INTO notification (recipient_id, kind, point, for_date, title, body, email_next_attempt_at)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (recipient_id, for_date) WHERE kind = 'digest' DO NOTHING RETURNING id`,
      values,
    )) as unknown[];
    return inserted.length;
  }

  private compose(date: string, own: Line[], team: Line[], teams: Set<string>): { title: string; body: string } {
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const parts = [
      ...(own.length > 0 ? [`${count(own.length, 'overdue deadline')} of yours`] : []),
      ...(team.length > 0 ? [`${count(team.length, 'escalation')} in ${[...teams].sort().join(', ')}`] : []),
    ];
    const title = `Overdue deadlines, ${formatLongDate(date)}: ${parts.join('; ')}`;
    const section = (heading: string, list: Line[], more: string, withOwner: boolean) => [
      heading,
      '',
      ...list.slice(0, DIGEST_MAX_LINES).map((l) => this.line(l, date, withOwner)),
      ...(list.length > DIGEST_MAX_LINES ? [`- and ${list.length - DIGEST_MAX_LINES} more: ${more}`] : []),
      '',
    ];
    const lines = [
      `Statutory deadlines that have passed without being met, on ${formatLongDate(date)}, the longest overdue first.`,
      '',
      ...(own.length > 0 ? section('Yours (you are the caseworker):', own, this.reminders.link('/my-deadlines'), false) : []),
      ...(team.length > 0
        ? section(`Escalations: your team's overdue deadlines (${[...teams].sort().join(', ')}):`, team, this.reminders.link('/dashboard'), true)
        : []),
      `Your deadlines: ${this.reminders.link('/my-deadlines')}`,
      ...(team.length > 0 ? [`Your team's dashboard: ${this.reminders.link('/dashboard')}`] : []),
    ];
    return { title, body: lines.join('\n') };
  }

  private line(l: Line, date: string, withOwner: boolean): string {
    const days = differenceInCalendarDays(`${date}T12:00:00Z`, `${l.dueOn}T12:00:00Z`);
    const body = bodyName(l.responsibleBody);
    return `- ${days} day${days === 1 ? '' : 's'} overdue (due ${formatLongDate(l.dueOn)}): ${ruleTitle(l.ruleId)}${body ? ` (${body})` : ''} - case ${l.reference}${withOwner ? ` (caseworker: ${l.caseworker})` : ''} - ${this.reminders.link(`/cases/${l.caseId}`)}`;
  }
}
