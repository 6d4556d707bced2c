import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  ExportFormat,
  ExportScope,
  ExportVerification,
} from '@send/contracts';
import type { DataSource } from 'typeorm';
import { sql } from '../db/sql';
import { EXPORT_JOB_SELECT, type ExportJobRow } from './export-job';

/** An export as it is asked for. */
export interface NewExportJob {
  id: string;
  requestedBy: string | null;
  requestedByName: string;
  scope: ExportScope;
  format: ExportFormat;
  caseId: string | null;
  caseReference: string | null;
  fromDate: string | null;
  toDate: string | null;
}

/** What a finished export wrote. */
export interface FinishedExport {
  ttlHours: number;
  read: number;
  written: number;
  cases: number;
  fileName: string;
  size: number;
  sha256: string;
  verification: ExportVerification;
}

/**
 * `export_job`: the record of each export (who asked, what, its progress, its file), from the
 * API's request to the worker's claim, progress and end, and the housekeeping's expiry and
 * recovery. The export's own reads of the history are HistoryExportRepository's (from the read
 * database).
 */
@Injectable()
export class ExportJobRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The case with this reference, whatever its letter case. */
  async caseByReference(
    reference: string,
  ): Promise<{ id: string; reference: string } | undefined> {
    const [row] = await sql<{ id: string; reference: string }>(
      this.db,
      `SELECT id, reference FROM "case" WHERE lower(reference) = lower($1)`,
      [reference],
    );
    return row;
  }

  async insert(j: NewExportJob): Promise<void> {
    await sql(
      this.db,
      `INSERT INTO export_job (id, requested_by, requested_by_name, scope, format, case_id, case_reference, from_date, to_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        j.id,
        j.requestedBy,
        j.requestedByName,
        j.scope,
        j.format,
        j.caseId,
        j.caseReference,
        j.fromDate,
        j.toDate,
      ],
    );
  }

  /** The job could not be queued: the export failed at once. */
  async markNotQueued(id: string): Promise<void> {
    await sql(
      this.db,
      `UPDATE export_job SET status = 'failed', error = 'The export could not be queued. Try again in a few minutes.', finished_at = now() WHERE id = $1`,
      [id],
    );
  }

  async get(id: string): Promise<ExportJobRow | undefined> {
    const [row] = await sql<ExportJobRow>(
      this.db,
      `${EXPORT_JOB_SELECT} WHERE id = $1`,
      [id],
    );
    return row;
  }

  /** One export of one member of staff (another's is not found). */
  async getFor(
    id: string,
    requestedBy: string | null,
  ): Promise<ExportJobRow | undefined> {
    const [row] = await sql<ExportJobRow>(
      this.db,
      `${EXPORT_JOB_SELECT} WHERE id = $1 AND requested_by = $2`,
      [id, requestedBy],
    );
    return row;
  }

  /** A member of staff's 20 most recent exports, newest first. */
  recentFor(requestedBy: string | null): Promise<ExportJobRow[]> {
    return sql(
      this.db,
      `${EXPORT_JOB_SELECT} WHERE requested_by = $1 ORDER BY requested_at DESC LIMIT 20`,
      [requestedBy],
    );
  }

  // --- The worker ---

  /** Starts (or starts again) a queued or running export, from nothing; false when it is no longer to be done. */
  async claim(id: string): Promise<boolean> {
    const rows = await sql(
      this.db,
      `UPDATE export_job SET status = 'running', started_at = now(), attempts = attempts + 1, events_read = 0, events_written = 0,
              cases = 0, error = NULL, updated_at = now()
       WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  async setTotal(id: string, eventsTotal: number): Promise<void> {
    await sql(
      this.db,
      `UPDATE export_job SET events_total = $2, updated_at = now() WHERE id = $1`,
      [id, eventsTotal],
    );
  }

  async saveProgress(
    id: string,
    p: { read: number; written: number; cases: number },
  ): Promise<void> {
    await sql(
      this.db,
      `UPDATE export_job SET events_read = $2, events_written = $3, cases = $4, updated_at = now() WHERE id = $1 AND status = 'running'`,
      [id, p.read, p.written, p.cases],
    );
  }

  async markDone(id: string, f: FinishedExport): Promise<void> {
    await sql(
      this.db,
      `UPDATE export_job SET status = 'done', finished_at = now(), expires_at = now() + make_interval(hours => $2),
              events_total = $3, events_read = $3, events_written = $4, cases = $5, file_name = $6, file_size = $7, sha256 = $8,
              verification = $9, updated_at = now()
       WHERE id = $1 AND status = 'running'`,
      [
        id,
        f.ttlHours,
        f.read,
        f.written,
        f.cases,
        f.fileName,
        f.size,
        f.sha256,
        JSON.stringify(f.verification),
      ],
    );
  }

  /** Fails a queued or running export, saying why; false when it had already ended. */
  async markFailed(id: string, reason: string): Promise<boolean> {
    const rows = await sql(
      this.db,
      `UPDATE export_job SET status = 'failed', finished_at = now(), updated_at = now(), error = $2
       WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [id, reason],
    );
    return rows.length > 0;
  }

  // --- Housekeeping ---

  /** Finished exports whose file has expired, the oldest expiry first. */
  expiredFiles(limit: number): Promise<{ id: string; format: ExportFormat }[]> {
    return sql(
      this.db,
      `SELECT id, format FROM export_job WHERE status = 'done' AND expires_at <= now() ORDER BY expires_at LIMIT $1`,
      [limit],
    );
  }

  async markExpired(id: string): Promise<void> {
    await sql(
      this.db,
      `UPDATE export_job SET status = 'expired', updated_at = now() WHERE id = $1 AND status = 'done'`,
      [id],
    );
  }

  /** Exports queued, or running without progress, for more than `minutes`: their job may be lost. */
  stale(
    minutes: number,
    limit: number,
  ): Promise<
    {
      id: string;
      format: ExportFormat;
      status: 'queued' | 'running';
      attempts: number;
    }[]
  > {
    return sql(
      this.db,
      `SELECT id, format, status, attempts FROM export_job
       WHERE (status = 'queued' AND requested_at < now() - make_interval(mins => $1))
          OR (status = 'running' AND updated_at < now() - make_interval(mins => $1))
       ORDER BY requested_at LIMIT $2`,
      [minutes, limit],
    );
  }
}
