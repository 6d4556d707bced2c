import { api, sql, uniqueReference } from './support/api';
import { type Deadline, type Detail, TODAY, Walk } from './support/walk';

// The run's clock is fixed at Mon 2 Mar 2026 (global-setup.mjs); sessions use the database's real clock.

interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

type Listed = Deadline & {
  caseId: string;
  owner: string;
  displayStatus: string;
  childName: string;
};

const list = (
  query: string,
  as: 'caseworker' | 'manager' | 'auditor' = 'caseworker',
) => api<Listed[]>('GET', `/deadlines${query}`, undefined, as);

describe('the rules of the statutory clock and the deadline calculator', () => {
  it('lists every rule with the dates it counts from, in words', async () => {
    const res = await api<
      {
        id: string;
        title: string;
        period: string;
        source: string;
        facts: { name: string; label: string; required: boolean }[];
        extension?: {
          grounds: { id: string; label: string }[];
          source: string;
        };
      }[]
    >('GET', '/rules');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(30);
    expect(res.body.find((r) => r.id === 'appeal.lodge')).toMatchObject({
      title: 'Last day to lodge an appeal with the SEND Tribunal',
      source: 'HESC Rules r.20(1)(c), r.12',
      facts: [
        {
          name: 'decisionLetterSent',
          label: 'Decision letter sent',
          required: true,
        },
        {
          name: 'certificateIssued',
          label: 'Mediation certificate issued',
          required: false,
        },
      ],
    });
    expect(
      res.body.find((r) => r.id === 'recommendation.response'),
    ).toMatchObject({ period: '5 weeks' });
    // Which time limits the law lets be extended, and on which grounds: the Tribunal for the appeal (HESC r.5(3)(a)),
    // the exceptions of reg 44(3) for an order; none for the recommendations' 5 weeks.
    expect(
      res.body.find((r) => r.id === 'appeal.lodge')?.extension?.grounds,
    ).toEqual([
      {
        id: 'tribunal_extended_time',
        label: 'The Tribunal directed that the time be extended',
      },
    ]);
    const order = res.body.find((r) => r.id === 'order.amend_plan')?.extension;
    expect(order?.source).toBe('SEND Regs reg 44(3)');
    expect(order?.grounds.map((g) => g.id)).toEqual([
      'exceptional_personal_circumstances',
      'absent_from_area_2_weeks',
      'late_representations',
    ]);
    expect(
      res.body.find((r) => r.id === 'recommendation.response')?.extension,
    ).toBeUndefined();
  });

  it("works out a due date on the server's calendar, with the explanation, and saves nothing", async () => {
    // Letter Thu 1 Oct 2026 + 2 months = Tue 1 Dec; certificate Sun 29 Nov + 1 month = Tue 29 Dec, in the
    // Christmas closure: the first working day after 1 Jan is Mon 4 Jan 2027 (statutory-clock.md's example).
    const res = await api('POST', '/deadlines/calculation', {
      ruleId: 'appeal.lodge',
      facts: {
        decisionLetterSent: '2026-10-01',
        certificateIssued: '2026-11-29',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ruleId: 'appeal.lodge',
      dueOn: '2027-01-04',
      rulesetVersion: expect.any(String),
    });
    expect(res.body.explanation.join(' ')).toContain('Mon 4 Jan 2027');

    // 3 working days from Fri 27 Mar 2026 skip the weekend: Wed 1 Apr.
    const working = await api(
      'POST',
      '/deadlines/calculation',
      {
        ruleId: 'mediation.certificate_declined',
        facts: { adviserInformed: '2026-03-27' },
      },
      'auditor',
    );
    expect(working.body).toMatchObject({
      dueOn: '2026-04-01',
      ruleTitle: 'Issue the certificate: mediation declined or not pursued',
    });
  });

  it('refuses an unknown rule, a missing or unreal date and a fact the rule does not use, naming each (400)', async () => {
    const unknown = await api<Problem>('POST', '/deadlines/calculation', {
      ruleId: 'appeal.lodged',
      facts: {},
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.map((e) => e.field)).toEqual(['ruleId']);

    const bad = await api<Problem>('POST', '/deadlines/calculation', {
      ruleId: 'appeal.lodge',
      facts: { certificateIssued: '2026-02-30', orderDate: '2026-03-01' },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain(
      'application/problem+json',
    );
    expect(bad.body.errors).toEqual([
      {
        field: 'facts.certificateIssued',
        message: expect.stringContaining(
          'Mediation certificate issued must be a real date',
        ),
      },
      {
        field: 'facts.orderDate',
        message: expect.stringContaining("does not count from 'orderDate'"),
      },
      {
        field: 'facts.decisionLetterSent',
        message: 'Enter the date: decision letter sent',
      },
    ]);
  });
});

describe('GET /api/deadlines: whose, when, which rule, which body, in what order, how many', () => {
  let mine: Walk;
  let managers: Detail;
  beforeAll(async () => {
    // The caseworker's case: the family declined mediation on Fri 27 Feb, so the certificate is due
    // Wed 4 Mar (due soon on Mon 2 Mar); the contact deadline (letter Tue 24 Feb + 2 months: Fri 24 Apr)
    // is met; the appeal deadline (Fri 24 Apr) is extended by the Tribunal to Fri 1 May.
    mine = await Walk.open('Lista Deadline', '2014-03-09');
    const d = await mine.post(
      '/decisions',
      {
        type: 'refuse_assessment',
        decisionDate: '2026-02-23',
        letterSent: '2026-02-24',
      },
      'decision.issued',
    );
    await sql(
      `INSERT INTO mediation_provider (name) VALUES ('Global Mediation') ON CONFLICT (name) DO NOTHING`,
    );
    const providers = await api<{ id: string }[]>(
      'GET',
      '/mediation-providers',
    );
    const m = await mine.post(
      '/mediations',
      {
        decisionId: d.decisions[0]!.id,
        providerId: providers.body[0]!.id,
        contactedOn: '2026-02-26',
        healthInIssue: false,
        socialCareInIssue: false,
      },
      'mediation.adviser_contacted',
    );
    await mine.post(
      `/mediations/${m.mediations[0]!.id}/declined`,
      { adviserInformedOn: '2026-02-27' },
      'mediation.declined',
    );
    const appeal = mine.detail.deadlines.find(
      (x) => x.ruleId === 'appeal.lodge',
    )!;
    await mine.post(
      `/deadlines/${appeal.id}/extension`,
      {
        toDueOn: '2026-05-01',
        ground: 'tribunal_extended_time',
        reason: 'Family bereavement: the Tribunal extended the time.',
        agreedBy: 'First-tier Tribunal (SEND)',
      },
      'deadline.extended',
    );

    // The manager's case: owned by the manager.
    const opened = await api<Detail>(
      'POST',
      '/cases',
      {
        reference: uniqueReference(),
        childName: 'Aaron Manager-Case',
        dateOfBirth: '2012-01-01',
      },
      'manager',
    );
    managers = (
      await api<Detail>(
        'POST',
        `/cases/${opened.body.id}/decisions`,
        {
          expectedVersion: opened.body.version,
          type: 'refuse_plan',
          decisionDate: '2026-02-23',
          letterSent: '2026-02-24',
        },
        'manager',
      )
    ).body;
  });

  it('derives the display statuses due_soon and extended, keeping the stored status', async () => {
    const all = (await list('?filter=all')).body.filter(
      (x) => x.caseId === mine.id,
    );
    const byRule = Object.fromEntries(all.map((x) => [x.ruleId, x]));
    expect(byRule['mediation.certificate_declined']).toMatchObject({
      status: 'open',
      displayStatus: 'due_soon',
      dueOn: '2026-03-04',
    });
    expect(byRule['appeal.lodge']).toMatchObject({
      status: 'open',
      displayStatus: 'extended',
      dueOn: '2026-05-01',
    });
    expect(byRule['mediation.contact_adviser']).toMatchObject({
      status: 'met',
      displayStatus: 'met',
    });
  });

  it("answers only the caller's own deadlines with owner=me, and the team's by default (managers see the team)", async () => {
    const own = (await list('?owner=me')).body;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((x) => x.owner === 'Test Caseworker')).toBe(true);
    expect(own.some((x) => x.caseId === managers.id)).toBe(false);
    const team = (await list('', 'manager')).body;
    expect(team.some((x) => x.caseId === mine.id)).toBe(true);
    expect(team.some((x) => x.caseId === managers.id)).toBe(true);
    const managersOwn = (await list('?owner=me', 'manager')).body;
    expect(managersOwn.some((x) => x.caseId === managers.id)).toBe(true);
    expect(managersOwn.some((x) => x.caseId === mine.id)).toBe(false);
  });

  it('narrows by due dates, rule and responsible body, with outstanding = open or overdue', async () => {
    const range = (await list(`?dueFrom=${TODAY}&dueTo=2026-03-11`)).body;
    expect(range.length).toBeGreaterThan(0);
    expect(
      range.every((x) => x.dueOn >= TODAY && x.dueOn <= '2026-03-11'),
    ).toBe(true);
    expect(
      range.some(
        (x) =>
          x.caseId === mine.id && x.ruleId === 'mediation.certificate_declined',
      ),
    ).toBe(true);

    const rule = (await list('?ruleId=appeal.lodge&filter=outstanding')).body;
    expect(
      rule.every(
        (x) =>
          x.ruleId === 'appeal.lodge' &&
          (x.status === 'open' || x.status === 'overdue'),
      ),
    ).toBe(true);
    expect(rule.some((x) => x.caseId === mine.id)).toBe(true);

    const outstandingMine = (await list('?filter=outstanding')).body
      .filter((x) => x.caseId === mine.id)
      .map((x) => x.ruleId);
    expect(outstandingMine.sort()).toEqual([
      'appeal.lodge',
      'mediation.certificate_declined',
    ]);

    expect(
      (await list('?responsibleBody=icb')).body.every(
        (x) => x.responsibleBody === 'icb',
      ),
    ).toBe(true);
  });

  it('sorts by child, rule, owner or due date, either way, and pages with limit and offset', async () => {
    const place = (rows: Listed[], caseId: string) =>
      rows.findIndex((x) => x.caseId === caseId);
    const byChild = (await list('?sort=childName', 'manager')).body;
    expect(place(byChild, managers.id)).toBeLessThan(place(byChild, mine.id)); // Aaron before Lista
    const byChildDesc = (await list('?sort=-childName', 'manager')).body;
    expect(place(byChildDesc, managers.id)).toBeGreaterThan(
      place(byChildDesc, mine.id),
    );
    const dueDesc = (await list('?sort=-dueOn')).body.map((x) => x.dueOn);
    expect(dueDesc).toEqual([...dueDesc].sort().reverse());

    const whole = (await list('?sort=dueOn')).body.map((x) => x.id);
    const first = (await list('?sort=dueOn&limit=2')).body.map((x) => x.id);
    const second = (await list('?sort=dueOn&limit=2&offset=2')).body.map(
      (x) => x.id,
    );
    expect([...first, ...second]).toEqual(whole.slice(0, 4));
  });

  it.each([
    ['?owner=mine', 'owner', 'Owner must be me or all'],
    ['?dueFrom=2026-02-30', 'dueFrom', 'Due from must be a real date'],
    [
      '?dueFrom=2026-03-10&dueTo=2026-03-01',
      'dueFrom',
      'dueFrom (2026-03-10) must not be after dueTo (2026-03-01)',
    ],
    ['?ruleId=appeal', 'ruleId', 'Rule id must be the id of a rule'],
    [
      '?responsibleBody=nhs',
      'responsibleBody',
      'Responsible body must be one of: icb, council_social_care',
    ],
    [
      '?sort=due',
      'sort',
      'The list can be sorted only by one of: dueOn, -dueOn',
    ],
    ['?limit=0', 'limit', 'Limit must be a whole number from 1 to 500'],
    ['?limit=ten', 'limit', 'Limit must be a whole number from 1 to 500'],
    ['?offset=-1', 'offset', 'Offset must be a whole number, 0 or more'],
    [
      '?colour=red',
      'colour',
      'This request does not take "colour": leave it out',
    ],
  ])('refuses %s with a 400 naming %s', async (query, field, detail) => {
    const res = await api<Problem>('GET', `/deadlines${query}`);
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain(detail);
    expect(res.body.errors?.map((e) => e.field)).toContain(field);
  });
});

describe('the session view', () => {
  it('says when the session ends without use: the idle limit from now, never after the absolute end', async () => {
    const before = Date.now();
    const res = await api<{ expiresAt: string; idleExpiresAt: string }>(
      'GET',
      '/auth/session',
    );
    expect(res.status).toBe(200);
    const idle = Date.parse(res.body.idleExpiresAt);
    // 30 minutes (SESSION_IDLE_MINUTES) after this request, give or take the clocks of two processes.
    expect(idle - before).toBeGreaterThan(29 * 60_000);
    expect(idle - before).toBeLessThan(31 * 60_000);
    expect(idle).toBeLessThanOrEqual(Date.parse(res.body.expiresAt));
  });
});
