import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ExportFormat } from '@send/contracts';
import type { Queue } from 'bullmq';
import { rm } from 'node:fs/promises';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EXPORT_QUEUE } from '../queue/queues';
import { EXPORT_FAILED, exportInterrupted } from './export-failure';
import { EXPORT_ATTEMPTS, exportFilePath } from './export-job';
import { ExportJobRepository } from './export-job.repository';

/**
 * An export still queued this long after it was asked for, or running with no progress for this
 * long (a running export records its progress several times a second), has lost its worker or its
 * job: the housekeeping looks at its job.
 */
const LOST_AFTER_MINUTES = 2;
const BATCH = 500;
/** BullMQ states in which a job will still run (a stalled active job is taken back by BullMQ's own stall check). */
const PENDING_STATES = new Set([
  'active',
  'waiting',
  'waiting-children',
  'delayed',
  'prioritized',
]);

/** The options of every `history.export` job: its id is the export's, so queueing it twice makes one job. */
export const historyExportJob = (exportId: string) =>
  ({
    name: 'history.export',
    data: { exportId },
    opts: { jobId: exportId },
  }) as const;

/**
 * The worker's `export.housekeeping` job: deletes the files of expired exports (and marks them
 * expired), and looks after exports that PostgreSQL says are unfinished but that no job will
 * finish — a job Redis lost, or a worker that died in the middle (killed, out of memory, its
 * machine restarted): it queues them again, or, once an export has been started
 * EXPORT_ATTEMPTS times or its job has failed, fails it with a reason and removes its partial file.
 */
@Injectable()
export class ExportHousekeeping {
  private readonly logger = new Logger(ExportHousekeeping.name);

  constructor(
    private readonly jobs: ExportJobRepository,
    @InjectQueue(EXPORT_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<{ expired: number; requeued: number; failed: number }> {
    const expired = await this.expire();
    const { requeued, failed } = await this.recoverLost();
    if (expired || requeued || failed)
      this.logger.log(
        `Export housekeeping: ${expired} expired, ${requeued} queued again, ${failed} failed`,
      );
    return { expired, requeued, failed };
  }

  private async expire(): Promise<number> {
    let expired = 0;
    for (;;) {
      const rows = await this.jobs.expiredFiles(BATCH);
      let removed = 0;
      for (const row of rows) {
        const { file, part } = exportFilePath(
          this.config.EXPORT_DIR,
          row.id,
          row.format,
        );
        try {
          await rm(file, { force: true });
          await rm(part, { force: true });
        } catch (error) {
          // Kept 'done' (its download already answers 410), so that the next run tries again.
          this.logger.warn(
            `Export ${row.id}: its expired file could not be deleted: ${String(error)}`,
          );
          continue;
        }
        await this.jobs.markExpired(row.id);
        removed++;
      }
      expired += removed;
      if (rows.length < BATCH || removed === 0) return expired;
    }
  }

  private async recoverLost(): Promise<{ requeued: number; failed: number }> {
    const rows = await this.jobs.stale(LOST_AFTER_MINUTES, BATCH);
    let requeued = 0;
    let failed = 0;
    for (const row of rows) {
      const job = await this.queue.getJob(row.id);
      const state = job ? await job.getState() : 'missing';
      if (PENDING_STATES.has(state)) continue;
      if (state === 'failed' || row.attempts >= EXPORT_ATTEMPTS) {
        // BullMQ fails a job whose worker died too often ("job stalled more than allowable limit").
        const interrupted =
          row.status === 'running' &&
          (!job || /stalled/i.test(job.failedReason ?? ''));
        if (
          await this.jobs.markFailed(
            row.id,
            interrupted ? exportInterrupted(row.attempts) : EXPORT_FAILED,
          )
        ) {
          this.logger.warn(
            `Export ${row.id} failed: ${row.status} with its job ${state} after ${row.attempts} attempt(s)`,
          );
          await rm(
            exportFilePath(this.config.EXPORT_DIR, row.id, row.format).part,
            { force: true },
          ).catch(() => undefined);
          failed++;
        }
        continue;
      }
      // Missing (Redis lost it), or finished while PostgreSQL says otherwise: its id must be free to queue it again.
      if (job) await job.remove();
      const next = historyExportJob(row.id);
      await this.queue.add(next.name, next.data, next.opts);
      requeued++;
    }
    return { requeued, failed };
  }
}
