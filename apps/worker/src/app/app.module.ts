import { Module } from '@nestjs/common';
import { ExportWorkerModule, WorkerFeaturesModule } from '@send/server';

/** The worker's composition root: the deadline tick and processor, the mail pump and the export processor. */
@Module({ imports: [WorkerFeaturesModule, ExportWorkerModule] })
export class AppModule {}
