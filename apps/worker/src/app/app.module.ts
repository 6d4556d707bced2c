import { Module } from '@nestjs/common';
import { ExportWorkerModule, WorkerFeaturesModule } from '@send/server';

/** The worker's composition root: the outbox relay, the deadline processors and the export processor. */
@Module({ imports: [WorkerFeaturesModule, ExportWorkerModule] })
export class AppModule {}
