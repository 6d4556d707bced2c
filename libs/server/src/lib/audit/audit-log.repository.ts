import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { GroupCommit } from '../db/group-commit';
import { type Db, sql } from '../db/sql';
import { streamRows } from '../db/stream-rows';

/** One `access_log` row as written (every text already made storable by AccessLogService). */
export interface AccessLogInsert {
  actorId: string | null;
  actorName: string | null;
  actorRole: string;
  action: string | null;
  purpose: string | null;
  reason: string | null;
  outcome: 'allowed' | 'denied';
  status: number | null;
  caseId: string | null;
  /** JSON text. */
  detail: string;
  ip: string | null;
  requestId: string | null;
}

/** One `security_log` row as written (every text already made storable by SecurityLogService). */
export interface SecurityLogInsert {
  event: string;
  outcome: 'success' | 'failure';
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  subjectUserId: string | null;
  reason: string | null;
  /** JSON text. */
  detail: string;
  ip: string | null;
  requestId: string | null;
}

/**
 * The append-only logs, `access_log` and `security_log` (triggers refuse UPDATE, DELETE and
 * TRUNCATE): their inserts, and the auditors' CSV exports, streamed from a cursor, oldest first.
 */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Resolves once the row is committed. Rows of requests answered at the same time are written in
   * one statement (group commit), so the log costs one commit however many reads are in flight.
   */
  insertAccess(r: AccessLogInsert): Promise<void> {
    return this.accessRows.add(r);
  }

  private readonly accessRows = new GroupCommit<AccessLogInsert>(
    async (rows) => {
      await sql(
        this.db,
        `INSERT INTO access_log (actor_id, actor_name, actor_role, action, purpose, reason, outcome, status, case_id, detail, ip, request_id)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                              $8::smallint[], $9::uuid[], $10::jsonb[], $11::text[], $12::text[])`,
        [
          rows.map((r) => r.actorId),
          rows.map((r) => r.actorName),
          rows.map((r) => r.actorRole),
          rows.map((r) => r.action),
          rows.map((r) => r.purpose),
          rows.map((r) => r.reason),
          rows.map((r) => r.outcome),
          rows.map((r) => r.status),
          rows.map((r) => r.caseId),
          rows.map((r) => r.detail),
          rows.map((r) => r.ip),
          rows.map((r) => r.requestId),
        ],
      );
    },
  );

  /** In `tx` when given: the change it records and the record commit together. */
  async insertSecurity(r: SecurityLogInsert, tx: Db = this.db): Promise<void> {
    await sql(
      tx,
      `INSERT INTO security_log (event, outcome, actor_id, actor_name, actor_role, subject_user_id, reason, detail, ip, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        r.event,
        r.outcome,
        r.actorId,
        r.actorName,
        r.actorRole,
        r.subjectUserId,
        r.reason,
        r.detail,
        r.ip,
        r.requestId,
      ],
    );
  }

  /** The access log between two days (inclusive; null: unbounded), as a stream of rows. */
  streamAccessLog(from: string | null, to: string | null): Promise<Readable> {
    return streamRows(
      this.db,
      `SELECT id::text, at, actor_id AS "actorId", actor_name AS "actorName", actor_role AS "actorRole", action, purpose,
              reason, outcome, status, case_id AS "caseId", detail, ip
       FROM access_log
       WHERE ($1::date IS NULL OR at >= $1::date) AND ($2::date IS NULL OR at < $2::date + 1)
       ORDER BY access_log.id`,
      [from, to],
    );
  }

  /** The security log between two days (inclusive; null: unbounded), as a stream of rows. */
  streamSecurityLog(from: string | null, to: string | null): Promise<Readable> {
    return streamRows(
      this.db,
      `SELECT id::text, at, event, outcome, actor_id AS "actorId", actor_name AS "actorName", actor_role AS "actorRole",
              subject_user_id AS "subjectUserId", reason, detail, ip
       FROM security_log
       WHERE ($1::date IS NULL OR at >= $1::date) AND ($2::date IS NULL OR at < $2::date + 1)
       ORDER BY security_log.id`,
      [from, to],
    );
  }
}
