import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DEADLINE_QUEUE } from './queues';

export interface QueueLag {
  /** Age in ms of the oldest job that should already have run (waiting, or delayed past its time); 0 when none. */
  lagMs: number;
  waiting: number;
  delayed: number;
}

/** Measures how far behind the deadline queue is, straight from Redis (real time, not CLOCK_NOW). */
@Injectable()
export class QueueLagProbe {
  constructor(@InjectQueue(DEADLINE_QUEUE) private readonly queue: Queue) {}

  async measure(timeoutMs = 1500): Promise<QueueLag> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.read(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async read(): Promise<QueueLag> {
    const redis = (await this.queue.getBackend().client) as unknown as Redis;
    const now = Date.now();
    const [[, oldestWaiting], [, waiting], [, firstDelayed], [, delayed]] = (await redis
      .multi()
      .lindex(this.queue.toKey('wait'), -1)
      .llen(this.queue.toKey('wait'))
      .zrange(this.queue.toKey('delayed'), 0, 0, 'WITHSCORES')
      .zcard(this.queue.toKey('delayed'))
      .exec()) as [Error | null, unknown][];
    let lagMs = 0;
    if (typeof oldestWaiting === 'string') {
      const ts = Number(await redis.hget(this.queue.toKey(oldestWaiting), 'timestamp'));
      if (ts) lagMs = Math.max(lagMs, now - ts);
    }
    const first = firstDelayed as string[];
    if (first.length === 2) lagMs = Math.max(lagMs, now - Math.floor(Number(first[1]) / 0x1000));
    return { lagMs: Math.max(0, lagMs), waiting: Number(waiting), delayed: Number(delayed) };
  }
}
