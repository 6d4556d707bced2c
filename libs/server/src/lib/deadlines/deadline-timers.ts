import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock } from '../clock/clock';
import { deadlineCheckJobId, type JobPayloads } from '../queue/queues';
import { ReminderService } from './reminder.service';
import { nextAction, type TimedDeadline } from './reminder-schedule';

export interface TimerJob {
  name: 'deadline.check';
  data: JobPayloads['deadline.check'];
  opts: { jobId: string; delay: number };
}

/**
 * The timer of each live deadline, computed from its row alone, so that the outbox relay and the
 * reconciliation sweep make exactly the job the processor would have left behind. BullMQ delays run
 * on real time; under a fixed CLOCK_NOW the delay is measured from that clock.
 */
@Injectable()
export class DeadlineTimers {
  constructor(
    private readonly clock: Clock,
    private readonly reminders: ReminderService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A planner for one pass (relay batch or sweep): today is fixed and timings are memoised per due date. */
  planner(): (id: string, d: TimedDeadline) => TimerJob | null {
    const now = this.clock.now().getTime();
    const today = this.clock.today();
    const memo = new Map<string, number | null>();
    return (id, d) => {
      const key = `${d.dueOn}|${d.status}|${d.dutyHolder}`;
      let at = memo.get(key);
      if (at === undefined) {
        at = nextAction(d, today, this.reminders.settings)?.getTime() ?? null;
        memo.set(key, at);
      }
      if (at === null) return null;
      return {
        name: 'deadline.check',
        data: { deadlineId: id, dueOn: d.dueOn },
        opts: { jobId: deadlineCheckJobId(id, d.dueOn), delay: Math.max(0, at - now) },
      };
    };
  }

  /** The real (wall-clock) instant at which a job due at `at` by the app's clock should run. */
  realTime(at: Date): number {
    return Date.now() + (at.getTime() - this.clock.now().getTime());
  }
}
