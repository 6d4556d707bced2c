import { randomUUID } from 'node:crypto';
import { api, sessionCookieOf, sql, users } from './support/api';
import { Walk } from './support/walk';

/** Administrators' functions: staff accounts, mediation providers and the bank-holiday calendar; every change audited. */
const base = () => process.env['E2E_BASE_URL'] as string;
/** The first password an administrator gives: it only lets its owner set their own. */
const FIRST_PASSWORD = 'a-first-password-long-enough';
/** The password the person then sets, and signs in with from then on. */
const PASSWORD = 'their-own-password-set-at-first-sign-in';

async function signIn(email: string, password = PASSWORD) {
  const res = await fetch(`${base()}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) return { status: res.status, session: undefined };
  const body = (await res.json()) as {
    csrfToken: string;
    user: { role: string; team: string };
    passwordChangeRequired: boolean;
  };
  return {
    status: res.status,
    user: body.user,
    passwordChangeRequired: body.passwordChangeRequired,
    session: {
      cookie: sessionCookieOf(res.headers) as string,
      csrfToken: body.csrfToken,
    },
  };
}

/** An account made by an administrator; unless `firstSignIn: false`, its owner has signed in once and set PASSWORD (then signed out). */
const newAccount = async ({
  firstSignIn = true,
  ...extra
}: Record<string, unknown> & { firstSignIn?: boolean } = {}) => {
  const email = `made-${randomUUID()}@test.council`;
  const res = await api(
    'POST',
    '/users',
    {
      name: 'Made By Admin',
      email,
      role: 'caseworker',
      team: 'SEND East',
      password: FIRST_PASSWORD,
      ...extra,
    },
    'administrator',
  );
  expect(res.status).toBe(201);
  if (firstSignIn && res.body.hasPassword) {
    const first = await signIn(email, FIRST_PASSWORD);
    expect(first.status).toBe(200);
    expect(
      (
        await api(
          'POST',
          '/auth/password',
          { currentPassword: FIRST_PASSWORD, newPassword: PASSWORD },
          first.session,
        )
      ).status,
    ).toBe(204);
    expect(
      (await api('POST', '/auth/sign-out', undefined, first.session)).status,
    ).toBe(204);
  }
  return { id: res.body.id as string, email, body: res.body };
};

const securityEvents = (subjectUserId: string) =>
  sql(
    `SELECT event, actor_id, reason, detail FROM security_log WHERE subject_user_id = $1 AND event LIKE 'user.%' ORDER BY id`,
    [subjectUserId],
  );

describe('staff accounts', () => {
  it('creates an account with a first password: the person signs in with it, once, to set their own; the creation is audited, the password nowhere', async () => {
    const { id, email, body } = await newAccount({ firstSignIn: false });
    expect(body).toEqual({
      id: expect.any(String),
      name: 'Made By Admin',
      email,
      role: 'caseworker',
      team: 'SEND East',
      active: true,
      hasPassword: true,
      singleSignOnLinked: false,
      lockedUntil: null,
    });
    const signed = await signIn(email, FIRST_PASSWORD);
    expect(signed.status).toBe(200);
    expect(signed.user).toMatchObject({
      role: 'caseworker',
      team: 'SEND East',
    });
    expect(signed.passwordChangeRequired).toBe(true);
    expect(
      (await api('GET', '/deadlines', undefined, signed.session)).status,
    ).toBe(403);
    expect(
      (
        await api(
          'POST',
          '/auth/password',
          { currentPassword: FIRST_PASSWORD, newPassword: PASSWORD },
          signed.session,
        )
      ).status,
    ).toBe(204);
    expect(
      (await api('GET', '/deadlines', undefined, signed.session)).status,
    ).toBe(200);
    expect((await signIn(email, FIRST_PASSWORD)).status).toBe(401);
    const [created] = await securityEvents(id);
    expect(created).toMatchObject({
      event: 'user.created',
      actor_id: users().administrator,
      detail: { account: { email, role: 'caseworker' } },
    });
    const logged = JSON.stringify(
      await sql(`SELECT * FROM security_log WHERE subject_user_id = $1`, [id]),
    );
    expect(logged).not.toContain(PASSWORD);
    expect(logged).not.toContain(FIRST_PASSWORD);
    const [stored] = await sql(
      `SELECT password_hash FROM staff_user WHERE id = $1`,
      [id],
    );
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);

    // Single sign-on only: no password to sign in with.
    const sso = await newAccount({ password: undefined });
    expect(sso.body.hasPassword).toBe(false);
    expect((await signIn(sso.email, 'anything-at-all-here')).status).toBe(401);
  });

  it('refuses a second account with the same email (409) and bad fields (400 naming each)', async () => {
    const { email } = await newAccount();
    const again = await api(
      'POST',
      '/users',
      {
        name: 'Twin',
        email: email.toUpperCase(),
        role: 'caseworker',
        team: 'SEND East',
      },
      'administrator',
    );
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('already a staff account');
    for (const [body, field] of [
      [
        { name: 'A', email: 'not-an-email', role: 'caseworker', team: 'T' },
        'email',
      ],
      [
        {
          name: 'A',
          email: `${randomUUID()}@test.council`,
          role: 'superuser',
          team: 'T',
        },
        'role',
      ],
      [
        {
          name: '',
          email: `${randomUUID()}@test.council`,
          role: 'caseworker',
          team: 'T',
        },
        'name',
      ],
      [
        {
          name: 'A',
          email: `${randomUUID()}@test.council`,
          role: 'caseworker',
          team: 'T',
          password: 'short',
        },
        'password',
      ],
      [
        {
          name: 'A',
          email: `${randomUUID()}@test.council`,
          role: 'caseworker',
          team: 'T',
          isAdmin: true,
        },
        'isAdmin',
      ],
    ] as const) {
      const res = await api('POST', '/users', body, 'administrator');
      expect({
        status: res.status,
        type: res.headers.get('content-type'),
        fields: res.body.errors?.map((e: { field: string }) => e.field),
      }).toEqual({
        status: 400,
        type: expect.stringContaining('application/problem+json'),
        fields: expect.arrayContaining([field]),
      });
    }
  });

  it('changes role and team: the sessions end at once and the new role applies; audited with before and after', async () => {
    const { id, email } = await newAccount();
    const first = await signIn(email);
    expect(
      (await api('GET', '/deadlines', undefined, first.session)).status,
    ).toBe(200);
    const changed = await api(
      'PATCH',
      `/users/${id}`,
      { role: 'manager', team: 'SEND South' },
      'administrator',
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id,
      role: 'manager',
      team: 'SEND South',
    });
    expect(
      (await api('GET', '/deadlines', undefined, first.session)).status,
    ).toBe(401);
    const second = await signIn(email);
    expect(second.user).toMatchObject({ role: 'manager', team: 'SEND South' });
    expect((await api('GET', '/users', undefined, second.session)).status).toBe(
      200,
    );

    // A new name alone leaves the sessions alone.
    expect(
      (
        await api(
          'PATCH',
          `/users/${id}`,
          { name: 'Renamed Person' },
          'administrator',
        )
      ).status,
    ).toBe(200);
    expect(
      (await api('GET', '/auth/session', undefined, second.session)).body.user
        .name,
    ).toBe('Renamed Person');
    expect(
      (await api('PATCH', `/users/${id}`, {}, 'administrator')).status,
    ).toBe(400);
    expect(
      (await api('PATCH', `/users/${id}`, { role: null }, 'administrator'))
        .status,
    ).toBe(400);
    expect(
      (
        await api(
          'PATCH',
          `/users/${randomUUID()}`,
          { team: 'X' },
          'administrator',
        )
      ).status,
    ).toBe(404);

    const events = (await securityEvents(id)).filter(
      (e) => e.event === 'user.changed',
    );
    expect(events.map((e) => e.detail)).toEqual([
      {
        before: expect.objectContaining({
          role: 'caseworker',
          team: 'SEND East',
        }),
        after: expect.objectContaining({ role: 'manager', team: 'SEND South' }),
        sessionsEnded: 1,
        calendarFeedRevoked: false,
      },
      {
        before: expect.objectContaining({ name: 'Made By Admin' }),
        after: expect.objectContaining({ name: 'Renamed Person' }),
        sessionsEnded: 0,
      },
    ]);
  });

  it('disables and enables an account: disabled, its sessions end and it cannot sign in; enabled, it can again', async () => {
    const { id, email } = await newAccount();
    const { session } = await signIn(email);
    expect(
      (await api('POST', `/users/${id}/disable`, undefined, 'administrator'))
        .status,
    ).toBe(204);
    expect((await api('GET', '/auth/session', undefined, session)).status).toBe(
      401,
    );
    expect((await signIn(email)).status).toBe(401);
    const accounts = await api(
      'GET',
      '/users/accounts',
      undefined,
      'administrator',
    );
    expect(
      accounts.body.find((a: { id: string }) => a.id === id),
    ).toMatchObject({ active: false });
    expect(
      (await api('GET', '/users', undefined, 'administrator')).body.map(
        (u: { id: string }) => u.id,
      ),
    ).not.toContain(id);

    expect(
      (await api('POST', `/users/${id}/enable`, undefined, 'administrator'))
        .status,
    ).toBe(204);
    expect((await signIn(email)).status).toBe(200);
    expect(
      (
        await api(
          'POST',
          `/users/${randomUUID()}/enable`,
          undefined,
          'administrator',
        )
      ).status,
    ).toBe(404);
    expect(
      (await securityEvents(id)).map((e) => [e.event, e.actor_id]),
    ).toEqual([
      ['user.created', users().administrator],
      ['user.disabled', users().administrator],
      ['user.enabled', users().administrator],
    ]);
  });

  it('refuses to let administrators change their own role or disable themselves', async () => {
    const self = users().administrator;
    const demote = await api(
      'PATCH',
      `/users/${self}`,
      { role: 'caseworker' },
      'administrator',
    );
    expect(demote.status).toBe(409);
    expect(demote.body.detail).toContain('your own role');
    expect(
      (await api('POST', `/users/${self}/disable`, undefined, 'administrator'))
        .status,
    ).toBe(409);
    expect(
      (await api('GET', '/auth/session', undefined, 'administrator')).body.user
        .role,
    ).toBe('administrator');
  });
});

describe('mediation providers', () => {
  it('adds, edits, deactivates and reactivates a provider; inactive ones are not offered for a new mediation; every change audited', async () => {
    const name = `Provider ${randomUUID().slice(0, 8)}`;
    const added = await api(
      'POST',
      '/mediation-providers',
      { name, email: 'team@provider.example', phone: '0800 111 222' },
      'administrator',
    );
    expect(added.status).toBe(201);
    const id = added.body.id as string;
    expect(
      (await api('POST', '/mediation-providers', { name }, 'administrator'))
        .status,
    ).toBe(409);
    const badEmail = await api(
      'POST',
      '/mediation-providers',
      { name: `${name} 2`, email: 'nope' },
      'administrator',
    );
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.errors.map((e: { field: string }) => e.field)).toEqual(
      ['email'],
    );

    const edited = await api(
      'PATCH',
      `/mediation-providers/${id}`,
      { name: `${name} Ltd`, phone: null },
      'administrator',
    );
    expect(edited.body).toEqual({
      id,
      name: `${name} Ltd`,
      email: 'team@provider.example',
      phone: null,
      active: true,
    });
    expect(
      (await api('PATCH', `/mediation-providers/${id}`, {}, 'administrator'))
        .status,
    ).toBe(400);
    expect(
      (
        await api(
          'PATCH',
          `/mediation-providers/${id}`,
          { active: 'no' },
          'administrator',
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await api(
          'PATCH',
          `/mediation-providers/${randomUUID()}`,
          { active: false },
          'administrator',
        )
      ).status,
    ).toBe(404);

    expect(
      (
        await api(
          'PATCH',
          `/mediation-providers/${id}`,
          { active: false },
          'administrator',
        )
      ).body.active,
    ).toBe(false);
    const offered = await api(
      'GET',
      '/mediation-providers',
      undefined,
      'caseworker',
    );
    expect(offered.body.map((p: { id: string }) => p.id)).not.toContain(id);
    const kept = await api(
      'GET',
      '/mediation-providers',
      undefined,
      'administrator',
    );
    expect(kept.body.find((p: { id: string }) => p.id === id)).toMatchObject({
      active: false,
    });

    const w = await Walk.open('Pat Provider', '2014-05-06');
    const d = await w.post(
      '/decisions',
      {
        type: 'refuse_assessment',
        decisionDate: '2026-02-23',
        letterSent: '2026-02-24',
        sections: [],
      },
      'decision.issued',
    );
    const refused = await api('POST', `/cases/${w.id}/mediations`, {
      expectedVersion: w.version,
      decisionId: d.decisions[0]!.id,
      providerId: id,
      contactedOn: '2026-02-25',
      healthInIssue: false,
      socialCareInIssue: false,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain('active mediation provider');

    expect(
      (
        await api(
          'PATCH',
          `/mediation-providers/${id}`,
          { active: true },
          'administrator',
        )
      ).body.active,
    ).toBe(true);
    const events = await sql(
      `SELECT event, actor_id, detail FROM security_log WHERE event LIKE 'mediation_provider.%' AND detail::text LIKE $1 ORDER BY id`,
      [`%${id}%`],
    );
    expect(events.map((e) => e.event)).toEqual([
      'mediation_provider.added',
      'mediation_provider.changed',
      'mediation_provider.changed',
      'mediation_provider.changed',
    ]);
    expect(events[1].detail).toEqual({
      before: {
        id,
        name,
        email: 'team@provider.example',
        phone: '0800 111 222',
        active: true,
      },
      after: {
        id,
        name: `${name} Ltd`,
        email: 'team@provider.example',
        phone: null,
        active: true,
      },
    });
    expect(events.every((e) => e.actor_id === users().administrator)).toBe(
      true,
    );
  });
});

describe('bank holidays', () => {
  let providerId = '';
  beforeAll(async () => {
    providerId = (
      await api(
        'POST',
        '/mediation-providers',
        { name: `Calendar Mediation ${randomUUID().slice(0, 8)}` },
        'administrator',
      )
    ).body.id;
  });

  /** The due date of the duty to tell the ICB of a mediation: 3 working days after the council hears the family wants it. */
  async function notifyHealthDue(
    laInformedOn: string,
  ): Promise<{ dueOn: string; explanation: string[] }> {
    const w = await Walk.open('Cal Endar-Child', '2015-01-02');
    const d = await w.post(
      '/decisions',
      {
        type: 'refuse_assessment',
        decisionDate: laInformedOn,
        letterSent: laInformedOn,
        sections: [],
      },
      'decision.issued',
    );
    const m = await w.post(
      '/mediations',
      {
        decisionId: d.decisions[0]!.id,
        providerId,
        contactedOn: laInformedOn,
        healthInIssue: true,
        socialCareInIssue: false,
      },
      'mediation.adviser_contacted',
    );
    const mediationId = m.mediations[0]!.id;
    const after = await w.post(
      `/mediations/${mediationId}/requested`,
      { laInformedOn },
      'mediation.requested',
    );
    const deadline = after.deadlines.find(
      (x) =>
        x.ruleId === 'mediation.notify_health' && x.subjectId === mediationId,
    );
    if (!deadline) throw new Error('no mediation.notify_health deadline');
    return deadline;
  }

  it('lists the shipped bank holidays for everyone, by year', async () => {
    for (const role of ['caseworker', 'auditor', 'administrator'] as const) {
      const res = await api('GET', '/bank-holidays?year=2026', undefined, role);
      expect(res.status).toBe(200);
      expect(res.body).toContainEqual({
        date: '2026-12-25',
        title: 'Christmas Day',
        source: 'published',
      });
      expect(
        res.body.every((h: { date: string }) => h.date.startsWith('2026-')),
      ).toBe(true);
    }
    expect(
      (await api('GET', '/bank-holidays', undefined, 'caseworker')).body.length,
    ).toBeGreaterThanOrEqual(88);
    expect(
      (await api('GET', '/bank-holidays?year=twenty', undefined, 'caseworker'))
        .status,
    ).toBe(400);
  });

  it('counts stored deadlines against an added bank holiday at once, and without it once removed; both changes audited with their reason', async () => {
    // Mon 2 Mar 2026 (the run's today: a date after it cannot be recorded yet) + 3 working days = Thu 5 Mar 2026.
    const before = await notifyHealthDue('2026-03-02');
    expect(before.dueOn).toBe('2026-03-05');

    const added = await api(
      'POST',
      '/bank-holidays',
      {
        date: '2026-03-03',
        title: 'Extra bank holiday (test)',
        reason: 'Proclaimed: test',
      },
      'administrator',
    );
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      date: '2026-03-03',
      title: 'Extra bank holiday (test)',
      source: 'administrator',
    });
    try {
      // Tue 3 Mar a holiday: Wed 4, Thu 5, Fri 6 Mar 2026.
      const during = await notifyHealthDue('2026-03-02');
      expect(during.dueOn).toBe('2026-03-06');
      expect(during.explanation.join(' ')).toContain(
        'Extra bank holiday (test)',
      );
    } finally {
      const removed = await api(
        'DELETE',
        '/bank-holidays/2026-03-03',
        { reason: 'Proclamation withdrawn: test' },
        'administrator',
      );
      expect(removed.status).toBe(204);
    }
    expect((await notifyHealthDue('2026-03-02')).dueOn).toBe('2026-03-05');

    const events = await sql(
      `SELECT event, actor_id, reason, detail FROM security_log WHERE event LIKE 'bank_holiday.%' AND detail->>'date' = '2026-03-03' ORDER BY id`,
    );
    expect(events.map((e) => [e.event, e.actor_id, e.reason])).toEqual([
      ['bank_holiday.added', users().administrator, 'Proclaimed: test'],
      [
        'bank_holiday.removed',
        users().administrator,
        'Proclamation withdrawn: test',
      ],
    ]);
    // 2026 has published dates: nothing else is listed with it.
    expect(events[0].detail.regularPatternListed).toBeUndefined();
  });

  it("lists a year's regular pattern with a date added to a year with no published dates, and counts against it at once", async () => {
    /** The server's calendar, as the stored deadlines use it (the calculator saves nothing). */
    const notifyHealthCalculated = async (laInformed: string) =>
      (
        await api<{ dueOn: string; explanation: string[] }>(
          'POST',
          '/deadlines/calculation',
          { ruleId: 'mediation.notify_health', facts: { laInformed } },
        )
      ).body;
    // Mon 3 Mar 2031; 2031 has no published dates yet (and cannot be recorded on a case before it happens).
    expect((await notifyHealthCalculated('2031-03-03')).dueOn).toBe(
      '2031-03-06',
    );

    const added = await api(
      'POST',
      '/bank-holidays',
      {
        date: '2031-03-04',
        title: 'Extra bank holiday (test)',
        reason: 'Proclaimed: test',
      },
      'administrator',
    );
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      date: '2031-03-04',
      title: 'Extra bank holiday (test)',
      source: 'administrator',
    });
    const year = (
      await api('GET', '/bank-holidays?year=2031', undefined, 'caseworker')
    ).body as { date: string; source: string }[];
    // The year's regular holidays are listed with it, so that 2031 keeps Christmas.
    expect(year).toContainEqual({
      date: '2031-12-25',
      title: 'Christmas Day',
      source: 'regular pattern',
    });
    expect(year.length).toBeGreaterThanOrEqual(9);

    try {
      const during = await notifyHealthCalculated('2031-03-03');
      expect(during.dueOn).toBe('2031-03-07');
      expect(during.explanation.join(' ')).toContain(
        'Extra bank holiday (test)',
      );
    } finally {
      const removed = await api(
        'DELETE',
        '/bank-holidays/2031-03-04',
        { reason: 'Proclamation withdrawn: test' },
        'administrator',
      );
      expect(removed.status).toBe(204);
    }
    expect((await notifyHealthCalculated('2031-03-03')).dueOn).toBe(
      '2031-03-06',
    );

    const events = await sql(
      `SELECT event, actor_id, reason, detail FROM security_log WHERE event LIKE 'bank_holiday.%' AND detail->>'date' = '2031-03-04' ORDER BY id`,
    );
    expect(events.map((e) => [e.event, e.actor_id, e.reason])).toEqual([
      ['bank_holiday.added', users().administrator, 'Proclaimed: test'],
      [
        'bank_holiday.removed',
        users().administrator,
        'Proclamation withdrawn: test',
      ],
    ]);
    expect(events[0].detail.regularPatternListed).toContain('2031-12-25');
  });

  it('refuses a weekend, a date already listed, a missing reason, an unknown or malformed date, and the last date of a year', async () => {
    const saturday = await api(
      'POST',
      '/bank-holidays',
      { date: '2026-03-07', title: 'X', reason: 'Test' },
      'administrator',
    );
    expect(saturday.status).toBe(400);
    expect(saturday.body.errors).toEqual([
      { field: 'date', message: '2026-03-07 is a Saturday' },
    ]);
    expect(
      (
        await api(
          'POST',
          '/bank-holidays',
          { date: '2026-12-25', title: 'Christmas', reason: 'Test' },
          'administrator',
        )
      ).status,
    ).toBe(409);
    const noReason = await api(
      'POST',
      '/bank-holidays',
      { date: '2026-03-10', title: 'X' },
      'administrator',
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(
      ['reason'],
    );
    expect(
      (
        await api(
          'POST',
          '/bank-holidays',
          { date: '2026-02-30', title: 'X', reason: 'Test' },
          'administrator',
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await api(
          'DELETE',
          '/bank-holidays/2026-03-10',
          { reason: 'Test' },
          'administrator',
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await api(
          'DELETE',
          '/bank-holidays/2026-3-10',
          { reason: 'Test' },
          'administrator',
        )
      ).status,
    ).toBe(400);
    expect(
      (await api('DELETE', '/bank-holidays/2026-12-25', {}, 'administrator'))
        .status,
    ).toBe(400);

    // 2032: one date added (with the regular pattern), then all but one removed; the last stays.
    expect(
      (
        await api(
          'POST',
          '/bank-holidays',
          { date: '2032-06-01', title: 'Test holiday', reason: 'Test' },
          'administrator',
        )
      ).status,
    ).toBe(201);
    const dates = (
      (await api('GET', '/bank-holidays?year=2032', undefined, 'administrator'))
        .body as { date: string }[]
    ).map((h) => h.date);
    for (const date of dates.slice(1))
      expect(
        (
          await api(
            'DELETE',
            `/bank-holidays/${date}`,
            { reason: 'Test' },
            'administrator',
          )
        ).status,
      ).toBe(204);
    const last = await api(
      'DELETE',
      `/bank-holidays/${dates[0]}`,
      { reason: 'Test' },
      'administrator',
    );
    expect(last.status).toBe(409);
    expect(last.body.detail).toContain('last bank holiday listed for 2032');
  });
});
