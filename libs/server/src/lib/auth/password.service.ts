import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SecurityLogService } from '../audit/security-log.service';
import type { RequestContext } from '../audit/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Actor } from '../identity/actor';
import { LocalSignInService } from './local-sign-in.service';
import { hashPassword, verifyPassword } from './password';
import { passwordProblem, personalWords } from './password-policy';
import type { ActiveSession } from './session.service';
import { SessionService } from './session.service';
import { StaffRepository } from './staff.repository';

/** A refused change names the field, as a validation error does. */
const fieldError = (
  field: 'currentPassword' | 'newPassword',
  message: string,
) => new BadRequestException({ message, errors: [{ field, message }] });

/**
 * Changing one's own password (ASVS 5.0 6.2.2, 6.2.3): the current password and a new one that
 * meets the password policy. A wrong current password counts towards the account's lock-out, as a
 * wrong password at sign-in does. The change ends every other session of the account (the one it
 * was made in goes on), clears a pending forced change, and is written to the security log.
 */
@Injectable()
export class PasswordService {
  constructor(
    private readonly db: DataSource,
    private readonly staff: StaffRepository,
    private readonly sessions: SessionService,
    private readonly signIns: LocalSignInService,
    private readonly securityLog: SecurityLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async change(
    session: ActiveSession,
    currentPassword: string,
    newPassword: string,
    request: RequestContext,
  ): Promise<void> {
    const actor: Actor = session.actor;
    const userId = session.actor.id;
    const refused = (reason: string, detail: Record<string, unknown> = {}) =>
      this.securityLog.record(request, {
        event: 'password.changed',
        outcome: 'failure',
        actor,
        subjectUserId: userId,
        detail: { reason, ...detail },
      });

    const account = await this.staff.forPasswordChange(userId);
    if (!account?.password_hash) {
      await refused('no_local_password');
      throw new ConflictException(
        "Your account signs in through the council's identity provider: change your password there.",
      );
    }
    if (account.locked) {
      await refused('locked');
      throw new ConflictException(
        `Your account is locked after ${this.config.SIGN_IN_MAX_FAILURES} wrong passwords in a row. Wait ${this.config.SIGN_IN_LOCK_MINUTES} minutes, then try again.`,
      );
    }
    if (!(await verifyPassword(account.password_hash, currentPassword))) {
      const lockedNow = await this.signIns.recordFailure(userId);
      await refused('wrong_current_password', { lockedNow });
      if (lockedNow) {
        // Someone in this session is guessing the password: the account's sessions end with the lock.
        const sessionsEnded = await this.sessions.endAllFor(
          userId,
          'locked: wrong current password',
        );
        await this.securityLog.record(request, {
          event: 'account_locked',
          outcome: 'success',
          actor,
          subjectUserId: userId,
          detail: {
            failures: this.config.SIGN_IN_MAX_FAILURES,
            minutes: this.config.SIGN_IN_LOCK_MINUTES,
            sessionsEnded,
          },
        });
      }
      throw fieldError(
        'currentPassword',
        'currentPassword is not your current password',
      );
    }
    const problem = await passwordProblem(
      newPassword,
      personalWords(account.name, account.email),
    );
    if (problem) {
      await refused('policy');
      throw fieldError('newPassword', `newPassword ${problem}`);
    }
    if (newPassword === currentPassword) {
      await refused('unchanged');
      throw fieldError(
        'newPassword',
        'newPassword must differ from your current password',
      );
    }
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async (tx) => {
      await this.staff.setOwnPassword(tx, userId, passwordHash);
      const otherSessionsEnded = await this.sessions.endOthers(
        userId,
        session.id,
        'password changed',
        tx,
      );
      await this.securityLog.record(
        request,
        {
          event: 'password.changed',
          outcome: 'success',
          actor,
          subjectUserId: userId,
          detail: {
            otherSessionsEnded,
            wasRequired: session.passwordChangeRequired,
          },
        },
        tx,
      );
    });
  }
}
