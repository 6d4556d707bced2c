import { api, sessionOf, sql, users, type Role } from './support/api';

const base = () => process.env['E2E_BASE_URL'] as string;
/** A plain browser request to a page outside the API's JSON routes, signed in as `as`. */
const page = async (path: string, as?: Role) =>
  fetch(
    `${base()}${path}`,
    as ? { headers: { cookie: (await sessionOf(as)).cookie } } : {},
  );

describe('operations: Bull Board, health, notifications, calendar feed', () => {
  it('mounts Bull Board at /api/admin/queues for signed-in administrators only (404 for anyone else)', async () => {
    expect((await page('/api/admin/queues')).status).toBe(404);
    expect((await page('/api/admin/queues', 'caseworker')).status).toBe(404);
    const board = await page('/api/admin/queues', 'administrator');
    expect(board.status).toBe(200);
    expect(await board.text()).toContain('<html');
    expect((await page('/api/admin/queues/api/queues', 'manager')).status).toBe(
      404,
    );
  });

  it('health: anyone sees the status only; an administrator sees each part (worker, tick, deadline actions, mail, Redis, queue)', async () => {
    const anonymous = await api('GET', '/health', undefined, null);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ status: 'ok' });
    expect((await api('GET', '/health', undefined, 'caseworker')).body).toEqual(
      { status: 'ok' },
    );
    const admin = await api('GET', '/health', undefined, 'administrator');
    expect(admin.status).toBe(200);
    expect(admin.body.details).toMatchObject({
      postgres: { status: 'up' },
      redis: { status: 'up', pingMs: expect.any(Number) },
      deadlineQueue: { status: 'up', paused: false },
      worker: { status: 'up', alive: 1 },
      deadlineTick: { status: 'up', lastTickSecondsAgo: expect.any(Number) },
      deadlineActions: {
        status: 'up',
        state: expect.stringMatching(/^(idle|run in progress)$/),
        inFlight: expect.any(Number),
      },
      mail: { status: 'up', backlog: expect.any(Number) },
    });
  });

  it("answers a member of staff's own notifications", async () => {
    const mine = await api('GET', '/notifications');
    expect(mine.status).toBe(200);
    expect(Array.isArray(mine.body)).toBe(true);
    expect((await api('GET', '/notifications', undefined, null)).status).toBe(
      401,
    );
  });

  it('issues a secret calendar feed URL whose token is stored hashed, and serves open deadlines as all-day events', async () => {
    const opened = await api('POST', '/cases', {
      reference: `CAL-${Date.now()}`,
      childName: 'Cal Endar',
      dateOfBirth: '2013-06-30',
    });
    await api('POST', `/cases/${opened.body.id}/decisions`, {
      expectedVersion: 1,
      type: 'refuse_assessment',
      decisionDate: '2026-02-25',
      letterSent: '2026-02-26',
      sections: [],
    });
    const issued = await api<{ url: string }>('POST', '/me/calendar-feed');
    expect(issued.status).toBe(201);
    const token = /\/api\/calendar\/([A-Za-z0-9_-]+)\.ics$/.exec(
      issued.body.url,
    )![1]!;
    const [stored] = await sql(
      `SELECT calendar_feed_token_hash AS h FROM staff_user WHERE id = $1`,
      [users()['caseworker']],
    );
    expect(stored.h).not.toContain(token);
    expect(stored.h).toMatch(/^[0-9a-f]{64}$/);

    const feed = await fetch(`${base()}/api/calendar/${token}.ics`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const ics = await feed.text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toMatch(/DTSTART;VALUE=DATE:2026\d{4}/);
    expect(ics).toContain('DESCRIPTION:');

    const again = await api<{ url: string }>('POST', '/me/calendar-feed');
    expect((await fetch(`${base()}/api/calendar/${token}.ics`)).status).toBe(
      404,
    ); // replaced
    expect(
      (await fetch(again.body.url.replace(/^https?:\/\/[^/]+/, base()))).status,
    ).toBe(200);
  });
});
