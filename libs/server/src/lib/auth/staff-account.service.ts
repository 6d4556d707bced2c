import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PasswordReset, StaffAccount } from '@send/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { SecurityLogService } from '../audit/security-log.service';
import type { RequestContext } from '../audit/request-context';
import type { Actor } from './actor';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { hashPassword } from './password';
import { temporaryPassword } from './password-policy';
import { SessionService } from './session.service';
import type { CreateStaffUserDto, UpdateStaffUserDto } from './users.dto';

const ACCOUNT_COLUMNS = `id, name, role, team, email, active, password_hash IS NOT NULL AS "hasPassword",
  oidc_subject IS NOT NULL AS "singleSignOnLinked", CASE WHEN locked_until > now() THEN locked_until END AS "lockedUntil"`;

type AccountRow = Omit<StaffAccount, 'lockedUntil'> & { lockedUntil: Date | null };
const toAccount = (r: AccountRow): StaffAccount => ({ ...r, lockedUntil: r.lockedUntil ? new Date(r.lockedUntil).toISOString() : null });
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];

/**
 * Staff accounts, kept by administrators: create, change role, team or name, disable and enable.
 * Every change is written to the security log in its own transaction. A new role or team, and
 * disabling, end the account's sessions at once. Administrators cannot change their own role or
 * disable themselves, and the last active administrator cannot be demoted or disabled.
 */
@Injectable()
export class StaffAccountService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionService,
    private readonly securityLog: SecurityLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<StaffAccount[]> {
    const rows: AccountRow[] = await this.db.query(`SELECT ${ACCOUNT_COLUMNS} FROM staff_user ORDER BY active DESC, role, name`);
    return rows.map(toAccount);
  }

  async create(body: CreateStaffUserDto, actor: Actor, request: RequestContext): Promise<StaffAccount> {
    const email = body.email.trim();
    const passwordHash = body.password ? await hashPassword(body.password) : null;
    return this.db.transaction(async (tx) => {
      const [taken] = await tx.query(`SELECT 1 FROM staff_user WHERE lower(email) = lower($1)`, [email]);
      if (taken) throw new ConflictException(`There is already a staff account with the email ${email}.`);
      const [created] = rowsOf<AccountRow>(
        await tx.query(
          // The administrator knows this password: it lets its owner set their own, once, for TEMPORARY_PASSWORD_HOURS.
          `INSERT INTO staff_user (name, role, team, email, password_hash, password_change_required, password_expires_at, password_changed_at)
           VALUES ($1, $2, $3, $4, $5::text, $6::boolean,
                   CASE WHEN $6::boolean THEN now() + make_interval(hours => $7::int) END, CASE WHEN $6::boolean THEN now() END)
           RETURNING ${ACCOUNT_COLUMNS}`,
          [body.name.trim(), body.role, body.team.trim(), email, passwordHash, passwordHash !== null, this.config.TEMPORARY_PASSWORD_HOURS],
        ),
      );
      const account = toAccount(created as AccountRow);
      await this.securityLog.record(
        request,
        { event: 'user.created', outcome: 'success', actor, subjectUserId: account.id, detail: { account: summary(account) } },
        tx,
      );
      return account;
    });
  }

  async change(userId: string, body: UpdateStaffUserDto, actor: Actor, request: RequestContext): Promise<StaffAccount> {
    const changes = {
      ...(body.name !== undefined ? { name: body.name.trim() } : {}),
      ...(body.role !== undefined ? { role: body.role } : {}),
      ...(body.team !== undefined ? { team: body.team.trim() } : {}),
    };
    if (!Object.keys(changes).length) throw new BadRequestException('Send at least one of name, role, team.');
    return this.db.transaction(async (tx) => {
      const before = await this.lockAccount(tx, userId);
      if (changes.role !== undefined && changes.role !== before.role) {
        if (userId === actor.id) throw new ConflictException('You cannot change your own role: ask another administrator.');
        if (before.role === 'administrator' && before.active) await this.assertAnotherAdministrator(tx, userId);
      }
      const [after] = rowsOf<AccountRow>(
        await tx.query(
          `UPDATE staff_user SET name = coalesce($2, name), role = coalesce($3, role), team = coalesce($4, team)
           WHERE id = $1 RETURNING ${ACCOUNT_COLUMNS}`,
          [userId, changes.name ?? null, changes.role ?? null, changes.team ?? null],
        ),
      );
      const account = toAccount(after as AccountRow);
      const privilegeChanged = account.role !== before.role || account.team !== before.team;
      const revoked = privilegeChanged ? await this.revokeAccess(tx, userId, 'role or team changed') : { sessionsEnded: 0 };
      await this.securityLog.record(
        request,
        {
          event: 'user.changed',
          outcome: 'success',
          actor,
          subjectUserId: userId,
          detail: { before: summary(before), after: summary(account), ...revoked },
        },
        tx,
      );
      return account;
    });
  }

  async disable(userId: string, actor: Actor, request: RequestContext): Promise<void> {
    if (userId === actor.id) throw new ConflictException('You cannot disable your own account: ask another administrator.');
    await this.db.transaction(async (tx) => {
      const before = await this.lockAccount(tx, userId);
      if (!before.active) return;
      if (before.role === 'administrator') await this.assertAnotherAdministrator(tx, userId);
      await tx.query(`UPDATE staff_user SET active = false WHERE id = $1`, [userId]);
      const revoked = await this.revokeAccess(tx, userId, 'account disabled');
      await this.securityLog.record(request, { event: 'user.disabled', outcome: 'success', actor, subjectUserId: userId, detail: revoked }, tx);
    });
  }

  async enable(userId: string, actor: Actor, request: RequestContext): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await this.lockAccount(tx, userId);
      if (before.active) return;
      // A fresh start: the wrong passwords counted before it was disabled no longer count.
      await tx.query(`UPDATE staff_user SET active = true, failed_sign_ins = 0, locked_until = NULL WHERE id = $1`, [userId]);
      await this.securityLog.record(request, { event: 'user.enabled', outcome: 'success', actor, subjectUserId: userId }, tx);
    });
  }

  /**
   * An administrator's reset of someone else's password (ASVS 5.0 6.4.1): a random temporary
   * password, answered once and stored only as its hash, which works for TEMPORARY_PASSWORD_HOURS
   * and only to set a password of the owner's own at their next sign-in (no other route answers
   * that session). The old password stops working, the account's sessions and calendar feed end,
   * and a lock-out is cleared. The administrator never learns a password the account keeps.
   */
  async resetPassword(userId: string, actor: Actor, request: RequestContext): Promise<PasswordReset> {
    if (userId === actor.id) throw new ConflictException('Change your own password with your current one (Change password), not by a reset.');
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    return this.db.transaction(async (tx) => {
      const before = await this.lockAccount(tx, userId);
      if (!before.active) throw new ConflictException('This account is disabled: enable it before resetting its password.');
      const [row] = rowsOf<{ expires_at: Date }>(
        await tx.query(
          `UPDATE staff_user SET password_hash = $2, password_change_required = true,
             password_expires_at = now() + make_interval(hours => $3), password_changed_at = now(), failed_sign_ins = 0, locked_until = NULL
           WHERE id = $1 RETURNING password_expires_at AS expires_at`,
          [userId, passwordHash, this.config.TEMPORARY_PASSWORD_HOURS],
        ),
      );
      const expiresAt = new Date((row as { expires_at: Date }).expires_at).toISOString();
      const revoked = await this.revokeAccess(tx, userId, 'password reset');
      await this.securityLog.record(
        request,
        { event: 'user.password_reset', outcome: 'success', actor, subjectUserId: userId, detail: { ...revoked, expiresAt, hadPassword: before.hasPassword } },
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
  private async revokeAccess(tx: EntityManager, userId: string, reason: string): Promise<{ sessionsEnded: number; calendarFeedRevoked: boolean }> {
    const sessionsEnded = await this.sessions.endAllFor(userId, reason, tx);
    const [feed] = rowsOf<{ id: string }>(
      await tx.query(`UPDATE staff_user SET calendar_feed_token_hash = NULL WHERE id = $1 AND calendar_feed_token_hash IS NOT NULL RETURNING id`, [userId]),
    );
    return { sessionsEnded, calendarFeedRevoked: feed !== undefined };
  }

  private async lockAccount(tx: EntityManager, userId: string): Promise<StaffAccount> {
    const [row]: AccountRow[] = await tx.query(`SELECT ${ACCOUNT_COLUMNS} FROM staff_user WHERE id = $1 FOR UPDATE`, [userId]);
    if (!row) throw new NotFoundException(`There is no staff user with id ${userId}.`);
    return toAccount(row);
  }

  /** Locks the active administrators' rows, so that two changes at once cannot leave none. */
  private async assertAnotherAdministrator(tx: EntityManager, userId: string): Promise<void> {
    const admins: { id: string }[] = await tx.query(`SELECT id FROM staff_user WHERE role = 'administrator' AND active ORDER BY id FOR UPDATE`);
    if (!admins.some((a) => a.id !== userId)) {
      throw new ConflictException('This is the last active administrator: make someone else an administrator first.');
    }
  }
}

/** What the security log keeps of an account (no password hash, no lock state). */
const summary = (a: StaffAccount) => ({ name: a.name, email: a.email, role: a.role, team: a.team, active: a.active });
