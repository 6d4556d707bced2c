import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, type Observable, switchMap, throwError } from 'rxjs';
import type { SignedInRequest } from './session.guard';
import {
  ACCESS_LOGGED,
  ACCESS_REFUSALS_LOGGED,
  type AccessKind,
} from '../audit/access-log';
import { AccessLogService } from '../audit/access-log.service';

/**
 * Logs every read of personal data before its answer is sent: who (the session's staff user),
 * what (action, case, search criteria or ids), when, why (the route's purpose, and the reason
 * given in X-Access-Reason, if any) and from where (address, request id). If the log cannot be
 * written, nothing is answered. A read the handler refuses (403, or 404: no such case, document…)
 * is logged as denied; reads the session guard refuses are logged by the guard. A route marked
 * `@LogsRefusedAccess` logs its own answers: only its refusals are written here.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly log: AccessLogService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const kind = this.reflector.get<AccessKind | undefined>(
      ACCESS_LOGGED,
      context.getHandler(),
    );
    const refusalsOnly = this.reflector.get<AccessKind | undefined>(
      ACCESS_REFUSALS_LOGGED,
      context.getHandler(),
    );
    const request = context.switchToHttp().getRequest<SignedInRequest>();
    const logged = kind ?? refusalsOnly;
    if (!logged || !request.actor) return next.handle();
    const actor = request.actor;
    return next.handle().pipe(
      switchMap((result) =>
        kind
          ? from(
              this.log
                .recordRead(request, kind, actor, { result })
                .then(() => result),
            )
          : from([result]),
      ),
      catchError((error: unknown) => {
        const status =
          error instanceof HttpException ? error.getStatus() : undefined;
        if (status !== 403 && status !== 404) return throwError(() => error);
        return from(
          this.log.recordRead(request, logged, actor, { deniedWith: status }),
        ).pipe(switchMap(() => throwError(() => error)));
      }),
    );
  }
}
