import { ForbiddenException } from '@nestjs/common';
import {
  APPEAL_OUTCOMES,
  APPEAL_RESULTS,
  APPEAL_STAGES,
  type AppealOutcome,
  type AppealRegister,
  type DecisionType,
  type PlanSection,
} from '@send/contracts';
import type { CaseEvent } from '@send/domain';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  caseWritePath,
  connect,
  fixedClock,
  insertReportReaders,
  recordCase,
  unique,
} from '../../testing/int-database';
import type { CaseCommandService } from '../cases/case-command.service';
import type { Actor } from '../identity/actor';
import { AppealRegisterRepository } from './appeal-register.repository';
import { AppealRegisterService } from './appeal-register.service';
import type { AppealRegisterQueryDto } from './reporting.dto';
import { ReportingRepository } from './reporting.repository';
import { ReportingService } from './reporting.service';

/*
 * The appeals register against PostgreSQL, on appeals recorded through the real write path (which
 * writes `appeal_register` with the case): every count it shows is the length of the list behind it,
 * a case the Tribunal referred back to the council to reconsider (SEND Regs 2014 reg 43(2)(d); the
 * council reconsiders within 2 weeks, reg 44(2)(d)) is an outcome of its own, neither lost nor
 * upheld, a manager sees their own team's appeals only, and the list sorts by how each ended.
 */

/** Monday 2 March 2026, 10:00 in London. */
const clock = fixedClock('2026-03-02T10:00:00Z');

/** One appeal against a decision (its type and date), and the steps recorded on it after it was lodged. */
interface AppealCase {
  decision: [DecisionType, string];
  /** A plan's sections the decision is about, and those appealed. */
  sections?: [PlanSection[], PlanSection[]];
  lodgedOn: string;
  /** Registered by the Tribunal on, and received by the council on. */
  registered?: [string, string];
  responseSentOn?: string;
  hearingDate?: string;
  /** How it ended and when; for a concession before the response, when the council told the Tribunal. */
  ended?: [AppealOutcome, string, string?];
}

/** The appeals of the team's caseworker, and one of another team's, by label. */
const APPEALS: Record<string, AppealCase> = {
  'referred back': {
    decision: ['refuse_plan', '2025-10-01'],
    lodgedOn: '2025-11-10',
    registered: ['2025-11-17', '2025-11-18'],
    responseSentOn: '2025-12-15',
    hearingDate: '2026-02-10',
    ended: ['referred_back', '2026-02-10'],
  },
  upheld: {
    decision: ['final_plan_content', '2025-11-20'],
    sections: [['B', 'F'], ['F']],
    lodgedOn: '2026-01-12',
    ended: ['decided_dismissed', '2026-02-25'],
  },
  lost: {
    decision: ['refuse_assessment', '2025-11-03'],
    lodgedOn: '2026-01-05',
    registered: ['2026-01-06', '2026-01-07'],
    responseSentOn: '2026-01-20',
    ended: ['decided_allowed', '2026-02-20'],
  },
  conceded: {
    decision: ['cease_plan', '2025-12-01'],
    lodgedOn: '2026-01-19',
    ended: ['conceded_before_response', '2026-02-04', '2026-02-03'],
  },
  open: {
    decision: ['refuse_amend', '2025-12-15'],
    lodgedOn: '2026-01-26',
    registered: ['2026-01-30', '2026-02-02'],
  },
  withdrawn: {
    decision: ['refuse_reassessment', '2025-10-20'],
    lodgedOn: '2025-12-01',
    ended: ['withdrawn', '2026-01-15'],
  },
  'other team': {
    decision: ['refuse_plan', '2025-11-03'],
    lodgedOn: '2026-01-05',
    ended: ['decided_allowed', '2026-02-20'],
  },
};

function eventsOf(a: AppealCase, tribunalReference: string): CaseEvent[] {
  const decisionId = randomUUID();
  const appealId = randomUUID();
  return [
    {
      type: 'decision.issued',
      decisionId,
      decisionType: a.decision[0],
      decisionDate: a.decision[1],
      letterSent: a.decision[1],
      sections: a.sections?.[0] ?? [],
    },
    {
      type: 'appeal.lodged',
      appealId,
      decisionId,
      tribunalReference,
      lodgedOn: a.lodgedOn,
      ...(a.sections ? { sections: a.sections[1] } : {}),
      // No mediation certificate is recorded here (CFA 2014 s.55(3)): the caseworker confirms it,
      // as for an appeal that reached the council after the fact. The register does not depend on it.
      confirmedUnusual: true,
    },
    ...(a.registered
      ? [
          {
            type: 'appeal.registered' as const,
            appealId,
            registeredOn: a.registered[0],
            appealReceivedOn: a.registered[1],
          },
        ]
      : []),
    ...(a.responseSentOn
      ? [
          {
            type: 'appeal.response_sent' as const,
            appealId,
            sentOn: a.responseSentOn,
          },
        ]
      : []),
    ...(a.hearingDate
      ? [
          {
            type: 'appeal.hearing_listed' as const,
            appealId,
            hearingDate: a.hearingDate,
          },
        ]
      : []),
    ...(a.ended
      ? [
          {
            type: 'appeal.decided' as const,
            appealId,
            outcome: a.ended[0],
            decisionDate: a.ended[1],
            ...(a.ended[2] ? { laNotifiedTribunalOn: a.ended[2] } : {}),
            recommendations: [],
          },
        ]
      : []),
  ];
}

describe('the appeals register against PostgreSQL (AppealRegisterService)', () => {
  let db: DataSource;
  let commands: CaseCommandService;
  let register: AppealRegisterService;
  let team: string;
  let manager: Actor;
  let otherManager: Actor;
  let auditor: Actor;
  /** Tribunal references by label. */
  const refs: Record<string, string> = {};

  async function appeal(label: string, caseworker: Actor, a: AppealCase) {
    refs[label] = unique('SE');
    await recordCase(
      commands,
      caseworker,
      { reference: unique('APL'), openedOn: a.decision[1] },
      eventsOf(a, refs[label] as string),
    );
  }

  const list = (
    actor: Actor,
    query: AppealRegisterQueryDto = {},
  ): Promise<AppealRegister> =>
    register.register(actor, { limit: 200, ...query });

  beforeAll(async () => {
    db = await connect();
    ({ commands } = await caseWritePath(db, clock));
    const reporting = new ReportingService(new ReportingRepository(db), clock);
    register = new AppealRegisterService(
      new AppealRegisterRepository(db),
      clock,
      reporting,
    );
    let casey: Actor;
    let oli: Actor;
    ({
      team,
      manager,
      caseworker: casey,
      otherManager,
      otherCaseworker: oli,
      auditor,
    } = await insertReportReaders(db));
    for (const [label, a] of Object.entries(APPEALS))
      await appeal(label, label === 'other team' ? oli : casey, a);
  });
  afterAll(() => db.destroy());

  it('lists the team’s appeals with their stage and how each ended for the council; a referral back is neither lost nor upheld', async () => {
    const r = await list(manager);
    const byRef = new Map(r.items.map((i) => [i.tribunalReference, i]));
    expect(r.total).toBe(6);
    expect(byRef.get(refs['referred back'] as string)).toMatchObject({
      stage: 'ended',
      outcome: 'referred_back',
      result: 'referred_back',
      decisionType: 'refuse_plan',
      caseworker: 'Casey Worker',
      team,
    });
    expect(byRef.get(refs['lost'] as string)).toMatchObject({
      result: 'lost',
      responseSentOn: '2026-01-20',
    });
    expect(byRef.get(refs['upheld'] as string)).toMatchObject({
      result: 'upheld',
      sections: ['F'],
    });
    expect(byRef.get(refs['conceded'] as string)).toMatchObject({
      result: 'conceded',
      stage: 'ended',
    });
    expect(byRef.get(refs['withdrawn'] as string)?.result).toBe(
      'ended_without_decision',
    );
    // The council's response to a registered appeal is due 30 working days after it received the
    // appeal (Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r.21(3)): from Monday
    // 2 February 2026, Monday 16 March. Once the appeal has ended or the response is sent, none.
    expect(byRef.get(refs['open'] as string)).toMatchObject({
      stage: 'registered',
      result: 'open',
      registeredOn: '2026-01-30',
      responseDueOn: '2026-03-16',
    });
    expect(byRef.get(refs['open'] as string)?.outcome).toBeUndefined();
    for (const label of ['referred back', 'lost', 'withdrawn'])
      expect(byRef.get(refs[label] as string)?.responseDueOn).toBeUndefined();

    const result = (key: string) =>
      r.counts.byResult.find((c) => c.key === key)?.count;
    expect(result('referred_back')).toBe(1);
    expect(result('lost')).toBe(1);
    expect(result('upheld')).toBe(1);
    expect(
      r.counts.byOutcome.find((c) => c.key === 'referred_back'),
    ).toMatchObject({ count: 1, label: expect.stringMatching(/^Referred/) });
    // Split by the decision appealed: the refusal to issue a plan was referred back, not lost.
    expect(
      r.counts.byDecisionType.find((d) => d.key === 'refuse_plan'),
    ).toMatchObject({ total: 1, referredBack: 1, lost: 0, upheld: 0 });
    expect(r.counts.bySection).toEqual([
      expect.objectContaining({ key: 'F', total: 1, upheld: 1 }),
    ]);
  });

  it('every count of the register is the total of its list filtered the same way', async () => {
    const all = await list(manager);
    expect(all.counts.total).toBe(all.total);
    expect(all.items).toHaveLength(all.total);
    for (const stage of APPEAL_STAGES)
      expect([stage, (await list(manager, { stage })).total]).toEqual([
        stage,
        all.counts.byStage.find((c) => c.key === stage)?.count,
      ]);
    for (const outcome of APPEAL_OUTCOMES)
      expect([outcome, (await list(manager, { outcome })).total]).toEqual([
        outcome,
        all.counts.byOutcome.find((c) => c.key === outcome)?.count,
      ]);
    expect(all.counts.byOutcome.find((c) => c.key === 'none')?.count).toBe(
      all.items.filter((i) => i.outcome === undefined).length,
    );
    for (const result of APPEAL_RESULTS) {
      const filtered = await list(manager, { result });
      expect([result, filtered.total]).toEqual([
        result,
        all.counts.byResult.find((c) => c.key === result)?.count,
      ]);
      expect(filtered.items.every((i) => i.result === result)).toBe(true);
    }
    for (const row of all.counts.byDecisionType) {
      const filtered = await list(manager, {
        decisionType: row.key as DecisionType,
      });
      expect([row.key, filtered.total]).toEqual([row.key, row.total]);
      const count = (r: string) =>
        filtered.items.filter((i) => i.result === r).length;
      expect(row).toMatchObject({
        open: count('open'),
        lost: count('lost'),
        referredBack: count('referred_back'),
        conceded: count('conceded'),
        upheld: count('upheld'),
        endedWithoutDecision: count('ended_without_decision'),
      });
    }
    for (const row of all.counts.bySection)
      expect([
        row.key,
        (await list(manager, { section: row.key as PlanSection })).total,
      ]).toEqual([row.key, row.total]);
    // A period is of the day the appeal was lodged: January 2026 holds four of the six.
    const january = await list(manager, { from: '2026-01', to: '2026-01' });
    expect(january.items.map((i) => i.tribunalReference).sort()).toEqual(
      [refs['lost'], refs['upheld'], refs['open'], refs['conceded']].sort(),
    );
  });

  it('a manager sees their own team’s appeals only; an auditor any team, or all', async () => {
    await expect(
      register.register(manager, { team: otherManager.team }),
    ).rejects.toThrow(ForbiddenException);
    const mine = await list(manager);
    expect(mine.teams).toEqual([team]);
    expect(mine.items.every((i) => i.team === team)).toBe(true);
    expect(mine.items.map((i) => i.tribunalReference)).not.toContain(
      refs['other team'],
    );
    const theirs = await list(otherManager);
    expect(theirs.items.map((i) => i.tribunalReference)).toEqual([
      refs['other team'],
    ]);
    expect(
      (await list(auditor, { team })).items.map((i) => i.tribunalReference),
    ).toEqual(mine.items.map((i) => i.tribunalReference));
    const everyTeam = await register.register(auditor, {}, true);
    expect(everyTeam.teams).toEqual(
      expect.arrayContaining([team, otherManager.team]),
    );
    expect(everyTeam.items.map((i) => i.tribunalReference)).toEqual(
      expect.arrayContaining(Object.values(refs)),
    );
  });

  it('sorts by how the appeal ended for the council (open, lost, referred back, conceded, upheld, ended without a decision), either way', async () => {
    const ascending = await list(manager, { sort: 'outcome', order: 'asc' });
    expect(ascending.items.map((i) => i.tribunalReference)).toEqual(
      ['open', 'lost', 'referred back', 'conceded', 'upheld', 'withdrawn'].map(
        (label) => refs[label],
      ),
    );
    const descending = await list(manager, { sort: 'outcome', order: 'desc' });
    expect(descending.items.map((i) => i.tribunalReference)).toEqual(
      ascending.items.map((i) => i.tribunalReference).reverse(),
    );
    // Paged: the second page of two goes on where the first stopped.
    const page = await register.register(manager, {
      sort: 'outcome',
      order: 'asc',
      limit: 2,
      offset: 2,
    });
    expect(page.total).toBe(6);
    expect(page.items.map((i) => i.tribunalReference)).toEqual([
      refs['referred back'],
      refs['conceded'],
    ]);
  });
});
