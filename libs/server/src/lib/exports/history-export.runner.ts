import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ExportVerification } from '@send/contracts';
import { mkdir, rename, rm } from 'node:fs/promises';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ChainVerifier } from '../history/verify-chain';
import { exportFailureReason, storageFailure } from './export-failure';
import { type ExportJobRow, downloadName, exportFilePath } from './export-job';
import { ExportJobRepository } from './export-job.repository';
import {
  type ExportCase,
  type ExportWriter,
  exportWriter,
} from './export-writers';
import { HistoryExportRepository } from './history-export.repository';

/** How far an export has got. */
interface Progress {
  read: number;
  written: number;
  cases: number;
}

/** How often progress is written to `export_job` while an export runs. */
const PROGRESS_EVERY_MS = 250;
/** At most this many cases whose history is broken are listed by name. */
const BROKEN_LISTED = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes the file of one export (the worker's `history.export` job). It streams the history from a
 * PostgreSQL cursor in case and sequence order (constant memory), checks each case's hash chain
 * over its whole stored history as it goes, writes the events in scope to `<id>.<format>.part`,
 * records progress in `export_job`, and renames the file once complete. Running it again after a
 * crash starts the file again; running it for a finished export does nothing.
 */
@Injectable()
export class HistoryExportRunner {
  private readonly logger = new Logger(HistoryExportRunner.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** The history is read from READ_DATABASE_URL when set (a replica), else the primary; `export_job` is written to the primary. */
    private readonly history: HistoryExportRepository,
    private readonly jobs: ExportJobRepository,
  ) {}

  async run(exportId: string): Promise<'done' | 'nothing to do'> {
    if (!(await this.jobs.claim(exportId))) return 'nothing to do';
    const job = await this.jobs.get(exportId);
    if (!job) return 'nothing to do';

    const { file, part } = exportFilePath(
      this.config.EXPORT_DIR,
      job.id,
      job.format,
    );
    const eventsTotal = await this.history.eventsTotal(job);
    await this.jobs.setTotal(job.id, eventsTotal);

    const progress: Progress = { read: 0, written: 0, cases: 0 };
    let writer: ExportWriter | undefined;
    try {
      await mkdir(this.config.EXPORT_DIR, { recursive: true, mode: 0o700 });
      writer = exportWriter(job.format, part, {
        scope: job.scope,
        ...(job.case_reference ? { caseReference: job.case_reference } : {}),
        ...(job.from_date ? { from: job.from_date } : {}),
        ...(job.to_date ? { to: job.to_date } : {}),
        exportedAt: new Date().toISOString(),
        exportedBy: job.requested_by_name,
        eventsTotal,
      });
      const result = await this.write(job, writer, progress);
      const { size, sha256 } = await writer.finish({
        ...result.verification,
        cases: result.cases,
        eventsWritten: result.written,
      });
      await rename(part, file);
      await this.jobs.markDone(job.id, {
        ttlHours: this.config.EXPORT_TTL_HOURS,
        read: result.read,
        written: result.written,
        cases: result.cases,
        fileName: downloadName(job),
        size,
        sha256,
        verification: result.verification,
      });
      this.logger.log(
        `Export ${job.id}: ${result.written} events of ${result.cases} case(s), ${size} bytes`,
      );
      return 'done';
    } catch (error) {
      // The file is closed before it is removed: a file still being opened could otherwise come back.
      const fileFailure = await writer?.abort(
        error instanceof Error ? error : new Error(String(error)),
      );
      await rm(part, { force: true }).catch((removal: unknown) =>
        this.logger.warn(
          `Export ${job.id}: ${part} not removed: ${String(removal)}`,
        ),
      );
      // How far it got, for the auditor (the percentage shown with the failure).
      await this.saveProgress(job.id, progress).catch(() => undefined);
      throw storageFailure(fileFailure ?? error) ?? error;
    }
  }

  /** After the last attempt failed (or a failure no retry will cure): says so on the export, in words the auditor can act on. */
  async fail(exportId: string, error: unknown): Promise<void> {
    this.logger.error(
      `Export ${exportId} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    await this.jobs.markFailed(exportId, exportFailureReason(error));
  }

  private saveProgress(id: string, p: Progress): Promise<unknown> {
    return this.jobs.saveProgress(id, p);
  }

  private async write(
    job: ExportJobRow,
    writer: ExportWriter,
    progress: Progress,
  ) {
    const inScope = (e: { businessDate: string }) =>
      job.scope === 'case' ||
      (e.businessDate >= (job.from_date ?? '') &&
        e.businessDate <= (job.to_date ?? ''));
    const verification: ExportVerification = {
      casesChecked: 0,
      casesIntact: 0,
      broken: [],
    };
    let current:
      | {
          c: ExportCase;
          verifier: ChainVerifier;
          began: boolean;
          written: number;
        }
      | undefined;
    const started = Date.now();
    let lastProgress = started;

    const closeCase = async () => {
      if (!current) return;
      const result = current.verifier.result();
      verification.casesChecked++;
      if (result.valid) verification.casesIntact++;
      else if (
        verification.broken.length < BROKEN_LISTED &&
        result.firstMismatch
      ) {
        verification.broken.push({
          caseReference: current.c.reference,
          sequence: result.firstMismatch.sequence,
          problem: result.firstMismatch.problem,
        });
      }
      if (!current.began) {
        await writer.beginCase(current.c);
        progress.cases++;
      }
      await writer.endCase(current.c, result, current.written);
    };

    // Streamed from a cursor, 200 rows a round trip (see HistoryExportRepository.events).
    const rows = await this.history.events(job);
    try {
      for await (const raw of rows) {
        const { caseReference, childName, ...event } = raw;
        if (current?.c.caseId !== event.caseId) {
          await closeCase();
          current = {
            c: { caseId: event.caseId, reference: caseReference, childName },
            verifier: new ChainVerifier(),
            began: false,
            written: 0,
          };
        }
        current.verifier.add(event);
        progress.read++;
        if (inScope(event)) {
          if (!current.began) {
            await writer.beginCase(current.c);
            current.began = true;
            progress.cases++;
          }
          await writer.event(current.c, event);
          current.written++;
          progress.written++;
        }
        const now = Date.now();
        if (now - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = now;
          await this.saveProgress(job.id, progress);
        }
        const rate = this.config.EXPORT_ROWS_PER_SECOND;
        if (rate > 0) {
          const ahead = (progress.read * 1000) / rate - (Date.now() - started);
          if (ahead > 20) await sleep(ahead);
        }
      }
      await closeCase();
    } finally {
      rows.destroy();
    }
    return { ...progress, verification };
  }
}
