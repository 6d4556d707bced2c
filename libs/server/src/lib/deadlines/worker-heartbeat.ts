import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { WorkerRepository } from './worker.repository';

const errorText = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, 1000);

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

  constructor(private readonly repository: WorkerRepository) {}

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
    await this.repository.writeHeartbeat({
      workerId: this.workerId,
      host: hostname(),
      pid: process.pid,
      startedAgoMs: now - this.startedAt,
      tickAgoMs: age(this.tickAt),
      tickMs: this.tickMs,
      ticks: this.ticks,
      tickError: this.tickError,
      tickErrorAgoMs: age(this.tickErrorAt),
      actionsDone: this.actionsDone,
      actionDoneAgoMs: age(this.actionDoneAt),
      mailSent: this.mailSent,
      mailSentAgoMs: age(this.mailSentAt),
      mailFailed: this.mailFailed,
      mailError: this.mailError,
      mailErrorAgoMs: age(this.mailErrorAt),
    });
    if (++this.writes % 100 === 1) {
      await this.repository.pruneHeartbeats();
    }
  }

  /** On a clean stop the row goes: a worker that is not running must not look alive. */
  async remove(): Promise<void> {
    await this.repository
      .removeHeartbeat(this.workerId)
      .catch((error: unknown) => {
        this.logger.warn(
          `Could not remove this worker's heartbeat: ${errorText(error)}`,
        );
      });
  }
}
