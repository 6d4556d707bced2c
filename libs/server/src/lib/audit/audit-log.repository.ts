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

  /** A page of the access log, newest first, as the filters say (the same filters as its CSV). */
  listAccessLog(
    filter: AccessLogFilter,
    page: number,
    pageSize: number,
  ): Promise<{ rows: AccessLogRow[]; hasNextPage: boolean }> {
    return this.pageOf<AccessLogRow>(
      ACCESS_SELECT,
      'access_log',
      accessLogWhere(filter),
      page,
      pageSize,
    );
  }

  /** The access log as the filters say (null filter: all of it), oldest first, as a stream of rows. */
  streamAccessLog(filter: AccessLogFilter = {}): Promise<Readable> {
    return this.streamOf(ACCESS_SELECT, 'access_log', accessLogWhere(filter));
  }

  /** A page of the security log, newest first, as the filters say (the same filters as its CSV). */
  listSecurityLog(
    filter: SecurityLogFilter,
    page: number,
    pageSize: number,
  ): Promise<{ rows: SecurityLogRow[]; hasNextPage: boolean }> {
    return this.pageOf<SecurityLogRow>(
      SECURITY_SELECT,
      'security_log',
      securityLogWhere(filter),
      page,
      pageSize,
    );
  }

  /** The security log as the filters say (null filter: all of it), oldest first, as a stream of rows. */
  streamSecurityLog(filter: SecurityLogFilter = {}): Promise<Readable> {
    return this.streamOf(
      SECURITY_SELECT,
      'security_log',
      securityLogWhere(filter),
    );
  }

  /** One page of a log, newest first: one row more than the page says whether another follows. */
  private async pageOf<T>(
    select: string,
    table: string,
    where: LogWhere,
    page: number,
    pageSize: number,
  ): Promise<{ rows: T[]; hasNextPage: boolean }> {
    const n = where.params.length;
    const rows = await sql<T>(
      this.db,
      `${select} WHERE ${where.text} ORDER BY ${table}.id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...where.params, pageSize + 1, (page - 1) * pageSize],
    );
    return {
      rows: rows.slice(0, pageSize),
      hasNextPage: rows.length > pageSize,
    };
  }

  /** A whole log as the filters say, oldest first, as a stream of rows (for its CSV). */
  private streamOf(
    select: string,
    table: string,
    where: LogWhere,
  ): Promise<Readable> {
    return streamRows(
      this.db,
      `${select} WHERE ${where.text} ORDER BY ${table}.id`,
      where.params,
    );
  }
}

/** A log's filter as SQL: the conditions and their parameters. */
type LogWhere = { text: string; params: unknown[] };

/** What the auditor filters the access log by; every filter optional. */
export interface AccessLogFilter {
  /** Part of the reader's name (case-insensitive). */
  person?: string;
  caseReference?: string;
  /** Days in Europe/London, YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  outcome?: 'allowed' | 'denied';
}

/** What the auditor filters the security log by; every filter optional. */
export interface SecurityLogFilter {
  /** Part of the name of who acted, or of the account the event concerns (case-insensitive). */
  person?: string;
  from?: string;
  to?: string;
  outcome?: 'success' | 'failure';
}

export interface AccessLogRow {
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorRole: string;
  action: string | null;
  purpose: string | null;
  reason: string | null;
  outcome: 'allowed' | 'denied';
  status: number | null;
  caseId: string | null;
  caseReference: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

export interface SecurityLogRow {
  id: string;
  at: Date;
  event: string;
  outcome: 'success' | 'failure';
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  subjectUserId: string | null;
  subjectName: string | null;
  reason: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

const ACCESS_SELECT = `SELECT access_log.id::text, access_log.at, actor_id AS "actorId", actor_name AS "actorName",
       actor_role AS "actorRole", action, purpose, access_log.reason, outcome, status, case_id AS "caseId",
       (SELECT c.reference FROM "case" c WHERE c.id = access_log.case_id) AS "caseReference", detail, ip
  FROM access_log`;

const SECURITY_SELECT = `SELECT security_log.id::text, security_log.at, event, outcome, actor_id AS "actorId",
       actor_name AS "actorName", actor_role AS "actorRole", subject_user_id AS "subjectUserId",
       (SELECT u.name FROM staff_user u WHERE u.id = security_log.subject_user_id) AS "subjectName",
       security_log.reason, detail, ip
  FROM security_log`;

/** `%`, `_` and `\` typed by the auditor match themselves. */
const likeAny = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

/** The conditions shared by a log's list and its CSV: a day range in Europe/London and an outcome. */
class Where {
  readonly parts: string[] = ['TRUE'];
  readonly params: unknown[] = [];

  /** Adds one condition with one parameter. */
  one(value: unknown, condition: (p: string) => string): void {
    if (value === undefined || value === null || value === '') return;
    this.params.push(value);
    this.parts.push(condition(`$${this.params.length}`));
  }

  days(table: string, from?: string, to?: string): void {
    this.one(
      from,
      (p) =>
        `${table}.at >= (${p}::date)::timestamp AT TIME ZONE 'Europe/London'`,
    );
    this.one(
      to,
      (p) =>
        `${table}.at < (${p}::date + 1)::timestamp AT TIME ZONE 'Europe/London'`,
    );
  }

  get text(): string {
    return this.parts.join(' AND ');
  }
}

/** The one filter of the access log, for its list and its CSV. */
export function accessLogWhere(f: AccessLogFilter): LogWhere {
  const w = new Where();
  w.days('access_log', f.from, f.to);
  w.one(f.outcome, (p) => `access_log.outcome = ${p}`);
  w.one(
    f.person?.trim() && likeAny(f.person.trim()),
    (p) => `access_log.actor_name ILIKE ${p}`,
  );
  w.one(
    f.caseReference?.trim(),
    (p) =>
      `access_log.case_id IN (SELECT c.id FROM "case" c WHERE c.reference = ${p})`,
  );
  return { text: w.text, params: w.params };
}

/** The one filter of the security log, for its list and its CSV. */
export function securityLogWhere(f: SecurityLogFilter): LogWhere {
  const w = new Where();
  w.days('security_log', f.from, f.to);
  w.one(f.outcome, (p) => `security_log.outcome = ${p}`);
  w.one(
    f.person?.trim() && likeAny(f.person.trim()),
    (p) =>
      `(security_log.actor_name ILIKE ${p} OR security_log.subject_user_id IN (SELECT u.id FROM staff_user u WHERE u.name ILIKE ${p}))`,
  );
  return { text: w.text, params: w.params };
}
