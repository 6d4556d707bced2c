import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DutyHolder } from '@send/contracts';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import type { EnsureResult } from '../queue/delayed-jobs';
import { DeadlineProducer } from '../queue/producer';
import { DeadlineService } from './deadline.service';
import { DeadlineTimers } from './deadline-timers';
import { ReminderService } from './reminder.service';

/** Session advisory lock key of the sweep ("SENDSWEP"): one sweep at a time across every worker. */
const SWEEP_LOCK = 0x53454e44_53574550n.toString();
/** Live deadlines read from PostgreSQL per keyset page. */
const PAGE = 5000;
/** A timer more than this late in Redis compared with PostgreSQL is brought forward. */
const LATE_TOLERANCE_MS = 60_000;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';
const noop = () => undefined;

export interface SweepResult {
  skipped: boolean;
  scanned: number;
  markedOverdue: number;
  recreated: number;
  retimed: number;
  emailed: number;
  ms: number;
}

type LiveRow = [id: string, dueOn: string, status: 'open' | 'overdue', dutyHolder: DutyHolder];

/**
 * Reconciliation from PostgreSQL alone: marks overdue what is overdue, then walks every live
 * deadline in keyset pages and makes sure its timer exists in Redis (DelayedJobWriter: one Lua
 * call per thousand jobs creates the missing ones). The next page is read from PostgreSQL while
 * Redis writes the current one. Also retries unsent reminder emails. Runs at worker start and on a
 * BullMQ job scheduler; a PostgreSQL advisory lock keeps concurrent sweeps out.
 */
@Injectable()
export class DeadlineSweep implements OnModuleDestroy {
  private readonly logger = new Logger(DeadlineSweep.name);
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly producer: DeadlineProducer,
    private readonly clock: Clock,
    private readonly deadlines: DeadlineService,
    private readonly timers: DeadlineTimers,
    private readonly reminders: ReminderService,
  ) {}

  /** A sweep under way stops at the next page when the worker is asked to stop. */
  onModuleDestroy(): void {
    this.stopping = true;
  }

  async run(): Promise<SweepResult> {
    const started = Date.now();
    const result: SweepResult = { skipped: false, scanned: 0, markedOverdue: 0, recreated: 0, retimed: 0, emailed: 0, ms: 0 };
    const runner = this.db.createQueryRunner();
    const pg = (await runner.connect()) as PoolClient;
    try {
      const { rows } = await pg.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock($1::bigint) AS locked`, [SWEEP_LOCK]);
      if (!rows[0]?.locked) return { ...result, skipped: true, ms: Date.now() - started };
      try {
        result.markedOverdue = await this.markOverdue(pg);
        await this.ensureTimers(pg, result);
        result.emailed = await this.reminders.deliverPending().catch((error: unknown) => {
          this.logger.warn(`Reminder emails not sent; the next sweep retries: ${String(error)}`);
          return 0;
        });
      } finally {
        await pg.query(`SELECT pg_advisory_unlock($1::bigint)`, [SWEEP_LOCK]);
      }
    } finally {
      await runner.release();
    }
    result.ms = Date.now() - started;
    this.logger.log(`Sweep: ${JSON.stringify(result)}`);
    return result;
  }

  private checkStopping(): void {
    if (this.stopping) throw new Error('Sweep stopped: the worker is shutting down');
  }

  private async markOverdue(pg: PoolClient): Promise<number> {
    const today = this.clock.today();
    let after = FIRST_ID;
    let marked = 0;
    for (;;) {
      this.checkStopping();
      const { rows } = await pg.query<[string, string]>({
        text: `SELECT id, due_on FROM deadline WHERE status = 'open' AND due_on < $1 AND id > $2 ORDER BY id LIMIT $3`,
        values: [today, after, PAGE],
        rowMode: 'array',
      });
      for (const [id, dueOn] of rows) if ((await this.deadlines.markOverdueIfPast(id, dueOn)) === 'marked_overdue') marked++;
      const last = rows.at(-1);
      if (rows.length < PAGE || !last) return marked;
      after = last[0];
    }
  }

  /**
   * Two things in flight at once: the next page's PostgreSQL read and the current page's Redis
   * write (its Lua calls pipelined on one connection), with the planning of each page in between.
   */
  private async ensureTimers(pg: PoolClient, result: SweepResult): Promise<void> {
    const plan = this.timers.planner();
    const read = (after: string) => {
      const page = pg
        .query<LiveRow>({
          text: `SELECT id, due_on, status, duty_holder FROM deadline WHERE status IN ('open', 'overdue') AND id > $1 ORDER BY id LIMIT $2`,
          values: [after, PAGE],
          rowMode: 'array',
        })
        .then((r) => r.rows);
      page.catch(noop); // awaited below; never an unhandled rejection if the other one fails first
      return page;
    };
    const add = (r: EnsureResult) => {
      result.recreated += r.created + r.addedDue + r.restarted;
      result.retimed += r.retimed;
    };
    let next: Promise<LiveRow[]> | undefined = read(FIRST_ID);
    let writing: Promise<EnsureResult> | undefined;
    while (next) {
      const rows: LiveRow[] = await next;
      this.checkStopping();
      const last = rows.at(-1);
      next = rows.length === PAGE && last ? read(last[0]) : undefined;
      result.scanned += rows.length;
      const batch = this.timers.batch();
      for (const [id, dueOn, status, dutyHolder] of rows) plan(batch, id, { dueOn, status, dutyHolder });
      if (writing) add(await writing);
      writing = this.producer.jobs.ensure(batch, LATE_TOLERANCE_MS);
      writing.catch(noop);
    }
    if (writing) add(await writing);
  }
}
