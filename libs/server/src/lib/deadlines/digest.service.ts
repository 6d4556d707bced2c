import { Injectable, Logger } from '@nestjs/common';
import { formatLongDate, ruleTitle } from '@send/domain';
import { differenceInCalendarDays } from 'date-fns';
import { Clock } from '../clock/clock';
import type { ScheduledRunName } from '../queue/queues';
import {
  type DigestLine as Line,
  NotificationRepository,
} from './notification.repository';
import { bodyName, ReminderService } from './reminder.service';
import { WorkerRepository } from './worker.repository';
import { digestDateAt, nextDigestAt } from './reminder-schedule';

/** Recipients whose digests are written per transaction. */
const PAGE = 200;
/** Lines listed per section of a digest; the rest are counted, with a link to the full list. */
export const DIGEST_MAX_LINES = 200;

/** An overdue deadline as a digest line. */
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
    private readonly notifications: NotificationRepository,
    private readonly runs: WorkerRepository,
    private readonly clock: Clock,
    private readonly reminders: ReminderService,
  ) {}

  async run(name: ScheduledRunName, claimNo: number): Promise<DigestResult> {
    if (!(await this.stillClaimed(name, claimNo)))
      return { outcome: 'stale', written: 0 };
    const now = this.clock.now();
    const date = digestDateAt(now, this.reminders.settings);
    const recipients = await this.recipients(date);
    let written = 0;
    for (let i = 0; i < recipients.length; i += PAGE) {
      if (i > 0 && !(await this.stillClaimed(name, claimNo)))
        return { outcome: 'stale', date, written };
      written += await this.writePage(recipients.slice(i, i + PAGE), date);
    }
    const next = nextDigestAt(now, this.reminders.settings);
    const finished = await this.runs.finishRun(name, claimNo, next, date);
    if (written > 0)
      this.logger.log(`Daily digest of ${date}: ${written} written`);
    return { outcome: finished ? 'done' : 'stale', date, written };
  }

  private async stillClaimed(
    name: ScheduledRunName,
    claimNo: number,
  ): Promise<boolean> {
    return this.runs.stillClaimed(name, claimNo);
  }

  /** Everyone with overdue deadlines to hear about on `date` who has no digest of that date yet. */
  private async recipients(date: string): Promise<Recipient[]> {
    const rows = await this.notifications.digestRecipients();
    const done = await this.notifications.digestSentTo(date);
    const byId = new Map<string, Recipient>();
    for (const r of rows) {
      if (!r.id || done.has(r.id)) continue;
      const recipient = byId.get(r.id) ?? {
        id: r.id,
        own: new Set<string>(),
        teams: new Set<string>(),
      };
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
    const lines = await this.notifications.overdueFor(owners, teams);
    const digests: { recipientId: string; title: string; body: string }[] = [];
    for (const r of page) {
      const own = lines.filter(
        (l) => l.caseworkerId !== null && r.own.has(l.caseworkerId),
      );
      const ownIds = new Set(own.map((l) => l.id));
      const team = lines.filter(
        (l) => r.teams.has(l.team) && !ownIds.has(l.id),
      );
      if (own.length === 0 && team.length === 0) continue;
      const { title, body } = this.compose(date, own, team, r.teams);
      digests.push({ recipientId: r.id, title, body });
    }
    return this.notifications.insertDigests(date, digests);
  }

  private compose(
    date: string,
    own: Line[],
    team: Line[],
    teams: Set<string>,
  ): { title: string; body: string } {
    const count = (n: number, what: string) =>
      `${n} ${what}${n === 1 ? '' : 's'}`;
    const parts = [
      ...(own.length > 0
        ? [`${count(own.length, 'overdue deadline')} of yours`]
        : []),
      ...(team.length > 0
        ? [
            `${count(team.length, 'escalation')} in ${[...teams].sort().join(', ')}`,
          ]
        : []),
    ];
    const title = `Overdue deadlines, ${formatLongDate(date)}: ${parts.join('; ')}`;
    const section = (
      heading: string,
      list: Line[],
      more: string,
      withOwner: boolean,
    ) => [
      heading,
      '',
      ...list
        .slice(0, DIGEST_MAX_LINES)
        .map((l) => this.line(l, date, withOwner)),
      ...(list.length > DIGEST_MAX_LINES
        ? [`- and ${list.length - DIGEST_MAX_LINES} more: ${more}`]
        : []),
      '',
    ];
    const lines = [
      `Statutory deadlines that have passed without being met, on ${formatLongDate(date)}, the longest overdue first.`,
      '',
      ...(own.length > 0
        ? section(
            'Yours (you are the caseworker):',
            own,
            this.reminders.link('/my-deadlines'),
            false,
          )
        : []),
      ...(team.length > 0
        ? section(
            `Escalations: your team's overdue deadlines (${[...teams].sort().join(', ')}):`,
            team,
            this.reminders.link('/dashboard'),
            true,
          )
        : []),
      `Your deadlines: ${this.reminders.link('/my-deadlines')}`,
      ...(team.length > 0
        ? [`Your team's dashboard: ${this.reminders.link('/dashboard')}`]
        : []),
    ];
    return { title, body: lines.join('\n') };
  }

  private line(l: Line, date: string, withOwner: boolean): string {
    const days = differenceInCalendarDays(
      `${date}T12:00:00Z`,
      `${l.dueOn}T12:00:00Z`,
    );
    const body = bodyName(l.responsibleBody);
    return `- ${days} day${days === 1 ? '' : 's'} overdue (due ${formatLongDate(l.dueOn)}): ${ruleTitle(l.ruleId)}${body ? ` (${body})` : ''} - case ${l.reference}${withOwner ? ` (caseworker: ${l.caseworker})` : ''} - ${this.reminders.link(`/cases/${l.caseId}`)}`;
  }
}
