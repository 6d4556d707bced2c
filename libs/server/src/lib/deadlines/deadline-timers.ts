import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { DelayedJobBatch } from '../queue/delayed-jobs';
import { deadlineCheckJobId, type JobPayloads } from '../queue/queues';
import { ReminderService } from './reminder.service';
import { nextAction, type TimedDeadline } from './reminder-schedule';

/** Adds a live deadline's timer to a batch of jobs; false when it needs none. */
export type TimerPlanner = (batch: DelayedJobBatch, id: string, d: TimedDeadline) => boolean;

/**
 * The timer of each live deadline, computed from its row alone, so that the outbox relay and the
 * reconciliation sweep make exactly the job the processor would have left behind. BullMQ delays run
 * on real time; under a fixed CLOCK_NOW the delay is measured from that clock.
 */
@Injectable()
export class DeadlineTimers {
  /** Next actions by due date, status and duty holder: they change only with the date. */
  private memo = new Map<string, number | null>();
  private memoDay = '';

  constructor(
    private readonly clock: Clock,
    private readonly reminders: ReminderService,
  ) {}

  /** An empty batch of deadline timers. */
  batch(): DelayedJobBatch {
    return new DelayedJobBatch('deadline.check');
  }

  /**
   * A planner for one pass (relay batch or sweep page): today is fixed, and timings are memoised
   * per due date, status and duty holder for the whole day (a million deadlines have a few hundred
   * distinct ones), across passes.
   */
  planner(): TimerPlanner {
    const now = this.clock.now();
    const today = this.clock.today();
    const offset = Date.now() - now.getTime();
    if (today !== this.memoDay || this.memo.size > 100_000) {
      this.memo = new Map();
      this.memoDay = today;
    }
    const memo = this.memo;
    return (batch, id, d) => {
      const key = `${d.dueOn}|${d.status}|${d.dutyHolder}`;
      let at = memo.get(key);
      if (at === undefined) {
        at = nextAction(d, today, this.reminders.settings)?.getTime() ?? null;
        memo.set(key, at);
      }
      if (at === null) return false;
      const data: JobPayloads['deadline.check'] = { deadlineId: id, dueOn: d.dueOn };
      batch.add(deadlineCheckJobId(id, d.dueOn), at + offset, JSON.stringify(data));
      return true;
    };
  }

  /** The real (wall-clock) instant at which a job due at `at` by the app's clock should run. */
  realTime(at: Date): number {
    return Date.now() + (at.getTime() - this.clock.now().getTime());
  }
}
