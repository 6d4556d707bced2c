import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DutyHolder } from '@send/contracts';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { DEADLINE_QUEUE } from '../queue/queues';
import { DeadlineService } from './deadline.service';
import { DeadlineTimers, type TimerJob } from './deadline-timers';
import { ReminderService } from './reminder.service';

/** Session advisory lock key of the sweep ("SENDSWEP"): one sweep at a time across every worker. */
const SWEEP_LOCK = 0x53454e44_53574550n.toString();
const PAGE = 2000;

/** KEYS: none; ARGV: the queue's key prefix, its delayed set, then job ids. Read-only. */
const CHECK_TIMERS = `
local out = {}
for i = 3, #ARGV do
  local key = ARGV[1] .. ARGV[i]
  if redis.call('EXISTS', key) == 0 then
    out[#out + 1] = {0, false}
  elseif redis.call('HEXISTS', key, 'finishedOn') == 1 then
    out[#out + 1] = {2, false}
  else
    out[#out + 1] = {1, redis.call('ZSCORE', ARGV[2], ARGV[i])}
  end
end
return out`;
/** A timer more than this late in Redis compared with PostgreSQL is brought forward. */
const LATE_TOLERANCE_MS = 60_000;

export interface SweepResult {
  skipped: boolean;
  scanned: number;
  markedOverdue: number;
  recreated: number;
  retimed: number;
  emailed: number;
  ms: number;
}

type LiveRow = { id: string; due_on: string; status: 'open' | 'overdue'; duty_holder: DutyHolder };

/**
 * Reconciliation from PostgreSQL alone: marks overdue what is overdue, then walks every live
 * deadline in keyset pages, checks its timer in Redis with one pipeline per page, and re-creates
 * the missing ones with addBulk. Also retries unsent reminder emails. Runs at worker start and on
 * a BullMQ job scheduler; a PostgreSQL advisory lock keeps concurrent sweeps out.
 */
@Injectable()
export class DeadlineSweep {
  private readonly logger = new Logger(DeadlineSweep.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(DEADLINE_QUEUE) private readonly queue: Queue,
    private readonly clock: Clock,
    private readonly deadlines: DeadlineService,
    private readonly timers: DeadlineTimers,
    private readonly reminders: ReminderService,
  ) {}

  async run(): Promise<SweepResult> {
    const started = Date.now();
    const result: SweepResult = { skipped: false, scanned: 0, markedOverdue: 0, recreated: 0, retimed: 0, emailed: 0, ms: 0 };
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock($1::bigint) AS locked`, [SWEEP_LOCK])) as { locked: boolean }[];
      if (!locked) return { ...result, skipped: true, ms: Date.now() - started };
      try {
        result.markedOverdue = await this.markOverdue(runner.manager.query.bind(runner.manager));
        await this.ensureTimers(runner.manager.query.bind(runner.manager), result);
        result.emailed = await this.reminders.deliverPending().catch((error: unknown) => {
          this.logger.warn(`Reminder emails not sent; the next sweep retries: ${String(error)}`);
          return 0;
        });
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1::bigint)`, [SWEEP_LOCK]);
      }
    } finally {
      await runner.release();
    }
    result.ms = Date.now() - started;
    this.logger.log(`Sweep: ${JSON.stringify(result)}`);
    return result;
  }

  private async markOverdue(query: (sql: string, params: unknown[]) => Promise<unknown>): Promise<number> {
    const today = this.clock.today();
    let after = '00000000-0000-0000-0000-000000000000';
    let marked = 0;
    for (;;) {
      const rows = (await query(
        `SELECT id, due_on::text AS due_on FROM deadline WHERE status = 'open' AND due_on < $1 AND id > $2 ORDER BY id LIMIT $3`,
        [today, after, PAGE],
      )) as { id: string; due_on: string }[];
      for (const r of rows) if ((await this.deadlines.markOverdueIfPast(r.id, r.due_on)) === 'marked_overdue') marked++;
      if (rows.length < PAGE) return marked;
      after = rows[rows.length - 1].id;
    }
  }

  private async ensureTimers(query: (sql: string, params: unknown[]) => Promise<unknown>, result: SweepResult): Promise<void> {
    // BullMQ's own connection (an ioredis client with its key prefix already in toKey).
    const redis = (await this.queue.getBackend().client) as unknown as Redis;
    const delayedKey = this.queue.toKey('delayed');
    const plan = this.timers.planner();
    const now = this.clock.now().getTime();
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = (await query(
        `SELECT id, due_on::text AS due_on, status, duty_holder FROM deadline
         WHERE status IN ('open', 'overdue') AND id > $1 ORDER BY id LIMIT $2`,
        [after, PAGE],
      )) as LiveRow[];
      if (rows.length === 0) return;
      result.scanned += rows.length;
      const wanted = rows
        .map((r) => plan(r.id, { dueOn: r.due_on, status: r.status, dutyHolder: r.duty_holder }))
        .filter((j): j is TimerJob => j !== null);
      // One round trip per page: a small script reports each job's state (0 missing, 1 live, 2 finished) and delayed time.
      const states = (await redis.eval(
        CHECK_TIMERS,
        0,
        this.queue.toKey(''),
        delayedKey,
        ...wanted.map((j) => j.opts.jobId),
      )) as [number, string | null][];
      const missing: TimerJob[] = [];
      for (let i = 0; i < wanted.length; i++) {
        const job = wanted[i];
        const [state, score] = states[i] ?? [0, null];
        if (state === 0) {
          missing.push(job);
        } else if (state === 2) {
          // Finished (e.g. failed after its retries) while the deadline is still live: start it again.
          await this.queue.remove(job.opts.jobId).catch(() => 0);
          missing.push(job);
        } else if (score) {
          // Delayed: bring it forward if Redis would fire it later than PostgreSQL says (a clock moved in a demo, a lost update).
          const scheduled = Math.floor(Number(score) / 0x1000);
          const expected = this.timers.realTime(new Date(now + job.opts.delay));
          if (scheduled > expected + LATE_TOLERANCE_MS) {
            const existing = await this.queue.getJob(job.opts.jobId);
            await existing?.changeDelay(Math.max(0, expected - Date.now())).catch(() => undefined);
            result.retimed++;
          }
        }
      }
      if (missing.length > 0) await this.queue.addBulk(missing);
      result.recreated += missing.length;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].id;
    }
  }
}
