import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, type Observable, switchMap } from 'rxjs';
import type { SignedInRequest } from '../auth/session.guard';
import { ACCESS_LOGGED, type AccessKind } from './access-log';
import { AccessLogService } from './access-log.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The reason a member of staff may give for a read (e.g. a subject access request number). */
const REASON_HEADER = 'x-access-reason';

/**
 * Logs every read of personal data before its answer is sent: who (the session's staff user),
 * what (action, case, search criteria or ids), when, why (the route's purpose, or the reason given
 * in X-Access-Reason) and from where (address, request id). If the log cannot be written, nothing
 * is answered.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly log: AccessLogService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const kind = this.reflector.get<AccessKind | undefined>(ACCESS_LOGGED, context.getHandler());
    const request = context.switchToHttp().getRequest<SignedInRequest & { id?: unknown }>();
    if (!kind || !request.actor) return next.handle();
    const actor = request.actor;
    return next.handle().pipe(
      switchMap((result) => from(this.log.record({
        actor,
        action: kind.action,
        purpose: reasonOf(request) ?? kind.purpose,
        caseId: caseIdOf(request),
        detail: detailOf(request, result),
        ip: request.ip ?? null,
        requestId: request.id === undefined ? null : String(request.id),
      }).then(() => result))),
    );
  }
}

function reasonOf(request: SignedInRequest): string | undefined {
  const reason = request.headers[REASON_HEADER];
  return typeof reason === 'string' && reason.trim() ? reason.trim().slice(0, 200) : undefined;
}

function caseIdOf(request: SignedInRequest): string | null {
  const id = (request.params as Record<string, string | undefined>)['id'];
  return id && UUID.test(id) ? id : null;
}

function detailOf(request: SignedInRequest, result: unknown): Record<string, unknown> {
  const detail: Record<string, unknown> = { method: request.method, route: request.route?.path };
  const params = { ...(request.params as Record<string, string>) };
  delete params['id'];
  if (Object.keys(params).length) detail['params'] = params;
  if (request.method === 'POST' && request.body && typeof request.body === 'object') detail['criteria'] = request.body;
  if (Object.keys(request.query ?? {}).length) detail['query'] = request.query;
  const r = result as { total?: unknown; items?: unknown } | unknown[] | undefined;
  if (Array.isArray(r)) detail['results'] = r.length;
  else if (r && typeof r === 'object' && typeof r.total === 'number') detail['results'] = r.total;
  return detail;
}
