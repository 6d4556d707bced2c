import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Calendar, formatLongDate, ruleTitle } from '@send/domain';
import type { EntityManager } from 'typeorm';
import { CALENDAR } from '../calendar/calendar.token';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { LockedDeadline } from './deadline.repository';
import { NotificationRepository } from './notification.repository';

export { CASEWORKER_STAFF_ID, emailDueFor } from './notification.repository';
import {
  type DueReminder,
  parseReminderPoints,
  type ReminderSettings,
} from './reminder-schedule';

/**
 * Who must answer for a duty besides the council (Recommendations Power Regs 2017 reg 6: the
 * responsible body responds to the Tribunal's recommendations within 5 weeks of the decision).
 */
export const BODY_NAMES: Record<string, string> = {
  icb: 'the integrated care board (ICB)',
  council_social_care: "the council's social care service",
};

export const bodyName = (responsibleBody: string | null | undefined) =>
  responsibleBody
    ? (BODY_NAMES[responsibleBody] ?? responsibleBody)
    : undefined;

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
    private readonly notifications: NotificationRepository,
  ) {
    this.settings = {
      points: parseReminderPoints(config.REMINDER_POINTS),
      time: config.REMINDER_TIME,
      calendar,
    };
  }

  /** Inserts the deadline's due reminders for its case's caseworker inside the caller's transaction; returns how many were new. */
  async remindIn(
    tx: EntityManager,
    d: Pick<
      LockedDeadline,
      'id' | 'caseId' | 'ruleId' | 'dueOn' | 'responsibleBody' | 'explanation'
    >,
    c: { reference: string },
    reminders: DueReminder[],
  ): Promise<number> {
    let written = 0;
    for (const r of reminders) {
      const { title, body } = this.compose(d, c, r);
      const inserted = await this.notifications.insertReminder(tx, {
        deadlineId: d.id,
        caseId: d.caseId,
        point: r.point,
        forDate: r.date,
        dueOn: d.dueOn,
        title,
        body,
      });
      if (!inserted && !(await this.hasOwner(tx, d.caseId))) {
        this.logger.warn(
          `Deadline ${d.id}: its case's caseworker is no active member of staff: no reminder sent`,
        );
      }
      if (inserted) written++;
    }
    return written;
  }

  private async hasOwner(tx: EntityManager, caseId: string): Promise<boolean> {
    return (await this.notifications.caseworkerOf(tx, caseId)) !== null;
  }

  /** Link to a page of the web app. */
  link(path: string): string {
    return new URL(path, this.config.PUBLIC_URL).toString();
  }

  private compose(
    d: Pick<
      LockedDeadline,
      'id' | 'caseId' | 'ruleId' | 'dueOn' | 'responsibleBody' | 'explanation'
    >,
    c: { reference: string },
    r: DueReminder,
  ): { title: string; body: string } {
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
      ...(r.late
        ? [
            `(This reminder was due on ${formatLongDate(r.date)}, when reminders could not be sent.)`,
          ]
        : []),
      ...(body
        ? [
            `Responsible body: ${body}. It must respond in writing within 5 weeks of the Tribunal's decision.`,
          ]
        : []),
      '',
      'How the date was worked out:',
      ...d.explanation.map((e) => `- ${e}`),
      '',
      `Open the case: ${this.link(`/cases/${d.caseId}`)}`,
    ];
    return { title, body: lines.join('\n') };
  }
}
