import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { PasswordReset, StaffAccount } from '@send/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { SecurityLogService } from '../audit/security-log.service';
import type { RequestContext } from '../audit/request-context';
import type { Actor } from '../identity/actor';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { hashPassword } from './password';
import { temporaryPassword } from './password-policy';
import { SessionService } from './session.service';
import {
  type StaffAccountRow as AccountRow,
  StaffRepository,
} from './staff.repository';
import type { CreateStaffUserDto, UpdateStaffUserDto } from './users.dto';

const toAccount = (r: AccountRow): StaffAccount => ({
  ...r,
  lockedUntil: r.lockedUntil ? new Date(r.lockedUntil).toISOString() : null,
});

/**
 * Staff accounts, kept by administrators: create, change role, team or name, disable and enable.
 * Every change is written to the security log in its own transaction. A new role or team, and
 * disabling, end the account's sessions at once. Administrators cannot change their own role or
 * disable themselves, and the last active administrator cannot be demoted or disabled.
 */
@Injectable()
export class StaffAccountService {
  constructor(
    private readonly db: DataSource,
    private readonly staff: StaffRepository,
    private readonly sessions: SessionService,
    private readonly securityLog: SecurityLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<StaffAccount[]> {
    return (await this.staff.listAccounts()).map(toAccount);
  }

  async create(
    body: CreateStaffUserDto,
    actor: Actor,
    request: RequestContext,
  ): Promise<StaffAccount> {
    const email = body.email.trim();
    const passwordHash = body.password
      ? await hashPassword(body.password)
      : null;
    return this.db.transaction(async (tx) => {
      if (await this.staff.emailTaken(tx, email))
        throw new ConflictException(
          `There is already a staff account with the email ${email}.`,
        );
      const created = await this.staff.insertAccount(tx, {
        name: body.name.trim(),
        role: body.role,
        team: body.team.trim(),
        email,
        passwordHash,
        temporaryPasswordHours: this.config.TEMPORARY_PASSWORD_HOURS,
      });
      const account = toAccount(created);
      await this.securityLog.record(
        request,
        {
          event: 'user.created',
          outcome: 'success',
          actor,
          subjectUserId: account.id,
          detail: { account: summary(account) },
        },
        tx,
      );
      return account;
    });
  }

  async change(
    userId: string,
    body: UpdateStaffUserDto,
    actor: Actor,
    request: RequestContext,
  ): Promise<StaffAccount> {
    const changes = {
      ...(body.name !== undefined ? { name: body.name.trim() } : {}),
      ...(body.role !== undefined ? { role: body.role } : {}),
      ...(body.team !== undefined ? { team: body.team.trim() } : {}),
    };
    if (!Object.keys(changes).length)
      throw new BadRequestException('Send at least one of name, role, team.');
    return this.db.transaction(async (tx) => {
      const before = await this.lockAccount(tx, userId);
      if (changes.role !== undefined && changes.role !== before.role) {
        if (userId === actor.id)
          throw new ConflictException(
            'You cannot change your own role: ask another administrator.',
          );
        if (before.role === 'administrator' && before.active)
          await this.assertAnotherAdministrator(tx, userId);
      }
      const account = toAccount(
        await this.staff.updateAccount(tx, userId, changes),
      );
      const privilegeChanged =
        account.role !== before.role || account.team !== before.team;
      const revoked = privilegeChanged
        ? await this.revokeAccess(tx, userId, 'role or team changed')
        : { sessionsEnded: 0 };
      await this.securityLog.record(
        request,
        {
          event: 'user.changed',
          outcome: 'success',
          actor,
          subjectUserId: userId,
          detail: {
            before: summary(before),
            after: summary(account),
            ...revoked,
          },
        },
        tx,
      );
      return account;
    });
  }

  async disable(
    userId: string,
    actor: Actor,
    request: RequestContext,
  ): Promise<void> {
    if (userId === actor.id)
      throw new ConflictException(
        'You cannot disable your own account: ask another administrator.',
      );
    await this.db.transaction(async (tx) => {
      const before = await this.lockAccount(tx, userId);
      if (!before.active) return;
      if (before.role === 'administrator')
        await this.assertAnotherAdministrator(tx, userId);
      await this.staff.disable(tx, userId);
      const revoked = await this.revokeAccess(tx, userId, 'account disabled');
      await this.securityLog.record(
        request,
        {
          event: 'user.disabled',
          outcome: 'success',
          actor,
          subjectUserId: userId,
          detail: revoked,
        },
        tx,
      );
    });
  }

  async enable(
    userId: string,
    actor: Actor,
    request: RequestContext,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await this.lockAccount(tx, userId);
      if (before.active) return;
      // A fresh start: the wrong passwords counted before it was disabled no longer count.
      await this.staff.enable(tx, userId);
      await this.securityLog.record(
        request,
        {
          event: 'user.enabled',
          outcome: 'success',
          actor,
          subjectUserId: userId,
        },
        tx,
      );
    });
  }

  /**
   * An administrator's reset of someone else's password (ASVS 5.0 6.4.1): a random temporary
   * password, answered once and stored only as its hash, which works for TEMPORARY_PASSWORD_HOURS
   * and only to set a password of the owner's own at their next sign-in (no other route answers
   * that session). The old password stops working, the account's sessions and calendar feed end,
   * and a lock-out is cleared. The administrator never learns a password the account keeps.
   */
  async resetPassword(
    userId: string,
    actor: Actor,
    request: RequestContext,
  ): Promise<PasswordReset> {
    if (userId === actor.id)
      throw new ConflictException(
        'Change your own password with your current one (Change password), not by a reset.',
      );
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    return this.db.transaction(async (tx) => {
      const before = await this.lockAccount(tx, userId);
      if (!before.active)
        throw new ConflictException(
          'This account is disabled: enable it before resetting its password.',
        );
      const expires = await this.staff.setTemporaryPassword(
        tx,
        userId,
        passwordHash,
        this.config.TEMPORARY_PASSWORD_HOURS,
      );
      const expiresAt = new Date(expires).toISOString();
      const revoked = await this.revokeAccess(tx, userId, 'password reset');
      await this.securityLog.record(
        request,
        {
          event: 'user.password_reset',
          outcome: 'success',
          actor,
          subjectUserId: userId,
          detail: { ...revoked, expiresAt, hadPassword: before.hasPassword },
        },
        tx,
      );
      return { temporaryPassword: password, expiresAt };
    });
  }

  /**
   * What an account may reach ends when its role, team or status changes: its sessions, and its
   * calendar feed (whose URL reaches case data without a session). It issues a new feed when it
   * is next signed in, under its new role and team.
   */
  private async revokeAccess(
    tx: EntityManager,
    userId: string,
    reason: string,
  ): Promise<{ sessionsEnded: number; calendarFeedRevoked: boolean }> {
    const sessionsEnded = await this.sessions.endAllFor(userId, reason, tx);
    const calendarFeedRevoked = await this.staff.revokeCalendarFeed(tx, userId);
    return { sessionsEnded, calendarFeedRevoked };
  }

  private async lockAccount(
    tx: EntityManager,
    userId: string,
  ): Promise<StaffAccount> {
    const row = await this.staff.lockAccount(tx, userId);
    if (!row)
      throw new NotFoundException(`There is no staff user with id ${userId}.`);
    return toAccount(row);
  }

  /** Locks the active administrators' rows, so that two changes at once cannot leave none. */
  private async assertAnotherAdministrator(
    tx: EntityManager,
    userId: string,
  ): Promise<void> {
    const admins = await this.staff.lockActiveAdministrators(tx);
    if (!admins.some((id) => id !== userId)) {
      throw new ConflictException(
        'This is the last active administrator: make someone else an administrator first.',
      );
    }
  }
}

/** What the security log keeps of an account (no password hash, no lock state). */
const summary = (a: StaffAccount) => ({
  name: a.name,
  email: a.email,
  role: a.role,
  team: a.team,
  active: a.active,
});
