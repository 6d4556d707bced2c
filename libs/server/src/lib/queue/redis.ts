import {
  Global,
  Inject,
  Injectable,
  type LoggerService,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** Options BullMQ needs on its connections. */
export const BULLMQ_REDIS_OPTIONS = { maxRetriesPerRequest: null } as const;

/**
 * A producer's connection fails fast while Redis is unreachable instead of queueing commands
 * until it returns, and gives up on a command Redis does not answer (a frozen server): callers
 * (the tick, the health check) give up, release what they hold and try again later. Workers keep
 * BullMQ's patient connection.
 */
export const FAIL_FAST_REDIS_OPTIONS = {
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  connectTimeout: 5_000,
  commandTimeout: 5_000,
} as const;

/**
 * Logs a BullMQ object's connection errors, at most once a minute, instead of letting BullMQ print
 * every failed reconnection attempt (it writes to the console when no one listens).
 */
export function reportRedisErrors(
  emitter: { on(event: 'error', listener: (error: Error) => void): unknown },
  logger: LoggerService,
  what: string,
): void {
  let reportedAt = 0;
  emitter.on('error', (error: Error) => {
    if (Date.now() - reportedAt < 60_000) return;
    reportedAt = Date.now();
    logger.warn(`Redis (${what}): ${error.message}`);
  });
}

/** BullMQ connection options for REDIS_URL (host, port, db index, credentials). */
export function bullmqConnection(config: Pick<AppConfig, 'REDIS_URL'>) {
  const url = new URL(config.REDIS_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    db: Number(url.pathname.slice(1) || 0),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
  };
}

/** A Redis client for checks (health, shutdown); BullMQ keeps its own connections. */
@Injectable()
export class RedisClient implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = new Redis(config.REDIS_URL, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2_000,
      commandTimeout: 2_000,
    });
    this.client.on('error', () => undefined); // reported by the health check, not as an unhandled event
  }

  /** Whether Redis answers a PING within `timeoutMs`. */
  async answers(timeoutMs = 1000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>(
      (resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)),
    );
    try {
      return await Promise.race([
        this.ping().then(
          () => true,
          () => false,
        ),
        late,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async ping(): Promise<string> {
    if (this.client.status === 'wait' || this.client.status === 'end')
      await this.client.connect();
    return this.client.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}

@Global()
@Module({ providers: [RedisClient], exports: [RedisClient] })
export class RedisModule {}
