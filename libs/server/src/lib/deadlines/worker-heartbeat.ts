import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 1000);

/**
 * This worker's row in `worker_heartbeat`: what the health check reads to tell a dead worker, a
 * frozen tick and mail that cannot leave apart. The tick, the deadline processor and the mail pump
 * report here (in memory); `write` stores it all, with every time measured on the database's clock
 * (as an age: "now() minus so many ms"), so the worker's and the API's clocks never disagree.
 */
@Injectable()
export class WorkerHeartbeat {
  private readonly logger = new Logger(WorkerHeartbeat.name);
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly startedAt = Date.now();
  private tickAt: number | null = null;
  private tickMs: number | null = null;
  private ticks = 0;
  private tickError: string | null = null;
  private tickErrorAt: number | null = null;
  private actionsDone = 0;
  private actionDoneAt: number | null = null;
  private mailSent = 0;
  private mailSentAt: number | null = null;
  private mailFailed = 0;
  private mailError: string | null = null;
  private mailErrorAt: number | null = null;
  private writes = 0;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  tickCompleted(ms: number): void {
    this.tickAt = Date.now();
    this.tickMs = ms;
    this.ticks++;
  }

  tickFailed(error: unknown): void {
    this.tickError = errorText(error);
    this.tickErrorAt = Date.now();
  }

  actionDone(): void {
    this.actionsDone++;
    this.actionDoneAt = Date.now();
  }

  mailDelivered(): void {
    this.mailSent++;
    this.mailSentAt = Date.now();
  }

  mailFailedWith(error: unknown): void {
    this.mailFailed++;
    this.mailError = errorText(error);
    this.mailErrorAt = Date.now();
  }

  /** Upserts this worker's row (seen now); every hundredth write also clears rows unseen for a week. */
  async write(): Promise<void> {
    const now = Date.now();
    const age = (at: number | null) => (at === null ? null : now - at);
    await this.db.query(
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
        this.workerId,
        hostname(),
        process.pid,
        now - this.startedAt,
        age(this.tickAt),
        this.tickMs,
        this.ticks,
        this.tickError,
        age(this.tickErrorAt),
        this.actionsDone,
        age(this.actionDoneAt),
        this.mailSent,
        age(this.mailSentAt),
        this.mailFailed,
        this.mailError,
        age(this.mailErrorAt),
      ],
    );
    if (++this.writes % 100 === 1) {
      await this.db.query(`DELETE FROM worker_heartbeat WHERE seen_at < now() - interval '7 days'`);
    }
  }

  /** On a clean stop the row goes: a worker that is not running must not look alive. */
  async remove(): Promise<void> {
    await this.db.query(`DELETE FROM worker_heartbeat WHERE worker_id = $1`, [this.workerId]).catch((error: unknown) => {
      this.logger.warn(`Could not remove this worker's heartbeat: ${errorText(error)}`);
    });
  }
}
