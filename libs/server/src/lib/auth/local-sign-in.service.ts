import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { verifyPassword } from './password';
import { StaffRepository } from './staff.repository';

export type SignInRefusal =
  | 'unknown_account'
  | 'invalid'
  | 'locked'
  | 'password_expired'
  | 'demo_account';

export type SignInResult =
  | { ok: true; userId: string }
  /** `lockedNow`: this failure locked the account. */
  | { ok: false; reason: SignInRefusal; userId?: string; lockedNow?: boolean };

/** Whether a production API refuses this account: demo accounts never sign in there, whatever their password. */
export const refusedInProduction = (
  config: AppConfig,
  account: { demo: boolean },
) => config.NODE_ENV === 'production' && account.demo;

/**
 * Local accounts: argon2id hashes, and a lock after SIGN_IN_MAX_FAILURES failures in a row for
 * SIGN_IN_LOCK_MINUTES. The answer never says whether the email exists. A temporary password (an
 * administrator's) stops working when it expires; a production API signs no demo account in.
 */
@Injectable()
export class LocalSignInService implements OnApplicationBootstrap {
  private readonly logger = new Logger('SignIn');

  constructor(
    private readonly staff: StaffRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** In production, says at start-up that the demo accounts in the database cannot sign in (and which). */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.NODE_ENV !== 'production') return;
    const demo = (await this.staff.activeDemoEmails()).map((email) => ({
      email,
    }));
    if (!demo.length) return;
    this.logger.warn(
      `${demo.length} demo account(s) in this database (${demo.map((d) => d.email ?? '(no email)').join(', ')}): ` +
        'this production API refuses to sign them in, whatever their password. Disable them (POST /api/users/{userId}/disable).',
    );
  }

  async signIn(email: string, password: string): Promise<SignInResult> {
    const user = await this.staff.forSignIn(email);
    const valid = await verifyPassword(user?.password_hash, password);
    if (!user) return { ok: false, reason: 'unknown_account' };
    if (user.locked) return { ok: false, reason: 'locked', userId: user.id };
    if (!valid) {
      const lockedNow = await this.recordFailure(user.id);
      return { ok: false, reason: 'invalid', userId: user.id, lockedNow };
    }
    if (refusedInProduction(this.config, user))
      return { ok: false, reason: 'demo_account', userId: user.id };
    if (user.expired)
      return { ok: false, reason: 'password_expired', userId: user.id };
    await this.staff.clearFailures(user.id);
    return { ok: true, userId: user.id };
  }

  /**
   * One more wrong password in a row (at sign-in, or as the current password of a change): locks
   * the account at SIGN_IN_MAX_FAILURES. Answers whether this failure locked it.
   */
  recordFailure(userId: string, tx?: EntityManager): Promise<boolean> {
    return this.staff.recordFailure(
      userId,
      this.config.SIGN_IN_MAX_FAILURES,
      this.config.SIGN_IN_LOCK_MINUTES,
      tx,
    );
  }
}
