import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { verifyPassword } from './password';

export type SignInResult =
  | { ok: true; userId: string }
  /** `lockedNow`: this failure locked the account. */
  | { ok: false; reason: 'unknown_account' | 'invalid' | 'locked'; userId?: string; lockedNow?: boolean };

/**
 * Local accounts: argon2id hashes, and a lock after SIGN_IN_MAX_FAILURES failures in a row for
 * SIGN_IN_LOCK_MINUTES. The answer never says whether the email exists.
 */
@Injectable()
export class LocalSignInService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async signIn(email: string, password: string): Promise<SignInResult> {
    const rows: { id: string; password_hash: string | null; locked: boolean }[] = await this.db.query(
      `SELECT id, password_hash, coalesce(locked_until > now(), false) AS locked
       FROM staff_user WHERE lower(email) = lower($1) AND active`,
      [email],
    );
    const user = rows[0];
    const valid = await verifyPassword(user?.password_hash, password);
    if (!user) return { ok: false, reason: 'unknown_account' };
    if (user.locked) return { ok: false, reason: 'locked', userId: user.id };
    if (!valid) {
      const [row]: { locked: boolean }[] = await this.db.query(
        `UPDATE staff_user SET failed_sign_ins = failed_sign_ins + 1,
           locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
         WHERE id = $1
         RETURNING coalesce(locked_until > now(), false) AS locked`,
        [user.id, this.config.SIGN_IN_MAX_FAILURES, this.config.SIGN_IN_LOCK_MINUTES],
      ).then((r: unknown) => (Array.isArray(r) && Array.isArray(r[0]) ? r[0] : r) as never);
      return { ok: false, reason: 'invalid', userId: user.id, lockedNow: row?.locked === true };
    }
    await this.db.query(`UPDATE staff_user SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1`, [user.id]);
    return { ok: true, userId: user.id };
  }
}
