import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DeadlineFilter, DeadlineQuery, DeadlineSort, DeadlineStatus, DeadlineView } from '@send/contracts';
import { RULES } from '@send/domain';
import { addDays, format } from 'date-fns';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { SYSTEM_ACTOR } from '../auth/actor';
import { Clock } from '../clock/clock';
import { CaseCommandService } from '../cases/case-command.service';
import { CaseEntity, DeadlineEntity } from '../db/entities';
import { displayStatus } from './display-status';
import { ReminderService } from './reminder.service';
import { missedReminder, nextAction, reminderInstant, remindersOn, remindsStaff } from './reminder-schedule';

/** Days ahead (today included) in which an open deadline counts as due soon. */
export const DUE_SOON_DAYS = 10;

const RULE_TITLES = new Map<string, string>(RULES.map((r) => [r.id, r.title]));

type DeadlineRow = DeadlineEntity & { case: Pick<CaseEntity, 'reference' | 'childName'> };

/** What `list` narrows and orders by, besides the status filter: `owner` is the owner's name. */
export type DeadlineListOptions = Omit<DeadlineQuery, 'filter' | 'owner'> & { owner?: string };

/** The column each sort orders by first; the due date and case reference then break ties. */
const SORT_COLUMNS: Record<Exclude<DeadlineSort, `-${string}`>, string> = {
  dueOn: 'd.due_on',
  childName: 'c.child_name',
  ruleId: 'd.rule_id',
  owner: 'd.owner',
};

export type OverdueCheck = 'marked_overdue' | 'not_yet_due' | 'no_longer_open';

/** What one firing of a deadline's timer did, and when it should fire next (null: never). */
export interface TimerRun {
  outcome: 'no_longer_open' | 'ran';
  markedOverdue: boolean;
  notificationIds: string[];
  next: Date | null;
}

@Injectable()
export class DeadlineService {
  private readonly logger = new Logger(DeadlineService.name);
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly commands: CaseCommandService,
    private readonly reminders: ReminderService,
  ) {}

  /** Deadlines across cases. Dashboards read PostgreSQL only: an open deadline past its date is overdue even if no job has fired. */
  async list(filter: DeadlineFilter, team: string | null = null, options: DeadlineListOptions = {}): Promise<DeadlineView[]> {
    const today = this.clock.today();
    const q = this.query();
    switch (filter) {
      case 'open':
        q.where("d.status = 'open' AND d.due_on >= :today", { today });
        break;
      case 'due_soon':
        q.where("d.status = 'open' AND d.due_on BETWEEN :today AND :until", {
          today,
          until: this.dateAfter(today, DUE_SOON_DAYS - 1),
        });
        break;
      case 'overdue':
        q.where("(d.status = 'overdue' OR (d.status = 'open' AND d.due_on < :today))", { today });
        break;
      case 'outstanding':
        q.where("d.status IN ('open', 'overdue')");
        break;
      case 'met':
        q.where("d.status = 'met'");
        break;
      case 'cancelled':
        q.where("d.status = 'cancelled'");
        break;
      case 'all':
        break;
    }
    if (team !== null) q.andWhere('c.team = :team', { team });
    const { owner, dueFrom, dueTo, ruleId, responsibleBody, sort, limit, offset } = options;
    if (owner !== undefined) q.andWhere('d.owner = :owner', { owner });
    if (dueFrom !== undefined) q.andWhere('d.due_on >= :dueFrom', { dueFrom });
    if (dueTo !== undefined) q.andWhere('d.due_on <= :dueTo', { dueTo });
    if (ruleId !== undefined) q.andWhere('d.rule_id = :ruleId', { ruleId });
    if (responsibleBody !== undefined) q.andWhere('d.responsible_body = :responsibleBody', { responsibleBody });
    if (sort !== undefined && sort !== 'dueOn') {
      const descending = sort.startsWith('-');
      const column = SORT_COLUMNS[(descending ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS];
      // TypeORM keeps one direction per column: the due date breaks ties only when it is not the sort itself.
      q.orderBy(column, descending ? 'DESC' : 'ASC');
      if (column !== 'd.due_on') q.addOrderBy('d.due_on', 'ASC');
      q.addOrderBy('c.reference', 'ASC');
    }
    q.addOrderBy('d.id', 'ASC'); // a stable order, so that pages neither repeat nor skip a deadline
    if (limit !== undefined) q.limit(limit);
    if (offset !== undefined) q.offset(offset);
    return this.run(q, today);
  }

  /** A case's deadlines; through `manager` to see a transaction's uncommitted changes (a dry run). */
  async forCase(caseId: string, manager: EntityManager = this.db.manager): Promise<DeadlineView[]> {
    return this.run(this.query(manager).where('d.case_id = :caseId', { caseId }), this.clock.today());
  }

  /**
   * The deadline job's work. Re-reads PostgreSQL under a row lock: does nothing if the deadline was
   * met, moved or cancelled, or is not yet past; otherwise marks it overdue and appends the event
   * to the case history in the same transaction.
   */
  async markOverdueIfPast(deadlineId: string, dueOn: string): Promise<OverdueCheck> {
    return this.db.transaction(async (tx) => {
      const d = await this.lock(tx, deadlineId);
      if (!d || d.status !== 'open' || d.dueOn !== dueOn) return 'no_longer_open';
      if (this.clock.today() <= d.dueOn) return 'not_yet_due';
      await this.markOverdueIn(tx, d);
      return 'marked_overdue';
    });
  }

  /**
   * One firing of a deadline's timer (the `deadline.check` job). Under a row lock, re-reads the
   * deadline: nothing if it was met, moved or cancelled; otherwise marks it overdue when past,
   * writes today's reminders and escalations that are due by now (once each, whoever runs it),
   * and says when the timer should next fire. Emails are sent after commit.
   */
  async runTimer(deadlineId: string, dueOn: string): Promise<TimerRun> {
    const run = await this.db.transaction(async (tx): Promise<TimerRun> => {
      const d = await this.lock(tx, deadlineId);
      if (!d || d.dueOn !== dueOn || (d.status !== 'open' && d.status !== 'overdue')) {
        return { outcome: 'no_longer_open', markedOverdue: false, notificationIds: [], next: null };
      }
      const now = this.clock.now();
      const today = this.clock.today();
      let markedOverdue = false;
      if (d.status === 'open' && today > d.dueOn) {
        await this.markOverdueIn(tx, d);
        d.status = 'overdue';
        markedOverdue = true;
      }
      const timed = { dueOn: d.dueOn, status: d.status, dutyHolder: d.dutyHolder };
      const settings = this.reminders.settings;
      const due = remindersOn(timed, today, settings).filter((r) => reminderInstant(r.date, settings.time) <= now);
      // A point missed while the worker was down (its timer fires now, late) is still sent, once.
      const missed = missedReminder(timed, today, settings);
      if (missed) due.push(missed);
      let notificationIds: string[] = [];
      if (due.length > 0) {
        const c = await tx.getRepository(CaseEntity).findOneByOrFail({ id: d.caseId });
        notificationIds = await this.reminders.notifyIn(tx, d, c, due);
      }
      return { outcome: 'ran', markedOverdue, notificationIds, next: nextAction(timed, today, settings, now) };
    });
    // A mail failure must not undo or repeat the reminder: it stays unsent and the sweep retries it.
    await this.reminders.deliverPending(run.notificationIds).catch((error: unknown) => {
      this.logger.warn(`Reminder emails not sent; the sweep retries: ${String(error)}`);
    });
    return run;
  }

  /**
   * Locks a deadline for update, taking its case's row lock first: the order every case write uses
   * (the case, then its deadlines), so the monitor and a caseworker's write wait for each other
   * instead of deadlocking.
   */
  private async lock(tx: EntityManager, deadlineId: string): Promise<DeadlineEntity | null> {
    const found = await tx.getRepository(DeadlineEntity).findOne({ where: { id: deadlineId }, select: { caseId: true } });
    if (!found) return null;
    await tx.getRepository(CaseEntity).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id: found.caseId }).getOne();
    return tx.getRepository(DeadlineEntity).createQueryBuilder('d').setLock('pessimistic_write').where('d.id = :deadlineId', { deadlineId }).getOne();
  }

  private async markOverdueIn(tx: EntityManager, d: DeadlineEntity): Promise<void> {
    await tx.getRepository(DeadlineEntity).update({ id: d.id }, { status: 'overdue', updatedAt: this.clock.now() });
    await this.commands.recordIn(
      tx,
      d.caseId,
      { type: 'deadline.overdue', deadlineId: d.id, ruleId: d.ruleId, dueOn: d.dueOn, overdueOn: this.dateAfter(d.dueOn, 1) },
      SYSTEM_ACTOR,
      {},
    );
  }

  private query(manager: EntityManager = this.db.manager): SelectQueryBuilder<DeadlineEntity> {
    return manager
      .getRepository(DeadlineEntity)
      .createQueryBuilder('d')
      .innerJoin(CaseEntity, 'c', 'c.id = d.case_id')
      .addSelect('c.reference', 'case_reference')
      .addSelect('c.child_name', 'case_child_name')
      .addSelect('c.team', 'case_team')
      .orderBy('d.due_on', 'ASC')
      .addOrderBy('c.reference', 'ASC');
  }

  private async run(q: SelectQueryBuilder<DeadlineEntity>, today: string): Promise<DeadlineView[]> {
    const { entities, raw } = await q.getRawAndEntities<{ case_reference: string; case_child_name: string; case_team: string; d_id: string }>();
    const caseOf = new Map(raw.map((r) => [r.d_id, { reference: r.case_reference, childName: r.case_child_name, team: r.case_team }]));
    const managers = (await this.db.query(`SELECT name, team FROM staff_user WHERE role = 'manager' AND active ORDER BY name`)) as {
      name: string;
      team: string;
    }[];
    const managersOf = (team: string) => managers.filter((m) => m.team === team).map((m) => m.name);
    return entities.map((d) => {
      const c = caseOf.get(d.id) ?? { reference: '', childName: '', team: '' };
      return this.toView({ ...d, case: c }, today, managersOf(c.team));
    });
  }

  private toView(d: DeadlineRow, today: string, escalatesTo: string[]): DeadlineView {
    const status: DeadlineStatus = d.status === 'open' && d.dueOn < today ? 'overdue' : d.status;
    return {
      id: d.id,
      caseId: d.caseId,
      caseReference: d.case.reference,
      childName: d.case.childName,
      ruleId: d.ruleId,
      ruleTitle: RULE_TITLES.get(d.ruleId) ?? d.ruleId,
      rulesetVersion: d.rulesetVersion,
      dueOn: d.dueOn,
      explanation: d.explanation,
      status,
      displayStatus: displayStatus({ status, dueOn: d.dueOn, extended: d.extensions.length > 0 }, today, this.dateAfter(today, DUE_SOON_DAYS - 1)),
      ...(d.metOn ? { metOn: d.metOn, metOnTime: d.metOn <= d.dueOn } : {}),
      ...(d.cancelledReason ? { cancelledReason: d.cancelledReason } : {}),
      ...(d.responsibleBody ? { responsibleBody: d.responsibleBody } : {}),
      dutyHolder: d.dutyHolder,
      ...(d.extensions.length
        ? { extensions: d.extensions.map(({ fromDueOn, toDueOn, reason, agreedBy }) => ({ fromDueOn, toDueOn, reason, agreedBy })) }
        : {}),
      subjectId: d.subjectId,
      owner: d.owner,
      escalatesTo,
      remindsStaff: remindsStaff(d.dutyHolder),
    };
  }

  private dateAfter(isoDate: string, days: number): string {
    return format(addDays(`${isoDate}T12:00:00Z`, days), 'yyyy-MM-dd');
  }
}
