export {
  ApiFeaturesModule,
  CoreModule,
  WorkerFeaturesModule,
} from './lib/server.modules';
export {
  APP_CONFIG,
  ConfigError,
  loadConfig,
  trustProxySetting,
  type AppConfig,
} from './lib/config/app-config';
export { dataSourceOptions } from './lib/db/data-source-options';
export { ProblemFilter } from './lib/http/problem.filter';
export { createValidationPipe } from './lib/http/validation';
export { CaseCommandService } from './lib/cases/case-command.service';
export { CaseWriteService } from './lib/cases/case-write.service';
export {
  HistoryLoadService,
  type CaseWithHistory,
} from './lib/cases/history-load.service';
export { MediationProviderEntity, StaffUserEntity } from './lib/db/entities';
export { mountQueueBoard } from './lib/queue/queue-board';
export { hashPassword, MIN_PASSWORD_LENGTH } from './lib/auth/password';
export { ChainVerifier, verifyHistory } from './lib/history/verify-chain';
export { eventHash } from './lib/history/event-hash';
export { cookiesAreSecure } from './lib/config/app-config';
export { adminOnly } from './lib/auth/admin-only.middleware';
export { SessionService } from './lib/auth/session.service';
export {
  routePermissions,
  type RoutePermission,
} from './lib/auth/route-permissions';
export { APPEND_ONLY_TABLES, appRoleGrants, userOf } from './lib/db/app-role';
export { ReportingModule } from './lib/reporting/reporting.module';
export {
  ExportApiModule,
  ExportWorkerModule,
} from './lib/exports/exports.module';
export { exitOnUncaughtErrors } from './lib/process/fatal-errors';
export { HttpDrain } from './lib/http/http-drain';
export { refuseHostileInput } from './lib/auth/hostile-input.middleware';
