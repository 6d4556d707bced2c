import { Injectable } from '@nestjs/common';
import { DeadlineProducer } from './producer';
import { lagOf, type QueueHead } from './queue-lag-time';

export interface QueueLag {
  /** How long ago, in ms, the most overdue job should have run (waiting, or delayed past its time); 0 when none. */
  lagMs: number;
  waiting: number;
  delayed: number;
}

/**
 * Measures how far behind the deadline queue is, straight from Redis (real time, not CLOCK_NOW),
 * through the producer's fail-fast connection.
 */
@Injectable()
export class QueueLagProbe {
  constructor(private readonly producer: DeadlineProducer) {}

  async measure(timeoutMs = 1500): Promise<QueueLag> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const reading = this.read();
    reading.catch(() => undefined);
    try {
      return await Promise.race([reading, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async read(): Promise<QueueLag> {
    const queue = this.producer.queue;
    const redis = await this.producer.redis();
    const [[, oldestWaiting], [, waiting], [, firstDelayed], [, delayed]] = (await redis
      .multi()
      .lindex(queue.toKey('wait'), -1)
      .llen(queue.toKey('wait'))
      .zrange(queue.toKey('delayed'), 0, 0, 'WITHSCORES')
      .zcard(queue.toKey('delayed'))
      .exec()) as [Error | null, unknown][];
    let waitingJob: QueueHead['oldestWaiting'] = null;
    if (typeof oldestWaiting === 'string') {
      const [timestamp, opts, data] = await redis.hmget(queue.toKey(oldestWaiting), 'timestamp', 'opts', 'data');
      waitingJob = { timestamp, opts, data };
    }
    const first = firstDelayed as string[];
    const lagMs = lagOf({ now: Date.now(), delayedHeadScore: first.length === 2 ? first[1] : null, oldestWaiting: waitingJob });
    return { lagMs, waiting: Number(waiting), delayed: Number(delayed) };
  }
}
