import { Inject, Injectable } from '@nestjs/common';
import {
  APPEAL_OUTCOMES,
  APPEAL_RESULTS,
  APPEAL_STAGES,
  type AppealOutcome,
  type AppealResult,
  type AppealStage,
  type DecisionType,
  type PlanSection,
} from '@send/contracts';
import { appealRegisterEntries, type CaseSnapshot } from '@send/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { liveSql } from '../db/deadline-sql';
import { sql } from '../db/sql';
import { READ_DB } from './read-database';
import type { AppealSort } from './reporting.dto';
import { limitSql, type RowsWanted } from './reporting.repository';

/**
 * The appeals in scope, from `appeal_register` (one row per appeal, with its stage and how it ended
 * for the council, written with the case by the domain's `appealRegisterEntries`): columns, never
 * the snapshots' JSON; the case's reference, child's name and caseworker are written with it). `$1`
 * team (null: every team).
 */
const APPEAL_COLUMNS = `a.case_id, a.reference, a.child_name, a.team, a.caseworker, a.appeal_id, a.tribunal_reference, a.decision_type, a.sections, a.lodged_on::text AS lodged_on,
  a.registered_on::text AS registered_on, a.response_sent_on::text AS response_sent_on, a.hearing_date::text AS hearing_date, a.outcome,
  a.decision_date::text AS decision_date, a.stage, a.result`;

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

const RESULT_COUNTS = `count(*)::int AS total,
  count(*) FILTER (WHERE result = 'open')::int AS open, count(*) FILTER (WHERE result = 'lost')::int AS lost,
  count(*) FILTER (WHERE result = 'referred_back')::int AS referred_back,
  count(*) FILTER (WHERE result = 'conceded')::int AS conceded, count(*) FILTER (WHERE result = 'upheld')::int AS upheld,
  count(*) FILTER (WHERE result = 'ended_without_decision')::int AS ended`;

/** The appeals the register lists: one team's or every team's, and the filters asked for. */
export interface AppealRegisterFilter {
  /** Null: every team. */
  team: string | null;
  /** The period the appeals were lodged in, its first and last days (YYYY-MM-DD); none: every appeal. */
  lodged?: { firstDay: string; lastDay: string } | undefined;
  decisionType?: DecisionType | undefined;
  stage?: AppealStage | undefined;
  outcome?: AppealOutcome | undefined;
  result?: AppealResult | undefined;
  /** Appeals about this section of the plan. */
  section?: PlanSection | undefined;
}

/** An appeal of the register (dates YYYY-MM-DD), with the day the council's response is due while that deadline is live. */
export interface AppealRow {
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

/** The appeals of one decision type or plan section (`key`), by how they ended for the council. */
export interface ResultRow {
  key: string | null;
  total: number;
  open: number;
  lost: number;
  referred_back: number;
  conceded: number;
  upheld: number;
  ended: number;
}

/** The register in one row: the page of appeals, how many match, and the counts by each grouping. */
export interface AppealRegisterPageRow {
  items: AppealRow[];
  total: number;
  by_stage: { key: AppealStage; count: number }[];
  by_outcome: { key: AppealOutcome | 'none'; count: number }[];
  by_result: { key: AppealResult; count: number }[];
  by_decision_type: ResultRow[];
  by_section: ResultRow[];
}

/**
 * `appeal_register`: the appeals register's read, on the read pool (`READ_DB`; the `appeal_register`
 * indexes), and its writes, in the transaction of the case write that changed the case's appeals
 * (on the primary).
 */
@Injectable()
export class AppealRegisterRepository {
  constructor(@Inject(READ_DB) private readonly db: DataSource) {}

  /**
   * Writes a case's rows of `appeal_register` (one per appeal, with its stage and how it ended, from
   * the domain's `appealRegisterEntries`) in the transaction that writes the case: the appeals register
   * reads these columns, never the snapshot's JSON. Static: it runs on the caller's transaction (on
   * the primary) and needs nothing of the instance's read pool, so the case write path calls it
   * without injecting this repository, in the worker too, which loads no reports and no read pool.
   */
  static async write(
    tx: EntityManager,
    caseId: string,
    snapshot: Pick<
      CaseSnapshot,
      | 'reference'
      | 'childName'
      | 'team'
      | 'caseworker'
      | 'appeals'
      | 'decisions'
    >,
  ): Promise<void> {
    await sql(tx, `DELETE FROM appeal_register WHERE case_id = $1`, [caseId]);
    const entries = appealRegisterEntries(snapshot);
    if (entries.length === 0) return;
    const params: unknown[] = [];
    const values = entries.map((e) => {
      const row = [
        caseId,
        e.appealId,
        snapshot.reference,
        snapshot.childName,
        snapshot.team,
        snapshot.caseworker,
        e.tribunalReference,
        e.decisionType,
        e.sections,
        e.lodgedOn,
        e.registeredOn,
        e.responseSentOn,
      ];
      row.push(e.hearingDate, e.outcome, e.decisionDate, e.stage, e.result);
      return `(${row.map((v) => `$${params.push(v)}`).join(', ')})`;
    });
    await sql(
      tx,
      `INSERT INTO appeal_register (case_id, appeal_id, reference, child_name, team, caseworker, tribunal_reference, decision_type, sections,
       lodged_on, registered_on, response_sent_on, hearing_date, outcome, decision_date, stage, result)
     VALUES ${values.join(', ')}`,
      params,
    );
  }

  /**
   * The register in one statement, the matching appeals read once: the page (in the order asked
   * for, or every appeal up to `rows.limit` for a CSV) and every count.
   */
  async register(
    filter: AppealRegisterFilter,
    sort: AppealSort,
    order: 'asc' | 'desc',
    rows: RowsWanted,
  ): Promise<AppealRegisterPageRow | undefined> {
    const params: unknown[] = [filter.team];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = ['($1::text IS NULL OR a.team = $1)'];
    if (filter.lodged)
      where.push(
        `a.lodged_on BETWEEN ${param(filter.lodged.firstDay)}::date AND ${param(filter.lodged.lastDay)}::date`,
      );
    if (filter.decisionType)
      where.push(`a.decision_type = ${param(filter.decisionType)}`);
    if (filter.stage) where.push(`a.stage = ${param(filter.stage)}`);
    if (filter.outcome) where.push(`a.outcome = ${param(filter.outcome)}`);
    if (filter.result) where.push(`a.result = ${param(filter.result)}`);
    if (filter.section)
      where.push(`${param(filter.section)}::text = ANY (a.sections)`);

    const direction = order === 'asc' ? 'ASC' : 'DESC';
    const orderBy = SORT_SQL[sort].replace('$DIR', direction);
    const page = limitSql(rows, param);
    // The council's response is due on its `tribunal.la_response` deadline (subject: the appeal),
    // while one is live.
    const pageSql = `SELECT f.*, (SELECT min(d.due_on)::text FROM deadline d WHERE d.case_id = f.case_id AND d.rule_id = 'tribunal.la_response'
         AND d.subject_id = f.appeal_id AND ${liveSql('d')}) AS response_due_on
       FROM filtered f ORDER BY ${orderBy} ${direction} NULLS LAST, reference, tribunal_reference ${page}`;
    const [row] = await sql<AppealRegisterPageRow>(
      this.db,
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
    );
    return row;
  }
}
