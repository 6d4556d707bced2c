import { hash } from '@node-rs/argon2';
import { createHash, randomUUID } from 'node:crypto';
import {
  api,
  type As,
  forgetSession,
  password,
  sessionCookieOf,
  sql,
  uniqueReference,
  users,
} from './support/api';

/** A staff account of its own for one test (lock-out, disabling), so tests never share state. */
async function account(
  role = 'caseworker',
  team = 'SEND North',
): Promise<{ id: string; email: string }> {
  const email = `t-${randomUUID()}@test.council`;
  const [row] = await sql<{ id: string }>(
    `INSERT INTO staff_user (name, role, team, email, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      'Temporary Person',
      role,
      team,
      email,
      await hash(password(), { algorithm: 2 }),
    ],
  );
  return { id: row.id, email };
}

async function signInAs(email: string, pass = password()) {
  return fetch(`${process.env['E2E_BASE_URL']}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: pass }),
  });
}

async function sessionFor(email: string) {
  const res = await signInAs(email);
  expect(res.status).toBe(200);
  return {
    cookie: sessionCookieOf(res.headers) ?? '',
    csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken,
  };
}

const openCase = async (as: As = 'caseworker') => {
  const res = await api(
    'POST',
    '/cases',
    {
      reference: uniqueReference(),
      childName: 'Robin Example',
      dateOfBirth: '2014-02-03',
    },
    as,
  );
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number; reference: string };
};

describe('sign-in and sessions', () => {
  it('sets an httpOnly, SameSite=Strict session cookie (not Secure on http://localhost in tests) and answers who is signed in', async () => {
    const res = await signInAs('caseworker@test.council');
    expect(res.status).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('send_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    const body = (await res.json()) as {
      user: { name: string; role: string };
      csrfToken: string;
    };
    expect(body.user).toMatchObject({
      name: 'Test Caseworker',
      role: 'caseworker',
    });
    expect(body.csrfToken.length).toBeGreaterThan(30);
    // The database holds only a hash of the cookie value.
    const value = decodeURIComponent(
      sessionCookieOf(res.headers)!.split('=')[1],
    );
    expect(
      await sql(`SELECT 1 FROM user_session WHERE token_hash = $1`, [value]),
    ).toHaveLength(0);
  });

  it('accepts sign-in as JSON only (415 for a form, which another site could post: login CSRF)', async () => {
    const url = `${process.env['E2E_BASE_URL']}/api/auth/sign-in`;
    const credentials = {
      email: 'caseworker@test.council',
      password: password(),
    };
    const form = new FormData();
    form.append('email', credentials.email);
    form.append('password', credentials.password);
    for (const init of [
      {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(credentials).toString(),
      },
      {
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify(credentials),
      },
      { body: form },
      { body: JSON.stringify(credentials) },
    ]) {
      const res = await fetch(url, { method: 'POST', ...init });
      expect(res.status).toBe(415);
      expect(res.headers.get('content-type')).toContain(
        'application/problem+json',
      );
      expect(sessionCookieOf(res.headers)).toBeUndefined();
    }
    const json = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(credentials),
    });
    expect(json.status).toBe(200);
  });

  it('refuses a wrong password with the same answer as an unknown email', async () => {
    const wrong = await signInAs('caseworker@test.council', 'not-the-password');
    const unknown = await signInAs(
      `nobody-${randomUUID()}@test.council`,
      'not-the-password',
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await wrong.json()).detail).toBe((await unknown.json()).detail);
  });

  it('locks an account after 5 wrong passwords in a row: then even the right one is refused', async () => {
    const { email } = await account();
    for (let i = 0; i < 5; i++)
      expect((await signInAs(email, 'wrong-password')).status).toBe(401);
    expect((await signInAs(email)).status).toBe(401);
    const [row] = await sql(
      `SELECT failed_sign_ins, locked_until > now() AS locked FROM staff_user WHERE email = $1`,
      [email],
    );
    expect(row).toEqual({ failed_sign_ins: 5, locked: true });
  });

  it('rate-limits sign-in attempts for one address and account (429; 30 a minute in this run)', async () => {
    const email = `flood-${randomUUID()}@test.council`;
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++)
      statuses.push((await signInAs(email, 'x')).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    const res = await signInAs(email, 'x');
    expect(await res.json()).toMatchObject({
      title: 'Too many requests',
      detail: expect.not.stringMatching(/Throttler/),
    });
  });

  it('ends the session on the server at sign-out: the same cookie no longer works', async () => {
    const s = await sessionFor('caseworker@test.council');
    expect((await api('GET', '/auth/session', undefined, s)).status).toBe(200);
    expect((await api('POST', '/auth/sign-out', undefined, s)).status).toBe(
      204,
    );
    expect((await api('GET', '/auth/session', undefined, s)).status).toBe(401);
  });

  it('ends every session of a user the moment an administrator disables them', async () => {
    const { id, email } = await account();
    const s = await sessionFor(email);
    expect((await api('GET', '/deadlines', undefined, s)).status).toBe(200);
    expect(
      (await api('POST', `/users/${id}/disable`, undefined, 'administrator'))
        .status,
    ).toBe(204);
    expect((await api('GET', '/deadlines', undefined, s)).status).toBe(401);
    expect((await signInAs(email)).status).toBe(401);
  });

  it('ends a session after 30 minutes without use, and 10 hours after sign-in however active', async () => {
    const idle = await sessionFor('caseworker@test.council');
    const absolute = await sessionFor('caseworker@test.council');
    const tokenHash = (s: { cookie: string }) =>
      createHash('sha256')
        .update(decodeURIComponent(s.cookie.split('=')[1]))
        .digest('hex');
    await sql(
      `UPDATE user_session SET last_seen_at = now() - interval '31 minutes' WHERE token_hash = $1`,
      [tokenHash(idle)],
    );
    await sql(
      `UPDATE user_session SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
      [tokenHash(absolute)],
    );
    expect((await api('GET', '/auth/session', undefined, idle)).status).toBe(
      401,
    );
    expect(
      (await api('GET', '/auth/session', undefined, absolute)).status,
    ).toBe(401);
  });

  it('refuses a change without the session CSRF token (403), and ignores the old X-Demo-User header', async () => {
    const s = await sessionFor('caseworker@test.council');
    const body = {
      reference: uniqueReference(),
      childName: 'Robin Example',
      dateOfBirth: '2014-02-03',
    };
    expect(
      (
        await api('POST', '/cases', body, {
          cookie: s.cookie,
          csrfToken: 'forged',
        })
      ).status,
    ).toBe(403);
    expect(
      (await api('POST', '/cases', body, null, { cookie: s.cookie })).status,
    ).toBe(403);
    expect(
      (
        await api('GET', '/cases', undefined, null, {
          'x-demo-user': users().caseworker,
        })
      ).status,
    ).toBe(401);
  });

  it('answers with security headers, no framework banner and no cache', async () => {
    const res = await api('GET', '/deadlines');
    expect(res.headers.get('content-security-policy')).toContain(
      "script-src 'self'",
    );
    expect(res.headers.get('content-security-policy')).toContain(
      "frame-ancestors 'none'",
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses bodies over the size limit (413) without detail of the server', async () => {
    const res = await api('POST', '/cases/search', {
      text: 'x'.repeat(300_000),
    });
    expect(res.status).toBe(413);
    expect(res.text).not.toMatch(/at .*\.js|node_modules|express/i);
  });
});

describe('object-level access: teams', () => {
  it("answers another team's case exactly as a case that does not exist (404), and leaves it out of lists", async () => {
    const c = await openCase('caseworker');
    const other = await api(
      'GET',
      `/cases/${c.id}`,
      undefined,
      'othercaseworker',
    );
    const missing = await api(
      'GET',
      `/cases/${randomUUID()}`,
      undefined,
      'othercaseworker',
    );
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.body.title).toBe(missing.body.title);
    for (const path of [
      '/history',
      '/history.csv',
      '/history.json',
      '/history/verification',
    ]) {
      expect(
        (
          await api(
            'GET',
            `/cases/${c.id}${path}`,
            undefined,
            'othercaseworker',
          )
        ).status,
      ).toBe(404);
    }
    const write = await api(
      'POST',
      `/cases/${c.id}/contacts`,
      { expectedVersion: c.version, name: 'A', relationship: 'parent' },
      'othercaseworker',
    );
    expect(write.status).toBe(404);
    const search = await api(
      'POST',
      '/cases/search',
      { text: c.reference },
      'othercaseworker',
    );
    expect(search.body.total).toBe(0);
    expect(
      (await api('POST', '/cases/search', { text: c.reference }, 'manager'))
        .body.total,
    ).toBe(1);
    expect(
      (await api('GET', `/cases/${c.id}`, undefined, 'auditor')).status,
    ).toBe(200);
  });
});

describe('access log', () => {
  it('logs every read of a case, a search and an export: who, what, when, why, from where; append-only; exportable by auditors', async () => {
    const c = await openCase('caseworker');
    await api('GET', `/cases/${c.id}`, undefined, 'caseworker', {
      'x-access-reason': 'SAR 2026/17',
    });
    await api('POST', '/cases/search', { text: c.reference }, 'manager');
    await api('GET', `/cases/${c.id}/history.csv`, undefined, 'auditor');
    const rows = await sql(
      `SELECT actor_id, action, purpose, reason, outcome, ip, at FROM access_log WHERE case_id = $1 ORDER BY id`,
      [c.id],
    );
    // The route's purpose and the reason given, side by side.
    expect(
      rows.map((r) => [r.actor_id, r.action, r.purpose, r.reason, r.outcome]),
    ).toEqual([
      [users().caseworker, 'case.read', 'case work', 'SAR 2026/17', 'allowed'],
      [
        users().auditor,
        'history.export',
        'history export (CSV)',
        null,
        'allowed',
      ],
    ]);
    expect(rows[0].ip).toMatch(/127\.0\.0\.1/);
    const [search] = await sql(
      `SELECT detail FROM access_log WHERE action = 'case.search' AND detail->'criteria'->>'text' = $1`,
      [c.reference],
    );
    expect(search.detail.results).toBe(1);

    await expect(
      sql(`UPDATE access_log SET purpose = 'x' WHERE case_id = $1`, [c.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql(`DELETE FROM access_log WHERE case_id = $1`, [c.id]),
    ).rejects.toThrow(/append-only/);

    expect(
      (await api('GET', '/access-log/export.csv', undefined, 'caseworker'))
        .status,
    ).toBe(403);
    const exported = await api(
      'GET',
      '/access-log/export.csv',
      undefined,
      'auditor',
    );
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('text/csv');
    expect(exported.text.split('\n')[0]).toBe(
      'Entry number,Date and time (UK time),Person,Their role,What they did,Purpose,Reason they gave,Outcome,Refused with (HTTP status),Case reference,Details,From (IP address),Person (account id),Case id',
    );
    expect(exported.text).toContain(`${c.id}`);
    const logged = await sql(
      `SELECT 1 FROM access_log WHERE action = 'access_log.export' AND actor_id = $1`,
      [users().auditor],
    );
    expect(logged.length).toBeGreaterThan(0);
  });

  it("logs refused reads too: another team's case (404), a case that does not exist (404), a role that may not read (403)", async () => {
    const c = await openCase('caseworker');
    const missing = randomUUID();
    expect(
      (await api('GET', `/cases/${c.id}`, undefined, 'othercaseworker')).status,
    ).toBe(404);
    expect(
      (
        await api(
          'GET',
          `/cases/${c.id}/history.json`,
          undefined,
          'othercaseworker',
        )
      ).status,
    ).toBe(404);
    expect(
      (await api('GET', `/cases/${missing}`, undefined, 'auditor')).status,
    ).toBe(404);
    expect(
      (
        await api(
          'GET',
          `/cases/${c.id}/documents/${randomUUID()}`,
          undefined,
          'caseworker',
        )
      ).status,
    ).toBe(404);
    expect(
      (await api('GET', `/cases/${c.id}`, undefined, 'administrator')).status,
    ).toBe(403);
    const denied = await sql(
      `SELECT actor_id, action, status, detail->>'route' AS route FROM access_log
       WHERE outcome = 'denied' AND (case_id = $1 OR case_id = $2) ORDER BY id`,
      [c.id, missing],
    );
    expect(denied.map((r) => [r.actor_id, r.action, r.status])).toEqual([
      [users().othercaseworker, 'case.read', 404],
      [users().othercaseworker, 'history.export', 404],
      [users().auditor, 'case.read', 404],
      [users().caseworker, 'document.read', 404],
      [users().administrator, 'case.read', 403],
    ]);
  });

  it('records from where as the TCP peer when no proxy is trusted: a forged X-Forwarded-For is ignored', async () => {
    await api('GET', '/deadlines', undefined, 'manager', {
      'x-forwarded-for': '203.0.113.66',
    });
    const [row] = await sql(
      `SELECT ip FROM access_log WHERE actor_id = $1 AND action = 'deadline.list' ORDER BY id DESC LIMIT 1`,
      [users().manager],
    );
    expect(row.ip).toMatch(/127\.0\.0\.1/);
  });

  it('neutralises cells a spreadsheet would run as formulas in every export', async () => {
    await api('GET', '/deadlines', undefined, 'caseworker', {
      'x-access-reason': '=HYPERLINK("http://evil")',
    });
    const exported = await api(
      'GET',
      '/access-log/export.csv',
      undefined,
      'auditor',
    );
    expect(exported.text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(exported.text).not.toMatch(/,=HYPERLINK/);
  });
});

describe('security log', () => {
  const eventsOf = (userId: string) =>
    sql(
      `SELECT event, outcome, actor_id, detail, ip FROM security_log WHERE subject_user_id = $1 ORDER BY id`,
      [userId],
    );

  it('records sign-in, its failures with why, the lock-out and sign-out, without passwords or typed emails', async () => {
    const { id, email } = await account();
    const s = await sessionFor(email);
    expect((await api('POST', '/auth/sign-out', undefined, s)).status).toBe(
      204,
    );
    for (let i = 0; i < 5; i++) await signInAs(email, 'wrong-password-typed');
    await signInAs(email);
    const unknown = `nobody-${randomUUID()}@test.council`;
    await signInAs(unknown, 'wrong-password-typed');
    const events = await eventsOf(id);
    expect(
      events.map((e) => [e.event, e.outcome, e.detail.reason ?? null]),
    ).toEqual([
      ['sign_in', 'success', null],
      ['sign_out', 'success', null],
      ['sign_in', 'failure', 'invalid'],
      ['sign_in', 'failure', 'invalid'],
      ['sign_in', 'failure', 'invalid'],
      ['sign_in', 'failure', 'invalid'],
      ['sign_in', 'failure', 'invalid'],
      ['account_locked', 'success', null],
      ['sign_in', 'failure', 'locked'],
    ]);
    expect(events[0]).toMatchObject({
      actor_id: id,
      detail: { method: 'password' },
    });
    expect(events[0].ip).toMatch(/127\.0\.0\.1/);
    const [failed] = await sql(
      `SELECT detail FROM security_log WHERE event = 'sign_in' AND outcome = 'failure' AND subject_user_id IS NULL ORDER BY id DESC LIMIT 1`,
    );
    expect(failed.detail).toEqual({
      method: 'password',
      reason: 'unknown_account',
      emailDigest: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    const all = JSON.stringify(await sql(`SELECT * FROM security_log`));
    expect(all).not.toContain('wrong-password-typed');
    expect(all).not.toContain(unknown);
  });

  it('records a refused CSRF token and an administrator disabling an account; is append-only; auditors export it', async () => {
    const { id, email } = await account();
    const s = await sessionFor(email);
    expect(
      (
        await api(
          'POST',
          '/cases',
          {},
          { cookie: s.cookie, csrfToken: 'forged' },
        )
      ).status,
    ).toBe(403);
    expect(
      (await api('POST', `/users/${id}/disable`, undefined, 'administrator'))
        .status,
    ).toBe(204);
    const events = await eventsOf(id);
    expect(events.map((e) => [e.event, e.outcome])).toEqual([
      ['sign_in', 'success'],
      ['csrf.refused', 'failure'],
      ['user.disabled', 'success'],
    ]);
    expect(events[2]).toMatchObject({
      actor_id: users().administrator,
      detail: { sessionsEnded: 1 },
    });
    await expect(
      sql(
        `UPDATE security_log SET outcome = 'failure' WHERE subject_user_id = $1`,
        [id],
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql(`DELETE FROM security_log WHERE subject_user_id = $1`, [id]),
    ).rejects.toThrow(/append-only/);

    for (const role of ['caseworker', 'manager', 'administrator'] as As[]) {
      expect(
        (await api('GET', '/security-log/export.csv', undefined, role)).status,
      ).toBe(403);
    }
    const exported = await api(
      'GET',
      '/security-log/export.csv',
      undefined,
      'auditor',
    );
    expect(exported.status).toBe(200);
    expect(exported.text.split('\n')[0]).toBe(
      'Entry number,Date and time (UK time),Event,Outcome,Done by,Their role,Staff account concerned,Reason given,Details,From (IP address),Event (code),Done by (account id),Staff account concerned (id)',
    );
    expect(exported.text).toMatch(
      new RegExp(
        `,Staff account disabled,Succeeded,Test Admin,administrator,[\\s\\S]*?user\\.disabled,${users().administrator},${id}`,
      ),
    );
  });
});

afterAll(() => {
  for (const as of [
    'caseworker',
    'manager',
    'auditor',
    'administrator',
    'othercaseworker',
  ] as As[])
    forgetSession(as);
});
