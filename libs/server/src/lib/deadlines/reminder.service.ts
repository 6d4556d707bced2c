import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Calendar, formatLongDate, ruleTitle } from '@send/domain';
import type { EntityManager } from 'typeorm';
import { CALENDAR } from '../cases/case-command.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { DeadlineEntity } from '../db/entities';
import { type DueReminder, parseReminderPoints, type ReminderSettings } from './reminder-schedule';

/**
 * Who must answer for a duty besides the council (Recommendations Power Regs 2017 reg 6: the
 * responsible body responds to the Tribunal's recommendations within 5 weeks of the decision).
 */
export const BODY_NAMES: Record<string, string> = {
  icb: 'the integrated care board (ICB)',
  council_social_care: "the council's social care service",
};

export const bodyName = (responsibleBody: string | null | undefined) =>
  responsibleBody ? (BODY_NAMES[responsibleBody] ?? responsibleBody) : undefined;

/**
 * SQL: the staff id of the case `c`'s caseworker, by id (`case.caseworker_id`, set when the case is
 * opened or reassigned), and only while they are active and in the case's team: never by name, so a
 * namesake in another team can never receive a reminder about this child.
 */
export const CASEWORKER_STAFF_ID = '(SELECT s.id FROM staff_user s WHERE s.id = c.caseworker_id AND s.active AND s.team = c.team)';

/**
 * SQL: when a new notification's email is first due: now, if its recipient has an address (null:
 * in the app only). `$recipient` is the SQL expression of the recipient's id.
 */
export const emailDueFor = (recipient: string) => `(SELECT CASE WHEN s.email IS NOT NULL THEN now() END FROM staff_user s WHERE s.id = ${recipient})`;

/**
 * A deadline's own reminders before its due date (and on the day), as in-app notifications with
 * their email waiting in PostgreSQL for the mail pump. Once each: the key (deadline, recipient,
 * point, date) is unique and rows are inserted with ON CONFLICT DO NOTHING, so racing workers or a
 * job run twice cannot remind twice.
 */
@Injectable()
export class ReminderService {
  private readonly logger = new Logger(ReminderService.name);
  readonly settings: ReminderSettings;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CALENDAR) calendar: Calendar,
  ) {
    this.settings = { points: parseReminderPoints(config.REMINDER_POINTS), time: config.REMINDER_TIME, calendar };
  }

  /** Inserts the deadline's due reminders for its case's caseworker inside the caller's transaction; returns how many were new. */
  async remindIn(tx: EntityManager, d: DeadlineEntity, c: { reference: string }, reminders: DueReminder[]): Promise<number> {
    let written = 0;
    for (const r of reminders) {
      const { title, body } = this.compose(d, c, r);
      const rows = (await tx.query(
        `WITH owner AS (SELECT ${CASEWORKER_STAFF_ID} AS id FROM "case" c WHERE c.id = $2)
         INSERT INTO notification (recipient_id, deadline_id, case_id, kind, point, for_date, due_on, title, body, email_next_attempt_at)
         SELECT owner.id, $1, $2, 'reminder', $3, $4, $5, $6, $7, ${emailDueFor('owner.id')} FROM owner WHERE owner.id IS NOT NULL
         ON CONFLICT (deadline_id, recipient_id, point, for_date) DO NOTHING RETURNING id`,
        [d.id, d.caseId, r.point, r.date, d.dueOn, title, body],
      )) as { id: string }[];
      if (rows.length === 0 && !(await this.hasOwner(tx, d.caseId))) {
        this.logger.warn(`Deadline ${d.id}: its case's caseworker is no active member of staff: no reminder sent`);
      }
      written += rows.length;
    }
    return written;
  }

  private async hasOwner(tx: EntityManager, caseId: string): Promise<boolean> {
    const [row] = (await tx.query(`SELECT ${CASEWORKER_STAFF_ID} AS id FROM "case" c WHERE c.id = $1`, [caseId])) as { id: string | null }[];
    return !!row?.id;
  }

  /** Link to a page of the web app. */
  link(path: string): string {
    return new URL(path, this.config.PUBLIC_URL).toString();
  }

  private compose(d: DeadlineEntity, c: { reference: string }, r: DueReminder): { title: string; body: string } {
    const rule = ruleTitle(d.ruleId);
    const when = r.late
      ? `Due ${formatLongDate(d.dueOn)}`
      : r.point === 'due'
        ? `Due today`
        : `Due in ${r.point.replace('before-', '')} working day${r.point === 'before-1' ? '' : 's'}`;
    const body = bodyName(d.responsibleBody);
    const title = `${when}: ${rule}${body ? ` (${body})` : ''} - case ${c.reference}`;
    const lines = [
      `A statutory deadline you own needs action.`,
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
      `Open the case: ${this.link(`/cases/${d.caseId}`)}`,
    ];
    return { title, body: lines.join('\n') };
  }
}
