import { parse } from 'csv-parse/sync';
import {
  api,
  download,
  type Session,
  sql,
  uniqueReference,
} from './support/api';
import { addStaff, mediationProviderId, Story } from './support/team';
import { randomUUID } from 'node:crypto';

/*
 * A manager's everyday work (issue 14), against a team of this file's own. The run's clock is
 * fixed at Mon 2 Mar 2026.
 *
 * Lee (leaving) holds cases A, B and D; Kim holds C and E.
 * A, B, C: mediation asked for (the council must arrange it within 30 days, SEND Regs reg 37):
 *   A informed 10 Jan (arrange by 9 Feb: 21 days overdue), C 15 Jan (by 14 Feb: 16 days),
 *   B 20 Jan (by 19 Feb: 11 days).
 * D (Lee): refusal to issue a plan, appealed; the Tribunal referred the case back to the council to
 *   reconsider (reg 43(2)(d); reconsider within 2 weeks, reg 44(2)(d)): "referred back", not "lost".
 * E (Kim): refusal to assess, appealed and registered on 20 Jan: the council's response is due
 *   Tue 3 Mar.
 */

let teamName: string;
let manager: Session;
let lee: { id: string; session: Session };
let kim: { id: string; session: Session };
let otherManager: Session;
let otherTeamCaseworker: { id: string; session: Session };
const c: Record<'a' | 'b' | 'c' | 'd' | 'e', Story> = {} as never;

async function mediationAsked(s: Story, informedOn: string): Promise<void> {
  const providerId = await mediationProviderId();
  let d = await s.post('/decisions', {
    type: 'final_plan_content',
    decisionDate: '2025-12-01',
    letterSent: '2025-12-01',
    sections: ['F'],
  });
  d = await s.post('/mediations', {
    decisionId: d.decisions[0]!.id,
    providerId,
    contactedOn: informedOn,
    healthInIssue: false,
    socialCareInIssue: false,
  });
  await s.post(`/mediations/${d.mediations[0]!.id}/requested`, {
    laInformedOn: informedOn,
  });
}

beforeAll(async () => {
  teamName = `Manager Team ${randomUUID().slice(0, 6)}`;
  manager = (await addStaff('Mo Manager', 'manager', teamName)).session;
  lee = await addStaff('Lee Leaver', 'caseworker', teamName);
  kim = await addStaff('Kim Keeper', 'caseworker', teamName);
  const other = `Other Team ${randomUUID().slice(0, 6)}`;
  otherManager = (await addStaff('Olu Other', 'manager', other)).session;
  otherTeamCaseworker = await addStaff('Oz Other', 'caseworker', other);

  c.a = await Story.open(lee.session, uniqueReference(), 'Ada Manager');
  await mediationAsked(c.a, '2026-01-10');
  c.b = await Story.open(lee.session, uniqueReference(), 'Bea Manager');
  await mediationAsked(c.b, '2026-01-20');
  c.c = await Story.open(kim.session, uniqueReference(), 'Cal Manager');
  await mediationAsked(c.c, '2026-01-15');

  c.d = await Story.open(lee.session, uniqueReference(), 'Dee Manager');
  let d = await c.d.post('/decisions', {
    type: 'refuse_plan',
    decisionDate: '2025-10-02',
    letterSent: '2025-10-02',
    sections: [],
  });
  d = await c.d.post('/appeals', {
    decisionId: d.decisions[0]!.id,
    tribunalReference: 'EH857/25/20001',
    lodgedOn: '2025-10-20',
    confirmedUnusual: true,
  });
  await c.d.post(`/appeals/${d.appeals[0]!.id}/outcome`, {
    outcome: 'referred_back',
    decisionDate: '2026-02-02',
  });

  c.e = await Story.open(kim.session, uniqueReference(), 'Eve Manager');
  d = await c.e.post('/decisions', {
    type: 'refuse_assessment',
    decisionDate: '2026-01-05',
    letterSent: '2026-01-06',
  });
  d = await c.e.post('/appeals', {
    decisionId: d.decisions[0]!.id,
    tribunalReference: 'EH857/26/20002',
    lodgedOn: '2026-01-12',
    confirmedUnusual: true,
  });
  await c.e.post(`/appeals/${d.appeals[0]!.id}/registration`, {
    registeredOn: '2026-01-19',
    appealReceivedOn: '2026-01-20',
  });
}, 120_000);

const report = (path: string, as: Session = manager) =>
  api('GET', `/reports/${path}`, undefined, as);

/** A CSV's rows (RFC 4180), after its byte order mark. */
function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true }) as string[][];
}

async function csv(path: string, as: Session = manager) {
  const res = await download(`/reports/${path}`, as);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/csv');
  expect(res.headers.get('content-disposition')).toMatch(
    /^attachment; filename=".+\.csv"$/,
  );
  // A UTF-8 byte order mark, so that spreadsheets read the names right.
  expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(res.bytes.subarray(3).toString('utf8'));
}

describe('drill-down lists: sorted and filtered on the server', () => {
  const overdue = 'deadlines/list?status=overdue&rule=mediation.arrange';
  const refs = (b: { items: { caseReference: string }[] }) =>
    b.items.map((i) => i.caseReference);

  it('lists the days overdue and the caseworker, soonest due first by default', async () => {
    const res = await report(overdue);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(
      res.body.items.map((i: Record<string, unknown>) => [
        i['caseReference'],
        i['daysOverdue'],
        i['caseworker'],
      ]),
    ).toEqual([
      [c.a.detail.reference, 21, 'Lee Leaver'],
      [c.c.detail.reference, 16, 'Kim Keeper'],
      [c.b.detail.reference, 11, 'Lee Leaver'],
    ]);
    expect(res.body.caseworkers).toEqual(
      expect.arrayContaining(['Kim Keeper', 'Lee Leaver']),
    );
  });

  it('sorts by each whitelisted column, either way, and pages in that order', async () => {
    expect(refs((await report(`${overdue}&sort=daysOverdue`)).body)).toEqual([
      c.b.detail.reference,
      c.c.detail.reference,
      c.a.detail.reference,
    ]);
    expect(refs((await report(`${overdue}&sort=-daysOverdue`)).body)).toEqual([
      c.a.detail.reference,
      c.c.detail.reference,
      c.b.detail.reference,
    ]);
    expect(refs((await report(`${overdue}&sort=-dueOn`)).body)).toEqual([
      c.b.detail.reference,
      c.c.detail.reference,
      c.a.detail.reference,
    ]);
    const byCaseworker = (await report(`${overdue}&sort=caseworker`)).body;
    expect(
      byCaseworker.items.map((i: { caseworker: string }) => i.caseworker),
    ).toEqual(['Kim Keeper', 'Lee Leaver', 'Lee Leaver']);
    expect(
      (await report(`${overdue}&sort=-childName`)).body.items.map(
        (i: { childName: string }) => i.childName,
      ),
    ).toEqual(['Cal Manager', 'Bea Manager', 'Ada Manager']);
    // The second page continues the order of the first.
    const page2 = (
      await report(`${overdue}&sort=-daysOverdue&limit=2&offset=2`)
    ).body;
    expect({ total: page2.total, refs: refs(page2) }).toEqual({
      total: 3,
      refs: [c.b.detail.reference],
    });
    for (const sort of [
      'caseReference',
      '-caseReference',
      'ruleId',
      '-ruleId',
      '-caseworker',
      'childName',
    ])
      expect((await report(`${overdue}&sort=${sort}`)).status).toBe(200);
  });

  it('filters by caseworker and rule', async () => {
    const lee = (await report(`${overdue}&caseworker=Lee%20Leaver`)).body;
    expect({ total: lee.total, refs: refs(lee) }).toEqual({
      total: 2,
      refs: [c.a.detail.reference, c.b.detail.reference],
    });
    const reconsider = (
      await report('deadlines/list?status=overdue&rule=order.reconsider')
    ).body;
    expect(refs(reconsider)).toEqual([c.d.detail.reference]);
  });

  it('answers 400, in words, for a sort or a key it does not know', async () => {
    for (const bad of [
      'sort=owner',
      'sort=due_on',
      'sort=dueOn;DROP',
      'sort=-',
      'orderBy=dueOn',
    ]) {
      const res = await report(`${overdue}&${bad}`);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      expect(res.body.detail).toBeTruthy();
    }
    const res = await report(`${overdue}&sort=owner`);
    expect(res.body.detail).toMatch(
      /The list can be sorted only by one of its columns/,
    );
  });

  it("refuses a manager another team's list (403), in the list and its CSV", async () => {
    expect(
      (
        await report(
          `${overdue}&team=${encodeURIComponent(teamName)}`,
          otherManager,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await download(
          `/reports/deadlines/list.csv?team=${encodeURIComponent(teamName)}`,
          otherManager,
        )
      ).status,
    ).toBe(403);
  });
});

describe('the appeals register: referred back is its own outcome', () => {
  it('counts a case referred back as referred back, not lost (SEND Regs reg 43(2)(d))', async () => {
    const b = (await report('appeals')).body;
    const nonZero = (rows: { key: string; count: number }[]) =>
      Object.fromEntries(
        rows.filter((r) => r.count).map((r) => [r.key, r.count]),
      );
    expect(nonZero(b.counts.byResult)).toEqual({ open: 1, referred_back: 1 });
    expect(
      b.counts.byDecisionType.find(
        (r: { key: string }) => r.key === 'refuse_plan',
      ),
    ).toMatchObject({
      total: 1,
      lost: 0,
      referredBack: 1,
    });
    const referred = (await report('appeals?result=referred_back')).body;
    expect(referred.items.map((a: { caseId: string }) => a.caseId)).toEqual([
      c.d.id,
    ]);
    expect(referred.items[0]).toMatchObject({
      result: 'referred_back',
      outcome: 'referred_back',
      caseworker: 'Lee Leaver',
    });
    expect(
      (
        await sql(`SELECT result FROM appeal_register WHERE case_id = $1`, [
          c.d.id,
        ])
      )[0].result,
    ).toBe('referred_back');
  });

  it('gives the caseworker, the hearing date and when the response is due; sorts by outcome', async () => {
    const b = (await report('appeals?sort=outcome&order=asc')).body;
    expect(b.items.map((a: { caseId: string }) => a.caseId)).toEqual([
      c.e.id,
      c.d.id,
    ]);
    expect(b.items[0]).toMatchObject({
      caseworker: 'Kim Keeper',
      result: 'open',
      responseDueOn: '2026-03-03',
    });
    expect(b.items[1].responseDueOn).toBeUndefined();
    const desc = (await report('appeals?sort=outcome&order=desc')).body;
    expect(desc.items.map((a: { caseId: string }) => a.caseId)).toEqual([
      c.d.id,
      c.e.id,
    ]);
    for (const sort of ['caseworker', 'hearingDate', 'responseDueOn'])
      expect((await report(`appeals?sort=${sort}`)).status).toBe(200);
    expect((await report('appeals?sort=result')).status).toBe(400);
  });
});

describe('every report table as CSV, with the filters of the table', () => {
  it('the dashboard tables: by caseworker, by rule, by responsible body, compliance', async () => {
    const byCaseworker = await csv('deadlines/by-caseworker.csv');
    expect(byCaseworker[0]).toEqual([
      'Caseworker',
      'Due this week',
      'Overdue now',
      'Due in the period',
      'Met on time',
      'Met late',
      'Missed',
      'Not yet due',
      'Per cent on time',
    ]);
    const dashboard = (await report('deadlines')).body;
    expect(byCaseworker.slice(1).map((r) => [r[0], Number(r[2])])).toEqual(
      dashboard.byCaseworker.map((r: { label: string; overdue: number }) => [
        r.label,
        r.overdue,
      ]),
    );
    const byRule = await csv('deadlines/by-rule.csv');
    expect(byRule[0]![0]).toBe('What is due');
    expect(byRule.length - 1).toBe(dashboard.byRule.length);
    const byBody = await csv('deadlines/by-responsible-body.csv');
    expect(byBody.slice(1).map((r) => r[0])).toEqual(
      dashboard.byResponsibleBody.map((r: { label: string }) => r.label),
    );
    const compliance = await csv('compliance.csv?from=2026-01&to=2026-03');
    expect(compliance[0]!.slice(0, 3)).toEqual([
      'Deadlines',
      'Month due',
      'Due',
    ]);
    expect(compliance.length - 1).toBe(4 * 3); // four families, three months
    const arranging = compliance.find(
      (r) =>
        r[0] === 'Arranging mediation within 30 days' && r[1] === '2026-02',
    );
    expect(arranging?.[2]).toBe('3');
    // Bad filters are refused as for the table.
    expect(
      (await download('/reports/compliance.csv?from=2026-13', manager)).status,
    ).toBe(400);
  });

  it('a drill-down list: every row (not a page), sorted as asked, dates as days, headings in words', async () => {
    const rows = await csv(
      'deadlines/list.csv?status=overdue&rule=mediation.arrange&sort=-daysOverdue&limit=1',
    );
    expect(rows[0]).toEqual([
      'Case reference',
      'Child',
      'What is due',
      'Responsible body',
      'Due date',
      'Status',
      'Days overdue',
      'Met on',
      'Caseworker',
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[4], r[6], r[8]])).toEqual([
      [c.a.detail.reference, '2026-02-09', '21', 'Lee Leaver'],
      [c.c.detail.reference, '2026-02-14', '16', 'Kim Keeper'],
      [c.b.detail.reference, '2026-02-19', '11', 'Lee Leaver'],
    ]);
    expect(
      (await download('/reports/deadlines/list.csv?sort=nonsense', manager))
        .status,
    ).toBe(400);
  });

  it('the appeals register, with its filters', async () => {
    const rows = await csv('appeals.csv?result=referred_back');
    expect(rows[0]).toContain('Outcome for the council');
    expect(rows[0]).toContain('Response due');
    expect(rows[0]).toContain('Hearing date');
    expect(rows.slice(1).map((r) => [r[0], r[3], r[13]])).toEqual([
      [
        c.d.detail.reference,
        'Lee Leaver',
        'Referred back to the council to reconsider',
      ],
    ]);
    expect((await csv('appeals.csv')).length - 1).toBe(2);
  });
});

describe('bulk reassignment: a caseworker leaves', () => {
  const moveOf = (body: Record<string, unknown>, as: Session = manager) =>
    api('POST', '/reassignments', body, as);
  const holder = async (id: string) =>
    (
      await sql(`SELECT caseworker, caseworker_id FROM "case" WHERE id = $1`, [
        id,
      ])
    )[0];
  const reassignedEvents = (id: string) =>
    sql(
      `SELECT reason, actor_role, payload FROM case_event WHERE case_id = $1 AND type = 'case.reassigned'`,
      [id],
    );

  it("previews the leaver's cases with their open deadlines, and who can take them", async () => {
    const res = await api(
      'GET',
      `/reassignments/preview?fromStaffUserId=${lee.id}`,
      undefined,
      manager,
    );
    expect(res.status).toBe(200);
    expect(res.body.from).toEqual({
      id: lee.id,
      name: 'Lee Leaver',
      team: teamName,
    });
    const byRef = Object.fromEntries(
      res.body.cases.map((x: { reference: string }) => [x.reference, x]),
    );
    expect(Object.keys(byRef).sort()).toEqual(
      [c.a, c.b, c.d].map((s) => s.detail.reference).sort(),
    );
    const a = byRef[c.a.detail.reference];
    expect(a.childName).toBe('Ada Manager');
    // The council's arranging of mediation, overdue since 9 Feb (and whatever else is still live).
    expect(a.overdueDeadlines).toBeGreaterThanOrEqual(1);
    expect(a.openDeadlines).toBeGreaterThanOrEqual(a.overdueDeadlines);
    expect(a.nextDueOn <= '2026-02-09').toBe(true);
    expect(
      res.body.candidates.map((s: { name: string }) => s.name).sort(),
    ).toEqual(['Kim Keeper', 'Mo Manager']);
  });

  it('is for managers only, and only within their team', async () => {
    const preview = `/reassignments/preview?fromStaffUserId=${lee.id}`;
    expect((await api('GET', preview, undefined, kim.session)).status).toBe(
      403,
    );
    expect((await api('GET', preview, undefined, 'auditor')).status).toBe(403);
    expect((await api('GET', preview, undefined, otherManager)).status).toBe(
      403,
    );
    const body = {
      fromStaffUserId: lee.id,
      caseIds: [c.a.id],
      staffUserId: kim.id,
      reason: 'Lee has left.',
    };
    expect((await moveOf(body, kim.session)).status).toBe(403);
    expect((await moveOf(body, otherManager)).status).toBe(403);
    expect((await holder(c.a.id)).caseworker).toBe('Lee Leaver');
  });

  it('refuses bad requests with a message to act on, moving nothing', async () => {
    const base = {
      fromStaffUserId: lee.id,
      caseIds: [c.a.id],
      staffUserId: kim.id,
      reason: 'Lee has left.',
    };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...base, reason: '   ' }, /Give the reason the cases move/],
      [{ ...base, reason: undefined }, /Give the reason the cases move/],
      [{ ...base, caseIds: [] }, /Choose at least one case to move/],
      [{ ...base, caseIds: [c.a.id, c.a.id] }, /A case is chosen twice/],
      [{ ...base, spreadAcross: [kim.id] }, /not both/],
      [
        { ...base, staffUserId: undefined },
        /Choose one caseworker to take every case, or several/,
      ],
      [
        { ...base, staffUserId: otherTeamCaseworker.id },
        /active caseworker or manager in your team/,
      ],
      [{ ...base, staffUserId: lee.id }, /must move to someone else/],
      [
        { ...base, caseIds: ['not-a-case'] },
        /Choose the cases to move from the list/,
      ],
    ];
    for (const [body, message] of cases) {
      const res = await moveOf(body);
      expect({ body, status: res.status, detail: res.body.detail }).toEqual({
        body,
        status: 400,
        detail: expect.stringMatching(message),
      });
    }
    expect((await holder(c.a.id)).caseworker).toBe('Lee Leaver');
    expect(await reassignedEvents(c.a.id)).toEqual([]);
  });

  it('moves every case or none: one case not the leaver’s and nothing moves (one transaction)', async () => {
    const res = await moveOf({
      fromStaffUserId: lee.id,
      caseIds: [c.a.id, c.b.id, c.c.id],
      staffUserId: kim.id,
      reason: 'Lee has left.',
    });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(
      new RegExp(
        `Case ${c.c.detail.reference} is no longer Lee Leaver's.*nothing was moved`,
      ),
    );
    for (const s of [c.a, c.b]) {
      expect((await holder(s.id)).caseworker).toBe('Lee Leaver');
      expect(await reassignedEvents(s.id)).toEqual([]);
    }
    // A case of another team: not found for this manager, and nothing moves.
    const stranger = await Story.open(
      otherTeamCaseworker.session,
      uniqueReference(),
      'Stranger Case',
    );
    const res2 = await moveOf({
      fromStaffUserId: lee.id,
      caseIds: [c.a.id, stranger.id],
      staffUserId: kim.id,
      reason: 'Lee has left.',
    });
    expect(res2.status).toBe(404);
    expect((await holder(c.a.id)).caseworker).toBe('Lee Leaver');
  });

  it("moves the leaver's cases and open deadlines, shared in turn, each move an event with the reason", async () => {
    const liveBefore = (
      await sql(
        `SELECT count(*)::int AS n FROM deadline WHERE case_id = ANY($1::uuid[]) AND status IN ('open', 'overdue')`,
        [[c.a.id, c.b.id, c.d.id]],
      )
    )[0].n;
    const [mo] = await sql(
      `SELECT id FROM staff_user WHERE team = $1 AND role = 'manager'`,
      [teamName],
    );
    const res = await moveOf({
      fromStaffUserId: lee.id,
      caseIds: [c.a.id, c.b.id, c.d.id],
      spreadAcross: [kim.id, mo.id],
      reason: 'Lee left the council on 27 February.',
    });
    expect(res.status).toBe(201);
    expect(res.body.openDeadlinesMoved).toBe(liveBefore);
    const to = Object.fromEntries(
      res.body.moved.map((m: { caseId: string; to: string }) => [
        m.caseId,
        m.to,
      ]),
    );
    // Dealt out in turn in the order given: A to Kim, B to Mo, D to Kim.
    expect(to).toEqual({
      [c.a.id]: 'Kim Keeper',
      [c.b.id]: 'Mo Manager',
      [c.d.id]: 'Kim Keeper',
    });
    expect(await holder(c.a.id)).toEqual({
      caseworker: 'Kim Keeper',
      caseworker_id: kim.id,
    });
    expect(await holder(c.b.id)).toEqual({
      caseworker: 'Mo Manager',
      caseworker_id: mo.id,
    });
    // The open deadlines moved with their case; those done stay with whoever did them.
    const owners = await sql(
      `SELECT DISTINCT owner, owner_id FROM deadline WHERE case_id = $1 AND status IN ('open', 'overdue')`,
      [c.a.id],
    );
    expect(owners).toEqual([{ owner: 'Kim Keeper', owner_id: kim.id }]);
    // Each case's history has the existing reassignment event, with the reason, in one correlated move.
    for (const s of [c.a, c.b, c.d]) {
      const events = await reassignedEvents(s.id);
      expect(events).toEqual([
        {
          reason: 'Lee left the council on 27 February.',
          actor_role: 'manager',
          payload: expect.objectContaining({
            team: teamName,
            reassignedOn: '2026-03-02',
          }),
        },
      ]);
    }
    const correlations = await sql(
      `SELECT DISTINCT correlation_id FROM case_event WHERE type = 'case.reassigned' AND case_id = ANY($1::uuid[])`,
      [[c.a.id, c.b.id, c.d.id]],
    );
    expect(correlations).toHaveLength(1);
    const history = await api(
      'GET',
      `/cases/${c.a.id}/history`,
      undefined,
      manager,
    );
    expect(JSON.stringify(history.body)).toContain(
      'Case reassigned to Kim Keeper',
    );
    // The leaver holds nothing now; the drill-down names the new caseworker.
    const preview = await api(
      'GET',
      `/reassignments/preview?fromStaffUserId=${lee.id}`,
      undefined,
      manager,
    );
    expect(preview.body.cases).toEqual([]);
    const list = (
      await report('deadlines/list?status=overdue&rule=mediation.arrange')
    ).body;
    expect(list.items.map((i: { caseworker: string }) => i.caseworker)).toEqual(
      ['Kim Keeper', 'Kim Keeper', 'Mo Manager'],
    );
    // Moving them again is refused: they are no longer Lee's.
    const again = await moveOf({
      fromStaffUserId: lee.id,
      caseIds: [c.a.id],
      staffUserId: kim.id,
      reason: 'Again.',
    });
    expect(again.status).toBe(400);
  });
});
