import type {
  ExportFormat,
  ExportJobView,
  ExportScope,
  ExportStatus,
  ExportVerification,
} from '@send/contracts';
import { join, resolve } from 'node:path';

/** How often an export is started before it is failed for good (BullMQ attempts, and the housekeeping's restarts). */
export const EXPORT_ATTEMPTS = 3;

/** A row of `export_job`, as the queries here select it. */
export interface ExportJobRow {
  id: string;
  requested_by: string;
  requested_by_name: string;
  scope: ExportScope;
  format: ExportFormat;
  case_id: string | null;
  case_reference: string | null;
  from_date: string | null;
  to_date: string | null;
  status: ExportStatus;
  events_total: number | null;
  events_read: number;
  events_written: number;
  cases: number;
  attempts: number;
  file_name: string | null;
  file_size: string | null;
  sha256: string | null;
  verification: ExportVerification | null;
  error: string | null;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  expires_at: Date | null;
  /** Whether a finished export's file has passed its expiry (the database's clock). */
  expired: boolean;
}

export const EXPORT_JOB_SELECT = `
  SELECT id, requested_by, requested_by_name, scope, format, case_id, case_reference, from_date::text AS from_date, to_date::text AS to_date,
         status, events_total, events_read, events_written, cases, attempts, file_name, file_size, sha256, verification, error,
         requested_at, started_at, finished_at, expires_at, (status = 'done' AND expires_at <= now()) AS expired
  FROM export_job`;

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
};

/** Where an export's file is kept (by id, never by a name someone typed), and where it is written first. */
export function exportFilePath(
  dir: string,
  id: string,
  format: ExportFormat,
): { file: string; part: string } {
  const file = join(resolve(dir), `${id}.${format}`);
  return { file, part: `${file}.part` };
}

/** The name the download is saved as. */
export function downloadName(
  row: Pick<
    ExportJobRow,
    'scope' | 'format' | 'case_reference' | 'from_date' | 'to_date'
  >,
): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_.-]/g, '_');
  const what =
    row.scope === 'case'
      ? safe(row.case_reference ?? 'case')
      : `all-cases-${row.from_date}-to-${row.to_date}`;
  return `history-${what}.${row.format}`;
}

export function toExportView(r: ExportJobRow): ExportJobView {
  const status: ExportStatus = r.expired ? 'expired' : r.status;
  const percent =
    status === 'done'
      ? 100
      : r.events_total
        ? Math.min(99, Math.floor((100 * r.events_read) / r.events_total))
        : 0;
  return {
    id: r.id,
    scope: r.scope,
    format: r.format,
    ...(r.case_reference ? { caseReference: r.case_reference } : {}),
    ...(r.from_date ? { from: r.from_date } : {}),
    ...(r.to_date ? { to: r.to_date } : {}),
    status,
    eventsTotal: r.events_total,
    eventsRead: r.events_read,
    eventsWritten: r.events_written,
    percent,
    cases: r.cases,
    requestedAt: r.requested_at.toISOString(),
    ...(r.started_at ? { startedAt: r.started_at.toISOString() } : {}),
    ...(r.finished_at ? { finishedAt: r.finished_at.toISOString() } : {}),
    ...(r.expires_at ? { expiresAt: r.expires_at.toISOString() } : {}),
    ...(status === 'done' && r.file_name ? { fileName: r.file_name } : {}),
    ...(status === 'done' && r.file_size !== null
      ? { fileSize: Number(r.file_size) }
      : {}),
    ...(r.sha256 ? { sha256: r.sha256 } : {}),
    ...(r.verification ? { verification: r.verification } : {}),
    ...(r.error ? { error: r.error } : {}),
  };
}
