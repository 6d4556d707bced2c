import { type INestApplication, Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AccessLogService, reasonOf } from '../audit/access-log.service';
import { requestContext, requestIdOf } from '../audit/request-context';
import { SecurityLogService } from '../audit/security-log.service';
import { readCookie, SessionCookies } from './cookies';
import { SessionService } from './session.service';
import {
  APP_CONFIG,
  type AppConfig,
  cookiesAreSecure,
} from '../config/app-config';
import {
  findHostile,
  findHostilePath,
  type HostileKind,
  hostileInputProblem,
} from '../http/input-safety';
import { loggablePath } from '../http/log-path';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const READS = new Set(['GET', 'HEAD']);

/**
 * Refuses, with 400, a request whose path, query string or JSON body holds what PostgreSQL cannot
 * store (see input-safety.ts), before any route sees it; whatever it held, the refusal is recorded:
 * in the security log always (with who, when a session cookie names someone), and in the access
 * log too when it was a signed-in read. Mounted by `refuseHostileInput` right after the JSON body
 * parser, before Nest's routing, guards and pipes (and Bull Board and the API documentation).
 * Multipart uploads are checked where they are parsed: the document service.
 */
@Injectable()
export class HostileInputMiddleware {
  private readonly cookies: SessionCookies;

  constructor(
    private readonly sessions: SessionService,
    private readonly securityLog: SecurityLogService,
    private readonly accessLog: AccessLogService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cookies = new SessionCookies(cookiesAreSecure(config));
  }

  async use(
    request: Request,
    response: Response,
    next: NextFunction,
  ): Promise<void> {
    const path = (request.originalUrl ?? request.url).split('?', 1)[0] ?? '';
    const checks: [string, () => { kind: HostileKind; at: string } | null][] = [
      ['path', () => findHostilePath(path)],
      ['query string', () => findHostile(request.query)],
      [
        'body',
        () =>
          request.body !== undefined && typeof request.body === 'object'
            ? findHostile(request.body)
            : null,
      ],
    ];
    for (const [where, check] of checks) {
      const found = check();
      if (!found) continue;
      requestIdOf(request, response);
      await this.record(request, path, where, found);
      const { message, errors } = hostileInputProblem(found, where);
      response
        .status(400)
        .type('application/problem+json')
        .send(
          JSON.stringify({
            type: 'about:blank',
            title: 'The request has a problem',
            status: 400,
            detail: message,
            errors,
          }),
        );
      return;
    }
    next();
  }

  private async record(
    request: Request,
    path: string,
    where: string,
    found: { kind: HostileKind; at: string },
  ): Promise<void> {
    const session = await this.sessions
      .resume(readCookie(request, this.cookies.session))
      .catch(() => undefined);
    const detail = {
      method: request.method,
      path: loggablePath(path),
      where,
      kind: found.kind,
      field: found.at || null,
      status: 400,
    };
    await this.securityLog.record(request, {
      event: 'request.refused',
      outcome: 'failure',
      actor: session?.actor ?? null,
      subjectUserId: session?.actor.id ?? null,
      detail,
    });
    if (session && READS.has(request.method)) {
      const { ip, requestId } = requestContext(request);
      const caseId =
        path.split('/').find((segment) => UUID.test(segment)) ?? null;
      await this.accessLog.record({
        actor: session.actor,
        action: 'request.refused',
        purpose: 'refused input',
        reason: reasonOf(request),
        outcome: 'denied',
        status: 400,
        caseId,
        detail,
        ip,
        requestId,
      });
    }
  }
}

/** Mounts the check on the application (after the JSON body parser): see HostileInputMiddleware. */
export function refuseHostileInput(app: INestApplication): void {
  const middleware = app.get(HostileInputMiddleware);
  app.use((request: Request, response: Response, next: NextFunction) => {
    middleware.use(request, response, next).catch(next);
  });
}
