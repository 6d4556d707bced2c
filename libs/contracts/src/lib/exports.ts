import type { IsoDate } from './cases';

export const EXPORT_FORMATS = ['csv', 'json', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One case's complete history, or the events of every case that happened in a period. */
export const EXPORT_SCOPES = ['case', 'period'] as const;
export type ExportScope = (typeof EXPORT_SCOPES)[number];

export const EXPORT_STATUSES = [
  'queued',
  'running',
  'done',
  'failed',
  'expired',
] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** `POST /api/exports`: what to export. */
export interface StartExportRequest {
  scope: ExportScope;
  format: ExportFormat;
  /** For `case`: the council's case reference. */
  caseReference?: string;
  /** For `period`: the first and last day (inclusive) on which the events happened. */
  from?: IsoDate;
  to?: IsoDate;
}

/** The hash-chain check of every case in an export, over each case's whole stored history. */
export interface ExportVerification {
  casesChecked: number;
  casesIntact: number;
  /** The cases whose history does not match its hashes (at most 20 listed), with the first event that does not. */
  broken: { caseReference: string; sequence: number; problem: string }[];
}

/** A background export and how far it has got. */
export interface ExportJobView {
  id: string;
  scope: ExportScope;
  format: ExportFormat;
  caseReference?: string;
  from?: IsoDate;
  to?: IsoDate;
  status: ExportStatus;
  /** History events to read (known once the export has started). */
  eventsTotal: number | null;
  eventsRead: number;
  /** Events written to the file (a period export reads whole histories to check them, and writes the events in the period). */
  eventsWritten: number;
  /** 0–100. */
  percent: number;
  /** Cases in the export so far. */
  cases: number;
  requestedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** After this the file is deleted. */
  expiresAt?: string;
  /** The name the download is saved as. */
  fileName?: string;
  fileSize?: number;
  /** SHA-256 of the file, to show it was not changed after it was made. */
  sha256?: string;
  verification?: ExportVerification;
  /** Why the export failed, in words. */
  error?: string;
}
