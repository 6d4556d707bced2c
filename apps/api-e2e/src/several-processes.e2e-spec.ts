import { hash } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import { call } from './support/own-api';
import { password, sessionCookieOf, sql, uniqueReference } from './support/api';

/**
 * The run has two API processes behind a round-robin proxy (support/global-setup.mjs). These tests
 * talk to each process directly, alternating on purpose: what one process counts or stores, the
 * other must see.
 */
const [first, second] = JSON.parse(
  process.env['E2E_API_URLS'] ?? '[]',
) as string[];
const each = [first!, second!];
/** The process for the i-th request: first, second, first, … */
const at = (i: number) => each[i % 2]!;

/** A staff account of this test's own (lock-out, limits per user), with the run's password. */
async function account(): Promise<{ id: string; email: string }> {
  const email = `multi-${randomUUID()}@test.council`;
  const [row] = await sql<{ id: string }>(
    `INSERT INTO staff_user (name, role, team, email, password_hash) VALUES ('Several Processes', 'caseworker', 'SEND North', $1, $2) RETURNING id`,
    [email, await hash(password(), { algorithm: 2 })],
  );
  return { id: row!.id, email };
}

const signIn = (baseUrl: string, email: string, pass = password()) =>
  call(baseUrl, 'POST', '/auth/sign-in', { body: { email, password: pass } });

describe('two API processes behind a proxy', () => {
  it('runs two processes, each serving requests', async () => {
    expect(each).toHaveLength(2);
    expect(first).not.toEqual(second);
    for (const baseUrl of each)
      expect((await call(baseUrl, 'GET', '/auth/options')).status).toBe(200);
    expect(process.env['E2E_BASE_URL']).not.toEqual(first);
  });

  it('a session and its CSRF token made by one process work on the other, for reads and writes, and its sign-out ends it on both', async () => {
    const { email } = await account();
    const signedIn = await signIn(first!, email);
    expect(signedIn.status).toBe(200);
    const session = {
      cookie: sessionCookieOf(signedIn.headers)!,
      csrfToken: (signedIn.body as { csrfToken: string }).csrfToken,
    };
    expect(
      (await call(second!, 'GET', '/auth/session', { session })).status,
    ).toBe(200);
    const opened = await call(second!, 'POST', '/cases', {
      session,
      body: {
        reference: uniqueReference(),
        childName: 'Two Processes',
        dateOfBirth: '2014-02-03',
      },
    });
    expect(opened.status).toBe(201);
    expect(
      (await call(first!, 'GET', `/cases/${opened.body.id}`, { session }))
        .status,
    ).toBe(200);
    // A write without the token is refused by either.
    for (const baseUrl of each) {
      const refused = await call(baseUrl, 'POST', '/cases', {
        session: { ...session, csrfToken: 'not-the-token' },
        body: {
          reference: uniqueReference(),
          childName: 'No Token',
          dateOfBirth: '2014-02-03',
        },
      });
      expect(refused.status).toBe(403);
    }
    expect(
      (await call(second!, 'POST', '/auth/sign-out', { session })).status,
    ).toBeLessThan(300);
    for (const baseUrl of each)
      expect(
        (await call(baseUrl, 'GET', '/auth/session', { session })).status,
      ).toBe(401);
  });

  it('counts sign-in attempts for one address and account across both processes (30 a minute in this run)', async () => {
    const email = `flood-multi-${randomUUID()}@test.council`;
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++)
      statuses.push((await signIn(at(i), email, 'wrong')).status);
    // Per process, each would have seen only 16: the limit holds because the counter is shared.
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });

  it('locks an account after 5 wrong passwords in a row, whichever process each reached; then both refuse the right one', async () => {
    const { email } = await account();
    for (let i = 0; i < 5; i++)
      expect((await signIn(at(i), email, 'wrong-password')).status).toBe(401);
    for (const baseUrl of each)
      expect((await signIn(baseUrl, email)).status).toBe(401);
    const [row] = await sql(
      `SELECT failed_sign_ins, locked_until > now() AS locked FROM staff_user WHERE email = $1`,
      [email],
    );
    expect(row).toEqual({ failed_sign_ins: 5, locked: true });
  });

  it('counts one member of staff’s searches across both processes (60 a minute in this run)', async () => {
    const { email } = await account();
    const signedIn = await signIn(first!, email);
    const session = {
      cookie: sessionCookieOf(signedIn.headers)!,
      csrfToken: (signedIn.body as { csrfToken: string }).csrfToken,
    };
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++)
      statuses.push(
        (
          await call(at(i), 'POST', '/cases/search', {
            session,
            body: { text: 'Nobody' },
          })
        ).status,
      );
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(60)).toEqual([429, 429]);
    // Another member of staff is not held back, on either process.
    const other = await account();
    const otherIn = await signIn(second!, other.email);
    const otherSession = {
      cookie: sessionCookieOf(otherIn.headers)!,
      csrfToken: (otherIn.body as { csrfToken: string }).csrfToken,
    };
    for (const baseUrl of each)
      expect(
        (
          await call(baseUrl, 'POST', '/cases/search', {
            session: otherSession,
            body: { text: 'Nobody' },
          })
        ).status,
      ).toBe(200);
  });

  it('keeps the counters in Redis under the run’s key prefix', async () => {
    const { Redis } = await import('ioredis');
    const redis = new Redis(process.env['E2E_REDIS_URL'] as string);
    try {
      const keys = await redis.keys(
        `${process.env['E2E_REDIS_PREFIX']}:throttle:*`,
      );
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });
});
