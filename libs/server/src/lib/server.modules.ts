import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppealController } from './appeals/appeal.controller';
import { AccessLogController } from './audit/access-log.controller';
import { AccessLogInterceptor } from './audit/access-log.interceptor';
import { AuditModule } from './audit/audit.module';
import { SecurityLogController } from './audit/security-log.controller';
import { AuthModule } from './auth/auth.module';
import { DecisionController } from './cases/decision.controller';
import { MediationProviderEntity } from './db/entities';
import { DocumentController } from './documents/document.controller';
import { DocumentService } from './documents/document.service';
import { MediationController } from './mediation/mediation.controller';
import { MediationProviderController } from './mediation/mediation-provider.controller';
import { MediationProviderService } from './mediation/mediation-provider.service';
import { BankHolidayController } from './calendar/bank-holiday.controller';
import { BankHolidayService } from './calendar/bank-holiday.service';
import { CALENDAR, CaseCommandService } from './cases/case-command.service';
import { BankHolidayCalendar } from './calendar/bank-holiday-calendar';
import { CaseController } from './cases/case.controller';
import { CaseQueryService } from './cases/case-query.service';
import { CaseWriteService } from './cases/case-write.service';
import { ClockModule } from './clock/clock';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './db/database.module';
import { DeadlineController } from './deadlines/deadline.controller';
import { RulesController } from './deadlines/rules.controller';
import { DeadlineProcessor } from './deadlines/deadline.processor';
import { DeadlineService } from './deadlines/deadline.service';
import { OutboxRelay } from './deadlines/outbox.relay';
import { DeadlineSweep } from './deadlines/deadline.sweep';
import { DeadlineTimers } from './deadlines/deadline-timers';
import { MailService } from './deadlines/mail.service';
import { ReminderService } from './deadlines/reminder.service';
import { HealthController } from './health/health.controller';
import { loggablePath } from './http/log-path';
import { HistoryController } from './history/history.controller';
import { HistoryService } from './history/history.service';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './queue/redis';
import { QueueLagProbe } from './queue/queue-lag';
import { NotificationController } from './notifications/notification.controller';
import { CalendarFeedController } from './notifications/calendar-feed.controller';

/** Configuration, clock, logging, database and Redis: what every process needs. */
@Module({
  imports: [
    ConfigModule,
    ClockModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
          // Paths can hold ids but never personal data; bodies and query strings are never logged,
          // and secret path segments (the calendar feed's token) are redacted. Of the answer, the
          // status only: its headers hold cookies and redirects (the OIDC state and nonce).
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, url: loggablePath(req.url) }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        },
      }),
    }),
    DatabaseModule,
    RedisModule,
  ],
})
export class CoreModule {}

/** The case write path and deadline queries, shared by the API and the worker. */
@Module({
  imports: [CoreModule],
  providers: [
    BankHolidayCalendar,
    // The bank_holiday table's calendar, loaded before anything that counts working days is built.
    {
      provide: CALENDAR,
      inject: [BankHolidayCalendar],
      useFactory: async (calendars: BankHolidayCalendar) => {
        await calendars.start();
        return calendars.calendar;
      },
    },
    CaseCommandService,
    DeadlineService,
    ReminderService,
    MailService,
  ],
  exports: [CaseCommandService, DeadlineService, ReminderService, CALENDAR, BankHolidayCalendar],
})
export class CaseCoreModule {}

/** Everything the HTTP API serves. It produces no jobs directly and runs no processors (it reads the queue for Bull Board and the health check). */
@Module({
  imports: [CoreModule, CaseCoreModule, AuthModule, AuditModule, TerminusModule, QueueModule, TypeOrmModule.forFeature([MediationProviderEntity])],
  controllers: [
    CaseController,
    DecisionController,
    MediationController,
    MediationProviderController,
    BankHolidayController,
    AppealController,
    DeadlineController,
    RulesController,
    HistoryController,
    DocumentController,
    HealthController,
    NotificationController,
    CalendarFeedController,
    AccessLogController,
    SecurityLogController,
  ],
  providers: [
    CaseWriteService,
    CaseQueryService,
    HistoryService,
    DocumentService,
    MediationProviderService,
    BankHolidayService,
    QueueLagProbe,
    { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
  ],
})
export class ApiFeaturesModule {}

/** The worker: the outbox relay and the deadline processor. */
@Module({
  imports: [CoreModule, CaseCoreModule, QueueModule],
  providers: [OutboxRelay, DeadlineProcessor, DeadlineSweep, DeadlineTimers],
  exports: [OutboxRelay, DeadlineSweep],
})
export class WorkerFeaturesModule {}
