import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role, StaffAccount } from '@send/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { escalationManagerSql } from '../db/deadline-sql';
import { type Db, sql } from '../db/sql';

/** An account as administrators see it (no password hash; `lockedUntil` only while it is locked). */
export type StaffAccountRow = Omit<StaffAccount, 'lockedUntil'> & {
  lockedUntil: Date | null;
};

const ACCOUNT_COLUMNS = `id, name, role, team, email, active, password_hash IS NOT NULL AS "hasPassword",
  oidc_subject IS NOT NULL AS "singleSignOnLinked", CASE WHEN locked_until > now() THEN locked_until END AS "lockedUntil"`;

/** A member of staff as the rest of the service names them. */
export interface StaffMemberRow {
  id: string;
  name: string;
  role: Role;
  team: string;
}

export interface SignInRow {
  id: string;
  password_hash: string | null;
  locked: boolean;
  expired: boolean;
  demo: boolean;
}

export interface NewStaffAccount {
  name: string;
  role: Role;
  team: string;
  email: string;
  passwordHash: string | null;
  temporaryPasswordHours: number;
}

/**
 * `staff_user`: every read and write of a staff account (sign-in, lock-out, passwords, the
 * administrators' changes, the calendar feed's token). Writes that must be recorded with their
 * security-log row take the transaction's EntityManager.
 */
@Injectable()
export class StaffRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Active staff by role then name; only one team's when `team` is given. */
  listActive(team: string | null): Promise<StaffMemberRow[]> {
    return sql(
      this.db,
      `SELECT id, name, role, team FROM staff_user WHERE active AND ($1::text IS NULL OR team = $1) ORDER BY role, name`,
      [team],
    );
  }

  /** An active member of staff by id. */
  async findActive(id: string): Promise<StaffMemberRow | undefined> {
    const [row] = await sql<StaffMemberRow>(
      this.db,
      `SELECT id, name, role, team FROM staff_user WHERE id = $1 AND active`,
      [id],
    );
    return row;
  }

  /** The active managers (name and team) of these teams, by name: whom a team's deadlines escalate to. */
  activeManagers(teams: string[]): Promise<{ name: string; team: string }[]> {
    return sql(
      this.db,
      `SELECT s.name, s.team FROM staff_user s WHERE ${escalationManagerSql('s', '= ANY($1::text[])')} ORDER BY s.name`,
      [teams],
    );
  }

  // --- Accounts (administrators) ---

  listAccounts(): Promise<StaffAccountRow[]> {
    return sql(
      this.db,
      `SELECT ${ACCOUNT_COLUMNS} FROM staff_user ORDER BY active DESC, role, name`,
    );
  }

  async emailTaken(tx: EntityManager, email: string): Promise<boolean> {
    return (
      (
        await sql(
          tx,
          `SELECT 1 FROM staff_user WHERE lower(email) = lower($1)`,
          [email],
        )
      ).length > 0
    );
  }

  async insertAccount(
    tx: EntityManager,
    a: NewStaffAccount,
  ): Promise<StaffAccountRow> {
    const [row] = await sql<StaffAccountRow>(
      tx,
      // The administrator knows this password: it lets its owner set their own, once, for TEMPORARY_PASSWORD_HOURS.
      `INSERT INTO staff_user (name, role, team, email, password_hash, password_change_required, password_expires_at, password_changed_at)
       VALUES ($1, $2, $3, $4, $5::text, $6::boolean,
               CASE WHEN $6::boolean THEN now() + make_interval(hours => $7::int) END, CASE WHEN $6::boolean THEN now() END)
       RETURNING ${ACCOUNT_COLUMNS}`,
      [
        a.name,
        a.role,
        a.team,
        a.email,
        a.passwordHash,
        a.passwordHash !== null,
        a.temporaryPasswordHours,
      ],
    );
    return row as StaffAccountRow;
  }

  async updateAccount(
    tx: EntityManager,
    id: string,
    changes: { name?: string; role?: Role; team?: string },
  ): Promise<StaffAccountRow> {
    const [row] = await sql<StaffAccountRow>(
      tx,
      `UPDATE staff_user SET name = coalesce($2, name), role = coalesce($3, role), team = coalesce($4, team)
       WHERE id = $1 RETURNING ${ACCOUNT_COLUMNS}`,
      [id, changes.name ?? null, changes.role ?? null, changes.team ?? null],
    );
    return row as StaffAccountRow;
  }

  /** The account, locked FOR UPDATE until the transaction ends. */
  async lockAccount(
    tx: EntityManager,
    id: string,
  ): Promise<StaffAccountRow | undefined> {
    const [row] = await sql<StaffAccountRow>(
      tx,
      `SELECT ${ACCOUNT_COLUMNS} FROM staff_user WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  /** Locks the active administrators' rows (so that two changes at once cannot leave none); answers their ids. */
  async lockActiveAdministrators(tx: EntityManager): Promise<string[]> {
    return (
      await sql<{ id: string }>(
        tx,
        `SELECT id FROM staff_user WHERE role = 'administrator' AND active ORDER BY id FOR UPDATE`,
      )
    ).map((r) => r.id);
  }

  async disable(tx: EntityManager, id: string): Promise<void> {
    await sql(tx, `UPDATE staff_user SET active = false WHERE id = $1`, [id]);
  }

  /** Enabled again, with a fresh start: the wrong passwords counted before no longer count. */
  async enable(tx: EntityManager, id: string): Promise<void> {
    await sql(
      tx,
      `UPDATE staff_user SET active = true, failed_sign_ins = 0, locked_until = NULL WHERE id = $1`,
      [id],
    );
  }

  /** Sets a temporary password (an administrator's reset); answers when it stops working. */
  async setTemporaryPassword(
    tx: EntityManager,
    id: string,
    passwordHash: string,
    hours: number,
  ): Promise<Date> {
    const [row] = await sql<{ expires_at: Date }>(
      tx,
      `UPDATE staff_user SET password_hash = $2, password_change_required = true,
         password_expires_at = now() + make_interval(hours => $3), password_changed_at = now(), failed_sign_ins = 0, locked_until = NULL
       WHERE id = $1 RETURNING password_expires_at AS expires_at`,
      [id, passwordHash, hours],
    );
    return (row as { expires_at: Date }).expires_at;
  }

  /** Sets the owner's own new password (and clears a pending forced change and the lock-out). */
  async setOwnPassword(
    tx: Db,
    id: string,
    passwordHash: string,
  ): Promise<void> {
    await sql(
      tx,
      `UPDATE staff_user SET password_hash = $2, password_change_required = false, password_expires_at = NULL,
         password_changed_at = now(), failed_sign_ins = 0, locked_until = NULL
       WHERE id = $1`,
      [id, passwordHash],
    );
  }

  // --- Sign-in ---

  /** The active account with this email (any case), as sign-in needs it. */
  async forSignIn(email: string): Promise<SignInRow | undefined> {
    const [row] = await sql<SignInRow>(
      this.db,
      `SELECT id, password_hash, coalesce(locked_until > now(), false) AS locked,
              coalesce(password_expires_at <= now(), false) AS expired, demo
       FROM staff_user WHERE lower(email) = lower($1) AND active`,
      [email],
    );
    return row;
  }

  /** What a password change needs of the account. */
  async forPasswordChange(id: string): Promise<
    | {
        password_hash: string | null;
        name: string;
        email: string | null;
        locked: boolean;
      }
    | undefined
  > {
    const [row] = await sql<{
      password_hash: string | null;
      name: string;
      email: string | null;
      locked: boolean;
    }>(
      this.db,
      `SELECT password_hash, name, email, coalesce(locked_until > now(), false) AS locked FROM staff_user WHERE id = $1`,
      [id],
    );
    return row;
  }

  async activeDemoEmails(): Promise<(string | null)[]> {
    return (
      await sql<{ email: string | null }>(
        this.db,
        `SELECT email FROM staff_user WHERE demo AND active ORDER BY email`,
      )
    ).map((r) => r.email);
  }

  async clearFailures(id: string): Promise<void> {
    await sql(
      this.db,
      `UPDATE staff_user SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1`,
      [id],
    );
  }

  /** One more wrong password in a row: locks the account for `lockMinutes` at `maxFailures`. Answers whether it is locked now. */
  async recordFailure(
    id: string,
    maxFailures: number,
    lockMinutes: number,
    db: Db = this.db,
  ): Promise<boolean> {
    const [row] = await sql<{ locked: boolean }>(
      db,
      `UPDATE staff_user SET failed_sign_ins = failed_sign_ins + 1,
         locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
       WHERE id = $1
       RETURNING coalesce(locked_until > now(), false) AS locked`,
      [id, maxFailures, lockMinutes],
    );
    return row?.locked === true;
  }

  /**
   * Single sign-on: the active account with this provider subject, or else (first sign-in) the one
   * with this verified email and no subject yet, which is linked to the subject. Answers its id.
   */
  async linkSingleSignOn(
    subject: string,
    verifiedEmail: string | null,
  ): Promise<string | undefined> {
    const [row] = await sql<{ id: string }>(
      this.db,
      `UPDATE staff_user SET oidc_subject = $1
       WHERE id = (SELECT id FROM staff_user WHERE active AND (oidc_subject = $1 OR (oidc_subject IS NULL AND $2::text IS NOT NULL AND lower(email) = lower($2)))
                   ORDER BY (oidc_subject = $1) DESC NULLS LAST LIMIT 1)
       RETURNING id`,
      [subject, verifiedEmail],
    );
    return row?.id;
  }

  // --- Calendar feed ---

  async setCalendarFeedTokenHash(
    id: string | null,
    tokenHash: string,
  ): Promise<void> {
    await sql(
      this.db,
      `UPDATE staff_user SET calendar_feed_token_hash = $1 WHERE id = $2`,
      [tokenHash, id],
    );
  }

  async byCalendarFeedTokenHash(
    tokenHash: string,
  ): Promise<StaffMemberRow | undefined> {
    const [row] = await sql<StaffMemberRow>(
      this.db,
      `SELECT id, name, role, team FROM staff_user WHERE calendar_feed_token_hash = $1 AND active`,
      [tokenHash],
    );
    return row;
  }

  /** Ends the account's calendar feed; answers whether it had one. */
  async revokeCalendarFeed(tx: Db, id: string): Promise<boolean> {
    const rows = await sql(
      tx,
      `UPDATE staff_user SET calendar_feed_token_hash = NULL WHERE id = $1 AND calendar_feed_token_hash IS NOT NULL RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }
}
