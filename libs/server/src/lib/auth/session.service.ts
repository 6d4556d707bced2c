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
}

const sha256 = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const token = () => randomBytes(32).toString('base64url');

/**
 * Server-side sessions in PostgreSQL. The cookie holds a random token; the table holds its
 * SHA-256. A session ends after SESSION_IDLE_MINUTES without a request, SESSION_ABSOLUTE_HOURS after
 * sign-in, at sign-out, or at once when its user is disabled. Times are the database's real clock,
 * never the business clock (CLOCK_NOW).
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a session for a user; answers the cookie value (only ever sent to the browser). */
  async start(userId: string, method: 'password' | 'oidc'): Promise<string> {
    const value = token();
    await this.db.query(
      `INSERT INTO user_session (token_hash, csrf_token, user_id, method, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5))`,
      [sha256(value), token(), userId, method, this.config.SESSION_ABSOLUTE_HOURS],
    );
    return value;
  }

  /** The live session for a cookie value, marking it as used now; undefined if none. */
  async resume(value: string | undefined): Promise<ActiveSession | undefined> {
    if (!value || value.length > 100) return undefined;
    const rows: { id: string; csrf_token: string; expires_at: Date; idle_expires_at: Date; user_id: string; name: string; role: Role; team: string }[] =
      await this.db.query(
        `UPDATE user_session s SET last_seen_at = now()
         FROM staff_user u
         WHERE u.id = s.user_id AND u.active AND s.token_hash = $1 AND s.ended_at IS NULL
           AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2)
         RETURNING s.id, s.csrf_token, s.expires_at, LEAST(s.expires_at, now() + make_interval(mins => $2)) AS idle_expires_at,
                   u.id AS user_id, u.name, u.role, u.team`,
        [sha256(value), this.config.SESSION_IDLE_MINUTES],
      ).then((r: unknown) => (Array.isArray(r) && Array.isArray(r[0]) ? r[0] : r) as never);
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
      idleExpiresAt: row.idle_expires_at,
      actor: { id: row.user_id, name: row.name, role: row.role, team: row.team },
    };
  }

  async end(sessionId: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE user_session SET ended_at = now(), ended_reason = $2 WHERE id = $1 AND ended_at IS NULL`, [
      sessionId,
      reason,
    ]);
  }

  /** Ends every session of a user (disabled, role or team changed); answers how many were live. */
  async endAllFor(userId: string, reason: string, tx?: EntityManager): Promise<number> {
    const result: unknown = await (tx ?? this.db).query(
      `UPDATE user_session SET ended_at = now(), ended_reason = $2 WHERE user_id = $1 AND ended_at IS NULL RETURNING id`,
      [userId, reason],
    );
    const rows = Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result;
    return Array.isArray(rows) ? rows.length : 0;
  }
}
