import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { within } from '../clock/within';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DeadlineProducer } from '../queue/producer';
import { RedisClient } from '../queue/redis';
import {
  type ActionReadings,
  COUNT_CAP,
  type HealthReadings,
  type HealthResult,
  healthVerdict,
  type MailReadings,
  type WorkerReadings,
} from './health-verdict';

/** Each part must answer within this: the whole check answers within a second, even when Redis or PostgreSQL hangs. */
const PART_TIMEOUT_MS = 700;

const message = (error: unknown) =>
  error instanceof Error ? error.message : String(error);
const ms = (value: Date | string | null | undefined) =>
  value === null || value === undefined ? null : new Date(value).getTime();

interface Row {
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

/**
 * Reads what the health check judges (health-verdict.ts): PostgreSQL (the workers' heartbeats, the
 * deadline actions due and in flight, the email backlog), Redis (a PING) and whether the deadline
 * queue is paused, all at once, each bounded in time.
 */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly redis: RedisClient,
    private readonly producer: DeadlineProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(): Promise<HealthResult> {
    const staleMs = this.config.HEALTH_STALE_SECONDS * 1000;
    const appNow = this.clock.now();
    const started = Date.now();
    const [pg, ping, paused] = await Promise.all([
      within(
        this.readPostgres(appNow, staleMs),
        PART_TIMEOUT_MS,
        'PostgreSQL',
      ).then(
        (row) => ({ ok: true as const, row }),
        (error: unknown) => ({ ok: false as const, message: message(error) }),
      ),
      within(this.redis.ping(), PART_TIMEOUT_MS, 'Redis').then(
        () => ({ ok: true as const, pingMs: Date.now() - started }),
        (error: unknown) => ({ ok: false as const, message: message(error) }),
      ),
      this.producer.isPaused(PART_TIMEOUT_MS).then(
        (p) => ({ paused: p }),
        (error: unknown) => ({ error: message(error) }),
      ),
    ]);
    const row = pg.ok ? pg.row : null;
    const worker: WorkerReadings | null = row && {
      alive: row.workers_alive,
      seenAt: ms(row.seen_at),
      tickAt: ms(row.tick_at),
      tickError: row.tick_error,
      tickErrorAt: ms(row.tick_error_at),
      actionDoneAt: ms(row.action_done_at),
      mailSentAt: ms(row.mail_sent_at),
      mailError: row.mail_error,
    };
    const actions: ActionReadings | null = row && {
      dueWaiting: row.due_waiting,
      nextActionAt: ms(row.next_action_at),
      inFlight: row.in_flight,
      oldestClaimStartedAt: ms(row.oldest_claim_started),
      oldestClaimDueAt: ms(row.oldest_claim_due),
    };
    const mail: MailReadings | null = row && {
      backlog: row.mail_backlog,
      oldestAt: ms(row.mail_oldest),
    };
    const readings: HealthReadings = {
      now: row ? row.db_now.getTime() : Date.now(),
      appNow: appNow.getTime(),
      staleMs,
      postgres: pg.ok ? { ok: true } : { ok: false, message: pg.message },
      redis: ping,
      queue: paused,
      worker,
      actions,
      mail,
    };
    return healthVerdict(readings);
  }

  /** One read-only transaction whose statement PostgreSQL itself abandons if it runs too long. */
  private async readPostgres(appNow: Date, staleMs: number): Promise<Row> {
    return this.db.transaction('READ COMMITTED', async (tx) => {
      await tx.query(`SET LOCAL statement_timeout = ${PART_TIMEOUT_MS}`);
      const [row] = (await tx.query(READINGS, [appNow, staleMs])) as Row[];
      if (!row) throw new Error('no answer');
      return row;
    });
  }
}
