import { Injectable } from '@nestjs/common';
import { addDays, format } from 'date-fns';
import { DataSource, type EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../identity/actor';
import { Clock } from '../clock/clock';
import { CaseCommandService } from '../cases/case-command.service';
import { DeadlineRepository, type LockedDeadline } from './deadline.repository';
import { ReminderService } from './reminder.service';
import { isLive, planDeadline } from './reminder-schedule';

/** What one run of a deadline's action did. */
export interface ActionResult {
  /**
   * `done`: the action ran and the next one is timed; `closed`: the deadline is no longer live
   * (met, cancelled, missed), nothing to do; `stale`: the job is of an older claim (the action was
   * claimed again, or is already done), so it did nothing; `gone`: no such deadline.
   */
  outcome: 'done' | 'closed' | 'stale' | 'gone';
  markedOverdue: boolean;
  reminders: number;
  next: Date | null;
}

const NOTHING = { markedOverdue: false, reminders: 0, next: null } as const;

/** Thrown inside the first attempt's transaction (rolling it back) when the action needs the case's row lock. */
class NeedsCaseLock extends Error {}

/**
 * The deadline job's work (`deadline.action`). In one transaction, under the deadline's row lock
 * (and the case's, first, to mark it overdue): checks the job is of the deadline's current claim, works out from the row
 * what is due now (`planDeadline`), marks the deadline overdue with its history event, writes the
 * reminders due (unique keys: once each), and stores the next action, ending the claim. Whoever runs
 * it and however often, each effect happens once. Emails are left in PostgreSQL for the mail pump.
 */
@Injectable()
export class DeadlineActionService {
  constructor(
    private readonly db: DataSource,
    private readonly deadlines: DeadlineRepository,
    private readonly clock: Clock,
    private readonly commands: CaseCommandService,
    private readonly reminders: ReminderService,
  ) {}

  async run(deadlineId: string, claimNo: number): Promise<ActionResult> {
    try {
      return await this.db.transaction((tx) =>
        this.runIn(tx, deadlineId, claimNo, false),
      );
    } catch (error) {
      if (!(error instanceof NeedsCaseLock)) throw error;
      return this.db.transaction((tx) =>
        this.runIn(tx, deadlineId, claimNo, true),
      );
    }
  }

  /**
   * Most actions (reminders, timing) touch the deadline's row only, and lock only it. Marking it
   * overdue appends to the case's history, which needs the case's row lock, and that must be taken
   * before the deadline's (the order every case write uses), or the two could deadlock: such a run
   * starts again with both locks, in that order.
   */
  private async runIn(
    tx: EntityManager,
    deadlineId: string,
    claimNo: number,
    caseLocked: boolean,
  ): Promise<ActionResult> {
    if (caseLocked) {
      await this.deadlines.lockCaseOf(tx, deadlineId);
    }
    const row = await this.deadlines.lockForAction(tx, deadlineId);
    if (!row) return { outcome: 'gone', ...NOTHING };
    if (row.claimNo !== claimNo || row.claimedAt === null)
      return { outcome: 'stale', ...NOTHING };
    if (!isLive(row.status)) {
      await this.finish(tx, deadlineId, null);
      return { outcome: 'closed', ...NOTHING };
    }
    const plan = planDeadline(
      {
        dueOn: row.dueOn,
        status: row.status,
        dutyHolder: row.dutyHolder,
        timingFrom: row.timingFrom,
      },
      this.clock.now(),
      this.reminders.settings,
    );
    if (plan.markOverdue) {
      if (!caseLocked) throw new NeedsCaseLock();
      await this.markOverdueIn(tx, row);
    }
    const reminders =
      plan.reminders.length > 0
        ? await this.reminders.remindIn(
            tx,
            row,
            { reference: row.reference },
            plan.reminders,
          )
        : 0;
    await this.finish(tx, deadlineId, plan.next);
    return {
      outcome: 'done',
      markedOverdue: plan.markOverdue,
      reminders,
      next: plan.next,
    };
  }

  /** Stores the next action and ends the claim. */
  private async finish(
    tx: EntityManager,
    deadlineId: string,
    next: Date | null,
  ): Promise<void> {
    await this.deadlines.finishAction(tx, deadlineId, next);
  }

  /** Marks the deadline overdue and appends `deadline.overdue` to its case's history, in the same transaction. */
  private async markOverdueIn(
    tx: EntityManager,
    d: LockedDeadline,
  ): Promise<void> {
    await this.deadlines.markOverdue(tx, d.id, this.clock.now());
    await this.commands.recordIn(
      tx,
      d.caseId,
      {
        type: 'deadline.overdue',
        deadlineId: d.id,
        ruleId: d.ruleId,
        dueOn: d.dueOn,
        overdueOn: format(addDays(`${d.dueOn}T12:00:00Z`, 1), 'yyyy-MM-dd'),
      },
      SYSTEM_ACTOR,
      {},
    );
  }
}
