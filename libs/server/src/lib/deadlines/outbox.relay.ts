import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DutyHolder } from '@send/contracts';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DEADLINE_QUEUE, deadlineCheckJobId, OUTBOX_TOPICS, type OutboxPayloads } from '../queue/queues';
import { DeadlineTimers } from './deadline-timers';

const BATCH = 1000;

/**
 * Relays outbox rows, written in the same transaction as the case change, to BullMQ once that
 * transaction has committed. Job ids are deterministic, so a row relayed twice makes one job; a
 * moved due date removes the job timed for the old one. Rows are claimed with SKIP LOCKED, so
 * several workers share the work; if Redis is down the rows stay unsent and are retried.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(DEADLINE_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly timers: DeadlineTimers,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
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
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.relayAll()
        .catch((error: unknown) => this.logger.warn(`Outbox relay failed; will retry: ${String(error)}`))
        .finally(() => this.schedule(this.config.OUTBOX_POLL_MS));
    }, delay);
  }

  private async relayBatch(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows: { id: string; topic: string; payload: OutboxPayloads['deadline.opened'] }[] = await tx.query(
        `SELECT id, topic, payload FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (rows.length === 0) return 0;
      const opened = rows.filter((r) => r.topic === OUTBOX_TOPICS.deadlineOpened).map((r) => r.payload);
      if (opened.length > 0) {
        // PostgreSQL is the truth: time each job from the deadline row as it is now.
        const live: { id: string; due_on: string; status: 'open' | 'overdue'; duty_holder: DutyHolder }[] = await tx.query(
          `SELECT id, due_on::text AS due_on, status, duty_holder FROM deadline WHERE id = ANY($1::uuid[]) AND status IN ('open', 'overdue')`,
          [[...new Set(opened.map((p) => p.deadlineId))]],
        );
        const byId = new Map(live.map((d) => [d.id, d]));
        const plan = this.timers.planner();
        const jobs = opened.flatMap((p) => {
          const d = byId.get(p.deadlineId);
          if (!d || d.due_on !== p.dueOn) return []; // met, cancelled, or moved again: a later row (or nothing) applies
          const job = plan(d.id, { dueOn: d.due_on, status: d.status, dutyHolder: d.duty_holder });
          return job ? [job] : [];
        });
        const stale = opened.filter((p) => p.previousDueOn).map((p) => deadlineCheckJobId(p.deadlineId, p.previousDueOn as string));
        if (jobs.length > 0) await this.queue.addBulk(jobs);
        // An active job cannot be removed; it re-reads PostgreSQL and does nothing, so that is harmless.
        await Promise.all(stale.map((id) => this.queue.remove(id).catch(() => 0)));
      }
      await tx.query(`UPDATE outbox SET sent_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }
}
