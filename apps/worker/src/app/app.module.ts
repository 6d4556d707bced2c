import { Module } from '@nestjs/common';
import { WorkerFeaturesModule } from '@send/server';

/** The worker's composition root: the outbox relay and the BullMQ processors. */
@Module({ imports: [WorkerFeaturesModule] })
export class AppModule {}
