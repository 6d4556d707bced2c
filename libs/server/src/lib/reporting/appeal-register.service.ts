import { Inject, Injectable } from '@nestjs/common';
import {
  APPEAL_OUTCOMES,
  APPEAL_RESULTS,
  APPEAL_STAGES,
  type AppealOutcome,
  type AppealRegister,
  type AppealRegisterRow,
  type AppealResult,
  type AppealResultCounts,
  type AppealStage,
  type CountRow,
  DECISION_TYPES,
  type DecisionType,
  PLAN_SECTIONS,
  type PlanSection,
} from '@send/contracts';
import { APPEAL_OUTCOME_LABELS, DECISION_TYPE_LABELS } from '@send/domain';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { Clock } from '../clock/clock';
import { liveSql } from '../db/deadline-sql';
import type { AppealRegisterQueryDto, AppealSort } from './reporting.dto';
import { badPeriod } from './reporting.errors';
import { READ_DB } from './read-database';
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

/**
 * The appeals in scope, from `appeal_register` (one row per appeal, with its stage and how it ended
 * for the council, written with the case by the domain's `appealRegisterEntries`): columns, never
 * the snapshots' JSON; the case's reference, child's name and caseworker are written with it). `$1`
 * team (null: every team).
 */
const APPEAL_COLUMNS = `a.case_id, a.reference, a.child_name, a.team, a.caseworker, a.appeal_id, a.tribunal_reference, a.decision_type, a.sections, a.lodged_on::text AS lodged_on,
  a.registered_on::text AS registered_on, a.response_sent_on::text AS response_sent_on, a.hearing_date::text AS hearing_date, a.outcome,
  a.decision_date::text AS decision_date, a.stage, a.result`;

/** The most rows a CSV of the register holds. */
export const CSV_MAX_ROWS = 100_000;

/** The outcome column's order: by how the appeal ended for the council, then by the Tribunal's outcome. */
const RESULT_ORDER = `array_position(ARRAY[${APPEAL_RESULTS.map((r) => `'${r}'`).join(', ')}], result)`;
const OUTCOME_ORDER = `array_position(ARRAY[${APPEAL_OUTCOMES.map((o) => `'${o}'`).join(', ')}], outcome)`;

const SORT_SQL: Record<AppealSort, string> = {
  lodgedOn: 'lodged_on',
  decisionDate: 'decision_date',
  caseReference: 'reference',
  childName: 'lower(child_name)',
  tribunalReference: 'tribunal_reference',
  stage: `array_position(ARRAY[${APPEAL_STAGES.map((s) => `'${s}'`).join(', ')}], stage)`,
  outcome: `${RESULT_ORDER} ${'$DIR'}, ${OUTCOME_ORDER}`,
  caseworker: 'lower(caseworker)',
  hearingDate: 'hearing_date',
  responseDueOn: 'response_due_on',
};

interface AppealRow {
  case_id: string;
  reference: string;
  child_name: string;
  team: string;
  caseworker: string;
  appeal_id: string;
  tribunal_reference: string;
  decision_type: DecisionType | null;
  sections: PlanSection[];
  lodged_on: string;
  registered_on: string | null;
  response_sent_on: string | null;
  hearing_date: string | null;
  outcome: AppealOutcome | null;
  decision_date: string | null;
  stage: AppealStage;
  result: AppealResult;
  response_due_on: string | null;
}

type ResultRow = {
  key: string | null;
  total: number;
  open: number;
  lost: number;
  referred_back: number;
  conceded: number;
  upheld: number;
  ended: number;
};

const RESULT_COUNTS = `count(*)::int AS total,
  count(*) FILTER (WHERE result = 'open')::int AS open, count(*) FILTER (WHERE result = 'lost')::int AS lost,
  count(*) FILTER (WHERE result = 'referred_back')::int AS referred_back,
  count(*) FILTER (WHERE result = 'conceded')::int AS conceded, count(*) FILTER (WHERE result = 'upheld')::int AS upheld,
  count(*) FILTER (WHERE result = 'ended_without_decision')::int AS ended`;

/** The appeals register: appeals by stage and outcome, conceded or lost, by decision type and plan section. */
@Injectable()
export class AppealRegisterService {
  constructor(
    @Inject(READ_DB) private readonly db: DataSource,
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
    const params: unknown[] = [team];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = ['($1::text IS NULL OR a.team = $1)'];
    // The period is of the day the appeal was lodged; without one, every appeal.
    if (query.from || query.to) {
      const period = periodOrBadRequest(
        this.clock.today(),
        query.from,
        query.to,
        badPeriod,
      );
      where.push(
        `a.lodged_on BETWEEN ${param(period.firstDay)}::date AND ${param(period.lastDay)}::date`,
      );
    }
    if (query.decisionType)
      where.push(`a.decision_type = ${param(query.decisionType)}`);
    if (query.stage) where.push(`a.stage = ${param(query.stage)}`);
    if (query.outcome) where.push(`a.outcome = ${param(query.outcome)}`);
    if (query.result) where.push(`a.result = ${param(query.result)}`);
    if (query.section)
      where.push(`${param(query.section)}::text = ANY (a.sections)`);

    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const sort = SORT_SQL[query.sort ?? 'lodgedOn'].replace('$DIR', direction);
    const page = all
      ? `LIMIT ${param(CSV_MAX_ROWS)}`
      : `LIMIT ${param(query.limit ?? 50)} OFFSET ${param(query.offset ?? 0)}`;
    // One statement, the matching appeals read once: the page and every count. The council's
    // response is due on its `tribunal.la_response` deadline (subject: the appeal), while one is live.
    const pageSql = `SELECT f.*, (SELECT min(d.due_on)::text FROM deadline d WHERE d.case_id = f.case_id AND d.rule_id = 'tribunal.la_response'
         AND d.subject_id = f.appeal_id AND ${liveSql('d')}) AS response_due_on
       FROM filtered f ORDER BY ${sort} ${direction} NULLS LAST, reference, tribunal_reference ${page}`;
    const teams = this.reporting.teamsFor(actor);
    const [c] = (await this.db.query(
      `WITH filtered AS MATERIALIZED (SELECT ${APPEAL_COLUMNS} FROM appeal_register a WHERE ${where.join(' AND ')})
       SELECT
         (SELECT COALESCE(json_agg(p), '[]') FROM (${pageSql}) p) AS items,
         (SELECT count(*)::int FROM filtered) AS total,
         (SELECT COALESCE(json_agg(s), '[]') FROM (SELECT stage AS key, count(*)::int AS count FROM filtered GROUP BY stage) s) AS by_stage,
         (SELECT COALESCE(json_agg(s), '[]') FROM (SELECT COALESCE(outcome, 'none') AS key, count(*)::int AS count FROM filtered GROUP BY outcome) s) AS by_outcome,
         (SELECT COALESCE(json_agg(s), '[]') FROM (SELECT result AS key, count(*)::int AS count FROM filtered GROUP BY result) s) AS by_result,
         (SELECT COALESCE(json_agg(s), '[]') FROM (SELECT decision_type AS key, ${RESULT_COUNTS} FROM filtered GROUP BY decision_type) s) AS by_decision_type,
         (SELECT COALESCE(json_agg(s), '[]') FROM (
            SELECT section AS key, ${RESULT_COUNTS} FROM filtered CROSS JOIN LATERAL unnest(sections) section GROUP BY section) s) AS by_section`,
      params,
    )) as {
      items: AppealRow[];
      total: number;
      by_stage: { key: AppealStage; count: number }[];
      by_outcome: { key: AppealOutcome | 'none'; count: number }[];
      by_result: { key: AppealResult; count: number }[];
      by_decision_type: ResultRow[];
      by_section: ResultRow[];
    }[];
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
