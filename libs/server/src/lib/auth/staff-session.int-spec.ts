import type { DataSource } from 'typeorm';
import {
  config,
  connect,
  insertStaff,
  unique,
} from '../../testing/int-database';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { SecurityLogService } from '../audit/security-log.service';
import type { Actor } from '../identity/actor';
import { LocalSignInService } from './local-sign-in.service';
import { hashPassword } from './password';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { StaffAccountService } from './staff-account.service';
import { StaffRepository } from './staff.repository';

const request = { ip: '203.0.113.9', id: 'req-int', headers: {} };

describe('staff and sessions against PostgreSQL (StaffRepository, SessionRepository and their services)', () => {
  let db: DataSource;
  let staff: StaffRepository;
  let sessions: SessionService;
  let accounts: StaffAccountService;
  let admin: Actor;
  const settings = config({ SIGN_IN_MAX_FAILURES: '3' });

  const securityEvents = (subjectUserId: string) =>
    db.query(
      `SELECT event, outcome, detail FROM security_log WHERE subject_user_id = $1 ORDER BY id`,
      [subjectUserId],
    ) as Promise<
      { event: string; outcome: string; detail: Record<string, unknown> }[]
    >;

  beforeAll(async () => {
    db = await connect();
    staff = new StaffRepository(db);
    sessions = new SessionService(new SessionRepository(db), settings);
    accounts = new StaffAccountService(
      db,
      staff,
      sessions,
      new SecurityLogService(new AuditLogRepository(db)),
      settings,
    );
    const team = unique('Admins');
    admin = {
      id: await insertStaff(db, {
        name: 'Ada Admin',
        role: 'administrator',
        team,
      }),
      name: 'Ada Admin',
      role: 'administrator',
      team,
    };
  });
  afterAll(() => db.destroy());

  it('starts a session for an active member of staff and resumes it by its cookie value (only its hash is stored)', async () => {
    const team = unique('Team');
    const id = await insertStaff(db, { name: 'Casey', team });
    const cookie = await sessions.start(id, 'password');
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = (await db.query(
      `SELECT token_hash FROM user_session WHERE user_id = $1`,
      [id],
    )) as { token_hash: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toBe(cookie);
    const session = await sessions.resume(cookie);
    expect(session?.actor).toEqual({
      id,
      name: 'Casey',
      role: 'caseworker',
      team,
    });
    expect(session?.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session!.idleExpiresAt.getTime()).toBeLessThanOrEqual(
      session!.expiresAt.getTime(),
    );
    expect(await sessions.resume('not-a-session')).toBeUndefined();
    expect(await sessions.resume('x'.repeat(101))).toBeUndefined();
    expect(await sessions.endByCookie(cookie, 'signed out')).toBe(id);
    expect(await sessions.resume(cookie)).toBeUndefined();
  });

  it("writes a session's use at most once a minute, and answers the idle expiry the table holds", async () => {
    const id = await insertStaff(db, { team: unique('Team') });
    const cookie = (await sessions.start(id, 'password'))!;
    const lastSeen = async () =>
      (
        (await db.query(
          `SELECT last_seen_at FROM user_session WHERE user_id = $1`,
          [id],
        )) as { last_seen_at: Date }[]
      )[0]!.last_seen_at.getTime();
    const xmin = async () =>
      (
        (await db.query(
          `SELECT xmin::text FROM user_session WHERE user_id = $1`,
          [id],
        )) as { xmin: string }[]
      )[0]!.xmin;
    const started = await lastSeen();
    const version = await xmin();
    // Used again at once: nothing written (the row's version is unchanged).
    const again = await sessions.resume(cookie);
    expect(await xmin()).toBe(version);
    expect(again!.idleExpiresAt.getTime()).toBe(
      Math.min(started + 30 * 60_000, again!.expiresAt.getTime()),
    );
    // Last written 61 seconds ago: this use is written, and the idle limit counts from now.
    await db.query(
      `UPDATE user_session SET last_seen_at = now() - interval '61 seconds' WHERE user_id = $1`,
      [id],
    );
    const before = Date.now();
    const touched = await sessions.resume(cookie);
    expect(await lastSeen()).toBeGreaterThan(before - 5_000);
    expect(touched!.idleExpiresAt.getTime()).toBeGreaterThan(
      before + 29 * 60_000,
    );
    // Idle for longer than the limit: the session is over, whatever the touch interval.
    await db.query(
      `UPDATE user_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`,
      [id],
    );
    expect(await sessions.resume(cookie)).toBeUndefined();
  });

  it('starts no session for a disabled account, nor (in production) for a demo account', async () => {
    const team = unique('Team');
    const disabled = await insertStaff(db, { team });
    await db.query(`UPDATE staff_user SET active = false WHERE id = $1`, [
      disabled,
    ]);
    expect(await sessions.start(disabled, 'password')).toBeUndefined();
    const demo = await insertStaff(db, { team, demo: true });
    const production = new SessionService(
      new SessionRepository(db),
      config({ NODE_ENV: 'production', COOKIE_SECURE: 'true' }),
    );
    expect(await production.start(demo, 'password')).toBeUndefined();
    const cookie = await sessions.start(demo, 'password');
    expect(cookie).toBeDefined();
    expect(await production.resume(cookie)).toBeUndefined();
  });

  it('lists active staff (a team’s, for a manager) and finds an active member by id', async () => {
    const team = unique('Team');
    const manager = await insertStaff(db, {
      name: 'B Manager',
      role: 'manager',
      team,
    });
    const worker = await insertStaff(db, { name: 'A Worker', team });
    const gone = await insertStaff(db, { name: 'C Gone', team });
    await db.query(`UPDATE staff_user SET active = false WHERE id = $1`, [
      gone,
    ]);
    expect(await staff.listActive(team)).toEqual([
      { id: worker, name: 'A Worker', role: 'caseworker', team },
      { id: manager, name: 'B Manager', role: 'manager', team },
    ]);
    expect(await staff.findActive(gone)).toBeUndefined();
    expect(await staff.activeManagers([team, unique('Other team')])).toEqual([
      { name: 'B Manager', team },
    ]);
  });

  it('locks an account after SIGN_IN_MAX_FAILURES wrong passwords in a row, and a right one then is refused as locked', async () => {
    const email = `${unique('lock')}@example.org`;
    const id = await insertStaff(db, {
      team: unique('Team'),
      email,
      passwordHash: await hashPassword('correct horse battery staple'),
    });
    const signIns = new LocalSignInService(staff, settings);
    expect(
      await signIns.signIn(email.toUpperCase(), 'correct horse battery staple'),
    ).toEqual({ ok: true, userId: id });
    expect(await signIns.signIn(email, 'wrong')).toEqual({
      ok: false,
      reason: 'invalid',
      userId: id,
      lockedNow: false,
    });
    expect(await signIns.signIn(email, 'wrong')).toMatchObject({
      lockedNow: false,
    });
    expect(await signIns.signIn(email, 'wrong')).toMatchObject({
      reason: 'invalid',
      lockedNow: true,
    });
    expect(await signIns.signIn(email, 'correct horse battery staple')).toEqual(
      { ok: false, reason: 'locked', userId: id },
    );
    expect(
      await signIns.signIn(`${unique('nobody')}@example.org`, 'x'),
    ).toEqual({ ok: false, reason: 'unknown_account' });
  });

  it('an administrator’s changes: each in the security log, a new role ends the sessions and the calendar feed, the last administrator stays', async () => {
    const team = unique('Team');
    const created = await accounts.create(
      {
        name: ' New Person ',
        email: `${unique('new')}@example.org`,
        role: 'caseworker',
        team,
      } as never,
      admin,
      request,
    );
    expect(created).toMatchObject({
      name: 'New Person',
      role: 'caseworker',
      team,
      active: true,
      hasPassword: false,
      lockedUntil: null,
    });
    await expect(
      accounts.create(
        {
          name: 'Again',
          email: created.email!.toUpperCase(),
          role: 'caseworker',
          team,
        } as never,
        admin,
        request,
      ),
    ).rejects.toMatchObject({
      status: 409,
    });
    const cookie = await sessions.start(created.id, 'oidc');
    await staff.setCalendarFeedTokenHash(created.id, 'a'.repeat(64));
    const changed = await accounts.change(
      created.id,
      { role: 'manager' } as never,
      admin,
      request,
    );
    expect(changed.role).toBe('manager');
    expect(await sessions.resume(cookie)).toBeUndefined();
    expect(await staff.byCalendarFeedTokenHash('a'.repeat(64))).toBeUndefined();
    await accounts.disable(created.id, admin, request);
    expect(await staff.findActive(created.id)).toBeUndefined();
    await accounts.enable(created.id, admin, request);
    expect(await staff.findActive(created.id)).toMatchObject({
      id: created.id,
    });
    const events = await securityEvents(created.id);
    expect(events.map((e) => e.event)).toEqual([
      'user.created',
      'user.changed',
      'user.disabled',
      'user.enabled',
    ]);
    expect(events[1]?.detail).toMatchObject({
      sessionsEnded: 1,
      calendarFeedRevoked: true,
    });
    // Administrators cannot demote themselves.
    await expect(
      accounts.change(
        admin.id as string,
        { role: 'manager' } as never,
        admin,
        request,
      ),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('a password reset answers a temporary password once: the old one stops working and the account must set its own', async () => {
    const email = `${unique('reset')}@example.org`;
    const id = await insertStaff(db, {
      team: unique('Team'),
      email,
      passwordHash: await hashPassword('the old password is long'),
    });
    const reset = await accounts.resetPassword(id, admin, request);
    expect(new Date(reset.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const signIns = new LocalSignInService(staff, settings);
    expect(
      await signIns.signIn(email, 'the old password is long'),
    ).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await signIns.signIn(email, reset.temporaryPassword)).toEqual({
      ok: true,
      userId: id,
    });
    const cookie = await sessions.start(id, 'password');
    expect((await sessions.resume(cookie))?.passwordChangeRequired).toBe(true);
  });
});
