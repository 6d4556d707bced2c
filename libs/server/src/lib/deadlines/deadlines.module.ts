import { Module } from '@nestjs/common';
import { StaffModule } from '../auth/staff.module';
import { DeadlineRepository } from './deadline.repository';
import { NotificationRepository } from './notification.repository';
import { WorkerRepository } from './worker.repository';

/**
 * The deadlines context's data: the ledger and timers (`deadline`), notifications and their email
 * queue, and the worker's own tables. The services that use them are provided by the API's and the
 * worker's modules (server.modules.ts).
 */
@Module({
  imports: [StaffModule],
  providers: [DeadlineRepository, NotificationRepository, WorkerRepository],
  exports: [
    StaffModule,
    DeadlineRepository,
    NotificationRepository,
    WorkerRepository,
  ],
})
export class DeadlinesDataModule {}
