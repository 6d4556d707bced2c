import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from '../audit/audit.module';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AccessLogInterceptor } from './access-log.interceptor';
import { AuthController } from './auth.controller';
import { HostileInputMiddleware } from './hostile-input.middleware';
import { LocalSignInService } from './local-sign-in.service';
import { OidcService } from './oidc.service';
import { PasswordService } from './password.service';
import { SessionGuard } from './session.guard';
import { StaffAccountService } from './staff-account.service';
import { StaffModule } from './staff.module';
import { addressTracker, CallerThrottlerGuard } from './sign-in.throttler';
import { SharedThrottlerStorage } from './throttler-storage';
import { UsersController } from './users.controller';

/**
 * Sign-in (local accounts, OpenID Connect), server-side sessions with CSRF tokens, and the global
 * deny-by-default guard. Rate limits are applied per route with `@SignInRateLimit()` or
 * `@ReadRateLimit()`; their counters are shared by every API process, in Redis (`SharedThrottlerStorage`).
 */
@Module({
  imports: [
    AuditModule,
    StaffModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        errorMessage:
          'Too many attempts in a short time. Wait a minute, then try again.',
        storage: new SharedThrottlerStorage({
          redisUrl: config.REDIS_URL,
          prefix: config.REDIS_PREFIX,
        }),
        // Every throttler applies to every throttled route unless skipped; each route names the ones it uses.
        throttlers: [
          {
            name: 'signIn',
            ttl: 60_000,
            limit: config.RATE_LIMIT_SIGN_IN_PER_MINUTE,
          },
          {
            name: 'signInAddress',
            ttl: 60_000,
            limit: config.RATE_LIMIT_SIGN_IN_PER_ADDRESS_PER_MINUTE,
            getTracker: addressTracker,
          },
          {
            name: 'reads',
            ttl: 60_000,
            limit: config.RATE_LIMIT_READS_PER_MINUTE,
          },
        ],
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    LocalSignInService,
    OidcService,
    PasswordService,
    StaffAccountService,
    CallerThrottlerGuard,
    { provide: APP_GUARD, useClass: SessionGuard },
    // Every logged read of personal data (@LogsAccess), and its refusals, to the access log.
    { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
    // Mounted by main.ts right after the JSON body parser (refuseHostileInput).
    HostileInputMiddleware,
  ],
  exports: [
    StaffModule,
    CallerThrottlerGuard,
    ThrottlerModule,
    HostileInputMiddleware,
  ],
})
export class AuthModule {}
