import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Clock } from '../clock/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DeadlineProducer, type JobToAdd } from '../queue/producer';
import {
  deadlineActionJobId,
  type ScheduledRunName,
  scheduledRunJobId,
} from '../queue/queues';
import { DeadlineRepository } from './deadline.repository';
import { ReminderService } from './reminder.service';
import { digestDateAt, reminderInstant } from './reminder-schedule';
import { WorkerHeartbeat } from './worker-heartbeat';
import { WorkerRepository } from './worker.repository';

/** Actions claimed per statement. */
const CLAIM_BATCH = 1_000;
/** A tick stops claiming after this long and comes back at once (so it never runs for minutes). */
const TICK_BUDGET_MS = 2_000;
/**
 * A claim younger than this is not checked against the queue: the worker that made it may still be
 * adding its job (adding is bounded by REDIS_CALL_TIMEOUT_MS). After Redis lost everything there is
 * no such wait: a job being added then is at worst added twice (the older claim's does nothing).
 */
const CLAIM_GRACE_MS = 10_000;
/** How long a due digest waits for the deadline actions due before it (the overdue markings it lists). */
const DIGEST_MAX_WAIT_MS = 10 * 60_000;
/** How often the worker writes its heartbeat (besides after each tick): well within HEALTH_STALE_SECONDS. */
const HEARTBEAT_MS = 5_000;

const errorText = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

export interface TickResult {
  claimed: number;
  recovered: number;
  runs: number;
  /** Due actions were left for want of room in flight or time: tick again soon. */
  more: boolean;
}

/**
 * The worker's tick: the only thing that turns PostgreSQL's timers into work, driven by a timer in
 * this process (nothing stored in Redis). Every TICK_MS, each worker:
 * 1. finds in-flight claims whose job Redis no longer holds (flushed, restarted without its data,
 *    evicted, or failed for good) and claims them again, with a new job id;
 * 2. claims the deadline actions that are due (`next_action_at` passed), oldest first, as many as
 *    DEADLINE_MAX_IN_FLIGHT leaves room for, with FOR UPDATE SKIP LOCKED (several workers share the
 *    work and never wait for each other or for a caseworker's write), and adds one BullMQ job each
 *    (Queue.addBulk, deterministic ids: `deadline-action.<id>.<claim>`);
 * 3. claims the scheduled runs that are due (the daily digest), once the actions due before them are done;
 * 4. writes the worker's heartbeat.
 * A claim whose job is never added (Redis down, the worker killed) is found by step 1 of a later
 * tick. The job re-reads the row under its lock and does nothing unless its claim is the current one.
 */
@Injectable()
export class DeadlineTick implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeadlineTick.name);
  private tickTimer: NodeJS.Timeout | undefined;
  private beatTimer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopping = false;
  private failing = false;
  /** When the claims in flight were last compared with the queue. */
  private checkedAt = 0;

  constructor(
    private readonly deadlines: DeadlineRepository,
    private readonly runs: WorkerRepository,
    private readonly clock: Clock,
    private readonly producer: DeadlineProducer,
    private readonly reminders: ReminderService,
    private readonly heartbeat: WorkerHeartbeat,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.beat();
    this.beatTimer = setInterval(
      () => this.beat(),
      Math.min(HEARTBEAT_MS, (this.config.HEALTH_STALE_SECONDS * 1000) / 3),
    );
    this.schedule(0);
    // Releases before this one kept the sweep's scheduler in Redis: it goes (harmless if absent).
    this.producer
      .removeLegacyScheduler()
      .catch((error: unknown) =>
        this.logger.debug(
          `Legacy sweep scheduler not removed: ${errorText(error)}`,
        ),
      );
  }

  /** The first shutdown hook: no new tick; the one running finishes (each step is short and bounded). */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.tickTimer);
    clearInterval(this.beatTimer);
    await this.running;
    await this.heartbeat.remove();
  }

  private beat(): void {
    this.heartbeat
      .write()
      .catch((error: unknown) =>
        this.logger.warn(`Heartbeat not written: ${errorText(error)}`),
      );
  }

  private schedule(delay: number): void {
    if (this.stopping) return;
    this.tickTimer = setTimeout(() => {
      const started = Date.now();
      this.running = this.tick().then(
        (result) => {
          this.heartbeat.tickCompleted(Date.now() - started);
          if (this.failing) this.logger.log('The deadline tick works again');
          this.failing = false;
          this.beat();
          this.schedule(
            result.more
              ? Math.min(this.config.TICK_MS, 200)
              : this.config.TICK_MS,
          );
        },
        (error: unknown) => {
          this.heartbeat.tickFailed(error);
          // Once per outage, not once per tick.
          if (!this.failing)
            this.logger.warn(
              `The deadline tick failed; it tries again every tick: ${errorText(error)}`,
            );
          this.failing = true;
          this.beat();
          this.schedule(this.config.TICK_MS);
        },
      );
    }, delay);
  }

  /** One tick (see the class). Throws if a step fails: nothing is lost, the next tick starts over. */
  async tick(): Promise<TickResult> {
    // Nothing is claimed while Redis is unreachable or does not answer: the actions wait in PostgreSQL.
    await this.producer.ping();
    // Redis lost everything (FLUSHALL, a restart without persistence): every claim in flight is checked now.
    // Otherwise the claims are checked once per TICK_MS (a busy tick comes back sooner than that).
    const remembers = await this.producer.remembers();
    let recovered = 0;
    if (!remembers || Date.now() - this.checkedAt >= this.config.TICK_MS) {
      this.checkedAt = Date.now();
      recovered = await this.recoverLost(remembers ? CLAIM_GRACE_MS : 0);
    }
    const started = Date.now();
    let claimed = 0;
    let more = false;
    for (;;) {
      const room = await this.room();
      const limit = Math.min(CLAIM_BATCH, room);
      if (limit <= 0) {
        more = true; // in flight is full: the jobs' completions make room in a moment
        break;
      }
      const n = await this.claimDue(limit);
      claimed += n;
      if (n < limit) break;
      if (Date.now() - started > TICK_BUDGET_MS) {
        more = true;
        break;
      }
    }
    const runs = await this.claimScheduledRuns();
    return { claimed, recovered, runs, more };
  }

  /** How many more actions may be claimed now. */
  private async room(): Promise<number> {
    return (
      this.config.DEADLINE_MAX_IN_FLIGHT - (await this.deadlines.inFlight())
    );
  }

  /** Claims up to `limit` due deadline actions and adds their jobs. */
  private async claimDue(limit: number): Promise<number> {
    const rows = await this.deadlines.claimDue(this.clock.now(), limit);
    await this.producer.add(rows.map((r) => this.actionJob(r.id, r.claim_no)));
    return rows.length;
  }

  /**
   * Claims again the in-flight actions and runs whose job Redis no longer holds (with a new claim
   * number, so a job of the old claim that turns up after all does nothing). Rows a job is working on
   * (locked) are left alone.
   */
  private async recoverLost(graceMs: number): Promise<number> {
    const claims = await this.deadlines.claimedBefore(
      graceMs,
      this.config.DEADLINE_MAX_IN_FLIGHT * 2,
    );
    const runs = await this.runs.claimedRuns(graceMs);
    if (claims.length === 0 && runs.length === 0) return 0;
    const ids = [
      ...claims.map((c) => deadlineActionJobId(c.id, c.claim_no)),
      ...runs.map((r) => scheduledRunJobId(r.name, r.claim_no)),
    ];
    const live = await this.producer.liveJobs(ids);
    const lost = claims.filter(
      (c) => !live.has(deadlineActionJobId(c.id, c.claim_no)),
    );
    const lostRuns = runs.filter(
      (r) => !live.has(scheduledRunJobId(r.name, r.claim_no)),
    );
    const jobs: JobToAdd[] = [];
    if (lost.length > 0) {
      const again = await this.deadlines.reclaim(lost);
      jobs.push(...again.map((r) => this.actionJob(r.id, r.claim_no)));
    }
    for (const r of lostRuns) {
      const again = await this.runs.reclaimRun(r.name, r.claim_no);
      if (again !== undefined)
        jobs.push({
          name: 'scheduled.run',
          data: { name: r.name, claimNo: again },
          jobId: scheduledRunJobId(r.name, again),
        });
    }
    await this.producer.add(jobs);
    if (jobs.length > 0)
      this.logger.warn(
        `${jobs.length} claimed action(s) had no job in Redis (lost or failed): claimed again`,
      );
    return jobs.length;
  }

  /**
   * Claims each scheduled run that is due and not in flight (the daily digest, the export
   * housekeeping). The daily digest waits (at most
   * DIGEST_MAX_WAIT_MS) while deadline actions due before its time are not done, so that it lists
   * the deadlines marked overdue at midnight even when the worker is catching up.
   */
  private async claimScheduledRuns(): Promise<number> {
    const now = this.clock.now();
    const due = await this.runs.dueRuns(now, DIGEST_MAX_WAIT_MS);
    let claimed = 0;
    for (const { name, waitedEnough } of due) {
      if (name === 'daily-digest') {
        const digestAt = reminderInstant(
          digestDateAt(now, this.reminders.settings),
          this.reminders.settings.time,
        );
        const pending = await this.deadlines.pendingBefore(digestAt);
        if (pending && !waitedEnough) {
          await this.runs.deferRun(name);
          continue;
        }
        if (pending)
          this.logger.warn(
            `The ${name} goes out although deadline actions due before it are still not done`,
          );
      }
      const claimNo = await this.runs.claimRun(name, now);
      if (claimNo === undefined) continue; // another worker claimed it
      await this.producer.add([
        {
          name: 'scheduled.run',
          data: { name, claimNo },
          jobId: scheduledRunJobId(name, claimNo),
        },
      ]);
      claimed++;
    }
    return claimed;
  }

  private actionJob(
    deadlineId: string,
    claimNo: number,
  ): JobToAdd<'deadline.action'> {
    return {
      name: 'deadline.action',
      data: { deadlineId, claimNo },
      jobId: deadlineActionJobId(deadlineId, claimNo),
    };
  }
}
