import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@send/contracts';
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Actor } from '../identity/actor';
import { type ScopeProbe, SessionRepository } from './session.repository';

export interface ActiveSession {
  id: string;
  csrfToken: string;
  actor: Actor & { id: string; role: Role };
  expiresAt: Date;
  /** When it ends without another request: the idle limit from now, never after `expiresAt`. */
  idleExpiresAt: Date;
  /**
   * Signed in with a password an administrator set (not through the identity provider): the
   * session may do nothing but set a new one.
   */
  passwordChangeRequired: boolean;
  /**
   * When `resume` was asked about a case (`ScopeProbe`): the team of that case (or of the deadline's
   * case), or null when there is none.
   */
  scopeTeam?: string | null;
}

const sha256 = (token: string) =>
  createHash('sha256').update(token, 'utf8').digest('hex');
const token = () => randomBytes(32).toString('base64url');

/**
 * Server-side sessions in PostgreSQL. The cookie holds a random token; the table holds its
 * SHA-256. A session ends after SESSION_IDLE_MINUTES without a request, SESSION_ABSOLUTE_HOURS after
 * sign-in, at sign-out, at the next sign-in in the same browser, when its user's password
 * changes, or at once when its user is disabled or changes role or team. A production API neither
 * starts nor resumes a session of a demo account. Times are the database's real clock, never the
 * business clock (CLOCK_NOW).
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get production(): boolean {
    return this.config.NODE_ENV === 'production';
  }

  /**
   * Starts a session for an active user; answers the cookie value (only ever sent to the browser),
   * or undefined when the account may not sign in here (disabled; a demo account in production).
   */
  async start(
    userId: string,
    method: 'password' | 'oidc',
  ): Promise<string | undefined> {
    const value = token();
    const started = await this.sessions.start({
      tokenHash: sha256(value),
      csrfToken: token(),
      userId,
      method,
      absoluteHours: this.config.SESSION_ABSOLUTE_HOURS,
      refuseDemo: this.production,
    });
    return started ? value : undefined;
  }

  /**
   * The live session for a cookie value (with the team of the case it is `about`, if asked), marking it as used (at most once a minute, or a tenth of
   * the idle limit if that is shorter, so the limit is kept to within that); undefined if none.
   */
  async resume(
    value: string | undefined,
    about?: ScopeProbe,
  ): Promise<ActiveSession | undefined> {
    if (!value || value.length > 100) return undefined;
    const row = await this.sessions.resume(
      sha256(value),
      this.config.SESSION_IDLE_MINUTES,
      this.production,
      Math.min(60, this.config.SESSION_IDLE_MINUTES * 6),
      about,
    );
    if (!row) return undefined;
    return {
      id: row.id,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
      idleExpiresAt: row.idle_expires_at,
      actor: {
        id: row.user_id,
        name: row.name,
        role: row.role,
        team: row.team,
      },
      passwordChangeRequired: row.password_change_required,
      ...(about ? { scopeTeam: row.scope_team } : {}),
    };
  }

  /**
   * Ends the session a cookie value belongs to, whoever's it is (a new sign-in in the same browser
   * ends the one before: ASVS 5.0 7.2.4). Answers the user whose session it was, if one was live.
   */
  async endByCookie(
    value: string | undefined,
    reason: string,
  ): Promise<string | undefined> {
    if (!value || value.length > 100) return undefined;
    return this.sessions.endByTokenHash(sha256(value), reason);
  }

  /** Ends every session of a user but one (its password changed in that one); answers how many. */
  endOthers(
    userId: string,
    keepSessionId: string,
    reason: string,
    tx?: EntityManager,
  ): Promise<number> {
    return this.sessions.endOthers(userId, keepSessionId, reason, tx);
  }

  end(sessionId: string, reason: string): Promise<void> {
    return this.sessions.end(sessionId, reason);
  }

  /** Ends every session of a user (disabled, role or team changed); answers how many were live. */
  endAllFor(
    userId: string,
    reason: string,
    tx?: EntityManager,
  ): Promise<number> {
    return this.sessions.endAllFor(userId, reason, tx);
  }
}
