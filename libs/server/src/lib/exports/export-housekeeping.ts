import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ExportFormat } from '@send/contracts';
import type { Queue } from 'bullmq';
import { rm } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EXPORT_QUEUE } from '../queue/queues';
import { exportFilePath } from './export-job';

/** An export still queued after this long has lost its job (Redis lost it, or queueing failed): it is queued again. */
const LOST_AFTER_MINUTES = 2;
const BATCH = 500;

/** The options of every `history.export` job: its id is the export's, so queueing it twice makes one job. */
export const historyExportJob = (exportId: string) =>
  ({ name: 'history.export', data: { exportId }, opts: { jobId: exportId } }) as const;

/**
 * The worker's `export.housekeeping` job: deletes the files of expired exports (and marks them
 * expired), and queues again any export PostgreSQL says is waiting when its job is gone.
 */
@Injectable()
export class ExportHousekeeping {
  private readonly logger = new Logger(ExportHousekeeping.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(EXPORT_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<{ expired: number; requeued: number }> {
    let expired = 0;
    for (;;) {
      const rows = (await this.db.query(
        `SELECT id, format FROM export_job WHERE status = 'done' AND expires_at <= now() ORDER BY expires_at LIMIT $1`,
        [BATCH],
      )) as { id: string; format: ExportFormat }[];
      for (const row of rows) {
        const { file, part } = exportFilePath(this.config.EXPORT_DIR, row.id, row.format);
        await rm(file, { force: true });
        await rm(part, { force: true });
        await this.db.query(`UPDATE export_job SET status = 'expired', updated_at = now() WHERE id = $1 AND status = 'done'`, [row.id]);
        expired++;
      }
      if (rows.length < BATCH) break;
    }
    const waiting = (await this.db.query(
      `SELECT id FROM export_job WHERE status = 'queued' AND requested_at < now() - make_interval(mins => $1) ORDER BY requested_at LIMIT $2`,
      [LOST_AFTER_MINUTES, BATCH],
    )) as { id: string }[];
    if (waiting.length) await this.queue.addBulk(waiting.map((w) => historyExportJob(w.id)));
    if (expired || waiting.length) this.logger.log(`Export housekeeping: ${expired} expired, ${waiting.length} queued again`);
    return { expired, requeued: waiting.length };
  }
}
