import { Module } from '@nestjs/common';
import { StaffModule } from '../auth/staff.module';
import { CalendarModule } from '../calendar/calendar.module';
import { CasesApiModule, CasesModule } from '../cases/cases.module';
import { ExportWorkerModule } from '../exports/exports.module';
import { QueueModule } from '../queue/queue.module';
import { DeadlineActionService } from './deadline-action.service';
import { DeadlineController } from './deadline.controller';
import { DeadlineProcessor } from './deadline.processor';
import { DeadlineRepository } from './deadline.repository';
import { DeadlineService } from './deadline.service';
import { DeadlineTick } from './deadline.tick';
import { DigestService } from './digest.service';
import { IntervalRuns } from './interval-runs';
import { MailPump } from './mail.pump';
import { MailService } from './mail.service';
import { NotificationRepository } from './notification.repository';
import { ReminderService } from './reminder.service';
import { RulesController } from './rules.controller';
import { WorkerHeartbeat } from './worker-heartbeat';
import { WorkerRepository } from './worker.repository';

/**
 * The deadlines context's data and views (API and worker): the lists and timers of `deadline`,
 * notifications and their email queue, the worker's own tables, and the deadline view.
 */
@Module({
  imports: [StaffModule],
  providers: [
    DeadlineRepository,
    NotificationRepository,
    WorkerRepository,
    DeadlineService,
  ],
  exports: [
    StaffModule,
    DeadlineRepository,
    NotificationRepository,
    WorkerRepository,
    DeadlineService,
  ],
})
export class DeadlinesModule {}

/** The API's side: deadline lists, extensions, and the rules and their calculator. */
@Module({
  imports: [DeadlinesModule, CasesApiModule, CalendarModule],
  controllers: [DeadlineController, RulesController],
})
export class DeadlinesApiModule {}

/**
 * The worker's side: the tick that claims due deadline actions and scheduled runs from PostgreSQL,
 * the deadline processor that does them, reminders, the daily digest, the mail pump, and the
 * worker's heartbeat.
 */
@Module({
  imports: [DeadlinesModule, CasesModule, QueueModule, ExportWorkerModule],
  providers: [
    WorkerHeartbeat,
    ReminderService,
    MailService,
    DeadlineActionService,
    DigestService,
    IntervalRuns,
    DeadlineProcessor,
    DeadlineTick,
    MailPump,
  ],
})
export class DeadlinesWorkerModule {}
