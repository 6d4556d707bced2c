import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { StaffAccount } from '@send/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { SecurityLogService } from '../audit/security-log.service';
import type { RequestContext } from '../audit/request-context';
import type { Actor } from './actor';
import { hashPassword } from './password';
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
          `INSERT INTO staff_user (name, role, team, email, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING ${ACCOUNT_COLUMNS}`,
          [body.name.trim(), body.role, body.team.trim(), email, passwordHash],
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
      const sessionsEnded = privilegeChanged ? await this.sessions.endAllFor(userId, 'role or team changed', tx) : 0;
      await this.securityLog.record(
        request,
        {
          event: 'user.changed',
          outcome: 'success',
          actor,
          subjectUserId: userId,
          detail: { before: summary(before), after: summary(account), sessionsEnded },
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
      const sessionsEnded = await this.sessions.endAllFor(userId, 'account disabled', tx);
      await this.securityLog.record(request, { event: 'user.disabled', outcome: 'success', actor, subjectUserId: userId, detail: { sessionsEnded } }, tx);
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
