import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import {
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import {
  EXPORT_JOB_NAMES,
  EXPORT_QUEUE,
  type ExportJobName,
  type ExportJobPayloads,
  LEGACY_EXPORT_HOUSEKEEPING_SCHEDULER_ID,
  LEGACY_EXPORT_JOB_NAMES,
} from '../queue/queues';
import { RedisClient } from '../queue/redis';
import { ExportStorageError } from './export-failure';
import { HistoryExportRunner } from './history-export.runner';

type Handlers = {
  [K in ExportJobName]: (job: Job<ExportJobPayloads[K]>) => Promise<unknown>;
};

/**
 * Runs the export jobs, one at a time per worker (an export is a long stream from PostgreSQL; the
 * 2-core machines this runs on have case work to do too). Handlers are idempotent: they re-read
 * `export_job` and do nothing when the export is finished.
 */
@Processor(EXPORT_QUEUE, {
  concurrency: 1,
  lockDuration: 60_000,
  stalledInterval: 30_000,
  maxStalledCount: 2,
})
export class ExportProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnModuleDestroy
{
  private readonly logger = new Logger(ExportProcessor.name);

  private readonly handlers: Handlers = {
    'history.export': async (job) => {
      try {
        return await this.runner.run(job.data.exportId);
      } catch (error) {
        // A full or unwritable export folder fails the export at once: no retry a few seconds
        // later would make room on the disk or make the folder writable.
        const storage = error instanceof ExportStorageError;
        if (storage || job.attemptsMade + 1 >= (job.opts.attempts ?? 1))
          await this.runner.fail(job.data.exportId, error);
        throw storage ? new UnrecoverableError(error.message) : error;
      }
    },
  };

  constructor(
    private readonly runner: HistoryExportRunner,
    @InjectQueue(EXPORT_QUEUE) private readonly queue: Queue,
    private readonly redis: RedisClient,
  ) {
    super();
    const missing = EXPORT_JOB_NAMES.filter(
      (name) => typeof this.handlers[name] !== 'function',
    );
    if (missing.length > 0)
      throw new Error(`No handler for job(s): ${missing.join(', ')}`);
  }

  onApplicationBootstrap(): void {
    void this.queue
      .removeJobScheduler(LEGACY_EXPORT_HOUSEKEEPING_SCHEDULER_ID)
      .catch((error: unknown) =>
        this.logger.warn(
          `The old export housekeeping scheduler was not removed: ${String(error)}`,
        ),
      );
  }

  /**
   * As the deadline processor: with Redis unreachable, BullMQ's close would wait for ever (its
   * commands queue until Redis returns), so the worker is closed at once; an export cut short is
   * picked up again once its lock expires (its handler re-reads `export_job`).
   */
  async onModuleDestroy(): Promise<void> {
    if (!(await this.redis.answers(1000)))
      await this.worker.close(true).catch(() => undefined);
  }

  process(job: Job): Promise<unknown> {
    // The housekeeping is timed in PostgreSQL now (`scheduled_run`): an old release's job does nothing.
    if ((LEGACY_EXPORT_JOB_NAMES as readonly string[]).includes(job.name))
      return Promise.resolve({ legacy: true });
    const handler = this.handlers[job.name as ExportJobName] as
      | ((job: Job) => Promise<unknown>)
      | undefined;
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    return handler(job);
  }
}
