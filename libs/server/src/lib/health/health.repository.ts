import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { sql } from '../db/sql';
import { COUNT_CAP } from './health-verdict';

/** PostgreSQL's readings for the health check, as one row. */
export interface HealthRow {
  db_now: Date;
  workers_alive: number;
  seen_at: Date | null;
  tick_at: Date | null;
  tick_error: string | null;
  tick_error_at: Date | null;
  action_done_at: Date | null;
  mail_sent_at: Date | null;
  mail_error: string | null;
  due_waiting: number;
  next_action_at: Date | null;
  in_flight: number;
  oldest_claim_started: Date | null;
  oldest_claim_due: Date | null;
  mail_backlog: number;
  mail_oldest: Date | null;
}

/** PostgreSQL's part of the readings, in one statement (every figure from an index, counts capped). */
const READINGS = `
SELECT now() AS db_now,
  (SELECT count(*) FROM worker_heartbeat WHERE seen_at > now() - $2 * interval '1 ms')::int AS workers_alive,
  (SELECT max(seen_at) FROM worker_heartbeat) AS seen_at,
  (SELECT max(tick_at) FROM worker_heartbeat) AS tick_at,
  (SELECT tick_error FROM worker_heartbeat WHERE tick_error_at IS NOT NULL ORDER BY tick_error_at DESC LIMIT 1) AS tick_error,
  (SELECT max(tick_error_at) FROM worker_heartbeat) AS tick_error_at,
  (SELECT max(action_done_at) FROM worker_heartbeat) AS action_done_at,
  (SELECT max(mail_sent_at) FROM worker_heartbeat) AS mail_sent_at,
  (SELECT mail_error FROM worker_heartbeat WHERE mail_error_at IS NOT NULL ORDER BY mail_error_at DESC LIMIT 1) AS mail_error,
  ((SELECT count(*) FROM (SELECT 1 FROM deadline WHERE next_action_at <= $1 LIMIT ${COUNT_CAP}) due)
    + (SELECT count(*) FROM scheduled_run WHERE next_run_at <= $1 AND claimed_at IS NULL))::int AS due_waiting,
  LEAST((SELECT min(next_action_at) FROM deadline WHERE next_action_at IS NOT NULL),
        (SELECT min(next_run_at) FROM scheduled_run WHERE claimed_at IS NULL)) AS next_action_at,
  ((SELECT count(*) FROM deadline WHERE claimed_at IS NOT NULL) + (SELECT count(*) FROM scheduled_run WHERE claimed_at IS NOT NULL))::int AS in_flight,
  LEAST((SELECT min(claim_started_at) FROM deadline WHERE claimed_at IS NOT NULL),
        (SELECT min(claim_started_at) FROM scheduled_run WHERE claimed_at IS NOT NULL)) AS oldest_claim_started,
  LEAST((SELECT min(claimed_due_at) FROM deadline WHERE claimed_at IS NOT NULL),
        (SELECT min(claimed_due_at) FROM scheduled_run WHERE claimed_at IS NOT NULL)) AS oldest_claim_due,
  (SELECT count(*) FROM (SELECT 1 FROM notification WHERE emailed_at IS NULL AND email_next_attempt_at IS NOT NULL LIMIT ${COUNT_CAP}) unsent)::int AS mail_backlog,
  (SELECT min(created_at) FROM notification WHERE emailed_at IS NULL AND email_next_attempt_at IS NOT NULL) AS mail_oldest`;

/** The health check's reads: one statement, in a read-only transaction PostgreSQL abandons if it runs too long. */
@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  read(appNow: Date, staleMs: number, timeoutMs: number): Promise<HealthRow> {
    return this.db.transaction('READ COMMITTED', async (tx) => {
      await tx.query(
        `SET LOCAL statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`,
      );
      const [row] = await sql<HealthRow>(tx, READINGS, [appNow, staleMs]);
      if (!row) throw new Error('no answer');
      return row;
    });
  }
}
