import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LONDON } from '../clock/clock';
import { DeadlineProducer } from '../queue/producer';
import { DEADLINE_QUEUE, JOB_NAMES, type JobName, type JobPayloads, SWEEP_SCHEDULER_ID } from '../queue/queues';
import { RedisClient, reportRedisErrors } from '../queue/redis';
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
export class DeadlineProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeadlineProcessor.name);
  private readonly stopping = new AbortController();

  private readonly handlers: Handlers = {
    'deadline.check': async (job, token) => {
      const run = await this.deadlines.runTimer(job.data.deadlineId, job.data.dueOn);
      if (run.outcome === 'ran' && (run.markedOverdue || run.notificationIds.length > 0)) {
        this.logger.log(`deadline ${job.data.deadlineId}: ${run.markedOverdue ? 'marked overdue; ' : ''}${run.notificationIds.length} notification(s)`);
      }
      if (run.next) {
        // The same job waits for the deadline's next reminder or its overdue moment (noted in its
        // data, from which the health check measures queue lag once it is due).
        const runAt = this.timers.realTime(run.next);
        await job.updateData({ ...job.data, runAt });
        await job.moveToDelayed(runAt, token);
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
    private readonly producer: DeadlineProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    const missing = JOB_NAMES.filter((name) => typeof this.handlers[name] !== 'function');
    if (missing.length > 0) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
  }

  /** At start: warn about a Redis that may evict timers, schedule the sweep, and sweep once now. */
  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
    reportRedisErrors(this.worker, this.logger, 'deadline worker');
    const problem = await this.redis.evictionProblem().catch((error: unknown) => `Redis not reachable: ${String(error)}`);
    if (problem) this.logger.warn(problem);
    void this.startSweeps();
  }

  /**
   * The first shutdown hook. With Redis reachable, BullMQ's close (later) waits for running jobs.
   * With Redis unreachable that close would wait for ever (its commands queue until Redis
   * returns), so the worker is closed at once: a job cut short is retried once its lock expires.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    if (!(await this.redis.answers(1000))) {
      this.logger.warn('Redis is unreachable: closing the worker without waiting for running jobs');
      await this.worker.close(true).catch(() => undefined);
    }
  }

  /**
   * Schedules the sweep and runs it once. Until that has worked (Redis may be down as the worker
   * starts, or a sweep may fail) it tries again, every few seconds and then at most every minute.
   */
  private async startSweeps(): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
      try {
        await this.producer.queue.upsertJobScheduler(
          SWEEP_SCHEDULER_ID,
          { pattern: this.config.SWEEP_CRON, tz: LONDON },
          { name: 'deadline.sweep', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100, attempts: 1 } },
        );
        await this.sweep.run();
        return;
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        if (attempt === 1) this.logger.warn(`Start-up sweep failed; retrying until it works: ${String(error)}`);
        await sleep(Math.min(60_000, 2_000 * attempt), undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  process(job: Job, token?: string): Promise<unknown> {
    const handler = this.handlers[job.name as JobName] as ((job: Job, token?: string) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    return handler(job, token);
  }
}
