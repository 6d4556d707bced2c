import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@send/contracts';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Actor } from './actor';

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
}

const sha256 = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const token = () => randomBytes(32).toString('base64url');
/** The rows of a query's answer (an UPDATE … RETURNING answers [rows, count]). */
const rowsOf = <T = unknown>(result: unknown): T[] => {
  const rows = Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result;
  return (Array.isArray(rows) ? rows : []) as T[];
};

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
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get production(): boolean {
    return this.config.NODE_ENV === 'production';
  }

  /**
   * Starts a session for an active user; answers the cookie value (only ever sent to the browser),
   * or undefined when the account may not sign in here (disabled; a demo account in production).
   */
  async start(userId: string, method: 'password' | 'oidc'): Promise<string | undefined> {
    const value = token();
    const rows = rowsOf(
      await this.db.query(
        `INSERT INTO user_session (token_hash, csrf_token, user_id, method, expires_at)
         SELECT $1, $2, u.id, $4, now() + make_interval(hours => $5) FROM staff_user u
         WHERE u.id = $3 AND u.active AND NOT (u.demo AND $6)
         RETURNING id`,
        [sha256(value), token(), userId, method, this.config.SESSION_ABSOLUTE_HOURS, this.production],
      ),
    );
    return rows.length ? value : undefined;
  }

  /** The live session for a cookie value, marking it as used now; undefined if none. */
  async resume(value: string | undefined): Promise<ActiveSession | undefined> {
    if (!value || value.length > 100) return undefined;
    const rows = rowsOf<{
      id: string;
      csrf_token: string;
      expires_at: Date;
      idle_expires_at: Date;
      user_id: string;
      name: string;
      role: Role;
      team: string;
      password_change_required: boolean;
    }>(
      await this.db.query(
        `UPDATE user_session s SET last_seen_at = now()
         FROM staff_user u
         WHERE u.id = s.user_id AND u.active AND NOT (u.demo AND $3) AND s.token_hash = $1 AND s.ended_at IS NULL
           AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2)
         RETURNING s.id, s.csrf_token, s.expires_at, LEAST(s.expires_at, now() + make_interval(mins => $2)) AS idle_expires_at,
                   u.id AS user_id, u.name, u.role, u.team,
                   u.password_change_required AND s.method = 'password' AS password_change_required`,
        [sha256(value), this.config.SESSION_IDLE_MINUTES, this.production],
      ),
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
      idleExpiresAt: row.idle_expires_at,
      actor: { id: row.user_id, name: row.name, role: row.role, team: row.team },
      passwordChangeRequired: row.password_change_required,
    };
  }

  /**
   * Ends the session a cookie value belongs to, whoever's it is (a new sign-in in the same browser
   * ends the one before: ASVS 5.0 7.2.4). Answers the user whose session it was, if one was live.
   */
  async endByCookie(value: string | undefined, reason: string): Promise<string | undefined> {
    if (!value || value.length > 100) return undefined;
    const [row] = rowsOf<{ user_id: string }>(
      await this.db.query(
        `UPDATE user_session SET ended_at = now(), ended_reason = $2 WHERE token_hash = $1 AND ended_at IS NULL RETURNING user_id`,
        [sha256(value), reason],
      ),
    );
    return row?.user_id;
  }

  /** Ends every session of a user but one (its password changed in that one); answers how many. */
  async endOthers(userId: string, keepSessionId: string, reason: string, tx?: EntityManager): Promise<number> {
    return rowsOf(
      await (tx ?? this.db).query(
        `UPDATE user_session SET ended_at = now(), ended_reason = $3 WHERE user_id = $1 AND id <> $2 AND ended_at IS NULL RETURNING id`,
        [userId, keepSessionId, reason],
      ),
    ).length;
  }

  async end(sessionId: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE user_session SET ended_at = now(), ended_reason = $2 WHERE id = $1 AND ended_at IS NULL`, [
      sessionId,
      reason,
    ]);
  }

  /** Ends every session of a user (disabled, role or team changed); answers how many were live. */
  async endAllFor(userId: string, reason: string, tx?: EntityManager): Promise<number> {
    return rowsOf(
      await (tx ?? this.db).query(
        `UPDATE user_session SET ended_at = now(), ended_reason = $2 WHERE user_id = $1 AND ended_at IS NULL RETURNING id`,
        [userId, reason],
      ),
    ).length;
  }
}
