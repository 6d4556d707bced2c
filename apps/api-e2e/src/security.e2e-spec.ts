import { hash } from '@node-rs/argon2';
import { Queue } from 'bullmq';
import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import {
  api,
  download,
  password,
  type Session,
  sessionCookieOf,
  sessionOf,
  sql,
  uniqueReference,
  upload,
  users,
} from './support/api';
import {
  EICAR,
  type FakeClamd,
  HANG,
  startFakeClamd,
} from './support/fake-clamd';
import { call } from './support/own-api';
import { type ApiProcess, COUNCIL_SENDER, startApi } from './support/process';
import { addStaff } from './support/team';
import { docx } from './support/zip';

/*
 * Issue 12, "Trust, second round": each finding of the penetration test, kept fixed. The run's API
 * is used where it can be; an API process of this file's own (its own rate limits, a fake malware
 * scanner on loopback, info logs) where a setting must differ, and a production API on a database
 * seeded in demo mode for the demo accounts.
 */

const base = () => process.env['E2E_BASE_URL'] as string;
const ROOT = resolve(__dirname, '../../..');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');

interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

async function signInWith(
  email: string,
  pass: string,
  baseUrl = base(),
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password: pass }),
  });
  const text = await res.text();
  const body = text ? JSON.parse(text) : {};
  const cookie = sessionCookieOf(res.headers);
  return {
    status: res.status,
    body,
    session: cookie
      ? ({ cookie, csrfToken: body.csrfToken as string } as Session)
      : undefined,
  };
}

const securityEvents = (subject: string, event?: string) =>
  sql(
    `SELECT event, outcome, actor_id, detail, request_id FROM security_log WHERE subject_user_id = $1 ${event ? 'AND event = $2' : ''} ORDER BY id`,
    [subject, ...(event ? [event] : [])],
  );

const feedOf = async (session: Session) => {
  const issued = await api<{ url: string }>(
    'POST',
    '/me/calendar-feed',
    undefined,
    session,
  );
  expect(issued.status).toBe(201);
  return issued.body.url.replace(/^https?:\/\/[^/]+/, base());
};

async function caseWithDeadline(session: Session, childName = 'Feed Child') {
  const reference = uniqueReference();
  const opened = await api(
    'POST',
    '/cases',
    { reference, childName, dateOfBirth: '2013-06-30' },
    session,
  );
  expect(opened.status).toBe(201);
  const decided = await api(
    'POST',
    `/cases/${opened.body.id}/decisions`,
    {
      expectedVersion: opened.body.version,
      type: 'refuse_assessment',
      decisionDate: '2026-02-25',
      letterSent: '2026-02-26',
      sections: [],
    },
    session,
  );
  expect(decided.status).toBe(201);
  return {
    id: opened.body.id as string,
    reference,
    version: decided.body.version as number,
  };
}

describe('finding 1: the calendar feed follows the staff member, by id, within what they may read now', () => {
  it('a namesake in another team, or in the same team, receives none of the first one’s deadlines', async () => {
    const name = `Sam Namesake ${randomUUID().slice(0, 6)}`;
    const north = await addStaff(name, 'caseworker', 'SEND North');
    const south = await addStaff(name, 'caseworker', 'SEND South');
    const northManager = await addStaff(name, 'manager', 'SEND North');
    const held = await caseWithDeadline(north.session);

    const northFeed = await (await fetch(await feedOf(north.session))).text();
    expect(northFeed).toContain(held.reference);
    for (const other of [south, northManager]) {
      const feed = await fetch(await feedOf(other.session));
      expect(feed.status).toBe(200);
      const text = await feed.text();
      expect(text).not.toContain(held.reference);
      expect(text).not.toContain('BEGIN:VEVENT');
    }
    // The case and its deadlines carry the id of who holds them.
    const [row] = await sql(`SELECT caseworker_id FROM "case" WHERE id = $1`, [
      held.id,
    ]);
    expect(row.caseworker_id).toBe(north.id);
    const owners = await sql(
      `SELECT DISTINCT owner_id FROM deadline WHERE case_id = $1`,
      [held.id],
    );
    expect(owners).toEqual([{ owner_id: north.id }]);
  });

  it('moves with a reassigned case to the new caseworker, by id: their namesake in another team gets none of it', async () => {
    const suffix = randomUUID().slice(0, 6);
    const first = await addStaff(
      `Jo First ${suffix}`,
      'caseworker',
      'SEND North',
    );
    const second = await addStaff(
      `Kim Second ${suffix}`,
      'caseworker',
      'SEND North',
    );
    const namesake = await addStaff(
      `Kim Second ${suffix}`,
      'caseworker',
      'SEND South',
    );
    const held = await caseWithDeadline(first.session);
    const moved = await api(
      'POST',
      `/cases/${held.id}/reassignment`,
      {
        expectedVersion: held.version,
        staffUserId: second.id,
        reason: 'Caseload balancing',
      },
      'manager',
    );
    expect(moved.status).toBe(201);
    expect(await (await fetch(await feedOf(second.session))).text()).toContain(
      held.reference,
    );
    expect(
      await (await fetch(await feedOf(first.session))).text(),
    ).not.toContain(held.reference);
    expect(
      await (await fetch(await feedOf(namesake.session))).text(),
    ).not.toContain(held.reference);
    const [row] = await sql(`SELECT caseworker_id FROM "case" WHERE id = $1`, [
      held.id,
    ]);
    expect(row.caseworker_id).toBe(second.id);
    const live = await sql(
      `SELECT DISTINCT owner_id FROM deadline WHERE case_id = $1 AND status IN ('open', 'overdue')`,
      [held.id],
    );
    expect(live).toEqual([{ owner_id: second.id }]);
  });

  it.each<[string, (id: string) => Promise<{ status: number }>]>([
    [
      'made an administrator',
      (id) =>
        api(
          'PATCH',
          `/users/${id}`,
          { role: 'administrator' },
          'administrator',
        ),
    ],
    [
      'made an auditor',
      (id) =>
        api('PATCH', `/users/${id}`, { role: 'auditor' }, 'administrator'),
    ],
    [
      'moved to another team',
      (id) =>
        api('PATCH', `/users/${id}`, { team: 'SEND South' }, 'administrator'),
    ],
    [
      'disabled',
      (id) => api('POST', `/users/${id}/disable`, undefined, 'administrator'),
    ],
    [
      'given a password reset',
      (id) =>
        api('POST', `/users/${id}/password-reset`, undefined, 'administrator'),
    ],
  ])(
    'is revoked when its owner is %s (the URL answers 404 from then on)',
    async (_what, change) => {
      const person = await addStaff(
        `Revoked ${randomUUID().slice(0, 6)}`,
        'caseworker',
        'SEND North',
      );
      await caseWithDeadline(person.session);
      const url = await feedOf(person.session);
      expect((await fetch(url)).status).toBe(200);
      expect((await change(person.id)).status).toBeLessThan(300);
      expect((await fetch(url)).status).toBe(404);
      const [row] = await sql(
        `SELECT calendar_feed_token_hash FROM staff_user WHERE id = $1`,
        [person.id],
      );
      expect(row.calendar_feed_token_hash).toBeNull();
      const [logged] = (await securityEvents(person.id))
        .filter((e) => e.event !== 'sign_in')
        .slice(-1);
      expect(logged.detail).toMatchObject({ calendarFeedRevoked: true });
    },
  );

  it('answers 404 for a feed whose owner holds a role without cases, even if its token is still stored', async () => {
    const person = await addStaff(
      `Odd ${randomUUID().slice(0, 6)}`,
      'caseworker',
      'SEND North',
    );
    const url = await feedOf(person.session);
    // A change behind the API's back: the role changes but the token stays.
    await sql(`UPDATE staff_user SET role = 'auditor' WHERE id = $1`, [
      person.id,
    ]);
    expect((await fetch(url)).status).toBe(404);
  });
});

describe('finding 3: passwords people can change', () => {
  const NEW = 'kestrel violin harbour morning';

  async function localAccount(pass = password()) {
    const email = `pw-${randomUUID()}@test.council`;
    const [row] = await sql<{ id: string }>(
      `INSERT INTO staff_user (name, role, team, email, password_hash) VALUES ('Pat Password', 'caseworker', 'SEND North', $1, $2) RETURNING id`,
      [email, await hash(pass, { algorithm: 2 })],
    );
    return { id: row!.id, email };
  }

  it('changes one’s own password with the current one; other sessions end, this one goes on; audited, never the password', async () => {
    const { id, email } = await localAccount();
    const here = (await signInWith(email, password())).session!;
    const elsewhere = (await signInWith(email, password())).session!;

    const res = await api(
      'POST',
      '/auth/password',
      { currentPassword: password(), newPassword: NEW },
      here,
    );
    expect(res.status).toBe(204);
    expect((await api('GET', '/auth/session', undefined, here)).status).toBe(
      200,
    );
    expect(
      (await api('GET', '/auth/session', undefined, elsewhere)).status,
    ).toBe(401);
    expect((await signInWith(email, password())).status).toBe(401);
    expect((await signInWith(email, NEW)).status).toBe(200);

    const [changed] = await securityEvents(id, 'password.changed');
    expect(changed).toMatchObject({
      outcome: 'success',
      actor_id: id,
      detail: { otherSessionsEnded: 1, wasRequired: false },
    });
    expect(
      JSON.stringify(
        await sql(`SELECT * FROM security_log WHERE subject_user_id = $1`, [
          id,
        ]),
      ),
    ).not.toContain(NEW);
  });

  it('refuses a wrong current password (counted towards the lock-out), and a new one too short, common, easy to guess or unchanged', async () => {
    const { id, email } = await localAccount();
    const s = (await signInWith(email, password())).session!;
    const wrong = await api<Problem>(
      'POST',
      '/auth/password',
      { currentPassword: 'not-my-password', newPassword: NEW },
      s,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors?.map((e) => e.field)).toEqual(['currentPassword']);
    expect(
      (
        await sql(`SELECT failed_sign_ins FROM staff_user WHERE id = $1`, [id])
      )[0].failed_sign_ins,
    ).toBe(1);

    for (const [newPassword, message] of [
      ['short-pass', /at least 12 characters/],
      ['1qaz2wsx3edc', /most common passwords/],
      ['Password12345!', /too easy to guess/],
      ['pat password 2026', /made of your name or email/],
      [password(), /must differ/],
    ] as const) {
      const res = await api<Problem>(
        'POST',
        '/auth/password',
        { currentPassword: password(), newPassword },
        s,
      );
      expect({
        status: res.status,
        field: res.body.errors?.[0]?.field,
        detail: res.body.detail,
      }).toEqual({
        status: 400,
        field: 'newPassword',
        detail: expect.stringMatching(message),
      });
    }
    expect((await signInWith(email, password())).status).toBe(200);
  });

  it('locks the account and ends its sessions after 5 wrong current passwords in a row', async () => {
    const { id, email } = await localAccount();
    const s = (await signInWith(email, password())).session!;
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await api(
            'POST',
            '/auth/password',
            { currentPassword: `wrong-${i}-password`, newPassword: NEW },
            s,
          )
        ).status,
      ).toBe(400);
    }
    expect((await api('GET', '/auth/session', undefined, s)).status).toBe(401);
    expect((await signInWith(email, password())).status).toBe(401);
    expect((await securityEvents(id, 'account_locked')).length).toBe(1);
  });

  it('says so for an account that signs in through the identity provider only (409)', async () => {
    const email = `sso-${randomUUID()}@test.council`;
    const [row] = await sql<{ id: string }>(
      `INSERT INTO staff_user (name, role, team, email) VALUES ('Sso Only', 'caseworker', 'SEND North', $1) RETURNING id`,
      [email],
    );
    // A session started for it directly (as single sign-on would).
    const token = randomUUID() + randomUUID();
    await sql(
      `INSERT INTO user_session (token_hash, csrf_token, user_id, method, expires_at) VALUES ($1, 'csrf-sso', $2, 'oidc', now() + interval '1 hour')`,
      [createHash('sha256').update(token).digest('hex'), row!.id],
    );
    const res = await api<Problem>(
      'POST',
      '/auth/password',
      { currentPassword: 'anything', newPassword: NEW },
      { cookie: `send_session=${token}`, csrfToken: 'csrf-sso' },
    );
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/identity provider/);
  });

  it('an administrator’s reset: a temporary password shown once; the old one stops working, sessions end; it only lets its owner set a new one', async () => {
    const { id, email } = await localAccount();
    const before = (await signInWith(email, password())).session!;
    const reset = await api<{ temporaryPassword: string; expiresAt: string }>(
      'POST',
      `/users/${id}/password-reset`,
      undefined,
      'administrator',
    );
    expect(reset.status).toBe(200);
    const temporary = reset.body.temporaryPassword;
    expect(temporary).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(
      new Date(reset.body.expiresAt).getTime() - Date.now(),
    ).toBeGreaterThan(23 * 3600_000);
    expect((await api('GET', '/auth/session', undefined, before)).status).toBe(
      401,
    );
    expect((await signInWith(email, password())).status).toBe(401);
    const [stored] = await sql(
      `SELECT password_hash FROM staff_user WHERE id = $1`,
      [id],
    );
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    expect(
      JSON.stringify(
        await sql(`SELECT * FROM security_log WHERE subject_user_id = $1`, [
          id,
        ]),
      ),
    ).not.toContain(temporary);
    expect((await securityEvents(id, 'user.password_reset'))[0]).toMatchObject({
      actor_id: users().administrator,
      detail: { sessionsEnded: 1 },
    });

    const first = await signInWith(email, temporary);
    expect(first.status).toBe(200);
    expect(first.body.passwordChangeRequired).toBe(true);
    const s = first.session!;
    for (const [method, path] of [
      ['GET', '/cases'],
      ['GET', '/notifications'],
      ['POST', '/me/calendar-feed'],
    ]) {
      const refused = await api<Problem>(method!, path!, undefined, s);
      expect({ path, status: refused.status }).toEqual({ path, status: 403 });
      expect(refused.body.detail).toMatch(/Set a password of your own/);
    }
    expect(
      (await api('GET', '/auth/session', undefined, s)).body
        .passwordChangeRequired,
    ).toBe(true);
    expect(
      (
        await api(
          'POST',
          '/auth/password',
          { currentPassword: temporary, newPassword: NEW },
          s,
        )
      ).status,
    ).toBe(204);
    expect(
      (await api('GET', '/auth/session', undefined, s)).body
        .passwordChangeRequired,
    ).toBe(false);
    expect((await api('GET', '/cases', undefined, s)).status).toBe(200);
    // Used: the temporary password is gone.
    expect((await signInWith(email, temporary)).status).toBe(401);
    expect((await signInWith(email, NEW)).body.passwordChangeRequired).toBe(
      false,
    );
  });

  it('a temporary password stops working when it expires', async () => {
    const { id, email } = await localAccount();
    const reset = await api(
      'POST',
      `/users/${id}/password-reset`,
      undefined,
      'administrator',
    );
    await sql(
      `UPDATE staff_user SET password_expires_at = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    const res = await signInWith(email, reset.body.temporaryPassword);
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/temporary password has expired/);
  });

  it('an account an administrator creates with a first password must set its own at first sign-in', async () => {
    const email = `first-${randomUUID()}@test.council`;
    const first = 'marble-otter-cinnamon-47';
    const created = await api(
      'POST',
      '/users',
      {
        name: 'First Timer',
        email,
        role: 'caseworker',
        team: 'SEND North',
        password: first,
      },
      'administrator',
    );
    expect(created.status).toBe(201);
    const signed = await signInWith(email, first);
    expect(signed.body.passwordChangeRequired).toBe(true);
    expect(
      (await api('GET', '/cases', undefined, signed.session!)).status,
    ).toBe(403);
    // A common password is refused at creation already.
    const weak = await api<Problem>(
      'POST',
      '/users',
      {
        name: 'Weak',
        email: `w-${email}`,
        role: 'caseworker',
        team: 'SEND North',
        password: 'qwerty123456',
      },
      'administrator',
    );
    expect(weak.status).toBe(400);
    expect(weak.body.errors?.map((e) => e.field)).toEqual(['password']);
  });

  it('refuses an administrator resetting their own password, a disabled account and an unknown one', async () => {
    expect(
      (
        await api(
          'POST',
          `/users/${users().administrator}/password-reset`,
          undefined,
          'administrator',
        )
      ).status,
    ).toBe(409);
    const { id } = await localAccount();
    expect(
      (await api('POST', `/users/${id}/disable`, undefined, 'administrator'))
        .status,
    ).toBe(204);
    expect(
      (
        await api(
          'POST',
          `/users/${id}/password-reset`,
          undefined,
          'administrator',
        )
      ).status,
    ).toBe(409);
    expect(
      (
        await api(
          'POST',
          `/users/${randomUUID()}/password-reset`,
          undefined,
          'administrator',
        )
      ).status,
    ).toBe(404);
    expect(
      (await api('POST', `/users/${id}/password-reset`, undefined, 'manager'))
        .status,
    ).toBe(403);
  });
});

describe('finding 4: Bull Board is read-only', () => {
  it('refuses to pause the deadline queue (or any other change), with or without a CSRF token; the queue runs on', async () => {
    const admin = await sessionOf('administrator');
    const attempts: Record<string, string>[] = [
      { cookie: admin.cookie },
      { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
    ];
    for (const headers of attempts) {
      for (const [method, path] of [
        ['PUT', '/api/admin/queues/api/queues/deadlines/pause'],
        ['PUT', '/api/admin/queues/api/queues/pause'],
        ['PUT', '/api/admin/queues/api/queues/deadlines/empty'],
        ['POST', '/api/admin/queues/api/queues/deadlines/add'],
        ['DELETE', '/api/admin/queues/api/queues/deadlines/clean/completed'],
      ]) {
        const res = await fetch(`${base()}${path}`, { method, headers });
        expect({ path, status: res.status }).toEqual({ path, status: 405 });
      }
    }
    const queue = new Queue('deadlines', {
      connection: { url: process.env['E2E_REDIS_URL'] },
      prefix: process.env['E2E_REDIS_PREFIX'],
    });
    try {
      expect(await queue.isPaused()).toBe(false);
    } finally {
      await queue.close();
    }
    // Reading still works.
    const read = await fetch(
      `${base()}/api/admin/queues/api/queues?activeQueue=deadlines`,
      { headers: { cookie: admin.cookie } },
    );
    expect(read.status).toBe(200);
    expect(
      (
        (await read.json()) as {
          queues: { name: string; readOnlyMode: boolean }[];
        }
      ).queues,
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'deadlines', readOnlyMode: true }),
      ]),
    );
  });
});

describe('no 5xx on hostile input', () => {
  let otherTeamCase = '';
  beforeAll(async () => {
    otherTeamCase = (
      await caseWithDeadline(
        await sessionOf('othercaseworker'),
        'Other Team Child',
      )
    ).id;
  });

  it('refuses NUL characters and lone surrogates with 400 in bodies, query strings and paths, naming where', async () => {
    const reference = uniqueReference();
    const cases: [string, string, string | undefined, string][] = [
      [
        'POST',
        '/cases',
        JSON.stringify({
          reference,
          childName: 'Nul\u0000Child',
          dateOfBirth: '2014-01-01',
        }),
        'childName',
      ],
      [
        'POST',
        '/cases',
        `{"reference":"${reference}","childName":"Lone \\ud800 surrogate","dateOfBirth":"2014-01-01"}`,
        'childName',
      ],
      ['POST', '/cases/search', JSON.stringify({ text: 'x\u0000y' }), 'text'],
      ['POST', '/cases/search', '{"text":"\\udc00ab"}', 'text'],
      ['GET', '/cases?x=%00', undefined, 'x'],
      ['GET', '/deadlines?filter=%00', undefined, 'filter'],
      ['GET', `/cases/${randomUUID()}%00`, undefined, 'path'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await api<Problem>(method, path, body, 'caseworker');
      expect({
        path,
        status: res.status,
        type: res.headers.get('content-type'),
        field: res.body.errors?.[0]?.field,
      }).toEqual({
        path,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
        field,
      });
    }
    expect(
      (
        await sql(
          `SELECT count(*)::int AS n FROM "case" WHERE reference = $1`,
          [reference],
        )
      )[0].n,
    ).toBe(0);
    const refusedSignIn = await api<Problem>(
      'POST',
      '/auth/sign-in',
      { email: 'case\u0000worker@test.council', password: 'x' },
      null,
    );
    expect(refusedSignIn.status).toBe(400);
  });

  it('records every refusal whatever the input: a refused read of another team’s case with ?x=%00 is in the security and access logs', async () => {
    const res = await api<Problem>(
      'GET',
      `/cases/${otherTeamCase}?x=%00`,
      undefined,
      'caseworker',
    );
    expect(res.status).toBe(400);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const [security] = await sql(
      `SELECT event, actor_id, detail FROM security_log WHERE request_id = $1`,
      [requestId],
    );
    expect(security).toMatchObject({
      event: 'request.refused',
      actor_id: users().caseworker,
      detail: {
        kind: 'nul',
        where: 'query string',
        field: 'x',
        method: 'GET',
        path: `/api/cases/${otherTeamCase}`,
      },
    });
    const [access] = await sql(
      `SELECT actor_id, outcome, status, case_id FROM access_log WHERE request_id = $1`,
      [requestId],
    );
    expect(access).toEqual({
      actor_id: users().caseworker,
      outcome: 'denied',
      status: 400,
      case_id: otherTeamCase,
    });

    // A refused read whose input is strange but storable reaches the access log as before (404 for another team's case).
    const odd = await api(
      'GET',
      `/cases/${otherTeamCase}?q=%EF%BF%BF%C3%A9%F0%9F%93%84`,
      undefined,
      'caseworker',
      { 'x-access-reason': 'SAR 2026/\u00e9' },
    );
    expect(odd.status).toBe(404);
    const [denied] = await sql(
      `SELECT outcome, status, reason, detail FROM access_log WHERE request_id = $1`,
      [odd.headers.get('x-request-id')],
    );
    expect(denied).toMatchObject({
      outcome: 'denied',
      status: 404,
      detail: { query: { q: '\uffff\u00e9📄' } },
    });
  });

  it('refuses whole numbers beyond PostgreSQL’s range with 400 (offset, history after, event sequence)', async () => {
    const c = await caseWithDeadline(await sessionOf('caseworker'));
    const TWENTY_DIGITS = '12345678901234567890';
    for (const path of [
      '/cases?offset=1e20',
      `/cases?offset=${TWENTY_DIGITS}`,
      '/cases?limit=99999999999',
      '/deadlines?offset=1e20',
      `/deadlines?offset=${TWENTY_DIGITS}`,
      `/cases/${c.id}/history?after=1e20`,
      `/cases/${c.id}/history?after=${TWENTY_DIGITS}`,
      `/reports/deadlines/list?offset=${TWENTY_DIGITS}`,
    ]) {
      const res = await api<Problem>(
        'GET',
        path,
        undefined,
        path.startsWith('/reports') ? 'manager' : 'caseworker',
      );
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
    }
    const correction = await api(
      'POST',
      `/cases/${c.id}/events/${TWENTY_DIGITS}/correction`,
      { expectedVersion: c.version, reason: 'r', changes: {} },
    );
    expect(correction.status).toBe(400);
    const version = await api('POST', `/cases/${c.id}/contacts`, {
      expectedVersion: 1e20,
      name: 'A',
      relationship: 'B',
    });
    expect(version.status).toBe(400);
    const doc = await upload(
      `/cases/${c.id}/events/${TWENTY_DIGITS}/documents`,
      { expectedVersion: String(c.version) },
      { filename: 'a.pdf', contentType: 'application/pdf', bytes: PDF },
    );
    expect(doc.status).toBe(400);
  });

  it('refuses JSON nested 50,000 deep with 400, and answers the next request as usual', async () => {
    const deep = `{"text":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const res = await api<Problem>('POST', '/cases/search', deep);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/nested more than 32 levels deep/);
    expect((await api('POST', '/cases/search', { text: 'Robin' })).status).toBe(
      200,
    );
  });
});

describe('documents: names both ways, the stored extension, office documents’ unpacked size', () => {
  let c: { id: string; version: number };
  beforeAll(async () => {
    c = await caseWithDeadline(await sessionOf('caseworker'), 'Document Child');
  });
  const version = async () =>
    (await api('GET', `/cases/${c.id}`)).body.version as number;

  /** Posts a multipart upload by hand, so that the file part's headers are exactly as given. */
  async function rawUpload(disposition: Buffer, bytes: Buffer) {
    const s = await sessionOf('caseworker');
    const boundary = `----e2e${randomUUID()}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="expectedVersion"\r\n\r\n${await version()}\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; `,
      ),
      disposition,
      Buffer.from(`\r\nContent-Type: application/octet-stream\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await fetch(`${base()}/api/cases/${c.id}/events/2/documents`, {
      method: 'POST',
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrfToken,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body,
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        documents: { id: string; filename: string; sha256: string }[];
        detail?: string;
      },
    };
  }

  const NAME = 'Décision – Amira Khan 📄.pdf';

  it.each([
    [
      'raw UTF-8 bytes in filename (as browsers send)',
      Buffer.from(`filename="${NAME}"`, 'utf8'),
    ],
    [
      'RFC 5987 filename*',
      Buffer.from(`filename*=UTF-8''${encodeURIComponent(NAME)}`, 'latin1'),
    ],
  ])(
    'takes a name outside Latin-1 sent as %s, stores it as sent, and downloads it with RFC 6266 encoding',
    async (_how, disposition) => {
      const bytes = Buffer.concat([PDF, Buffer.from(`\n%${randomUUID()}`)]);
      const res = await rawUpload(disposition, bytes);
      expect(res.status).toBe(201);
      const sha = createHash('sha256').update(bytes).digest('hex');
      const doc = res.body.documents.find((d) => d.sha256 === sha)!;
      expect(doc.filename).toBe(NAME);
      const file = await download(`/cases/${c.id}/documents/${doc.id}`);
      expect(file.status).toBe(200);
      const header = file.headers.get('content-disposition') ?? '';
      // RFC 6266: an ISO-8859-1 `filename` for old clients (what it cannot hold becomes ?), the exact name in `filename*` (RFC 5987).
      expect(header).toBe(
        `attachment; filename="Décision ? Amira Khan ??.pdf"; filename*=UTF-8''${encodeURIComponent(NAME)}`,
      );
      expect(decodeURIComponent(header.split("filename*=UTF-8''")[1]!)).toBe(
        NAME,
      );
      expect(file.bytes.equals(bytes)).toBe(true);
    },
  );

  it.each([
    ['letter.html', 'letter.pdf'],
    ['setup.exe', 'setup.pdf'],
    ['scan.svg', 'scan.pdf'],
  ])(
    'stores PDF content sent as %s under the extension of its type: %s',
    async (sent, stored) => {
      const bytes = Buffer.concat([PDF, Buffer.from(`\n%${randomUUID()}`)]);
      const res = await upload(
        `/cases/${c.id}/events/2/documents`,
        { expectedVersion: String(await version()) },
        { filename: sent, contentType: 'text/html', bytes },
      );
      expect(res.status).toBe(201);
      const doc = res.body.documents.find(
        (d: { sha256: string }) =>
          d.sha256 === createHash('sha256').update(bytes).digest('hex'),
      );
      expect(doc).toMatchObject({
        filename: stored,
        contentType: 'application/pdf',
      });
      const file = await download(`/cases/${c.id}/documents/${doc.id}`);
      expect(file.headers.get('content-disposition')).toBe(
        `attachment; filename="${stored}"`,
      );
      expect(file.headers.get('content-type')).toContain('application/pdf');
    },
  );

  it('refuses a Word document that unpacks to more than 100 MB (a zip bomb of 200 MB in about 200 kB), and one whose directory lies', async () => {
    const before = (
      await sql(`SELECT count(*)::int AS n FROM document WHERE case_id = $1`, [
        c.id,
      ])
    )[0].n;
    const bomb = docx([
      { name: 'word/media/image1.png', data: Buffer.alloc(200 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await upload<Problem>(
      `/cases/${c.id}/events/2/documents`,
      { expectedVersion: String(await version()) },
      {
        filename: 'plan.docx',
        contentType:
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        bytes: bomb,
      },
    );
    expect(res.status).toBe(415);
    expect(res.body.detail).toMatch(/unpack to more than 100 MB/);

    const liar = docx([
      {
        name: 'word/media/image1.png',
        data: Buffer.alloc(20 * 1024 * 1024),
        declaredSize: 1000,
      },
    ]);
    const lied = await upload<Problem>(
      `/cases/${c.id}/events/2/documents`,
      { expectedVersion: String(await version()) },
      {
        filename: 'plan.docx',
        contentType: 'application/octet-stream',
        bytes: liar,
      },
    );
    expect(lied.status).toBe(415);
    expect(
      (
        await sql(
          `SELECT count(*)::int AS n FROM document WHERE case_id = $1`,
          [c.id],
        )
      )[0].n,
    ).toBe(before);
    const refused = await sql(
      `SELECT detail FROM security_log WHERE event = 'document.refused' AND detail->>'caseId' = $1 ORDER BY id`,
      [c.id],
    );
    expect(refused.map((r) => r.detail.reason)).toEqual([
      'zip_too_large',
      'zip_unreadable',
    ]);

    // An ordinary Word document is taken.
    const fine = docx();
    const ok = await upload(
      `/cases/${c.id}/events/2/documents`,
      { expectedVersion: String(await version()) },
      {
        filename: 'plan.pdf',
        contentType: 'application/pdf',
        bytes: fine,
      },
    );
    expect(ok.status).toBe(201);
    const sha = createHash('sha256').update(fine).digest('hex');
    expect(
      ok.body.documents.find((d: { sha256: string }) => d.sha256 === sha),
    ).toMatchObject({ filename: 'plan.docx' });
  });

  it('refuses a file name holding a NUL character with 400', async () => {
    const res = await rawUpload(
      Buffer.from(`filename*=UTF-8''bad%00name.pdf`, 'latin1'),
      PDF,
    );
    expect(res.status).toBe(400);
  });
});

describe('an API of this file’s own: the malware scanner, rate limits, re-sign-in, headers, the request log', () => {
  let own: ApiProcess;
  let clamd: FakeClamd;
  beforeAll(async () => {
    clamd = await startFakeClamd();
    own = await startApi({
      TRUST_PROXY: 'loopback',
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '3',
      RATE_LIMIT_SIGN_IN_PER_ADDRESS_PER_MINUTE: '5',
      MALWARE_SCANNER_URL: `clamd://127.0.0.1:${clamd.port}`,
      MALWARE_SCANNER_TIMEOUT_MS: '1500',
      LOG_LEVEL: 'info',
    });
  }, 60_000);
  afterAll(async () => {
    await own?.stop();
    await clamd?.stop();
  });

  /** Sign-in to the own API from a client address of the test's choosing (TRUST_PROXY=loopback). */
  const from = (address: string, email: string, pass = password()) =>
    signInWith(email, pass, own.baseUrl, { 'x-forwarded-for': address });

  describe('the malware scanner hook (clamd INSTREAM)', () => {
    let c: { id: string; version: number };
    beforeAll(async () => {
      c = await caseWithDeadline(
        await sessionOf('caseworker'),
        'Scanned Child',
      );
    });
    const attach = async (bytes: Buffer) => {
      const s = await sessionOf('caseworker');
      const form = new FormData();
      form.append(
        'expectedVersion',
        String((await api('GET', `/cases/${c.id}`)).body.version),
      );
      form.append(
        'file',
        new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }),
        'scan.pdf',
      );
      const res = await fetch(
        `${own.baseUrl}/api/cases/${c.id}/events/2/documents`,
        {
          method: 'POST',
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken },
          body: form,
        },
      );
      return { status: res.status, body: (await res.json()) as Problem };
    };

    it('sends every upload to the scanner, whole, and stores a clean one', async () => {
      const bytes = Buffer.concat([PDF, Buffer.alloc(200_000, 7)]);
      const res = await attach(bytes);
      expect(res.status).toBe(201);
      expect(clamd.received.at(-1)?.equals(bytes)).toBe(true);
    });

    it('refuses a file the scanner finds malware in (422), storing nothing; recorded in the security log', async () => {
      const before = (
        await sql(
          `SELECT count(*)::int AS n FROM document WHERE case_id = $1`,
          [c.id],
        )
      )[0].n;
      const res = await attach(
        Buffer.concat([PDF, Buffer.from(`\n%${EICAR}\n`)]),
      );
      expect(res.status).toBe(422);
      expect(res.body.detail).toContain('Eicar-Test-Signature');
      expect(
        (
          await sql(
            `SELECT count(*)::int AS n FROM document WHERE case_id = $1`,
            [c.id],
          )
        )[0].n,
      ).toBe(before);
      const [logged] = await sql(
        `SELECT detail FROM security_log WHERE event = 'document.refused' AND detail->>'caseId' = $1 ORDER BY id DESC LIMIT 1`,
        [c.id],
      );
      expect(logged.detail).toMatchObject({
        reason: 'malware',
        signature: 'Eicar-Test-Signature',
      });
    });

    it('refuses a file when the scanner does not answer in time (503: nothing unscanned is kept)', async () => {
      const res = await attach(
        Buffer.concat([PDF, Buffer.from(`\n%${HANG}\n`)]),
      );
      expect(res.status).toBe(503);
      expect(res.body.detail).toMatch(/virus scanner did not answer/);
    });

    it('is off by default: the run’s own API stores the same file without asking any scanner', async () => {
      const count = clamd.received.length;
      const bytes = Buffer.concat([PDF, Buffer.from(`\n%${randomUUID()}`)]);
      const res = await upload(
        `/cases/${c.id}/events/2/documents`,
        {
          expectedVersion: String(
            (await api('GET', `/cases/${c.id}`)).body.version,
          ),
        },
        {
          filename: 'plain.pdf',
          contentType: 'application/pdf',
          bytes,
        },
      );
      expect(res.status).toBe(201);
      expect(clamd.received.length).toBe(count);
    });
  });

  it('counts sign-in attempts by the normalised email: case and spaces make no new allowance', async () => {
    const email = `limit-${randomUUID()}@test.council`;
    const statuses: number[] = [];
    for (const variant of [
      email,
      email.toUpperCase(),
      `  ${email}  `,
      ` ${email.toUpperCase()}`,
    ]) {
      statuses.push((await from('198.51.100.1', variant, 'wrong')).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('counts every attempt from one address across emails', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await from(
            '198.51.100.2',
            `spray-${i}-${randomUUID()}@test.council`,
            'wrong',
          )
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Another address is not held back.
    expect(
      (
        await from(
          '198.51.100.3',
          `spray-x-${randomUUID()}@test.council`,
          'wrong',
        )
      ).status,
    ).toBe(401);
  });

  it('ends the previous session of the browser when it signs in again (ASVS 7.2.4), whoever it was', async () => {
    const first = await from('198.51.100.4', 'caseworker@test.council');
    expect(first.status).toBe(200);
    const again = await fetch(`${own.baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: first.session!.cookie,
        'x-forwarded-for': '198.51.100.4',
      },
      body: JSON.stringify({
        email: 'manager@test.council',
        password: password(),
      }),
    });
    expect(again.status).toBe(200);
    const second = sessionCookieOf(again.headers)!;
    expect(second).not.toBe(first.session!.cookie);
    expect(
      (
        await call(own.baseUrl, 'GET', '/auth/session', {
          session: first.session,
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await call(own.baseUrl, 'GET', '/auth/session', {
          session: { cookie: second, csrfToken: '' },
        })
      ).body.user.role,
    ).toBe('manager');
    const [logged] = await sql(
      `SELECT detail FROM security_log WHERE event = 'sign_in' AND outcome = 'success' AND subject_user_id = $1 ORDER BY id DESC LIMIT 1`,
      [users().manager],
    );
    expect(logged.detail).toMatchObject({
      previousSessionEnded: 'another account',
    });
  });

  it('answers the JSON parser’s 400 and 413 with the security headers, and a CSP with base-uri none', async () => {
    const post = (body: string) =>
      fetch(`${own.baseUrl}/api/auth/sign-in`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': '198.51.100.5',
        },
        body,
      });
    for (const [res, status] of [
      [await post('{not json'), 400],
      [
        await post(
          JSON.stringify({ email: 'x'.repeat(300_000), password: 'x' }),
        ),
        413,
      ],
    ] as const) {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain(
        'application/problem+json',
      );
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('writes the request id and the user in the request log, matching the access log', async () => {
    const s = await sessionOf('auditor');
    const res = await call(own.baseUrl, 'GET', '/deadlines', { session: s });
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id') as string;
    const [row] = await sql(
      `SELECT actor_id, request_id FROM access_log WHERE request_id = $1`,
      [requestId],
    );
    expect(row).toEqual({ actor_id: users().auditor, request_id: requestId });
    let line: Record<string, any> | undefined;
    for (let i = 0; i < 50 && !line; i++) {
      line = own
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, any>)
        .find((l) => l['req']?.id === requestId && l['res']);
      if (!line) await new Promise((r) => setTimeout(r, 100));
    }
    expect(line).toMatchObject({
      req: { id: requestId, method: 'GET', url: '/api/deadlines' },
      userId: users().auditor,
      res: { statusCode: 200 },
    });
  });
});

describe('smaller: a refused download of another auditor’s export is in the access log', () => {
  it('logs the 404 with who asked and which export', async () => {
    const story = await caseWithDeadline(
      await sessionOf('caseworker'),
      'Export Child',
    );
    const started = await api(
      'POST',
      '/exports',
      { scope: 'case', format: 'csv', caseReference: story.reference },
      'auditor',
    );
    expect(started.status).toBe(202);
    const other = await addStaff(
      `Other Auditor ${randomUUID().slice(0, 4)}`,
      'auditor',
      'Audit',
    );
    const res = await api(
      'GET',
      `/exports/${started.body.id}/file`,
      undefined,
      other.session,
    );
    expect(res.status).toBe(404);
    const [row] = await sql(
      `SELECT actor_id, action, outcome, status, detail FROM access_log WHERE request_id = $1`,
      [res.headers.get('x-request-id')],
    );
    expect(row).toMatchObject({
      actor_id: other.id,
      action: 'history.export.download',
      outcome: 'denied',
      status: 404,
      detail: { params: { exportId: started.body.id } },
    });
  });
});

describe('finding 2: demo accounts on a database seeded in demo mode, under NODE_ENV=production', () => {
  const DEMO_PASSWORD = 'demo-password-2026';
  let databaseUrl = '';
  let appUrl = '';
  let prod: ApiProcess | undefined;

  beforeAll(async () => {
    // A database of its own, migrated and seeded exactly as `npm start` does in demo mode.
    const owner = new URL(process.env['E2E_DATABASE_URL'] as string);
    const name = `${owner.pathname.slice(1)}_demo`.slice(0, 60);
    const admin = new Client({
      connectionString: Object.assign(new URL(owner.toString()), {
        pathname: '/postgres',
      }).toString(),
    });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    owner.pathname = `/${name}`;
    databaseUrl = owner.toString();
    const app = new URL(process.env['E2E_APP_DATABASE_URL'] as string);
    app.pathname = `/${name}`;
    appUrl = app.toString();
    const env = {
      PATH: process.env['PATH'] ?? '',
      DATABASE_URL: appUrl,
      MIGRATION_DATABASE_URL: databaseUrl,
      REDIS_URL: process.env['E2E_REDIS_URL'] ?? '',
      REDIS_PREFIX: process.env['E2E_REDIS_PREFIX'] ?? '',
      DEMO_PASSWORD,
      LOG_LEVEL: 'warn',
    };
    for (const script of ['migrate', 'seed']) {
      const run = spawnSync(
        process.execPath,
        [resolve(ROOT, `dist/apps/api/${script}.js`)],
        { cwd: ROOT, env, encoding: 'utf8' },
      );
      if (run.status !== 0)
        throw new Error(`${script}: ${run.stdout}${run.stderr}`);
    }
  }, 180_000);

  afterAll(async () => {
    await prod?.stop();
    if (!databaseUrl) return;
    const admin = new Client({
      connectionString: Object.assign(new URL(databaseUrl), {
        pathname: '/postgres',
      }).toString(),
    });
    await admin.connect();
    await admin.query(
      `DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`,
    );
    await admin.end();
  });

  it('marks the seeded demo staff as demo accounts', async () => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT email FROM staff_user WHERE demo ORDER BY email`,
      );
      expect(rows.map((r) => r.email)).toEqual(
        ['ada', 'alex', 'casey', 'jordan', 'morgan', 'priya', 'sam'].map(
          (n) => `${n}@example.council`,
        ),
      );
    } finally {
      await client.end();
    }
  });

  it('refuses to sign them in with the published password, and says so at start-up', async () => {
    prod = await startApi({
      NODE_ENV: 'production',
      ...COUNCIL_SENDER,
      DATABASE_URL: appUrl,
      LOG_LEVEL: 'warn',
    });
    const warned = prod.output();
    expect(warned).toMatch(/7 demo account\(s\) in this database/);
    expect(warned).toContain('alex@example.council');
    for (const email of [
      'casey@example.council',
      'alex@example.council',
      'ALEX@example.council ',
    ]) {
      const res = await signInWith(email, DEMO_PASSWORD, prod.baseUrl);
      expect({ email, status: res.status, cookie: res.session }).toEqual({
        email,
        status: 401,
        cookie: undefined,
      });
      expect(res.body.detail).toMatch(/Demo accounts cannot sign in/);
    }
    // A wrong password is answered as any wrong password (nothing learnt about the account).
    expect(
      (
        await signInWith(
          'casey@example.council',
          'not-the-demo-password',
          prod.baseUrl,
        )
      ).body.detail,
    ).toMatch(/Enter a correct email address and password/);
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT detail FROM security_log WHERE event = 'sign_in' AND outcome = 'failure' AND detail->>'reason' = 'demo_account'`,
      );
      expect(rows.length).toBe(3);
    } finally {
      await client.end();
    }
  }, 60_000);
});
