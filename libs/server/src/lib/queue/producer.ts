import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DelayedJobWriter } from './delayed-jobs';
import { DEADLINE_JOB_OPTIONS, DEADLINE_QUEUE } from './queues';
import { bullmqConnection, FAIL_FAST_REDIS_OPTIONS, reportRedisErrors } from './redis';

/**
 * The deadline queue as its producers use it: the outbox relay, the reconciliation sweep, the
 * sweep's job scheduler and the health check. Its connection fails fast while Redis is
 * unreachable (no offline queue, one retry per command), so that no caller waits for Redis while
 * it holds PostgreSQL row locks or while the process is asked to stop. `jobs` writes pages of
 * delayed jobs in bulk.
 */
@Injectable()
export class DeadlineProducer implements OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineProducer.name);
  readonly queue: Queue;
  readonly jobs: DelayedJobWriter;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @InjectQueue(DEADLINE_QUEUE) registered: Queue) {
    this.queue = new Queue(DEADLINE_QUEUE, {
      prefix: config.REDIS_PREFIX,
      connection: { ...bullmqConnection(config), ...FAIL_FAST_REDIS_OPTIONS },
      defaultJobOptions: DEADLINE_JOB_OPTIONS,
    });
    reportRedisErrors(this.queue, this.logger, 'deadline producer');
    // The queue registered for the Worker and Bull Board: its errors are logged the same way.
    reportRedisErrors(registered, this.logger, 'deadline queue');
    this.jobs = new DelayedJobWriter(this.queue);
  }

  /** BullMQ's ioredis connection, once it has connected. */
  async redis(): Promise<Redis> {
    return (await this.queue.getBackend().client) as unknown as Redis;
  }

  /**
   * The connection if it is up now. Throws at once while it is down, or after `waitMs` when it
   * has not connected since the process started (BullMQ would wait for that for ever).
   */
  async connected(waitMs = 1000): Promise<Redis> {
    let timer: NodeJS.Timeout | undefined;
    const redis = await Promise.race([
      this.redis(),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), waitMs))),
    ]).finally(() => clearTimeout(timer));
    if (!redis) throw new Error(`Redis is not connected (no connection within ${waitMs} ms)`);
    if (redis.status !== 'ready') throw new Error(`Redis is not connected (${redis.status})`);
    return redis;
  }

  /**
   * Closes the connection. When Redis is away, BullMQ's close would wait for a goodbye that never
   * comes (and its offline-queue-less QUIT fails), so the connection is simply dropped.
   */
  async onApplicationShutdown(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const redis = await Promise.race([
      this.redis().catch(() => undefined),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 200))),
    ]);
    clearTimeout(timer);
    // Never connected: BullMQ drops the connection attempt at once.
    if (!redis || redis.status === 'ready') await this.queue.close().catch(() => undefined);
    else redis.disconnect();
  }
}
