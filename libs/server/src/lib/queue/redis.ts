import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** Options BullMQ needs on its connections. */
export const BULLMQ_REDIS_OPTIONS = { maxRetriesPerRequest: null } as const;

/** A Redis client for checks (health, start-up); BullMQ keeps its own connections. */
@Injectable()
export class RedisClient implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.client.on('error', () => undefined); // reported by the health check, not as an unhandled event
  }

  async ping(): Promise<string> {
    if (this.client.status === 'wait' || this.client.status === 'end') await this.client.connect();
    return this.client.ping();
  }

  /**
   * BullMQ's timers are Redis keys: a Redis that evicts keys under memory pressure can lose them.
   * Returns a warning when maxmemory-policy is anything but noeviction, or undefined.
   */
  async evictionProblem(): Promise<string | undefined> {
    await this.ping();
    const reply = (await this.client.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1];
    if (policy && policy !== 'noeviction') {
      return `Redis maxmemory-policy is "${policy}": Redis may evict deadline timers under memory pressure. Set maxmemory-policy noeviction (the sweep re-creates lost timers, but late).`;
    }
    return undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}

@Global()
@Module({ providers: [RedisClient], exports: [RedisClient] })
export class RedisModule {}
