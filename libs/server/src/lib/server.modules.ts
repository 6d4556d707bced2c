import { Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppealController } from './appeals/appeal.controller';
import { AccessLogController } from './audit/access-log.controller';
import { AccessLogInterceptor } from './audit/access-log.interceptor';
import { AuditModule } from './audit/audit.module';
import { requestIdOf } from './audit/request-context';
import { SecurityLogController } from './audit/security-log.controller';
import { AuthModule } from './auth/auth.module';
import { DecisionController } from './cases/decision.controller';
import { MediationProviderEntity } from './db/entities';
import { DocumentController } from './documents/document.controller';
import { DocumentService } from './documents/document.service';
import { MalwareScanner } from './documents/malware-scanner';
import { MediationController } from './mediation/mediation.controller';
import { MediationProviderController } from './mediation/mediation-provider.controller';
import { MediationProviderService } from './mediation/mediation-provider.service';
import { BankHolidayController } from './calendar/bank-holiday.controller';
import { BankHolidayService } from './calendar/bank-holiday.service';
import { CALENDAR, CaseCommandService } from './cases/case-command.service';
import { BankHolidayCalendar, FreshCalendarInterceptor } from './calendar/bank-holiday-calendar';
import { CaseController } from './cases/case.controller';
import { HistoryLoadController } from './cases/history-load.controller';
import { HistoryLoadService } from './cases/history-load.service';
import { CaseQueryService } from './cases/case-query.service';
import { CaseWriteService } from './cases/case-write.service';
import { ClockModule } from './clock/clock';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './db/database.module';
import { DeadlineController } from './deadlines/deadline.controller';
import { RulesController } from './deadlines/rules.controller';
import { DeadlineActionService } from './deadlines/deadline-action.service';
import { DeadlineProcessor } from './deadlines/deadline.processor';
import { DeadlineService } from './deadlines/deadline.service';
import { DeadlineTick } from './deadlines/deadline.tick';
import { DigestService } from './deadlines/digest.service';
import { MailPump } from './deadlines/mail.pump';
import { MailService } from './deadlines/mail.service';
import { ReminderService } from './deadlines/reminder.service';
import { WorkerHeartbeat } from './deadlines/worker-heartbeat';
import { HealthController } from './health/health.controller';
import { HostileInputMiddleware } from './http/hostile-input.middleware';
import { HealthService } from './health/health.service';
import { loggablePath } from './http/log-path';
import { HistoryController } from './history/history.controller';
import { HistoryService } from './history/history.service';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './queue/redis';
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
          // Every request gets a random id, answered in X-Request-Id and written beside it in the
          // access and security logs, so that a line here can be matched to a row there.
          genReqId: (req: IncomingMessage, res: ServerResponse) => requestIdOf(req, res),
          // Who asked (the signed-in member of staff's id), once the session guard has found them.
          customProps: (req: IncomingMessage) => {
            const actor = (req as IncomingMessage & { actor?: { id: string | null } }).actor;
            return actor?.id ? { userId: actor.id } : {};
          },
          // Paths can hold ids but never personal data; bodies and query strings are never logged,
          // and secret path segments (the calendar feed's token) are redacted. Of the answer, the
          // status only: its headers hold cookies and redirects (the OIDC state and nonce).
          serializers: {
            req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: loggablePath(req.url) }),
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
  ],
  exports: [CaseCommandService, DeadlineService, CALENDAR, BankHolidayCalendar],
})
export class CaseCoreModule {}

/** Everything the HTTP API serves. It produces no jobs and runs no processors (it reads the queue for Bull Board and the health check). */
@Module({
  imports: [CoreModule, CaseCoreModule, AuthModule, AuditModule, QueueModule, TypeOrmModule.forFeature([MediationProviderEntity])],
  controllers: [
    CaseController,
    HistoryLoadController,
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
    HistoryLoadService,
    CaseQueryService,
    HistoryService,
    DocumentService,
    MalwareScanner,
    MediationProviderService,
    BankHolidayService,
    // Mounted by main.ts right after the JSON body parser (refuseHostileInput).
    HostileInputMiddleware,
    HealthService,
    { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
    // With several API processes: a request waits for a bank-holiday change another process made to be loaded here.
    { provide: APP_INTERCEPTOR, useClass: FreshCalendarInterceptor },
  ],
})
export class ApiFeaturesModule {}

/**
 * The worker: the tick that claims due deadline actions and scheduled runs from PostgreSQL, the
 * deadline processor that does them, the mail pump, and the worker's heartbeat.
 */
@Module({
  imports: [CoreModule, CaseCoreModule, QueueModule],
  providers: [
    WorkerHeartbeat,
    ReminderService,
    MailService,
    DeadlineActionService,
    DigestService,
    DeadlineProcessor,
    DeadlineTick,
    MailPump,
  ],
})
export class WorkerFeaturesModule {}
