import { api, sql, uniqueReference } from './support/api';
import { mediationProviderId, newTeam, Story, type Team } from './support/team';

/*
 * The manager's and auditor's reports, against a team of this file's own, so every number can be
 * worked out by hand. The run's clock is fixed at Mon 2 Mar 2026: this week ends Sun 8 Mar.
 *
 * Case 1 (Rita): content of the final plan. Mediation asked for on 10 Sep 2025 (arrange by 10 Oct),
 *   held 25 Sep: met on time. Appeal received 6 Oct; response due Mon 17 Nov 2025 (30 Tribunal
 *   working days), sent 10 Oct: on time. Allowed on 5 Jan 2026: amend the plan by 9 Feb (done
 *   20 Feb: late); recommendations to the ICB (answered 20 Jan: on time) and to council social care
 *   (not answered: missed).
 * Case 2 (Ravi): refusal to assess; appeal (lodged without a certificate, confirmed) received Tue
 *   20 Jan 2026, response due Tue 3 Mar: open, due this week.
 * Case 3 (Ravi): refusal to issue a plan; mediation asked for on 10 Nov 2025 (arrange by 10 Dec),
 *   not arranged, and the adviser's certificate says so: missed, closed (no longer overdue now).
 *
 * The family's and the mediation adviser's deadlines (appeal, contact with the adviser,
 * certificates) are not the council's and do not count.
 */

let team: Team;
const c: Record<'one' | 'two' | 'three', Story> = {} as never;

beforeAll(async () => {
  team = await newTeam('Reporting Team', ['Rita Report', 'Ravi Report']);
  const [rita, ravi] = team.caseworkers as [Team['manager'], Team['manager']];
  const providerId = await mediationProviderId();

  c.one = await Story.open(rita, uniqueReference(), 'Robin One');
  let d = await c.one.post('/decisions', {
    type: 'final_plan_content',
    decisionDate: '2025-09-01',
    letterSent: '2025-09-02',
    sections: ['F'],
  });
  const decision1 = d.decisions[0]!.id;
  d = await c.one.post('/mediations', {
    decisionId: decision1,
    providerId,
    contactedOn: '2025-09-10',
    healthInIssue: false,
    socialCareInIssue: true,
  });
  const mediation1 = d.mediations[0]!.id;
  await c.one.post(`/mediations/${mediation1}/requested`, {
    laInformedOn: '2025-09-10',
  });
  await c.one.post(`/mediations/${mediation1}/held`, {
    heldOn: '2025-09-25',
    concludedOn: '2025-09-25',
    outcome: 'not_resolved',
  });
  await c.one.post(`/mediations/${mediation1}/certificates`, {
    kind: 'mediation_concluded',
    issuedOn: '2025-09-26',
  });
  d = await c.one.post('/appeals', {
    decisionId: decision1,
    tribunalReference: 'EH857/25/10001',
    lodgedOn: '2025-10-01',
    sections: ['F'],
  });
  const appeal1 = d.appeals[0]!.id;
  await c.one.post(`/appeals/${appeal1}/registration`, {
    registeredOn: '2025-10-05',
    appealReceivedOn: '2025-10-06',
  });
  await c.one.post(`/appeals/${appeal1}/response`, { sentOn: '2025-10-10' });
  d = await c.one.post(`/appeals/${appeal1}/outcome`, {
    outcome: 'decided_allowed',
    decisionDate: '2026-01-05',
    orderSentOn: '2026-01-06',
    orders: [{ orderType: 'amend_plan', details: 'Amend section F.' }],
    recommendations: [
      {
        section: 'G',
        responsibleBody: 'icb',
        text: 'Speech and language therapy.',
      },
      {
        section: 'H1',
        responsibleBody: 'council_social_care',
        text: 'Short breaks.',
      },
    ],
  });
  await c.one.post(`/orders/${d.orders[0]!.id}/compliance`, {
    ruleId: 'order.amend_plan',
    compliedOn: '2026-02-20',
    evidence: 'Amended plan issued.',
  });
  const icb = d.recommendations.find((r) => r.responsibleBody === 'icb')!.id;
  await c.one.post(`/recommendations/${icb}/response`, {
    outcome: 'followed',
    sentOn: '2026-01-20',
    recipient: 'parent',
    sentTo: ['Parent'],
  });

  c.two = await Story.open(ravi, uniqueReference(), 'Robin Two');
  d = await c.two.post('/decisions', {
    type: 'refuse_assessment',
    decisionDate: '2026-01-05',
    letterSent: '2026-01-06',
  });
  d = await c.two.post('/appeals', {
    decisionId: d.decisions[0]!.id,
    tribunalReference: 'EH857/26/10002',
    lodgedOn: '2026-01-12',
    confirmedUnusual: true,
  });
  await c.two.post(`/appeals/${d.appeals[0]!.id}/registration`, {
    registeredOn: '2026-01-19',
    appealReceivedOn: '2026-01-20',
  });

  c.three = await Story.open(ravi, uniqueReference(), 'Robin Three');
  d = await c.three.post('/decisions', {
    type: 'refuse_plan',
    decisionDate: '2025-11-03',
    letterSent: '2025-11-04',
  });
  d = await c.three.post('/mediations', {
    decisionId: d.decisions[0]!.id,
    providerId,
    contactedOn: '2025-11-10',
    healthInIssue: false,
    socialCareInIssue: false,
  });
  const mediation3 = d.mediations[0]!.id;
  await c.three.post(`/mediations/${mediation3}/requested`, {
    laInformedOn: '2025-11-10',
  });
  await c.three.post(`/mediations/${mediation3}/not-arranged`, {
    adviserInformedOn: '2025-12-15',
  });
  await c.three.post(`/mediations/${mediation3}/certificates`, {
    kind: 'mediation_not_arranged',
    issuedOn: '2025-12-16',
  });
});

const PERIOD = 'from=2025-09&to=2026-03';
const report = (
  path: string,
  as: Team['manager'] | 'auditor' | 'caseworker' | 'manager' = team.manager,
) => api(`GET`, `/reports/${path}`, undefined, as);

describe('the dates the numbers rest on', () => {
  it('are the statutory ones', () => {
    expect(c.one.deadline('mediation.arrange').dueOn).toBe('2025-10-10');
    expect(c.one.deadline('tribunal.la_response').dueOn).toBe('2025-11-17');
    expect(c.one.deadline('order.amend_plan').dueOn).toBe('2026-02-09');
    expect(
      c.one.detail.deadlines
        .filter((d) => d.ruleId === 'recommendation.response')
        .map((d) => d.dueOn),
    ).toEqual(['2026-02-09', '2026-02-09']);
    expect(c.two.deadline('tribunal.la_response').dueOn).toBe('2026-03-03');
    expect(c.three.deadline('mediation.arrange')).toMatchObject({
      dueOn: '2025-12-10',
      status: 'missed',
    });
  });
});

describe('GET /api/reports/deadlines', () => {
  it("counts the team's deadlines now and in the period, by caseworker, rule and responsible body", async () => {
    const res = await report(`deadlines?${PERIOD}`);
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.filters).toEqual({
      team: team.name,
      from: '2025-09',
      to: '2026-03',
      decisionType: null,
    });
    expect(b).toMatchObject({
      today: '2026-03-02',
      weekEnds: '2026-03-08',
      dueThisWeek: 1,
      overdue: 1,
      open: 1,
      teams: [team.name],
    });
    expect(b.period).toEqual({
      due: 7,
      metOnTime: 3,
      metLate: 1,
      missed: 2,
      pending: 1,
      percentOnTime: 50,
    });

    const counts = (r: Record<string, unknown>) => [
      r['key'],
      r['dueThisWeek'],
      r['overdue'],
      r['due'],
      r['metOnTime'],
      r['metLate'],
      r['missed'],
      r['pending'],
      r['percentOnTime'],
    ];
    expect(b.byCaseworker.map(counts)).toEqual([
      ['Ravi Report', 1, 0, 2, 0, 0, 1, 1, 0],
      ['Rita Report', 0, 1, 5, 3, 1, 1, 0, 60],
    ]);
    expect(b.byRule.map(counts)).toEqual([
      ['mediation.arrange', 0, 0, 2, 1, 0, 1, 0, 50],
      ['recommendation.response', 0, 1, 2, 1, 0, 1, 0, 50],
      ['tribunal.la_response', 1, 0, 2, 1, 0, 0, 1, 100],
      ['order.amend_plan', 0, 0, 1, 0, 1, 0, 0, 0],
    ]);
    expect(b.byRule.map((r: { label: string }) => r.label)).toEqual([
      'Arrange the mediation',
      'Respond to the health and social care recommendations',
      "Send the council's response to the appeal",
      'Tribunal order: issue the amended EHC plan',
    ]);
    expect(b.byResponsibleBody.map(counts)).toEqual([
      ['icb', 0, 0, 1, 1, 0, 0, 0, 100],
      ['council_social_care', 0, 1, 1, 0, 0, 1, 0, 0],
    ]);
  });

  it('filters by decision type', async () => {
    const refusePlan = (
      await report(`deadlines?${PERIOD}&decisionType=refuse_plan`)
    ).body;
    expect(refusePlan).toMatchObject({ dueThisWeek: 0, overdue: 0, open: 0 });
    expect(refusePlan.period).toMatchObject({ due: 1, missed: 1 });
    const content = (
      await report(`deadlines?${PERIOD}&decisionType=final_plan_content`)
    ).body;
    expect(content.period).toMatchObject({
      due: 5,
      metOnTime: 3,
      metLate: 1,
      missed: 1,
      pending: 0,
    });
  });

  it('counts only the deadlines due in the period, while overdue stays overdue whenever it was due', async () => {
    const b = (await report('deadlines?from=2026-02&to=2026-02')).body;
    expect(b.period).toEqual({
      due: 3,
      metOnTime: 1,
      metLate: 1,
      missed: 1,
      pending: 0,
      percentOnTime: 33,
    });
    expect(b.overdue).toBe(1);
  });

  it('keeps up with a corrected decision type (the decision type of deadlines follows the case)', async () => {
    const history = await api<{ sequence: number; type: string }[]>(
      'GET',
      `/cases/${c.three.id}/history`,
      undefined,
      team.caseworkers[1],
    );
    const decision = history.body.find((e) => e.type === 'decision.issued')!;
    await c.three.post(`/events/${decision.sequence}/correction`, {
      changes: { decisionType: 'refuse_amend' },
      reason: 'The panel decided not to amend the plan, not to refuse one.',
    });
    expect(
      (await report(`deadlines?${PERIOD}&decisionType=refuse_plan`)).body.period
        .due,
    ).toBe(0);
    expect(
      (await report(`deadlines?${PERIOD}&decisionType=refuse_amend`)).body
        .period,
    ).toMatchObject({ due: 1, missed: 1 });
    const [row] = await sql(
      `SELECT decision_type FROM deadline WHERE case_id = $1 AND rule_id = 'mediation.arrange'`,
      [c.three.id],
    );
    expect(row.decision_type).toBe('refuse_amend');
  });

  it("is the same for an auditor asking for the team, and an auditor sees every team's without one", async () => {
    const theirs = (
      await report(
        `deadlines?${PERIOD}&team=${encodeURIComponent(team.name)}`,
        'auditor',
      )
    ).body;
    expect(theirs.period).toEqual({
      due: 7,
      metOnTime: 3,
      metLate: 1,
      missed: 2,
      pending: 1,
      percentOnTime: 50,
    });
    const all = (await report(`deadlines?${PERIOD}`, 'auditor')).body;
    expect(all.filters.team).toBeNull();
    expect(all.period.due).toBeGreaterThanOrEqual(7);
    expect(all.teams).toContain(team.name);
  });

  it("refuses another team's report to a manager, every report to a caseworker, and writes each read to the access log", async () => {
    const other = await report(
      `deadlines?team=${encodeURIComponent(team.name)}`,
      'manager',
    );
    expect(other.status).toBe(403);
    expect(other.body.detail).toMatch(/your own team \(SEND North\)/);
    expect((await report('deadlines', 'caseworker')).status).toBe(403);
    expect((await report('appeals', 'caseworker')).status).toBe(403);
    const before = await sql(
      `SELECT count(*)::int AS n FROM access_log WHERE action = 'report.deadlines' AND actor_name = 'Reporting Team Manager'`,
    );
    await report(`deadlines?${PERIOD}`);
    const [entry] = await sql(
      `SELECT purpose, detail FROM access_log WHERE action = 'report.deadlines' AND actor_name = 'Reporting Team Manager' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({
      purpose: 'deadline dashboard',
      detail: { query: { from: '2025-09', to: '2026-03' } },
    });
    const after = await sql(
      `SELECT count(*)::int AS n FROM access_log WHERE action = 'report.deadlines' AND actor_name = 'Reporting Team Manager'`,
    );
    expect(after[0].n).toBe(before[0].n + 1);
  });

  it.each([
    ['from=2026-13', 'from'],
    ['to=March', 'to'],
    ['from=2026-03&to=2026-01', 'from'],
    ['from=2020-01&to=2026-01', 'from'],
    ['decisionType=refuse_everything', 'decisionType'],
    ['team=a&team=b', 'team'],
    ['colour=red', 'colour'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const res = await report(`deadlines?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain(
      'application/problem+json',
    );
    expect(
      res.body.errors?.map((e: { field: string }) => e.field) ?? [
        res.body.detail,
      ],
    ).toEqual(expect.arrayContaining([expect.stringContaining(field)]));
  });
});

describe('GET /api/reports/compliance', () => {
  it('gives met on time, met late and missed by due month for each family of deadlines', async () => {
    const res = await report(`compliance?${PERIOD}`);
    expect(res.status).toBe(200);
    const months = (category: string) => {
      const series = res.body.series.find(
        (s: { category: string }) => s.category === category,
      );
      expect(series.months.map((m: { month: string }) => m.month)).toEqual([
        '2025-09',
        '2025-10',
        '2025-11',
        '2025-12',
        '2026-01',
        '2026-02',
        '2026-03',
      ]);
      return Object.fromEntries(
        series.months
          .filter((m: { due: number }) => m.due > 0)
          .map((m: Record<string, number>) => [
            m['month'],
            [
              m['metOnTime'],
              m['metLate'],
              m['missed'],
              m['pending'],
              m['percentOnTime'],
            ],
          ]),
      );
    };
    expect(months('order_compliance')).toEqual({ '2026-02': [0, 1, 0, 0, 0] });
    expect(months('recommendation_responses')).toEqual({
      '2026-02': [1, 0, 1, 0, 50],
    });
    expect(months('mediation_arrangements')).toEqual({
      '2025-10': [1, 0, 0, 0, 100],
      '2025-12': [0, 0, 1, 0, 0],
    });
    expect(months('tribunal_responses')).toEqual({
      '2025-11': [1, 0, 0, 0, 100],
      '2026-03': [0, 0, 0, 1, null],
    });
    const recs = res.body.series.find(
      (s: { category: string }) => s.category === 'recommendation_responses',
    );
    expect(recs.total).toEqual({
      due: 2,
      metOnTime: 1,
      metLate: 0,
      missed: 1,
      pending: 0,
      percentOnTime: 50,
    });
    expect(recs.title).toBe(
      'Responding to health and social care recommendations',
    );
  });
});

describe('GET /api/reports/deadlines/list', () => {
  it('lists the deadlines behind a number, with links to their cases', async () => {
    const overdueResponses = await report(
      `deadlines/list?status=overdue&rule=recommendation.response`,
    );
    expect(overdueResponses.status).toBe(200);
    expect(overdueResponses.body.total).toBe(1);
    expect(overdueResponses.body.items[0]).toMatchObject({
      caseId: c.one.id,
      caseReference: c.one.detail.reference,
      childName: 'Robin One',
      ruleId: 'recommendation.response',
      responsibleBody: 'council_social_care',
      status: 'overdue',
      dueOn: '2026-02-09',
    });
    const missedMediation = (
      await report(
        `deadlines/list?${PERIOD}&status=missed&category=mediation_arrangements`,
      )
    ).body;
    expect(
      missedMediation.items.map((d: { caseId: string }) => d.caseId),
    ).toEqual([c.three.id]);
    const thisWeek = (await report('deadlines/list?status=due_this_week')).body;
    expect(
      thisWeek.items.map((d: { caseId: string; ruleId: string }) => [
        d.caseId,
        d.ruleId,
      ]),
    ).toEqual([[c.two.id, 'tribunal.la_response']]);
    const rita = (
      await report(
        `deadlines/list?${PERIOD}&caseworker=Rita%20Report&status=due&limit=2&offset=4`,
      )
    ).body;
    expect(rita.total).toBe(5);
    expect(rita.items).toHaveLength(1);
    const february = (
      await report(
        `deadlines/list?${PERIOD}&month=2026-02&responsibleBody=icb&status=met_on_time`,
      )
    ).body;
    expect(february.total).toBe(1);
  });

  it('refuses a status or rule it does not know', async () => {
    expect((await report('deadlines/list?status=late')).status).toBe(400);
    expect((await report('deadlines/list?rule=recommendation')).status).toBe(
      400,
    );
    expect((await report('deadlines/list?limit=0')).status).toBe(400);
    expect((await report('deadlines/list?limit=ten')).status).toBe(400);
  });
});

describe('GET /api/reports/appeals', () => {
  it('counts appeals by stage, outcome, result for the council, decision type and section, and pages them', async () => {
    const res = await report('appeals');
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.total).toBe(2);
    const nonZero = (rows: { key: string; count: number }[]) =>
      Object.fromEntries(
        rows.filter((r) => r.count).map((r) => [r.key, r.count]),
      );
    expect(nonZero(b.counts.byStage)).toEqual({ registered: 1, ended: 1 });
    expect(nonZero(b.counts.byOutcome)).toEqual({
      decided_allowed: 1,
      none: 1,
    });
    expect(nonZero(b.counts.byResult)).toEqual({ lost: 1, open: 1 });
    expect(b.counts.byDecisionType).toEqual([
      {
        key: 'refuse_assessment',
        label: 'Not to carry out an EHC needs assessment',
        total: 1,
        open: 1,
        lost: 0,
        referredBack: 0,
        conceded: 0,
        upheld: 0,
        endedWithoutDecision: 0,
      },
      {
        key: 'final_plan_content',
        label: 'Content of the final EHC plan',
        total: 1,
        open: 0,
        lost: 1,
        referredBack: 0,
        conceded: 0,
        upheld: 0,
        endedWithoutDecision: 0,
      },
    ]);
    expect(b.counts.bySection).toEqual([
      {
        key: 'F',
        label: 'Section F',
        total: 1,
        open: 0,
        lost: 1,
        referredBack: 0,
        conceded: 0,
        upheld: 0,
        endedWithoutDecision: 0,
      },
    ]);
    // Newest lodged first by default.
    expect(b.items.map((a: { caseId: string }) => a.caseId)).toEqual([
      c.two.id,
      c.one.id,
    ]);
    expect(b.items[1]).toMatchObject({
      tribunalReference: 'EH857/25/10001',
      decisionType: 'final_plan_content',
      sections: ['F'],
      lodgedOn: '2025-10-01',
      registeredOn: '2025-10-05',
      responseSentOn: '2025-10-10',
      stage: 'ended',
      outcome: 'decided_allowed',
      result: 'lost',
      decisionDate: '2026-01-05',
      caseworker: 'Rita Report',
    });
  });

  it('filters and sorts', async () => {
    const ids = async (query: string) =>
      (await report(`appeals?${query}`)).body.items.map(
        (a: { caseId: string }) => a.caseId,
      );
    expect(await ids('result=lost')).toEqual([c.one.id]);
    expect(await ids('stage=registered')).toEqual([c.two.id]);
    expect(await ids('section=F')).toEqual([c.one.id]);
    expect(await ids('decisionType=refuse_assessment')).toEqual([c.two.id]);
    expect(await ids('from=2026-01&to=2026-03')).toEqual([c.two.id]);
    expect(await ids('sort=lodgedOn&order=asc')).toEqual([c.one.id, c.two.id]);
    expect(await ids('sort=decisionDate&order=asc')).toEqual([
      c.one.id,
      c.two.id,
    ]);
    expect(await ids('limit=1&offset=1')).toEqual([c.one.id]);
    const filtered = (await report('appeals?result=lost')).body;
    expect(filtered.total).toBe(1);
    expect(
      filtered.counts.byResult.find((r: { key: string }) => r.key === 'open')
        .count,
    ).toBe(0);
    expect((await report('appeals?sort=colour')).status).toBe(400);
    expect((await report('appeals?section=Z')).status).toBe(400);
  });
});
