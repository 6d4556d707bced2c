import { Injectable } from '@nestjs/common';
import {
  APPEAL_OUTCOMES,
  APPEAL_RESULTS,
  APPEAL_STAGES,
  type AppealRegister,
  type AppealRegisterRow,
  type AppealResult,
  type AppealResultCounts,
  type AppealStage,
  type CountRow,
  DECISION_TYPES,
  PLAN_SECTIONS,
} from '@send/contracts';
import { APPEAL_OUTCOME_LABELS, DECISION_TYPE_LABELS } from '@send/domain';
import type { Actor } from '../auth/actor';
import { Clock } from '../clock/clock';
import {
  AppealRegisterRepository,
  type AppealRow,
  type ResultRow,
} from './appeal-register.repository';
import type { AppealRegisterQueryDto } from './reporting.dto';
import { badPeriod } from './reporting.errors';
import { periodOrBadRequest } from './report-period';
import { ReportingService } from './reporting.service';

export const APPEAL_STAGE_LABELS: Record<AppealStage, string> = {
  lodged: 'Lodged, not yet registered',
  registered: 'Registered, response due',
  response_sent: 'Response sent',
  hearing_listed: 'Hearing listed',
  ended: 'Ended',
};

export const APPEAL_RESULT_LABELS: Record<AppealResult, string> = {
  open: 'Not ended yet',
  lost: 'Lost (allowed or partly allowed)',
  referred_back: 'Referred back to the council to reconsider',
  conceded: 'Conceded (before the response, or by consent order)',
  upheld: "Council's decision upheld (dismissed)",
  ended_without_decision: 'Withdrawn or struck out',
};

/** The most rows a CSV of the register holds. */
export const CSV_MAX_ROWS = 100_000;

/** The appeals register: appeals by stage and outcome, conceded or lost, by decision type and plan section. */
@Injectable()
export class AppealRegisterService {
  constructor(
    private readonly appeals: AppealRegisterRepository,
    private readonly clock: Clock,
    private readonly reporting: ReportingService,
  ) {}

  /** The register; `all`: every matching appeal (for its CSV), not a page. */
  async register(
    actor: Actor,
    query: AppealRegisterQueryDto,
    all = false,
  ): Promise<AppealRegister> {
    const team = this.reporting.teamFor(actor, query.team);
    // The period is of the day the appeal was lodged; without one, every appeal.
    const lodged =
      query.from || query.to
        ? periodOrBadRequest(
            this.clock.today(),
            query.from,
            query.to,
            badPeriod,
          )
        : undefined;
    const teams = this.reporting.teamsFor(actor);
    const c = await this.appeals.register(
      {
        team,
        lodged,
        decisionType: query.decisionType,
        stage: query.stage,
        outcome: query.outcome,
        result: query.result,
        section: query.section,
      },
      query.sort ?? 'lodgedOn',
      query.order === 'asc' ? 'asc' : 'desc',
      all
        ? { limit: CSV_MAX_ROWS }
        : { limit: query.limit ?? 50, offset: query.offset ?? 0 },
    );
    if (!c) throw new Error('the appeals register query answered no row');

    const countOf = <K extends string>(
      list: { key: K; count: number }[],
      key: K,
    ) => list.find((r) => r.key === key)?.count ?? 0;
    const resultCounts = (
      key: string,
      label: string,
      r: ResultRow | undefined,
    ): AppealResultCounts => ({
      key,
      label,
      total: r?.total ?? 0,
      open: r?.open ?? 0,
      lost: r?.lost ?? 0,
      referredBack: r?.referred_back ?? 0,
      conceded: r?.conceded ?? 0,
      upheld: r?.upheld ?? 0,
      endedWithoutDecision: r?.ended ?? 0,
    });
    const byOutcome: CountRow[] = [
      ...APPEAL_OUTCOMES.map((o) => ({
        key: o,
        label: capitalise(APPEAL_OUTCOME_LABELS[o]),
        count: countOf(c.by_outcome, o),
      })),
      {
        key: 'none',
        label: 'Not ended yet',
        count: countOf(c.by_outcome, 'none'),
      },
    ];
    return {
      items: c.items.map(toRow),
      total: c.total,
      counts: {
        total: c.total,
        byStage: APPEAL_STAGES.map((s) => ({
          key: s,
          label: APPEAL_STAGE_LABELS[s],
          count: countOf(c.by_stage, s),
        })),
        byOutcome,
        byResult: APPEAL_RESULTS.map((r) => ({
          key: r,
          label: APPEAL_RESULT_LABELS[r],
          count: countOf(c.by_result, r),
        })),
        byDecisionType: DECISION_TYPES.map((t) =>
          resultCounts(
            t,
            DECISION_TYPE_LABELS[t],
            c.by_decision_type.find((r) => r.key === t),
          ),
        ).filter((r) => r.total > 0),
        bySection: PLAN_SECTIONS.map((s) =>
          resultCounts(
            s,
            `Section ${s}`,
            c.by_section.find((r) => r.key === s),
          ),
        ).filter((r) => r.total > 0),
      },
      teams: await teams,
    };
  }
}

const capitalise = (text: string) =>
  text.charAt(0).toUpperCase() + text.slice(1);

function toRow(r: AppealRow): AppealRegisterRow {
  return {
    caseId: r.case_id,
    caseReference: r.reference,
    childName: r.child_name,
    team: r.team,
    caseworker: r.caseworker,
    appealId: r.appeal_id,
    tribunalReference: r.tribunal_reference,
    decisionType: r.decision_type,
    sections: r.sections,
    lodgedOn: r.lodged_on,
    ...(r.registered_on ? { registeredOn: r.registered_on } : {}),
    ...(r.response_sent_on ? { responseSentOn: r.response_sent_on } : {}),
    ...(r.hearing_date ? { hearingDate: r.hearing_date } : {}),
    ...(r.response_due_on ? { responseDueOn: r.response_due_on } : {}),
    stage: r.stage,
    ...(r.outcome ? { outcome: r.outcome } : {}),
    result: r.result,
    ...(r.decision_date ? { decisionDate: r.decision_date } : {}),
  };
}
