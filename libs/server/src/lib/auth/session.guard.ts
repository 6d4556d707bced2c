import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@send/contracts';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import {
  ACCESS_LOGGED,
  ACCESS_REFUSALS_LOGGED,
  type AccessKind,
} from '../audit/access-log';
import { AccessLogService } from '../audit/access-log.service';
import { SecurityLogService } from '../audit/security-log.service';
import {
  APP_CONFIG,
  type AppConfig,
  cookiesAreSecure,
} from '../config/app-config';
import {
  ALLOWED_ROLES,
  type Actor,
  CASE_SCOPED,
  OPEN_BEFORE_PASSWORD_CHANGE,
  PUBLIC_ROUTE,
  teamScope,
} from '../identity/actor';
import { readCookie, SessionCookies } from './cookies';
import type { ScopeProbe } from './session.repository';
import { type ActiveSession, SessionService } from './session.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

export type SignedInRequest = Request & {
  actor?: Actor;
  session?: ActiveSession;
};

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Deny by default: every route must be @Public() or name the roles that may call it. The caller is
 * the member of staff of a live server-side session (cookie); a change (any method but GET, HEAD,
 * OPTIONS) must also carry the session's CSRF token in X-CSRF-Token. Routes about one case answer
 * 404 when the case is outside the caller's team. A read of personal data it refuses (403 for the
 * role, 404 for the team) goes to the access log as denied; a refused CSRF token to the security log.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  private readonly cookies: SessionCookies;

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly accessLog: AccessLogService,
    private readonly securityLog: SecurityLogService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cookies = new SessionCookies(cookiesAreSecure(config));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets))
      return true;
    const roles =
      this.reflector.getAllAndOverride<Role[] | undefined>(
        ALLOWED_ROLES,
        targets,
      ) ?? [];

    const request = context.switchToHttp().getRequest<SignedInRequest>();
    // A route about one case: the case's team is read with the session (one round trip, not two).
    const about = this.reflector.getAllAndOverride<boolean>(
      CASE_SCOPED,
      targets,
    )
      ? scopeProbeOf(request)
      : undefined;
    const session = await this.sessions.resume(
      readCookie(request, this.cookies.session),
      about,
    );
    if (!session)
      throw new UnauthorizedException(
        'Sign in to continue. (Sessions end after 30 minutes without use.)',
      );
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) {
        await this.securityLog.record(request, {
          event: 'csrf.refused',
          outcome: 'failure',
          actor: session.actor,
          subjectUserId: session.actor.id,
          detail: {
            method: request.method,
            route: request.route?.path,
            sent: typeof sent === 'string' ? 'wrong token' : 'no token',
          },
        });
        throw new ForbiddenException(
          'This request did not come from a page of this service. Reload the page and try again.',
        );
      }
    }
    const read =
      this.reflector.get<AccessKind | undefined>(
        ACCESS_LOGGED,
        context.getHandler(),
      ) ??
      this.reflector.get<AccessKind | undefined>(
        ACCESS_REFUSALS_LOGGED,
        context.getHandler(),
      );
    if (
      session.passwordChangeRequired &&
      !this.reflector.getAllAndOverride<boolean>(
        OPEN_BEFORE_PASSWORD_CHANGE,
        targets,
      )
    ) {
      if (read)
        await this.accessLog.recordRead(request, read, session.actor, {
          deniedWith: 403,
        });
      throw new ForbiddenException(
        'Set a password of your own before you continue: the one you signed in with was given to you by an administrator.',
      );
    }
    if (!roles.includes(session.actor.role)) {
      if (read)
        await this.accessLog.recordRead(request, read, session.actor, {
          deniedWith: 403,
        });
      throw new ForbiddenException(
        `Your role (${session.actor.role}) cannot do this.`,
      );
    }
    request.actor = session.actor;
    request.session = session;

    const outOfScope = about && this.outOfScope(about, session);
    if (outOfScope) {
      if (read)
        await this.accessLog.recordRead(request, read, session.actor, {
          deniedWith: 404,
        });
      throw outOfScope;
    }
    return true;
  }

  /** 404, not 403: a case of another team is answered exactly as a case that does not exist. */
  private outOfScope(
    about: ScopeProbe,
    session: ActiveSession,
  ): NotFoundException | undefined {
    const team = teamScope(session.actor);
    const caseTeam = session.scopeTeam ?? undefined;
    if (caseTeam !== undefined && (team === null || caseTeam === team))
      return undefined;
    return about.caseId !== undefined
      ? new NotFoundException(`There is no case with id ${about.caseId}.`)
      : new NotFoundException(
          `There is no deadline with id ${about.deadlineId}.`,
        );
  }
}

/**
 * The case a case-scoped route is about: its `:id`, or its `:deadlineId`'s case, when the
 * parameter is a UUID (anything else cannot name a case, and the route's own validation answers it).
 */
function scopeProbeOf(request: SignedInRequest): ScopeProbe | undefined {
  const params = request.params as Record<string, string | undefined>;
  if (params['id'] !== undefined && UUID.test(params['id']))
    return { caseId: params['id'] };
  if (params['deadlineId'] !== undefined && UUID.test(params['deadlineId']))
    return { deadlineId: params['deadlineId'] };
  return undefined;
}
