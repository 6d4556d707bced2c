import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type JobType, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { within } from '../clock/within';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import {
  DEADLINE_JOB_OPTIONS,
  DEADLINE_QUEUE,
  type JobName,
  type JobPayloads,
  LEGACY_SWEEP_SCHEDULER_ID,
} from './queues';
import {
  bullmqConnection,
  FAIL_FAST_REDIS_OPTIONS,
  reportRedisErrors,
} from './redis';

/** One job to add: the queue's default options, with its deterministic id. */
export interface JobToAdd<K extends JobName = JobName> {
  name: K;
  data: JobPayloads[K];
  jobId: string;
}

/** The states in which a job will still be (or is being) processed. */
const LIVE_STATES: JobType[] = [
  'active',
  'wait',
  'prioritized',
  'delayed',
  'waiting-children',
];

/** The longest any call here waits for Redis: the tick must never hang on a Redis that does not answer. */
export const REDIS_CALL_TIMEOUT_MS = 5_000;

/**
 * The deadline queue as the tick and the health check use it, through BullMQ's public API only
 * (Queue.addBulk, getRanges, isPaused). Its connection fails fast while Redis is unreachable (no
 * offline queue, one retry per command, a command timeout), and every call is bounded in time, so
 * that no caller waits for Redis while it holds PostgreSQL rows or while the process stops.
 */
@Injectable()
export class DeadlineProducer implements OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineProducer.name);
  readonly queue: Queue;
  private readonly markerKey: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectQueue(DEADLINE_QUEUE) registered: Queue,
  ) {
    this.markerKey = `${config.REDIS_PREFIX}:deadline-tick:marker`;
    this.queue = new Queue(DEADLINE_QUEUE, {
      prefix: config.REDIS_PREFIX,
      connection: { ...bullmqConnection(config), ...FAIL_FAST_REDIS_OPTIONS },
      defaultJobOptions: DEADLINE_JOB_OPTIONS,
    });
    reportRedisErrors(this.queue, this.logger, 'deadline producer');
    // The queue registered for the Worker and Bull Board: its errors are logged the same way.
    reportRedisErrors(registered, this.logger, 'deadline queue');
  }

  /** BullMQ's ioredis connection, once it has connected. */
  private async redis(): Promise<Redis> {
    return (await this.queue.getBackend().client) as unknown as Redis;
  }

  /**
   * The connection if it is up now. Throws at once while it is down, or after `waitMs` when it
   * has not connected since the process started (BullMQ would wait for that for ever).
   */
  async connected(waitMs = 1000): Promise<Redis> {
    const redis = await within(
      this.redis(),
      waitMs,
      'Redis (no connection yet)',
    );
    if (redis.status !== 'ready')
      throw new Error(`Redis is not connected (${redis.status})`);
    return redis;
  }

  /** Throws unless Redis is connected and answers a PING within `timeoutMs`. */
  async ping(timeoutMs = 2_000): Promise<void> {
    const redis = await this.connected();
    await within(redis.ping(), timeoutMs, 'Redis (PING)');
  }

  /**
   * False when Redis has lost what it held since the last call (a FLUSHALL, a restart without
   * persistence: the marker key is gone), or on the first call against this Redis; the marker is
   * then set again. The tick then checks every claim in flight at once, without waiting for claims
   * that may still be getting their job.
   */
  async remembers(): Promise<boolean> {
    const redis = await this.connected();
    const set = await within(
      redis.set(this.markerKey, String(Date.now()), 'NX'),
      REDIS_CALL_TIMEOUT_MS,
      'Redis (marker)',
    );
    return set === null;
  }

  /** Adds jobs (deterministic ids: one already there is left as it is). */
  async add(
    jobs: JobToAdd[],
    timeoutMs = REDIS_CALL_TIMEOUT_MS,
  ): Promise<void> {
    if (jobs.length === 0) return;
    await this.connected();
    await within(
      this.queue.addBulk(
        jobs.map((j) => ({
          name: j.name,
          data: j.data,
          opts: { jobId: j.jobId },
        })),
      ),
      timeoutMs,
      'Redis (adding jobs)',
    );
  }

  /**
   * Of these job ids, those whose job Redis holds and will still run (waiting, active, delayed for a
   * retry…): read in one atomic call (getRanges), then each job's hash checked to exist (an
   * evicting Redis may drop a hash and keep its id in a list). The queue holds only work in flight,
   * so this reads a bounded number of ids.
   */
  async liveJobs(
    ids: readonly string[],
    timeoutMs = REDIS_CALL_TIMEOUT_MS,
  ): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const redis = await this.connected();
    return within(
      (async () => {
        const listed = new Set(await this.queue.getRanges(LIVE_STATES, 0, -1));
        const candidates = ids.filter((id) => listed.has(id));
        const pipeline = redis.pipeline();
        for (const id of candidates) pipeline.exists(this.queue.toKey(id));
        const replies = (await pipeline.exec()) ?? [];
        return new Set(candidates.filter((_, i) => replies[i]?.[1] === 1));
      })(),
      timeoutMs,
      'Redis (reading the queue)',
    );
  }

  async isPaused(timeoutMs: number): Promise<boolean> {
    await this.connected(Math.min(timeoutMs, 1000));
    return within(this.queue.isPaused(), timeoutMs, 'Redis (queue state)');
  }

  /** Removes the sweep's job scheduler that earlier releases kept in Redis (idempotent). */
  async removeLegacyScheduler(): Promise<void> {
    await this.connected();
    await within(
      this.queue.removeJobScheduler(LEGACY_SWEEP_SCHEDULER_ID),
      REDIS_CALL_TIMEOUT_MS,
      'Redis (job schedulers)',
    );
  }

  /**
   * Closes the connection. When Redis is away, BullMQ's close would wait for a goodbye that never
   * comes (and its offline-queue-less QUIT fails), so the connection is simply dropped.
   */
  async onApplicationShutdown(): Promise<void> {
    const redis = await within(this.redis(), 200, 'Redis').catch(
      () => undefined,
    );
    // Never connected: BullMQ drops the connection attempt at once.
    if (!redis || redis.status === 'ready')
      await within(this.queue.close(), 2_000, 'Redis (close)').catch(
        () => undefined,
      );
    else redis.disconnect();
  }
}
