import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { sql } from '../db/sql';
import type { ScheduledRunName } from '../queue/queues';

/** What a worker reports of itself (ages in milliseconds before now; null: never). */
export interface HeartbeatWrite {
  workerId: string;
  host: string;
  pid: number;
  startedAgoMs: number;
  tickAgoMs: number | null;
  tickMs: number | null;
  ticks: number;
  tickError: string | null;
  tickErrorAgoMs: number | null;
  actionsDone: number;
  actionDoneAgoMs: number | null;
  mailSent: number;
  mailSentAgoMs: number | null;
  mailFailed: number;
  mailError: string | null;
  mailErrorAgoMs: number | null;
}

/**
 * The worker's own tables: `scheduled_run` (runs timed in PostgreSQL, such as the daily digest,
 * claimed with a claim number so that a stale job does nothing) and `worker_heartbeat`.
 */
@Injectable()
export class WorkerRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // --- Scheduled runs ---

  /** The runs due at `now` and not in flight, and whether each has waited `maxWaitMs` for earlier actions. */
  dueRuns(
    now: Date,
    maxWaitMs: number,
  ): Promise<{ name: ScheduledRunName; waitedEnough: boolean }[]> {
    return sql(
      this.db,
      `SELECT name, (deferred_since IS NOT NULL AND deferred_since <= now() - $2 * interval '1 ms') AS "waitedEnough"
       FROM scheduled_run WHERE next_run_at <= $1 AND claimed_at IS NULL`,
      [now, maxWaitMs],
    );
  }

  /** Notes that a due run waits (from the first time it was put off). */
  async deferRun(name: ScheduledRunName): Promise<void> {
    await sql(
      this.db,
      `UPDATE scheduled_run SET deferred_since = COALESCE(deferred_since, now()) WHERE name = $1 AND claimed_at IS NULL`,
      [name],
    );
  }

  /** Claims a due run (SKIP LOCKED: another worker may hold it); answers its new claim number, or undefined. */
  async claimRun(
    name: ScheduledRunName,
    now: Date,
  ): Promise<number | undefined> {
    const [row] = await sql<{ claim_no: number }>(
      this.db,
      `UPDATE scheduled_run r SET claim_no = r.claim_no + 1, claimed_at = now(), claim_started_at = now(), claimed_due_at = r.next_run_at,
         next_run_at = NULL, deferred_since = NULL
       FROM (SELECT name FROM scheduled_run WHERE name = $1 AND next_run_at <= $2 AND claimed_at IS NULL FOR UPDATE SKIP LOCKED) due
       WHERE r.name = due.name
       RETURNING r.claim_no`,
      [name, now],
    );
    return row?.claim_no;
  }

  /** The runs in flight whose claim is older than `graceMs`. */
  claimedRuns(
    graceMs: number,
  ): Promise<{ name: ScheduledRunName; claim_no: number }[]> {
    return sql(
      this.db,
      `SELECT name, claim_no FROM scheduled_run WHERE claimed_at IS NOT NULL AND claimed_at <= now() - $1 * interval '1 ms'`,
      [graceMs],
    );
  }

  /** Claims a run in flight again (its job was lost), if its claim is still `claimNo`; answers the new claim number. */
  async reclaimRun(
    name: ScheduledRunName,
    claimNo: number,
  ): Promise<number | undefined> {
    const [row] = await sql<{ claim_no: number }>(
      this.db,
      `UPDATE scheduled_run SET claim_no = claim_no + 1, claimed_at = now() WHERE name = $1 AND claim_no = $2 AND claimed_at IS NOT NULL RETURNING claim_no`,
      [name, claimNo],
    );
    return row?.claim_no;
  }

  async stillClaimed(
    name: ScheduledRunName,
    claimNo: number,
  ): Promise<boolean> {
    return (
      (
        await sql(
          this.db,
          `SELECT 1 FROM scheduled_run WHERE name = $1 AND claim_no = $2 AND claimed_at IS NOT NULL`,
          [name, claimNo],
        )
      ).length > 0
    );
  }

  /** Ends a run's claim and times the next; false when the claim was no longer `claimNo` (stale). */
  async finishRun(
    name: ScheduledRunName,
    claimNo: number,
    next: Date,
    ranFor: string,
  ): Promise<boolean> {
    const rows = await sql(
      this.db,
      `UPDATE scheduled_run SET next_run_at = $3, claimed_at = NULL, claim_started_at = NULL, claimed_due_at = NULL, deferred_since = NULL,
         last_run_for = $4, last_run_at = now()
       WHERE name = $1 AND claim_no = $2 RETURNING name`,
      [name, claimNo, next, ranFor],
    );
    return rows.length > 0;
  }

  // --- Heartbeat ---

  async writeHeartbeat(h: HeartbeatWrite): Promise<void> {
    await sql(
      this.db,
      `INSERT INTO worker_heartbeat AS h (worker_id, host, pid, started_at, seen_at, tick_at, tick_ms, ticks, tick_error, tick_error_at,
         actions_done, action_done_at, mail_sent, mail_sent_at, mail_failed, mail_error, mail_error_at)
       VALUES ($1, $2, $3, now() - $4 * interval '1 ms', now(), now() - $5 * interval '1 ms', $6, $7, $8, now() - $9 * interval '1 ms',
         $10, now() - $11 * interval '1 ms', $12, now() - $13 * interval '1 ms', $14, $15, now() - $16 * interval '1 ms')
       ON CONFLICT (worker_id) DO UPDATE SET seen_at = EXCLUDED.seen_at, tick_at = EXCLUDED.tick_at, tick_ms = EXCLUDED.tick_ms,
         ticks = EXCLUDED.ticks, tick_error = EXCLUDED.tick_error, tick_error_at = EXCLUDED.tick_error_at,
         actions_done = EXCLUDED.actions_done, action_done_at = EXCLUDED.action_done_at, mail_sent = EXCLUDED.mail_sent,
         mail_sent_at = EXCLUDED.mail_sent_at, mail_failed = EXCLUDED.mail_failed, mail_error = EXCLUDED.mail_error,
         mail_error_at = EXCLUDED.mail_error_at`,
      [
        h.workerId,
        h.host,
        h.pid,
        h.startedAgoMs,
        h.tickAgoMs,
        h.tickMs,
        h.ticks,
        h.tickError,
        h.tickErrorAgoMs,
        h.actionsDone,
        h.actionDoneAgoMs,
        h.mailSent,
        h.mailSentAgoMs,
        h.mailFailed,
        h.mailError,
        h.mailErrorAgoMs,
      ],
    );
  }

  /** Forgets workers not seen for 7 days. */
  async pruneHeartbeats(): Promise<void> {
    await sql(
      this.db,
      `DELETE FROM worker_heartbeat WHERE seen_at < now() - interval '7 days'`,
    );
  }

  async removeHeartbeat(workerId: string): Promise<void> {
    await sql(this.db, `DELETE FROM worker_heartbeat WHERE worker_id = $1`, [
      workerId,
    ]);
  }
}
