import type { CaseEvent } from '@send/domain';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  caseWritePath,
  config,
  connect,
  fixedClock,
  insertReportReaders,
  recordCase,
  unique,
} from '../../testing/int-database';
import type { Actor } from '../identity/actor';
import { AppealRegisterRepository } from './appeal-register.repository';
import { readDataSourceOptions } from './read-database-options';
import {
  type DeadlineListFilter,
  type ReportScope,
  ReportingRepository,
} from './reporting.repository';

/*
 * The reports' repositories called directly, on the read pool as the apps build it (JIT off, no
 * parallel workers), against a small team written through the real write path: what each method
 * answers and in what types (counts as numbers, dates as YYYY-MM-DD strings, JSON as arrays), as
 * the services map them. What the numbers mean is reporting.int-spec.ts's and
 * appeal-register.int-spec.ts's.
 */

/** Monday 2 March 2026, 10:00 in London: the week ends on Sunday 8 March. */
const clock = fixedClock('2026-03-02T10:00:00Z');
const DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('the reports’ SQL against PostgreSQL (ReportingRepository, AppealRegisterRepository)', () => {
  let db: DataSource;
  let read: DataSource;
  let reports: ReportingRepository;
  let appeals: AppealRegisterRepository;
  let team: string;
  let caseworker: Actor;
  let appealCaseId: string;
  let scope: ReportScope;

  beforeAll(async () => {
    db = await connect();
    read = await new DataSource(readDataSourceOptions(config())).initialize();
    reports = new ReportingRepository(read);
    appeals = new AppealRegisterRepository(read);
    const { commands } = await caseWritePath(db, clock);
    ({ team, caseworker } = await insertReportReaders(db));
    // The council decides on a request for an assessment within 6 weeks (SEND Regs 2014 reg 5(1)):
    // received 5 January, due 16 February, overdue now.
    await recordCase(
      commands,
      caseworker,
      { reference: unique('RPR'), openedOn: '2026-01-05' },
      [
        {
          type: 'assessment.requested',
          requestId: 'r1',
          receivedOn: '2026-01-05',
        },
      ],
    );
    // An appeal lodged without a mediation certificate, confirmed by the caseworker (a flag), and
    // registered: the council's response is due 30 working days after it received the appeal
    // (HESC Rules 2008 r.21(3)): from Monday 2 February, Monday 16 March.
    const decisionId = randomUUID();
    const appealId = randomUUID();
    const appeal: CaseEvent[] = [
      {
        type: 'decision.issued',
        decisionId,
        decisionType: 'refuse_plan',
        decisionDate: '2025-12-01',
        letterSent: '2025-12-01',
        sections: [],
      },
      {
        type: 'appeal.lodged',
        appealId,
        decisionId,
        tribunalReference: unique('SE'),
        lodgedOn: '2026-01-26',
        confirmedUnusual: true,
      },
      {
        type: 'appeal.registered',
        appealId,
        registeredOn: '2026-01-30',
        appealReceivedOn: '2026-02-02',
      },
    ];
    appealCaseId = await recordCase(
      commands,
      caseworker,
      { reference: unique('RPR'), openedOn: '2025-12-01' },
      appeal,
    );
    scope = {
      team,
      decisionType: null,
      today: '2026-03-02',
      firstDay: '2026-01-01',
      lastDay: '2026-03-31',
    };
  });
  afterAll(async () => {
    await read.destroy();
    await db.destroy();
  });

  const drillDown = (
    status: DeadlineListFilter['status'],
  ): DeadlineListFilter => ({ ...scope, weekEnds: '2026-03-08', status });

  it('teams: every team with a case, one row each', async () => {
    const teams = await reports.teams();
    expect(teams).toContainEqual({ team });
    expect(new Set(teams.map((t) => t.team)).size).toBe(teams.length);
  });

  it('dashboard: the total and a row per caseworker, rule and responsible body, counts as numbers', async () => {
    const rows = await reports.dashboard({ ...scope, weekEnds: '2026-03-08' });
    const total = rows.find((r) => r.g_owner && r.g_rule && r.g_body);
    expect(total).toEqual({
      g_owner: 1,
      g_rule: 1,
      g_body: 1,
      caseworker: null,
      rule_id: null,
      responsible_body: null,
      due_this_week: 0,
      overdue: 1,
      open: 1,
      due: 2,
      met_on_time: 0,
      met_late: 0,
      missed: 1,
      pending: 1,
    });
    expect(rows.find((r) => !r.g_owner)).toMatchObject({
      caseworker: caseworker.name,
      overdue: 1,
      open: 1,
    });
    expect(
      rows
        .filter((r) => !r.g_rule)
        .map((r) => r.rule_id)
        .sort(),
    ).toEqual(['assessment.decide', 'tribunal.la_response']);
  });

  it('flaggedCases: the team’s cases with flags, and how many', async () => {
    expect(await reports.flaggedCases(team)).toEqual([
      {
        id: appealCaseId,
        reference: expect.any(String),
        child_name: 'Sam Example',
        flags: 1,
      },
    ]);
  });

  it('compliance: a row per family of deadlines and month due (YYYY-MM), counts as numbers', async () => {
    expect(await reports.compliance(scope)).toEqual([
      {
        category: 'tribunal_responses',
        month: '2026-03',
        due: 1,
        met_on_time: 0,
        met_late: 0,
        missed: 0,
        pending: 1,
      },
    ]);
  });

  it('deadlines and deadlineCount: the deadlines behind a number, dates as YYYY-MM-DD, JSON as arrays; a page, or every one', async () => {
    const filter = drillDown('due');
    const all = await reports.deadlines(filter, 'dueOn', { limit: 10 });
    expect(all.map((d) => [d.rule_id, d.due_on, d.status])).toEqual([
      ['assessment.decide', '2026-02-16', 'open'],
      ['tribunal.la_response', '2026-03-16', 'open'],
    ]);
    for (const d of all) {
      expect(d.due_on).toMatch(DATE);
      expect(d.met_on).toBeNull();
      expect(Array.isArray(d.explanation)).toBe(true);
      expect(d.extensions).toEqual([]);
      expect(d).toMatchObject({
        caseworker: caseworker.name,
        child_name: 'Sam Example',
        duty_holder: 'council',
      });
    }
    expect(await reports.deadlineCount(filter)).toBe(2);
    // A page of one, latest due first: the second page.
    const page = await reports.deadlines(filter, '-dueOn', {
      limit: 1,
      offset: 1,
    });
    expect(page.map((d) => d.rule_id)).toEqual(['assessment.decide']);
    const overdue = {
      ...drillDown('overdue'),
      caseworker: caseworker.name,
    };
    expect(
      (await reports.deadlines(overdue, undefined, { limit: 10 })).map(
        (d) => d.rule_id,
      ),
    ).toEqual(['assessment.decide']);
    expect(await reports.deadlineCount(overdue)).toBe(1);
  });

  it('caseworkers: the team’s caseworkers by name', async () => {
    expect(await reports.caseworkers(team)).toEqual([
      { caseworker: caseworker.name },
    ]);
  });

  it('the register’s row: the page and every count in one row, dates as YYYY-MM-DD, counts as numbers; a write with no appeals removes the case’s rows', async () => {
    const row = await appeals.register({ team }, 'lodgedOn', 'desc', {
      limit: 50,
      offset: 0,
    });
    expect(row).toMatchObject({
      total: 1,
      by_stage: [{ key: 'registered', count: 1 }],
      by_outcome: [{ key: 'none', count: 1 }],
      by_result: [{ key: 'open', count: 1 }],
      by_decision_type: [
        { key: 'refuse_plan', total: 1, open: 1, lost: 0, ended: 0 },
      ],
      by_section: [],
    });
    expect(row?.items).toEqual([
      expect.objectContaining({
        case_id: appealCaseId,
        team,
        decision_type: 'refuse_plan',
        sections: [],
        lodged_on: '2026-01-26',
        registered_on: '2026-01-30',
        response_sent_on: null,
        response_due_on: '2026-03-16',
        stage: 'registered',
        result: 'open',
      }),
    ]);

    await db.transaction((tx) =>
      AppealRegisterRepository.write(tx, appealCaseId, {
        reference: 'unused',
        childName: 'unused',
        team,
        caseworker: caseworker.name,
        appeals: [],
        decisions: [],
      }),
    );
    expect(
      (await appeals.register({ team }, 'lodgedOn', 'desc', { limit: 50 }))
        ?.total,
    ).toBe(0);
  });
});
