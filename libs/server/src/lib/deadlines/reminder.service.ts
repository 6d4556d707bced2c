import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Calendar, formatLongDate, RULES } from '@send/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { CALENDAR } from '../cases/case-command.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { DeadlineEntity } from '../db/entities';
import { MailService } from './mail.service';
import { type DueReminder, parseReminderPoints, type ReminderSettings } from './reminder-schedule';

const RULE_TITLES = new Map<string, string>(RULES.map((r) => [r.id, r.title]));
const BODY_NAMES: Record<string, string> = {
  icb: 'the integrated care board (ICB)',
  council_social_care: "the council's social care service",
};

/** Failed sends in a row after which the rest wait for the next sweep (the mail server is likely down). */
const MAX_FAILURES_IN_A_ROW = 3;

interface Recipient {
  id: string;
  name: string;
}

/**
 * Writes reminders and escalations as notifications, once each: the key (deadline, recipient,
 * point, date) is unique and rows are inserted with ON CONFLICT DO NOTHING, so racing workers
 * or a job run twice cannot remind twice. Emails follow from the rows, claimed with SKIP LOCKED.
 */
@Injectable()
export class ReminderService {
  private readonly logger = new Logger(ReminderService.name);
  readonly settings: ReminderSettings;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CALENDAR) calendar: Calendar,
    private readonly mail: MailService,
  ) {
    this.settings = { points: parseReminderPoints(config.REMINDER_POINTS), time: config.REMINDER_TIME, calendar };
  }

  /** Inserts today's notifications for a deadline inside the caller's transaction; returns the new rows' ids. */
  async notifyIn(
    tx: EntityManager,
    d: DeadlineEntity,
    c: { reference: string; caseworker: string; team: string },
    reminders: DueReminder[],
  ): Promise<string[]> {
    if (reminders.length === 0) return [];
    const [owner] = (await tx.query(
      `SELECT id, name FROM staff_user WHERE name = $1 AND active ORDER BY (team = $2) DESC, created_at LIMIT 1`,
      [c.caseworker, c.team],
    )) as Recipient[];
    const managers = reminders.some((r) => r.escalate)
      ? ((await tx.query(`SELECT id, name FROM staff_user WHERE role = 'manager' AND team = $1 AND active ORDER BY name`, [c.team])) as Recipient[])
      : [];
    const ids: string[] = [];
    for (const r of reminders) {
      const to: { who: Recipient; kind: 'reminder' | 'escalation' }[] = owner ? [{ who: owner, kind: 'reminder' }] : [];
      if (r.escalate) for (const m of managers) if (m.id !== owner?.id) to.push({ who: m, kind: 'escalation' as const });
      if (!owner) this.logger.warn(`Deadline ${d.id}: no active staff user named ${c.caseworker} to remind`);
      for (const { who, kind } of to) {
        const { title, body } = this.compose(d, c, r, kind);
        const rows = (await tx.query(
          `INSERT INTO notification (recipient_id, deadline_id, case_id, kind, point, for_date, due_on, title, body)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (deadline_id, recipient_id, point, for_date) DO NOTHING RETURNING id`,
          [who.id, d.id, d.caseId, kind, r.point, r.date, d.dueOn, title, body],
        )) as { id: string }[];
        ids.push(...rows.map((row) => row.id));
      }
    }
    return ids;
  }

  /**
   * Emails notifications not yet emailed (those given, or any), one at a time, each in its own
   * transaction: claim the row (SKIP LOCKED, so two workers never send the same one), send, mark it
   * emailed, commit. A failed send leaves only that notification unsent (the next sweep retries it)
   * and never undoes the ones already sent; after MAX_FAILURES_IN_A_ROW failures in a row (the mail
   * server is down) the rest wait for the next sweep. A crash between sending and committing can
   * resend one email; the in-app notification itself is exactly once.
   */
  async deliverPending(ids?: string[]): Promise<number> {
    if (ids && ids.length === 0) return 0;
    let sent = 0;
    const failed: string[] = [];
    let lastError: unknown;
    for (let inARow = 0; inARow < MAX_FAILURES_IN_A_ROW; ) {
      let claimed: string | undefined;
      try {
        const outcome = await this.db.transaction(async (tx) => {
          const [row] = (await tx.query(
            `SELECT n.id, n.title, n.body, s.email FROM notification n JOIN staff_user s ON s.id = n.recipient_id
             WHERE n.emailed_at IS NULL AND s.email IS NOT NULL AND n.id <> ALL($1::uuid[]) ${ids ? 'AND n.id = ANY($2::uuid[])' : ''}
             ORDER BY n.created_at LIMIT 1 FOR UPDATE OF n SKIP LOCKED`,
            ids ? [failed, ids] : [failed],
          )) as { id: string; title: string; body: string; email: string }[];
          if (!row) return 'none';
          claimed = row.id;
          await this.mail.send({ id: row.id, to: row.email, subject: row.title, text: row.body });
          await tx.query(`UPDATE notification SET emailed_at = now() WHERE id = $1`, [row.id]);
          return 'sent';
        });
        if (outcome === 'none') break;
        sent++;
        inARow = 0;
      } catch (error) {
        if (!claimed) throw error; // the database, not the mail
        failed.push(claimed);
        lastError = error;
        inARow++;
      }
    }
    if (failed.length > 0) {
      this.logger.warn(`${failed.length} reminder email(s) not sent; the next sweep retries them: ${String(lastError)}`);
    }
    return sent;
  }

  private compose(
    d: DeadlineEntity,
    c: { reference: string },
    r: DueReminder,
    kind: 'reminder' | 'escalation',
  ): { title: string; body: string } {
    const rule = RULE_TITLES.get(d.ruleId) ?? d.ruleId;
    const when =
      r.point === 'overdue'
        ? `Overdue (was due ${formatLongDate(d.dueOn)})`
        : r.late
          ? `Due ${formatLongDate(d.dueOn)}`
          : r.point === 'due'
            ? `Due today`
            : `Due in ${r.point.replace('before-', '')} working day${r.point === 'before-1' ? '' : 's'}`;
    const body = d.responsibleBody ? BODY_NAMES[d.responsibleBody] ?? d.responsibleBody : undefined;
    const title = `${kind === 'escalation' ? 'Escalation: ' : ''}${when}: ${rule}${body ? ` (${body})` : ''} - case ${c.reference}`;
    const lines = [
      kind === 'escalation' ? `A deadline in your team is overdue and needs your attention.` : `A statutory deadline you own needs action.`,
      '',
      `Case: ${c.reference}`,
      `Deadline: ${rule}`,
      `Due: ${formatLongDate(d.dueOn)}`,
      ...(r.late ? [`(This reminder was due on ${formatLongDate(r.date)}, when reminders could not be sent.)`] : []),
      ...(body ? [`Responsible body: ${body}. It must respond in writing within 5 weeks of the Tribunal's decision.`] : []),
      '',
      'How the date was worked out:',
      ...d.explanation.map((e) => `- ${e}`),
      '',
      `Open the case: ${new URL(`/cases/${d.caseId}`, this.config.PUBLIC_URL).toString()}`,
    ];
    return { title, body: lines.join('\n') };
  }
}
