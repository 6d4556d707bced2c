import { Inject, Injectable } from '@nestjs/common';
import type { HistoryExportEvent } from '@send/contracts';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { sql } from '../db/sql';
import { HASHED_EVENT_COLUMNS } from '../history/history.repository';
import { streamRows } from '../db/stream-rows';
import { READ_DB } from '../reporting/read-database';
import type { ExportJobRow } from './export-job';

/** Every column a history event's hash covers, and its case. */
const EVENT_COLUMNS = `${HASHED_EVENT_COLUMNS},
  c.reference AS "caseReference", c.child_name AS "childName"`;

/** The cases with an event that happened in the period ($1 to $2). */
const CASES_IN_PERIOD = `SELECT DISTINCT case_id FROM case_event WHERE business_date BETWEEN $1::date AND $2::date`;

/** What an export covers: a case (`case_id`), or the cases with an event in a period (`from_date` to `to_date`). */
export type ExportExtent = Pick<
  ExportJobRow,
  'scope' | 'case_id' | 'from_date' | 'to_date'
>;

/** A history event as an export reads it: every column its hash covers, with its case's reference and child. */
export type ExportEventRow = HistoryExportEvent & {
  caseReference: string;
  childName: string;
};

/**
 * The history as an export reads it (the worker's HistoryExportRunner), from READ_DATABASE_URL when
 * it is set (a replica), else the primary: read-only statements only. The export's record,
 * `export_job`, is ExportJobRepository's (on the primary).
 */
@Injectable()
export class HistoryExportRepository {
  constructor(@Inject(READ_DB) private readonly read: DataSource) {}

  /** How many events the export reads: the whole stored history of each case in scope. */
  async eventsTotal(extent: ExportExtent): Promise<number> {
    const scope =
      extent.scope === 'case'
        ? {
            count: `SELECT count(*)::int AS n FROM case_event WHERE case_id = $1`,
            params: [extent.case_id],
          }
        : {
            count: `SELECT count(*)::int AS n FROM case_event WHERE case_id IN (${CASES_IN_PERIOD})`,
            params: [extent.from_date, extent.to_date],
          };
    const [row] = await sql<{ n: number }>(
      this.read,
      scope.count,
      scope.params,
    );
    return (row as { n: number }).n;
  }

  /**
   * The events the export reads, streamed from a server-side cursor (constant memory): a case's by
   * sequence; for a period, case by case in reference order, each case's whole stored history by
   * sequence (so that its hash chain can be checked; only the period's events are written). The
   * connection goes back to the pool when the stream ends, fails or is destroyed: destroy it when
   * done with it.
   */
  async events(
    extent: ExportExtent,
  ): Promise<Readable & AsyncIterable<ExportEventRow>> {
    const statement =
      extent.scope === 'case'
        ? {
            text: `SELECT ${EVENT_COLUMNS} FROM case_event e JOIN "case" c ON c.id = e.case_id WHERE e.case_id = $1 ORDER BY e.sequence`,
            params: [extent.case_id],
          }
        : {
            // Case by case (reference order), each case's events by sequence: the whole stored
            // history is read so that its hash chain can be checked; only the period's events are written.
            text: `SELECT ${EVENT_COLUMNS}
                   FROM "case" c JOIN (${CASES_IN_PERIOD}) p ON p.case_id = c.id
                   CROSS JOIN LATERAL (SELECT * FROM case_event x WHERE x.case_id = c.id ORDER BY x.sequence) e
                   ORDER BY c.reference, e.sequence`,
            params: [extent.from_date, extent.to_date],
          };
    // 200 rows a round trip (README, "National-scale benchmark"): the next batch is fetched while
    // this one is checked and written. Larger batches were slower, not faster: 2,000 rows held in
    // the stream outlived the young generation, and the garbage collector took 14% of the export's
    // time (2,000: 53,000 rows/s and 247 MB; 500: 65,000 and 229 MB; 200: 75,000 and 211 MB).
    return streamRows(this.read, statement.text, statement.params, {
      batchSize: 200,
    });
  }
}
