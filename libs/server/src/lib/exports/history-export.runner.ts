import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ExportVerification, HistoryExportEvent } from '@send/contracts';
import { mkdir, rename, rm } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { streamRows } from '../db/stream-rows';
import { ChainVerifier } from '../history/verify-chain';
import { READ_DB } from '../reporting/read-database';
import { exportFailureReason, storageFailure } from './export-failure';
import { type ExportJobRow, downloadName, exportFilePath } from './export-job';
import { ExportJobRepository } from './export-job.repository';
import {
  type ExportCase,
  type ExportWriter,
  exportWriter,
} from './export-writers';

/**
 * When the event was recorded, as the ISO 8601 text its hash covers (`Date.prototype.toISOString`:
 * UTC, milliseconds, `Z`), made by PostgreSQL rather than parsed into a Date and written back for
 * each of the millions of rows a period export reads. The API writes `recorded_at` from a Date, to
 * the millisecond, so the two agree exactly.
 */
const ISO_RECORDED_AT = `to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Every column a history event's hash covers, and its case. */
const EVENT_COLUMNS = `
  e.id, e.case_id AS "caseId", e.sequence, e.type, e.payload_version AS "payloadVersion", e.payload,
  e.actor_id AS "actorId", e.actor_name AS "actorName", e.actor_role AS "actorRole", e.on_behalf_of AS "onBehalfOf",
  e.business_date::text AS "businessDate", ${ISO_RECORDED_AT} AS "recordedAt", e.summary, e.reason,
  e.stage_before AS "stageBefore", e.stage_after AS "stageAfter", e.correlation_id AS "correlationId",
  e.corrects_event_id AS "correctsEventId", e.previous_hash AS "previousHash", e.hash,
  c.reference AS "caseReference", c.child_name AS "childName"`;

/** The cases with an event that happened in the period ($1 to $2). */
const CASES_IN_PERIOD = `SELECT DISTINCT case_id FROM case_event WHERE business_date BETWEEN $1::date AND $2::date`;

/** How far an export has got. */
interface Progress {
  read: number;
  written: number;
  cases: number;
}

type EventRow = HistoryExportEvent & {
  caseReference: string;
  childName: string;
};

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
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** The history is read from READ_DATABASE_URL when set (a replica), else the primary; `export_job` is written to the primary. */
    @Inject(READ_DB) private readonly read: DataSource,
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
    const scope =
      job.scope === 'case'
        ? {
            count: `SELECT count(*)::int AS n FROM case_event WHERE case_id = $1`,
            params: [job.case_id],
          }
        : {
            count: `SELECT count(*)::int AS n FROM case_event WHERE case_id IN (${CASES_IN_PERIOD})`,
            params: [job.from_date, job.to_date],
          };
    const [{ n: eventsTotal }] = (await this.read.query(
      scope.count,
      scope.params,
    )) as [{ n: number }];
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
    const sql =
      job.scope === 'case'
        ? {
            text: `SELECT ${EVENT_COLUMNS} FROM case_event e JOIN "case" c ON c.id = e.case_id WHERE e.case_id = $1 ORDER BY e.sequence`,
            params: [job.case_id],
          }
        : {
            // Case by case (reference order), each case's events by sequence: the whole stored
            // history is read so that its hash chain can be checked; only the period's events are written.
            text: `SELECT ${EVENT_COLUMNS}
                   FROM "case" c JOIN (${CASES_IN_PERIOD}) p ON p.case_id = c.id
                   CROSS JOIN LATERAL (SELECT * FROM case_event x WHERE x.case_id = c.id ORDER BY x.sequence) e
                   ORDER BY c.reference, e.sequence`,
            params: [job.from_date, job.to_date],
          };

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

    // 200 rows a round trip (README, "National-scale benchmark"): the next batch is fetched while
    // this one is checked and written. Larger batches were slower, not faster: 2,000 rows held in
    // the stream outlived the young generation, and the garbage collector took 14% of the export's
    // time (2,000: 53,000 rows/s and 247 MB; 500: 65,000 and 229 MB; 200: 75,000 and 211 MB).
    const rows = await streamRows(this.read, sql.text, sql.params, {
      batchSize: 200,
    });
    try {
      for await (const raw of rows as AsyncIterable<EventRow>) {
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
