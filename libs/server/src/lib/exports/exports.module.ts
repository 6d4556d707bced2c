import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EXPORT_QUEUE } from '../queue/queues';
import { ReadDatabaseModule } from '../reporting/read-database';
import { ExportController } from './export.controller';
import { ExportJobRepository } from './export-job.repository';
import { EXPORT_ATTEMPTS } from './export-job';
import { ExportHousekeeping } from './export-housekeeping';
import { ExportProcessor } from './export.processor';
import { ExportService } from './export.service';
import { HistoryExportRepository } from './history-export.repository';
import { HistoryExportRunner } from './history-export.runner';

/** The export queue (BullMQ's connection comes from QueueModule's forRoot). */
@Module({
  imports: [
    BullModule.registerQueue({
      name: EXPORT_QUEUE,
      defaultJobOptions: {
        attempts: EXPORT_ATTEMPTS,
        backoff: { type: 'exponential', delay: 10_000 },
        removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
        removeOnFail: { count: 5_000 },
      },
    }),
  ],
  exports: [BullModule],
})
export class ExportQueueModule {}

/** The API's side: start, follow and download exports (auditors only). */
@Module({
  imports: [ExportQueueModule, AuditModule],
  controllers: [ExportController],
  providers: [ExportJobRepository, ExportService],
})
export class ExportApiModule {}

/** The worker's side: the export processor, which makes the files, and the housekeeping that expires them. */
@Module({
  imports: [ExportQueueModule, ReadDatabaseModule],
  providers: [
    ExportJobRepository,
    HistoryExportRepository,
    ExportProcessor,
    HistoryExportRunner,
    ExportHousekeeping,
  ],
  exports: [ExportHousekeeping],
})
export class ExportWorkerModule {}
