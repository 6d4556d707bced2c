import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import {
  Inject,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import {
  DEADLINE_QUEUE,
  JOB_NAMES,
  type JobName,
  type JobPayloads,
  LEGACY_JOB_NAMES,
} from '../queue/queues';
import { RedisClient, reportRedisErrors } from '../queue/redis';
import { DeadlineActionService } from './deadline-action.service';
import { DigestService } from './digest.service';
import { IntervalRuns } from './interval-runs';
import { WorkerHeartbeat } from './worker-heartbeat';

type Handlers = { [K in JobName]: (data: JobPayloads[K]) => Promise<unknown> };

/**
 * Runs the deadline queue's jobs, each made by the tick for one claim. Every handler re-reads
 * PostgreSQL under a row lock and does nothing unless its claim is still the current one, so a job
 * run twice, or a job of an older claim, has no effect. Jobs are short transactions (the digest a
 * few), so a shorter lock than BullMQ's default (30 s) lets a job whose worker died run again within
 * about 20 s.
 */
@Processor(DEADLINE_QUEUE, {
  lockDuration: 15_000,
  stalledInterval: 5_000,
  maxStalledCount: 3,
})
export class DeadlineProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnModuleDestroy
{
  private readonly logger = new Logger(DeadlineProcessor.name);

  private readonly handlers: Handlers = {
    'deadline.action': async ({ deadlineId, claimNo }) => {
      const result = await this.actions.run(deadlineId, claimNo);
      if (result.outcome !== 'stale') this.heartbeat.actionDone();
      if (result.markedOverdue || result.reminders > 0) {
        this.logger.log(
          `deadline ${deadlineId}: ${result.markedOverdue ? 'marked overdue; ' : ''}${result.reminders} reminder(s)`,
        );
      }
      return result.outcome;
    },
    'scheduled.run': async ({ name, claimNo }) => {
      const result =
        name === 'daily-digest'
          ? await this.digests.run(name, claimNo)
          : await this.intervalRuns.run(name, claimNo);
      if (result.outcome !== 'stale') this.heartbeat.actionDone();
      return result;
    },
  };

  constructor(
    private readonly actions: DeadlineActionService,
    private readonly digests: DigestService,
    private readonly intervalRuns: IntervalRuns,
    private readonly heartbeat: WorkerHeartbeat,
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    const missing = JOB_NAMES.filter(
      (name) => typeof this.handlers[name] !== 'function',
    );
    if (missing.length > 0)
      throw new Error(`No handler for job(s): ${missing.join(', ')}`);
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
    reportRedisErrors(this.worker, this.logger, 'deadline worker');
  }

  /**
   * The first shutdown hook. With Redis reachable, BullMQ's close (later) waits for running jobs.
   * With Redis unreachable that close would wait for ever (its commands queue until Redis
   * returns), so the worker is closed at once: a job cut short is claimed again by a tick.
   */
  async onModuleDestroy(): Promise<void> {
    if (!(await this.redis.answers(1000))) {
      this.logger.warn(
        'Redis is unreachable: closing the worker without waiting for running jobs',
      );
      await this.worker.close(true).catch(() => undefined);
    }
  }

  /** A failed attempt is retried by BullMQ with backoff, then claimed again by the tick: each is logged. */
  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(
      `Job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed, attempt ${job?.attemptsMade ?? '?'}: ${error.message}`,
    );
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as JobName;
    const handler = this.handlers[name] as
      | ((data: unknown) => Promise<unknown>)
      | undefined;
    if (handler) {
      // An evicting Redis can lose a job's hash but not its id: such a job has no data and does
      // nothing (the tick claims the action again).
      if (!job.data || typeof job.data !== 'object' || !('claimNo' in job.data))
        return 'no data';
      return handler(job.data);
    }
    if ((LEGACY_JOB_NAMES as readonly string[]).includes(job.name))
      return 'legacy job: nothing to do';
    throw new Error(`No handler for job ${job.name}`);
  }
}
