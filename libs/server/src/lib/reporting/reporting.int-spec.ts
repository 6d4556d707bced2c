import { ForbiddenException } from '@nestjs/common';
import type {
  DeadlineBreakdownRow,
  DeadlineDashboard,
  DeadlineReportStatus,
} from '@send/contracts';
import type { CaseEvent } from '@send/domain';
import type { DataSource } from 'typeorm';
import {
  caseWritePath,
  connect,
  fixedClock,
  insertActor,
  insertReportReaders,
  unique,
} from '../../testing/int-database';
import type { CaseCommandService } from '../cases/case-command.service';
import type { Actor } from '../identity/actor';
import type { DeadlineDrillDownQueryDto } from './reporting.dto';
import { ReportingRepository } from './reporting.repository';
import { ReportingService } from './reporting.service';

/*
 * The deadline dashboard and its drill-down lists against PostgreSQL, on cases recorded through
 * the real write path: every number the dashboard shows is the length of the list behind it (for
 * the team, each caseworker, each rule and each responsible body), and a manager sees only their
 * team. The requests for an assessment give the council a duty of its own: to decide within 6
 * weeks of receiving the request (SEND Regs 2014 reg 5(1)), met when it agrees to assess.
 */

/** Monday 2 March 2026, 10:00 in London: the week ends on Sunday 8 March. */
const clock = fixedClock('2026-03-02T10:00:00Z');
const PERIOD = { from: '2025-12', to: '2026-03' };

/** A drill-down list's query, in the dashboard's period. */
type DrillDown = Omit<DeadlineDrillDownQueryDto, 'from' | 'to'>;

/** The dashboard's numbers and the drill-down status that lists each. */
const TOTALS: [
  DeadlineReportStatus,
  (d: DeadlineDashboard | DeadlineBreakdownRow) => number,
][] = [
  ['due_this_week', (d) => d.dueThisWeek],
  ['overdue', (d) => d.overdue],
  ['due', (d) => ('period' in d ? d.period.due : d.due)],
  ['met_on_time', (d) => ('period' in d ? d.period.metOnTime : d.metOnTime)],
  ['met_late', (d) => ('period' in d ? d.period.metLate : d.metLate)],
  ['missed', (d) => ('period' in d ? d.period.missed : d.missed)],
];

describe('the deadline dashboard and its drill-down lists against PostgreSQL (ReportingService)', () => {
  let db: DataSource;
  let commands: CaseCommandService;
  let reports: ReportingService;
  let team: string;
  let manager: Actor;
  let otherManager: Actor;
  let auditor: Actor;
  const references: Record<string, string> = {};

  /** A case of `caseworker`'s with a request for an assessment received on `receivedOn`, agreed on `agreedOn` if given. */
  async function request(
    label: string,
    caseworker: Actor,
    receivedOn: string,
    agreedOn?: string,
  ): Promise<void> {
    const reference = unique('REP');
    references[label] = reference;
    const { caseId } = await commands.open(
      {
        type: 'case.opened',
        reference,
        childName: `Child ${label}`,
        dateOfBirth: '2016-05-01',
        caseworker: caseworker.name,
        team: caseworker.team,
        openedOn: receivedOn,
      },
      caseworker,
    );
    const events: CaseEvent[] = [
      { type: 'assessment.requested', requestId: 'r1', receivedOn },
      ...(agreedOn
        ? [
            {
              type: 'assessment.agreed' as const,
              requestId: 'r1',
              notifiedOn: agreedOn,
            },
          ]
        : []),
    ];
    let version = 1;
    for (const event of events) {
      await commands.record(caseId, event, caseworker, {
        expectedVersion: version,
      });
      version++;
    }
  }

  const listed = async (
    actor: Actor,
    query: DrillDown,
  ): Promise<{ total: number; references: string[] }> => {
    const page = await reports.deadlines(actor, {
      ...PERIOD,
      limit: 200,
      ...query,
    });
    return {
      total: page.total,
      references: [...new Set(page.items.map((d) => d.caseReference))],
    };
  };

  beforeAll(async () => {
    db = await connect();
    ({ commands } = await caseWritePath(db, clock));
    reports = new ReportingService(new ReportingRepository(db), clock);
    let casey: Actor;
    let other: Actor;
    ({
      team,
      manager,
      caseworker: casey,
      otherManager,
      otherCaseworker: other,
      auditor,
    } = await insertReportReaders(db));
    const dana = await insertActor(db, 'Dana Worker', 'caseworker', team);
    // 6 weeks from 5 Jan is 16 Feb: overdue.
    await request('overdue', casey, '2026-01-05');
    // 6 weeks from 21 Jan is 4 Mar: due this week.
    await request('this week', casey, '2026-01-21');
    // 6 weeks from 16 Feb is 30 Mar: open, later.
    await request('later', dana, '2026-02-16');
    // Due 23 Feb, agreed 10 Feb: met on time.
    await request('on time', dana, '2026-01-12', '2026-02-10');
    // Due 12 Jan, agreed 20 Jan: met late.
    await request('late', casey, '2025-12-01', '2026-01-20');
    // Another team's overdue request: not in this team's numbers.
    await request('other team', other, '2026-01-05');
  });
  afterAll(() => db.destroy());

  it('shows the team’s numbers as the law counts them: one overdue, one due this week, one met on time, one met late', async () => {
    const d = await reports.dashboard(manager, PERIOD);
    expect(d.filters.team).toBe(team);
    expect(d.weekEnds).toBe('2026-03-08');
    expect(d.overdue).toBe(1);
    expect(d.dueThisWeek).toBe(1);
    expect(d.period).toMatchObject({ metOnTime: 1, metLate: 1, missed: 1 });
    expect((await listed(manager, { status: 'overdue' })).references).toEqual([
      references['overdue'],
    ]);
    expect(
      (await listed(manager, { status: 'due_this_week' })).references,
    ).toEqual([references['this week']]);
    expect((await listed(manager, { status: 'met_late' })).references).toEqual([
      references['late'],
    ]);
  });

  it('every number of the dashboard is the length of its list: the team’s, each caseworker’s, each rule’s and each responsible body’s', async () => {
    const d = await reports.dashboard(manager, PERIOD);
    for (const [status, count] of TOTALS) {
      expect([status, (await listed(manager, { status })).total]).toEqual([
        status,
        count(d),
      ]);
      // Each breakdown's rows, and the drill-down filter that lists a row's deadlines.
      for (const [rows, filter] of [
        [d.byCaseworker, 'caseworker'],
        [d.byRule, 'rule'],
        [d.byResponsibleBody, 'responsibleBody'],
      ] as const)
        for (const row of rows)
          expect([
            status,
            row.key,
            (
              await listed(manager, {
                status,
                [filter]: row.key,
              } as DrillDown)
            ).total,
          ]).toEqual([status, row.key, count(row)]);
    }
    expect(d.byCaseworker.map((r) => r.key)).toEqual([
      'Casey Worker',
      'Dana Worker',
    ]);
  });

  it('a manager sees their own team only; an auditor any team, and every team at once', async () => {
    expect(() => reports.teamFor(manager, otherManager.team)).toThrow(
      ForbiddenException,
    );
    const mine = await reports.dashboard(manager, PERIOD);
    const theirs = await reports.dashboard(otherManager, PERIOD);
    expect(theirs.overdue).toBe(1);
    const asAuditor = await reports.dashboard(auditor, {
      ...PERIOD,
      team,
    });
    expect(asAuditor.overdue).toBe(mine.overdue);
    expect(asAuditor.teams).toEqual(expect.arrayContaining([team]));
    const everyTeam = await reports.dashboard(auditor, PERIOD);
    expect(everyTeam.filters.team).toBeNull();
    expect(everyTeam.overdue).toBeGreaterThanOrEqual(
      mine.overdue + theirs.overdue,
    );
    const all = await listed(auditor, { status: 'overdue' });
    expect(all.total).toBe(everyTeam.overdue);
    expect(all.references).toEqual(
      expect.arrayContaining([references['overdue'], references['other team']]),
    );
  });
});
