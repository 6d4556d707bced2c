import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DutyHolder } from '@send/contracts';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DeadlineProducer } from '../queue/producer';
import { deadlineCheckJobId, OUTBOX_TOPICS } from '../queue/queues';
import { DeadlineTimers } from './deadline-timers';

/** Outbox rows claimed per transaction. */
const BATCH = 5000;
/**
 * The longest the relay waits for Redis while it holds its claimed rows locked. The producer's
 * connection already fails at once while Redis is known to be down; this bounds the rest (a
 * Redis not yet reached since start, or one that accepts connections but does not answer).
 */
export const RELAY_REDIS_TIMEOUT_MS = 10_000;

/**
 * Claims up to BATCH unsent rows (SKIP LOCKED: several workers share the work) and marks them sent
 * in one statement, returning with each `deadline.opened` row its deadline as it is now when it is
 * still live at that date (PostgreSQL is the truth: a deadline met, cancelled or moved again since
 * gets no job from this row). The date is compared as text so that the planner looks the deadline up
 * by its primary key: given `due_on = date`, it may pick the (due_on) index and filter a whole
 * day's deadlines for each row.
 */
const CLAIM = `
WITH claimed AS (
  UPDATE outbox SET sent_at = now()
  WHERE id = ANY(ARRAY(SELECT id FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED))
  RETURNING id, topic, payload
)
SELECT c.payload->>'deadlineId', c.payload->>'dueOn', c.payload->>'previousDueOn', d.status, d.duty_holder
FROM claimed c
LEFT JOIN deadline d ON c.topic = '${OUTBOX_TOPICS.deadlineOpened}' AND d.id = (c.payload->>'deadlineId')::uuid
  AND to_char(d.due_on, 'YYYY-MM-DD') = c.payload->>'dueOn' AND d.status IN ('open', 'overdue')
ORDER BY c.id`;

type ClaimedRow = [deadlineId: string | null, dueOn: string | null, previousDueOn: string | null, status: 'open' | 'overdue' | null, dutyHolder: DutyHolder | null];

/**
 * Relays outbox rows, written in the same transaction as the case change, to BullMQ once that
 * transaction has committed. Job ids are deterministic, so a row relayed twice makes one job; a
 * moved due date removes the job timed for the old one. If Redis is down or slow the transaction
 * rolls back within RELAY_REDIS_TIMEOUT_MS, the rows stay unsent and the next poll retries them;
 * a stop request cuts that wait short.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private readonly stopping = new AbortController();
  private failing = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly producer: DeadlineProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly timers: DeadlineTimers,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** The first shutdown hook: stop polling, abandon a wait for Redis, let the transaction roll back. */
  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.timer);
    await this.running;
  }

  /** Relays every pending row; returns how many. */
  async relayAll(): Promise<number> {
    let total = 0;
    for (let n = await this.relayBatch(); n > 0; n = await this.relayBatch()) total += n;
    return total;
  }

  private schedule(delay: number): void {
    if (this.stopping.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.running = this.relayAll()
        .then(() => {
          if (this.failing) this.logger.log('Outbox relay working again');
          this.failing = false;
        })
        .catch((error: unknown) => {
          if (this.stopping.signal.aborted) return;
          // Once per outage, not once per poll.
          if (!this.failing) this.logger.warn(`Outbox relay failed; the rows stay unsent and are retried: ${errorText(error)}`);
          this.failing = true;
        })
        .finally(() => this.schedule(this.config.OUTBOX_POLL_MS));
    }, delay);
  }

  private async relayBatch(): Promise<number> {
    if (this.stopping.signal.aborted) return 0;
    // Claim nothing while Redis is known to be unreachable.
    await this.producer.connected();
    const started = Date.now();
    const runner = this.db.createQueryRunner();
    const pg = (await runner.connect()) as PoolClient;
    try {
      await pg.query('BEGIN');
      const { rows } = await pg.query<ClaimedRow>({ text: CLAIM, values: [BATCH], rowMode: 'array' });
      if (rows.length > 0) {
        const plan = this.timers.planner();
        const batch = this.timers.batch();
        const stale = new Set<string>();
        const seen = new Set<string>();
        for (const [deadlineId, dueOn, previousDueOn, status, dutyHolder] of rows) {
          if (!deadlineId || !dueOn) continue;
          if (previousDueOn) stale.add(deadlineCheckJobId(deadlineId, previousDueOn));
          if (!status || !dutyHolder) continue; // met, cancelled, or moved again: a later row (or nothing) applies
          const jobId = deadlineCheckJobId(deadlineId, dueOn);
          if (seen.has(jobId)) continue;
          seen.add(jobId);
          plan(batch, deadlineId, { dueOn, status, dutyHolder });
        }
        // A deadline moved A → B → A in one batch wants its A job: it is not stale.
        for (const id of seen) stale.delete(id);
        await this.withRedis(async () => {
          // An active job cannot be removed; it re-reads PostgreSQL and does nothing, so that is harmless.
          await Promise.all([...stale].map((id) => this.producer.queue.remove(id).catch(() => 0)));
          await this.producer.jobs.ensure(batch);
        });
      }
      await pg.query('COMMIT');
      if (rows.length > 0) this.logger.debug(`Relayed ${rows.length} outbox row(s) in ${Date.now() - started} ms`);
      return rows.length;
    } catch (error) {
      await pg.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Runs the Redis step, giving up after RELAY_REDIS_TIMEOUT_MS or when the worker stops. */
  private withRedis<T>(work: () => Promise<T>): Promise<T> {
    const signal = this.stopping.signal;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new Error('the worker is stopping'));
      const timer = setTimeout(() => reject(new Error(`Redis did not answer within ${RELAY_REDIS_TIMEOUT_MS} ms`)), RELAY_REDIS_TIMEOUT_MS);
      if (signal.aborted) onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      work()
        .then(resolve, reject)
        .finally(() => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
        });
    });
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
