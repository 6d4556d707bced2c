import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HistoryExportEvent } from '@send/contracts';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { sql } from '../db/sql';
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

/** An event with every column its hash covers, as the CSV, the JSON export and the chain check read it. */
export type HistoryExportRow = Omit<HistoryExportEvent, 'recordedAt'> & {
  recordedAt: Date;
};

/** Every column the hash covers, named as in the export. */
const EXPORT_SELECT = `
  SELECT id, case_id AS "caseId", sequence, type, payload_version AS "payloadVersion", payload,
         actor_id AS "actorId", actor_name AS "actorName", actor_role AS "actorRole", on_behalf_of AS "onBehalfOf",
         business_date AS "businessDate", recorded_at AS "recordedAt", summary, reason,
         stage_before AS "stageBefore", stage_after AS "stageAfter", correlation_id AS "correlationId",
         corrects_event_id AS "correctsEventId", previous_hash AS "previousHash", hash
  FROM case_event WHERE case_id = $1 ORDER BY sequence`;

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

  /** Every event of the case with every hashed column, in order, from a cursor (constant memory). */
  exportRows(caseId: string): Promise<Readable> {
    return streamRows(this.db, EXPORT_SELECT, [caseId]);
  }
}
