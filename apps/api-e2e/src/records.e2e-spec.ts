import { api, sql, uniqueReference, users } from './support/api';
import { caseEventCount, tribunalReference, Walk } from './support/walk';

// The run's clock is fixed at Mon 2 Mar 2026 (global-setup.mjs).

interface Found {
  items: {
    id: string;
    reference: string;
    matched?: { kind: string; term: string };
  }[];
  total: number;
}

const search = (body: Record<string, unknown>) =>
  api<Found>('POST', '/cases/search', body);

describe('case notes', () => {
  it('refuses a note without text, kind or a real past date, and writes nothing', async () => {
    const w = await Walk.open('Nell Notes', '2015-01-02');
    const before = await caseEventCount(w.id);
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { kind: 'phone_call', notedOn: '2026-02-27', text: '  ' },
        /Enter the note/,
      ],
      [
        { kind: 'fax', notedOn: '2026-02-27', text: 'x' },
        /phone call, an email/,
      ],
      [{ kind: 'email', notedOn: '2026-02-30', text: 'x' }, /real date/],
    ];
    for (const [body, detail] of cases) {
      const res = await api('POST', `/cases/${w.id}/notes`, {
        expectedVersion: w.version,
        ...body,
      });
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(detail);
    }
    const future = await api('POST', `/cases/${w.id}/notes`, {
      expectedVersion: w.version,
      kind: 'meeting',
      notedOn: '2026-03-20',
      text: 'Not yet.',
    });
    expect(future.status).toBeGreaterThanOrEqual(400);
    expect(future.status).toBeLessThan(500);
    expect(await caseEventCount(w.id)).toBe(before);
  });

  it('records a note in the history (no deadline, no new version) and exports it', async () => {
    const w = await Walk.open('Nell Notes', '2015-01-02');
    const versionBefore = w.version;
    const saved = await w.post(
      '/notes',
      {
        kind: 'phone_call',
        notedOn: '2026-02-27',
        text: 'Mother phoned: school meeting on 9 March.',
      },
      'note.recorded',
    );
    expect(saved.version).toBe(versionBefore);
    expect(saved.deadlines).toEqual([]);
    const history = await w.history();
    const note = history.at(-1)!;
    expect(note).toMatchObject({
      type: 'note.recorded',
      businessDate: '2026-02-27',
      summary:
        'Note (phone call, Fri 27 Feb 2026): Mother phoned: school meeting on 9 March.',
    });
    const csv = await api('GET', `/cases/${w.id}/history.csv`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Mother phoned: school meeting on 9 March.');
    const verification = await api(
      'GET',
      `/cases/${w.id}/history/verification`,
    );
    expect(verification.body).toMatchObject({ valid: true });
  });
});

describe('search by what people remember', () => {
  const tag = uniqueReference().replace(/[^A-Za-z0-9]/g, '');
  const provider = `Mediators ${tag}`;
  const contact = `Parentname ${tag}`;
  const tribunal = tribunalReference('26');
  const school = `Riverside ${tag} Academy`;
  const placement = `Hillside ${tag} Primary School`;
  const mediationReference = `GM/${tag}/0412`;
  let w: Walk;

  beforeAll(async () => {
    await sql(`INSERT INTO mediation_provider (name) VALUES ($1)`, [provider]);
    const providers = await api<{ id: string; name: string }[]>(
      'GET',
      '/mediation-providers',
    );
    const providerId = providers.body.find((p) => p.name === provider)!.id;
    w = await Walk.open(`Quinn ${tag}`, '2012-07-19');
    await w.post(
      '/contacts',
      { name: contact, relationship: 'Mother' },
      'contact.added',
    );
    const d = await w.post(
      '/decisions',
      {
        type: 'final_plan_content',
        decisionDate: '2026-02-23',
        letterSent: '2026-02-24',
        sections: ['F', 'I'],
        placement: ` ${placement} `,
      },
      'decision.issued',
    );
    const decisionId = d.decisions[0]!.id;
    expect(d.decisions[0]!.placement).toBe(placement);
    await w.post(
      '/mediations',
      {
        decisionId,
        providerId,
        providerReference: ` ${mediationReference} `,
        contactedOn: '2026-02-25',
        healthInIssue: false,
        socialCareInIssue: false,
      },
      'mediation.adviser_contacted',
    );
    // About the school named only (section I): no mediation certificate is needed (CFA 2014 s.55(2)).
    const lodged = await w.post(
      '/appeals',
      {
        decisionId,
        tribunalReference: tribunal,
        lodgedOn: '2026-02-26',
        sections: ['I'],
      },
      'appeal.lodged',
    );
    await w.post(
      `/appeals/${lodged.appeals[0]!.id}/outcome`,
      {
        outcome: 'decided_allowed',
        decisionDate: '2026-02-27',
        orders: [{ orderType: 'name_school_only', details: school }],
        recommendations: [],
      },
      'appeal.decided',
    );
  }, 60_000);

  it.each([
    [
      'Tribunal reference',
      () => tribunal.slice(2),
      'tribunal_reference',
      () => tribunal,
    ],
    [
      'parent or contact',
      () => contact.toLowerCase(),
      'contact_name',
      () => contact,
    ],
    [
      'mediation provider',
      () => provider.slice(3),
      'mediation_provider',
      () => provider,
    ],
    [
      "mediation provider's reference",
      () => mediationReference.toLowerCase(),
      'mediation_reference',
      () => mediationReference,
    ],
    ['school', () => `riverside ${tag}`, 'school', () => school],
    [
      'school named in section I of the plan',
      () => `hillside ${tag}`,
      'school',
      () => placement,
    ],
    ['name', () => `quinn ${tag}`, 'child_name', () => `Quinn ${tag}`],
  ])('by %s, saying why it matched', async (_what, text, kind, term) => {
    const res = await search({ text: text() });
    expect(res.status).toBe(200);
    const hit = res.body.items.find((c) => c.id === w.id);
    expect(hit?.matched).toEqual({ kind, term: term() });
  });

  it('refuses a school with a decision whose plan names none, saying why, and records nothing', async () => {
    const before = w.version;
    const res = await api('POST', `/cases/${w.id}/decisions`, {
      expectedVersion: before,
      type: 'refuse_amend',
      decisionDate: '2026-02-25',
      letterSent: '2026-02-25',
      placement: 'Any School',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).toContain(
      'Only a final or amended plan names a school',
    );
    const after = await api<{ version: number }>('GET', `/cases/${w.id}`);
    expect(after.body.version).toBe(before);
  });

  it('by reference and by date of birth', async () => {
    const byRef = await search({ text: w.detail.reference });
    expect(byRef.body.items.map((c) => [c.id, c.matched])).toEqual([
      [w.id, { kind: 'reference', term: w.detail.reference }],
    ]);
    const byDob = await search({ dateOfBirth: '2012-07-19' });
    expect(byDob.body.items.find((c) => c.id === w.id)?.matched).toEqual({
      kind: 'date_of_birth',
      term: '2012-07-19',
    });
  });

  it('keeps the terms with the case, in the same transaction, and not across teams', async () => {
    const rows = await sql(
      `SELECT kind, term FROM case_search_term WHERE case_id = $1 ORDER BY position`,
      [w.id],
    );
    expect(rows.map((r) => r.kind)).toEqual([
      'reference',
      'child_name',
      'tribunal_reference',
      'contact_name',
      // Section I of the plan, then the Tribunal's order.
      'school',
      'school',
      'mediation_provider',
      'mediation_reference',
    ]);
    const other = await api<Found>(
      'POST',
      '/cases/search',
      { text: tribunal },
      'othercaseworker',
    );
    expect(other.body.items.find((c) => c.id === w.id)).toBeUndefined();
  });

  it('refuses a search of one character with a message a caseworker can act on', async () => {
    const res = await search({ text: 'x' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      detail: expect.stringMatching(/Enter at least 2 characters/),
    });
  });
});

describe('notifications in the app', () => {
  it('counts the unread ones and marks them read', async () => {
    const me = users()['caseworker'];
    await sql(
      `UPDATE notification SET read_at = now() WHERE recipient_id = $1`,
      [me],
    );
    const [n] = await sql<{ id: string }>(
      `INSERT INTO notification (recipient_id, kind, point, for_date, title, body)
       VALUES ($1, 'digest', 'digest', '2026-03-02', 'Overdue deadlines', 'One overdue deadline.'),
              ($1, 'digest', 'digest', '2026-02-27', 'Overdue deadlines', 'Two overdue deadlines.')
       RETURNING id`,
      [me],
    );
    const count = await api('GET', '/notifications/unread-count');
    expect(count.status).toBe(200);
    expect(count.body).toEqual({ unread: 2 });
    expect((await api('POST', `/notifications/${n!.id}/read`)).status).toBe(
      204,
    );
    expect((await api('GET', '/notifications/unread-count')).body).toEqual({
      unread: 1,
    });
    const list = await api<{ id: string; readAt: string | null }[]>(
      'GET',
      '/notifications',
    );
    expect(list.body.find((x) => x.id === n!.id)?.readAt).toBeTruthy();
    // Someone else's notification is not theirs to mark.
    expect(
      (await api('POST', `/notifications/${n!.id}/read`, undefined, 'manager'))
        .status,
    ).toBe(404);
    expect((await api('POST', '/notifications/read')).status).toBe(204);
    expect((await api('GET', '/notifications/unread-count')).body).toEqual({
      unread: 0,
    });
  });
});

describe('calendar feed', () => {
  it('is created, then revoked', async () => {
    const issued = await api<{ url: string }>('POST', '/me/calendar-feed');
    expect(issued.status).toBe(201);
    const path = new URL(issued.body.url).pathname.replace(/^\/api/, '');
    expect((await api('GET', path, undefined, null)).status).toBe(200);
    expect((await api('DELETE', '/me/calendar-feed')).status).toBe(204);
    expect((await api('GET', path, undefined, null)).status).toBe(404);
    // Revoking again is harmless.
    expect((await api('DELETE', '/me/calendar-feed')).status).toBe(204);
  });
});
