import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  type ThrottlerStorage,
  ThrottlerStorageService,
} from '@nestjs/throttler';
import { Redis } from 'ioredis';

/**
 * One counter per key, throttler and window, in one atomic step (a Lua script runs alone in Redis):
 * while the key is blocked, nothing is counted; otherwise the hit is counted (the window starting
 * with the first hit), and the hit past the limit blocks the key for `blockDuration` and starts a
 * new window after it. Answers hits, the window's milliseconds left, blocked (0/1) and the block's
 * milliseconds left.
 */
const INCREMENT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return { tonumber(ARGV[2]) + 1, blockLeft, 1, blockLeft }
end
local hits = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return { hits, tonumber(ARGV[3]), 1, tonumber(ARGV[3]) }
end
return { hits, left, 0, 0 }
`;

/** What a storage answers for one hit (the package does not export its name). */
type ThrottlerStorageRecord = Awaited<
  ReturnType<ThrottlerStorage['increment']>
>;

type IncrementingRedis = Redis & {
  throttleIncrement(
    hitsKey: string,
    blockKey: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<[number, number, number, number]>;
};

export interface SharedThrottlerOptions {
  /** The Redis the API's processes share (REDIS_URL). */
  redisUrl: string;
  /** The run's key prefix (REDIS_PREFIX); the counters live under `<prefix>:throttle:`. */
  prefix: string;
  /** How long a counter may take before the process counts on its own (ms). */
  commandTimeoutMs?: number;
  /** After Redis fails, how long the process counts on its own before asking Redis again (ms). */
  retryAfterMs?: number;
}

/**
 * Rate-limit counters shared by every API process, in Redis: a limit of 10 a minute is 10 a minute
 * whichever process each request reaches.
 *
 * When Redis does not answer (down, or slower than `commandTimeoutMs`), each process counts on its
 * own, in memory, until Redis answers again (asked again after `retryAfterMs`): the limits degrade
 * to "per process" (with N processes, at most N times the limit), never to none, and requests are
 * not refused because Redis is away. The health check is red meanwhile (it names Redis). The
 * account lock-out after failed sign-ins does not depend on this: it is counted in PostgreSQL
 * (`staff_user.failed_sign_ins`), so stopping Redis does not lift or bypass it.
 *
 * Counters are keyed by the throttler's limit and window too: processes configured differently
 * (a rolling change of a limit, a test's own API) do not share a counter they would read differently.
 */
export class SharedThrottlerStorage
  implements ThrottlerStorage, OnApplicationShutdown
{
  private readonly logger = new Logger('RateLimits');
  private readonly redis: IncrementingRedis;
  private readonly local = new ThrottlerStorageService();
  private readonly retryAfterMs: number;
  private redisFailedAt = 0;
  private reportedAt = 0;
  /** The first connection being made: requests that arrive meanwhile wait for it rather than fail. */
  private connecting?: Promise<void>;

  constructor(options: SharedThrottlerOptions) {
    this.retryAfterMs = options.retryAfterMs ?? 5_000;
    const timeout = options.commandTimeoutMs ?? 500;
    this.redis = new Redis(options.redisUrl, {
      keyPrefix: `${options.prefix}:throttle:`,
      lazyConnect: true,
      // Fail fast: a request waits at most `timeout` for its counter, never for Redis to come back.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      commandTimeout: timeout,
    }) as IncrementingRedis;
    this.redis.on('error', () => undefined); // reported below, at most once a minute
    this.redis.defineCommand('throttleIncrement', {
      numberOfKeys: 2,
      lua: INCREMENT,
    });
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    if (Date.now() - this.redisFailedAt >= this.retryAfterMs) {
      try {
        await this.connected();
        const id = `${throttlerName}:${limit}:${ttl}:${key}`;
        const [totalHits, leftMs, blocked, blockLeftMs] =
          await this.redis.throttleIncrement(
            `${id}:hits`,
            `${id}:block`,
            ttl,
            limit,
            blockDuration > 0 ? blockDuration : ttl,
          );
        this.redisFailedAt = 0;
        return {
          totalHits,
          timeToExpire: Math.ceil(leftMs / 1000),
          isBlocked: blocked === 1,
          timeToBlockExpire: Math.ceil(blockLeftMs / 1000),
        };
      } catch (error) {
        this.redisFailedAt = Date.now();
        if (Date.now() - this.reportedAt >= 60_000) {
          this.reportedAt = Date.now();
          this.logger.warn(
            `Redis did not answer (${(error as Error).message}): each API process counts its rate limits on its own until it does`,
          );
        }
      }
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  /** Connects on first use (lazily: a process that never counts never connects); after that, ioredis reconnects by itself. */
  private connected(): Promise<void> {
    if (this.connecting) return this.connecting;
    if (this.redis.status !== 'wait' && this.redis.status !== 'end')
      return Promise.resolve();
    this.connecting = this.redis
      .connect()
      .finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
    this.redis.disconnect();
  }
}
