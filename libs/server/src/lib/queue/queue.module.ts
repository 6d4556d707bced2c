import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DeadlineProducer } from './producer';
import { DEADLINE_JOB_OPTIONS, DEADLINE_QUEUE } from './queues';
import { BULLMQ_REDIS_OPTIONS, bullmqConnection } from './redis';

/**
 * The deadline queue twice over: as registered with @nestjs/bullmq, whose connection the Worker
 * (and Bull Board) use, patient while Redis is away; and as the producer (`DeadlineProducer`),
 * which fails fast. The producer refuses to start on a BullMQ release other than the one its bulk
 * job writer was checked against.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        prefix: config.REDIS_PREFIX,
        connection: { ...bullmqConnection(config), ...BULLMQ_REDIS_OPTIONS },
      }),
    }),
    BullModule.registerQueue({
      name: DEADLINE_QUEUE,
      defaultJobOptions: DEADLINE_JOB_OPTIONS,
    }),
  ],
  providers: [DeadlineProducer],
  exports: [BullModule, DeadlineProducer],
})
export class QueueModule {}
