import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { verifyPassword } from './password';

export type SignInRefusal = 'unknown_account' | 'invalid' | 'locked' | 'password_expired' | 'demo_account';

export type SignInResult =
  | { ok: true; userId: string }
  /** `lockedNow`: this failure locked the account. */
  | { ok: false; reason: SignInRefusal; userId?: string; lockedNow?: boolean };

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];

/** Whether a production API refuses this account: demo accounts never sign in there, whatever their password. */
export const refusedInProduction = (config: AppConfig, account: { demo: boolean }) => config.NODE_ENV === 'production' && account.demo;

/**
 * Local accounts: argon2id hashes, and a lock after SIGN_IN_MAX_FAILURES failures in a row for
 * SIGN_IN_LOCK_MINUTES. The answer never says whether the email exists. A temporary password (an
 * administrator's) stops working when it expires; a production API signs no demo account in.
 */
@Injectable()
export class LocalSignInService implements OnApplicationBootstrap {
  private readonly logger = new Logger('SignIn');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** In production, says at start-up that the demo accounts in the database cannot sign in (and which). */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.NODE_ENV !== 'production') return;
    const demo = (await this.db.query(`SELECT email FROM staff_user WHERE demo AND active ORDER BY email`)) as { email: string | null }[];
    if (!demo.length) return;
    this.logger.warn(
      `${demo.length} demo account(s) in this database (${demo.map((d) => d.email ?? '(no email)').join(', ')}): ` +
        'this production API refuses to sign them in, whatever their password. Disable them (POST /api/users/{userId}/disable).',
    );
  }

  async signIn(email: string, password: string): Promise<SignInResult> {
    const rows: { id: string; password_hash: string | null; locked: boolean; expired: boolean; demo: boolean }[] = await this.db.query(
      `SELECT id, password_hash, coalesce(locked_until > now(), false) AS locked,
              coalesce(password_expires_at <= now(), false) AS expired, demo
       FROM staff_user WHERE lower(email) = lower($1) AND active`,
      [email],
    );
    const user = rows[0];
    const valid = await verifyPassword(user?.password_hash, password);
    if (!user) return { ok: false, reason: 'unknown_account' };
    if (user.locked) return { ok: false, reason: 'locked', userId: user.id };
    if (!valid) {
      const lockedNow = await this.recordFailure(this.db.manager, user.id);
      return { ok: false, reason: 'invalid', userId: user.id, lockedNow };
    }
    if (refusedInProduction(this.config, user)) return { ok: false, reason: 'demo_account', userId: user.id };
    if (user.expired) return { ok: false, reason: 'password_expired', userId: user.id };
    await this.db.query(`UPDATE staff_user SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1`, [user.id]);
    return { ok: true, userId: user.id };
  }

  /**
   * One more wrong password in a row (at sign-in, or as the current password of a change): locks
   * the account at SIGN_IN_MAX_FAILURES. Answers whether this failure locked it.
   */
  async recordFailure(tx: EntityManager, userId: string): Promise<boolean> {
    const [row] = rowsOf<{ locked: boolean }>(
      await tx.query(
        `UPDATE staff_user SET failed_sign_ins = failed_sign_ins + 1,
           locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
         WHERE id = $1
         RETURNING coalesce(locked_until > now(), false) AS locked`,
        [userId, this.config.SIGN_IN_MAX_FAILURES, this.config.SIGN_IN_LOCK_MINUTES],
      ),
    );
    return row?.locked === true;
  }
}
