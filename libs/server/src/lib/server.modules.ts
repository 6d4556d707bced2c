import { Global, Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { requestIdOf } from './audit/request-context';
import { ClockModule } from './clock/clock';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './db/database.module';
import { loggablePath } from './http/log-path';
import { RedisModule } from './queue/redis';
import { AppealsModule } from './appeals/appeals.module';
import { AuditLogsModule } from './audit-logs/audit-logs.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarApiModule } from './calendar/calendar.module';
import { CASE_DEADLINES } from './cases/case-query.service';
import { CasesApiModule } from './cases/cases.module';
import {
  DeadlinesApiModule,
  DeadlinesModule,
  DeadlinesWorkerModule,
} from './deadlines/deadlines.module';
import { DeadlineService } from './deadlines/deadline.service';
import { DocumentsModule } from './documents/documents.module';
import { HealthModule } from './health/health.module';
import { HistoryModule } from './history/history.module';
import { LettersModule } from './letters/letters.module';
import { MediationModule } from './mediation/mediation.module';
import { NotificationsModule } from './notifications/notifications.module';
import { QueueModule } from './queue/queue.module';

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
          redact: [
            'req.headers.cookie',
            'req.headers.authorization',
            'req.headers["x-csrf-token"]',
            'res.headers["set-cookie"]',
          ],
          // Every request gets a random id, answered in X-Request-Id and written beside it in the
          // access and security logs, so that a line here can be matched to a row there.
          genReqId: (req: IncomingMessage, res: ServerResponse) =>
            requestIdOf(req, res),
          // Who asked (the signed-in member of staff's id), once the session guard has found them.
          customProps: (req: IncomingMessage) => {
            const actor = (
              req as IncomingMessage & { actor?: { id: string | null } }
            ).actor;
            return actor?.id ? { userId: actor.id } : {};
          },
          // Paths can hold ids but never personal data; bodies and query strings are never logged,
          // and secret path segments (the calendar feed's token) are redacted. Of the answer, the
          // status only: its headers hold cookies and redirects (the OIDC state and nonce).
          serializers: {
            req: (req: { id: unknown; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: loggablePath(req.url),
            }),
            res: (res: { statusCode: number }) => ({
              statusCode: res.statusCode,
            }),
          },
        },
      }),
    }),
    DatabaseModule,
    RedisModule,
  ],
})
export class CoreModule {}

/**
 * Where a lower context uses a higher one, the lower one names what it needs (an interface and a
 * token) and the assembly binds it: the case page's deadlines (CASE_DEADLINES) are the deadlines
 * context's view, which itself builds on cases.
 */
@Global()
@Module({
  imports: [DeadlinesModule],
  providers: [{ provide: CASE_DEADLINES, useExisting: DeadlineService }],
  exports: [CASE_DEADLINES],
})
export class ContextBindingsModule {}

/**
 * Everything the HTTP API serves, one module per context. It produces no jobs and runs no
 * processors (it reads the queue for Bull Board and the health check). The order of the contexts
 * is the order of their routes (and of the OpenAPI document).
 */
@Module({
  imports: [
    CoreModule,
    ContextBindingsModule,
    CasesApiModule,
    MediationModule,
    CalendarApiModule,
    AppealsModule,
    DeadlinesApiModule,
    HistoryModule,
    DocumentsModule,
    LettersModule,
    HealthModule,
    NotificationsModule,
    AuditLogsModule,
    AuthModule,
    AuditModule,
    QueueModule,
  ],
})
export class ApiFeaturesModule {}

/**
 * The worker: the deadlines context's worker side (the tick, the deadline processor, reminders,
 * the digest, the mail pump and the heartbeat) on the case write path.
 */
@Module({
  imports: [CoreModule, DeadlinesWorkerModule],
})
export class WorkerFeaturesModule {}
