import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, type Job, type Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LONDON } from '../clock/clock';
import { DEADLINE_QUEUE, JOB_NAMES, type JobName, type JobPayloads, SWEEP_SCHEDULER_ID } from '../queue/queues';
import { RedisClient } from '../queue/redis';
import { DeadlineService } from './deadline.service';
import { DeadlineSweep } from './deadline.sweep';
import { DeadlineTimers } from './deadline-timers';

type Handlers = { [K in JobName]: (job: Job<JobPayloads[K]>, token?: string) => Promise<unknown> };

/**
 * Runs the deadline jobs. Every handler is idempotent: it re-reads PostgreSQL before acting.
 * Jobs are short database transactions, so a shorter lock than BullMQ's default (30 s) lets a job
 * whose worker died run again within about 20 s.
 */
@Processor(DEADLINE_QUEUE, { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 3 })
export class DeadlineProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeadlineProcessor.name);

  private readonly handlers: Handlers = {
    'deadline.check': async (job, token) => {
      const run = await this.deadlines.runTimer(job.data.deadlineId, job.data.dueOn);
      if (run.outcome === 'ran' && (run.markedOverdue || run.notificationIds.length > 0)) {
        this.logger.log(`deadline ${job.data.deadlineId}: ${run.markedOverdue ? 'marked overdue; ' : ''}${run.notificationIds.length} notification(s)`);
      }
      if (run.next) {
        // The same job waits for the deadline's next reminder or its overdue moment.
        await job.moveToDelayed(this.timers.realTime(run.next), token);
        throw new DelayedError();
      }
      return run.outcome;
    },
    'deadline.sweep': async () => this.sweep.run(),
  };

  constructor(
    private readonly deadlines: DeadlineService,
    private readonly sweep: DeadlineSweep,
    private readonly timers: DeadlineTimers,
    private readonly redis: RedisClient,
    @InjectQueue(DEADLINE_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    const missing = JOB_NAMES.filter((name) => typeof this.handlers[name] !== 'function');
    if (missing.length > 0) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
  }

  /** At start: warn about a Redis that may evict timers, schedule the sweep, and sweep once now. */
  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
    const problem = await this.redis.evictionProblem().catch((error: unknown) => `Redis not reachable: ${String(error)}`);
    if (problem) this.logger.warn(problem);
    void this.startSweeps();
  }

  private async startSweeps(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(
        SWEEP_SCHEDULER_ID,
        { pattern: this.config.SWEEP_CRON, tz: LONDON },
        { name: 'deadline.sweep', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100, attempts: 1 } },
      );
      await this.sweep.run();
    } catch (error) {
      this.logger.warn(`Start-up sweep failed; the scheduled sweep will retry: ${String(error)}`);
    }
  }

  process(job: Job, token?: string): Promise<unknown> {
    const handler = this.handlers[job.name as JobName] as ((job: Job, token?: string) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    return handler(job, token);
  }
}
