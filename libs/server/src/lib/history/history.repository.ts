import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { isoUtcSql, sql } from '../db/sql';
import { streamRows } from '../db/stream-rows';

/** An event as the history page reads it (not every column its hash covers: the export reads those). */
export interface HistoryPageRow {
  id: string;
  sequence: number;
  type: string;
  summary: string;
  businessDate: string;
  recordedAt: Date;
  actorName: string;
  actorRole: string;
  reason: string | null;
  correctsEventId: string | null;
  payload: Record<string, unknown>;
  hash: string;
  previousHash: string | null;
}

/**
 * Every column a history event's hash covers (`e` is `case_event`), named as in the export. The
 * time it was recorded is the ISO 8601 text its hash covers (`Date.prototype.toISOString`: UTC,
 * milliseconds, `Z`), made by PostgreSQL rather than parsed into a Date and written back for each of
 * the millions of rows a period export reads; the API writes `recorded_at` from a Date, to the
 * millisecond, so the two agree exactly. Read by the history's checks and exports and by the
 * auditors' background exports alike.
 */
export const HASHED_EVENT_COLUMNS = `
  e.id, e.case_id AS "caseId", e.sequence, e.type, e.payload_version AS "payloadVersion", e.payload,
  e.actor_id AS "actorId", e.actor_name AS "actorName", e.actor_role AS "actorRole", e.on_behalf_of AS "onBehalfOf",
  e.business_date::text AS "businessDate", ${isoUtcSql('e.recorded_at')} AS "recordedAt", e.summary, e.reason,
  e.stage_before AS "stageBefore", e.stage_after AS "stageAfter", e.correlation_id AS "correlationId",
  e.corrects_event_id AS "correctsEventId", e.previous_hash AS "previousHash", e.hash`;

const EXPORT_SELECT = `SELECT ${HASHED_EVENT_COLUMNS} FROM case_event e WHERE e.case_id = $1 ORDER BY e.sequence`;

/** A case's history as recorded (`case_event`, append-only), read for people and for its checks. */
@Injectable()
export class HistoryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The case's events after sequence `after`, at most `limit`, in order; undefined when there is
   * no such case. One statement: the case joined to its page of events, so that a case with no
   * events after `after` (one row of NULLs) is told from a case that does not exist (no row)
   * without a second round trip.
   */
  async page(
    caseId: string,
    after: number,
    limit: number,
  ): Promise<HistoryPageRow[] | undefined> {
    const rows = await sql<HistoryPageRow | { id: null }>(
      this.db,
      `SELECT e.id, e.sequence, e.type, e.summary, e.business_date AS "businessDate", e.recorded_at AS "recordedAt",
              e.actor_name AS "actorName", e.actor_role AS "actorRole", e.reason, e.corrects_event_id AS "correctsEventId",
              e.payload, e.hash, e.previous_hash AS "previousHash"
       FROM "case" c
       LEFT JOIN LATERAL (SELECT * FROM case_event WHERE case_id = c.id AND sequence > $2
                          ORDER BY sequence LIMIT $3) e ON true
       WHERE c.id = $1
       ORDER BY e.sequence`,
      [caseId, after, limit],
    );
    if (rows.length === 0) return undefined;
    return rows.filter((r): r is HistoryPageRow => r.id !== null);
  }

  /** The case's id as stored and its reference; undefined when there is no such case. */
  async caseOf(
    caseId: string,
  ): Promise<{ id: string; reference: string } | undefined> {
    const [row] = await sql<{ id: string; reference: string }>(
      this.db,
      `SELECT id, reference FROM "case" WHERE id = $1`,
      [caseId],
    );
    return row;
  }

  /** Every event of the case with every hashed column (`HistoryExportEvent`s), in order, from a cursor (constant memory). */
  exportRows(caseId: string): Promise<Readable> {
    return streamRows(this.db, EXPORT_SELECT, [caseId]);
  }
}
