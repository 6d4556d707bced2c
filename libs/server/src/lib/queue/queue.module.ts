import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DEADLINE_QUEUE } from './queues';
import { BULLMQ_REDIS_OPTIONS } from './redis';

@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const url = new URL(config.REDIS_URL);
        return {
          prefix: config.REDIS_PREFIX,
          connection: {
            host: url.hostname,
            port: Number(url.port || 6379),
            db: Number(url.pathname.slice(1) || 0),
            ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
            ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
            ...BULLMQ_REDIS_OPTIONS,
          },
        };
      },
    }),
    BullModule.registerQueue({
      name: DEADLINE_QUEUE,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 5_000 },
        removeOnComplete: { count: 10_000, age: 7 * 24 * 3600 },
        removeOnFail: { count: 50_000 },
      },
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
