import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { within } from '../clock/within';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DeadlineProducer } from '../queue/producer';
import { RedisClient } from '../queue/redis';
import {
  type ActionReadings,
  type HealthReadings,
  type HealthResult,
  healthVerdict,
  type MailReadings,
  type WorkerReadings,
} from './health-verdict';
import { HealthRepository } from './health.repository';

/** Each part must answer within this: the whole check answers within a second, even when Redis or PostgreSQL hangs. */
const PART_TIMEOUT_MS = 700;

const message = (error: unknown) =>
  error instanceof Error ? error.message : String(error);
const ms = (value: Date | string | null | undefined) =>
  value === null || value === undefined ? null : new Date(value).getTime();

/**
 * Reads what the health check judges (health-verdict.ts): PostgreSQL (the workers' heartbeats, the
 * deadline actions due and in flight, the email backlog), Redis (a PING) and whether the deadline
 * queue is paused, all at once, each bounded in time.
 */
@Injectable()
export class HealthService {
  constructor(
    private readonly readings: HealthRepository,
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
        this.readings.read(appNow, staleMs, PART_TIMEOUT_MS),
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
}
