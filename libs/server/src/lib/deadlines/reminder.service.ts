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
   * Emails notifications not yet emailed (those given, or any), claiming rows with SKIP LOCKED so
   * that two workers never send the same one. A crash between sending and committing can resend
   * one email; the in-app notification itself is exactly once.
   */
  async deliverPending(ids?: string[]): Promise<number> {
    if (ids && ids.length === 0) return 0;
    let sent = 0;
    for (;;) {
      const n = await this.db.transaction(async (tx) => {
        const rows = (await tx.query(
          `SELECT n.id, n.title, n.body, s.email FROM notification n JOIN staff_user s ON s.id = n.recipient_id
           WHERE n.emailed_at IS NULL AND s.email IS NOT NULL ${ids ? 'AND n.id = ANY($1::uuid[])' : ''}
           ORDER BY n.created_at LIMIT 50 FOR UPDATE OF n SKIP LOCKED`,
          ids ? [ids] : [],
        )) as { id: string; title: string; body: string; email: string }[];
        for (const row of rows) {
          await this.mail.send({ id: row.id, to: row.email, subject: row.title, text: row.body });
          await tx.query(`UPDATE notification SET emailed_at = now() WHERE id = $1`, [row.id]);
        }
        return rows.length;
      });
      sent += n;
      if (n < 50) return sent;
    }
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
        ? `Overdue since ${formatLongDate(d.dueOn)}`
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
