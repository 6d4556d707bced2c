import type { StreamableFile } from '@nestjs/common';
import { AUDIT_LOG_PAGE_SIZE, type AuditLogPage } from '@send/contracts';
import type { Readable } from 'node:stream';
import { csvFile } from '../http/csv-file';
import { readableCsvOf } from '../http/csv';

/**
 * What the access log and the security log answer alike, for their list and their CSV: each
 * controller gives only what is its log's own (its query, its rows, its entries, its columns).
 */

/** The one filter of a log's list and of its CSV: the query's filters, without its page. */
export function logFilterOf<Query extends { page?: number }>(
  query: Query,
): Omit<Query, 'page'> {
  const filter = { ...query };
  delete filter.page;
  return filter;
}

/** A row of a log with its time as the API writes times (ISO 8601). */
export const withIsoTime = <Row extends { at: Date }>(
  row: Row,
): Omit<Row, 'at'> & { at: string } => ({ ...row, at: row.at.toISOString() });

/**
 * A page of a log as its list answers: the page asked for (the first when none is), of
 * AUDIT_LOG_PAGE_SIZE entries, each row as `entryOf` makes it, and whether another page follows.
 */
export async function logPageOf<Row, Entry>(
  page: number | undefined,
  read: (
    page: number,
    pageSize: number,
  ) => Promise<{ rows: Row[]; hasNextPage: boolean }>,
  entryOf: (row: Row) => Entry,
): Promise<AuditLogPage<Entry>> {
  const pageNumber = page ?? 1;
  const { rows, hasNextPage } = await read(pageNumber, AUDIT_LOG_PAGE_SIZE);
  return {
    items: rows.map(entryOf),
    page: pageNumber,
    pageSize: AUDIT_LOG_PAGE_SIZE,
    hasNextPage,
  };
}

/**
 * A log's CSV, streamed as a download named `filename`: a header in words from `columns`, then
 * each row of the cursor as `cellsOf` writes it (csv.ts: formula-like cells neutralised, and a
 * byte order mark so that Excel reads it as UTF-8).
 */
export function logCsvFile<Row>(
  filename: string,
  rows: Readable,
  columns: { key: string; header: string }[],
  cellsOf: (row: Row) => Record<string, string>,
): StreamableFile {
  return csvFile(filename, readableCsvOf(rows, columns, cellsOf));
}
