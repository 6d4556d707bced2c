import { Inject, Injectable } from '@nestjs/common';
import {
  COMPLIANCE_CATEGORIES,
  type ComplianceCategory,
  type DeadlineReportStatus,
  type DeadlineStatus,
  type DecisionType,
  type DutyHolder,
  type ReportDeadlineSort,
  type ResponsibleBody,
} from '@send/contracts';
import type { DataSource } from 'typeorm';
import {
  liveSql,
  metLateSql,
  metOnTimeSql,
  missedSql,
  openSql,
  overdueSql,
} from '../db/deadline-sql';
import { sql } from '../db/sql';
import { READ_DB } from './read-database';

/** The SQL condition for each family of rules on the compliance charts. */
export const CATEGORY_SQL: Record<ComplianceCategory, string> = {
  order_compliance: `(d.rule_id LIKE 'order.%' OR d.rule_id LIKE 'concession.%')`,
  recommendation_responses: `d.rule_id = 'recommendation.response'`,
  mediation_arrangements: `d.rule_id IN ('mediation.arrange', 'mediation.arrange_health_only')`,
  tribunal_responses: `d.rule_id = 'tribunal.la_response'`,
};

/**
 * The deadlines reports count: the council's and its partners' (the ICB's and council social
 * care's answers to recommendations), not the family's or the mediation adviser's; cancelled ones
 * never. `$1` team (null: every team), `$2` decision type (null: every type). The team is the
 * deadline's own copy of its case's (`deadline.team`): a team's report reads the team's deadlines
 * (`deadline_team_cover`, `deadline_team_live`), not the country's.
 */
const SCOPE_SQL = `
  d.duty_holder IN ('council', 'icb', 'council_social_care') AND d.status <> 'cancelled'
  AND ($1::text IS NULL OR d.team = $1) AND ($2::text IS NULL OR d.decision_type = $2)`;

/**
 * The deadline's case, for a report that groups or filters by its caseworker. For one team's report
 * the team's cases are read from `case_team_cover` (index-only: id, caseworker, reference, child's
 * name) and hashed, rather than the case of each deadline looked up (5,000 lookups for a team's
 * dashboard at national scale). The condition changes no answer: `deadline.team` is its case's
 * team, kept by triggers. Every team's (`$1` null): no condition (the planner's choice).
 */
const CASE_OF_TEAM_JOIN = `JOIN "case" c ON c.id = d.case_id AND ($1::text IS NULL OR c.team = $1)`;

/** `$3` is today in the report queries. */
const OVERDUE_SQL = overdueSql('d', '$3::date');
const OPEN_SQL = openSql('d', '$3::date');

/** The outcome counts, over rows already restricted to the period (or with `inPeriod` as a condition). */
const outcomeCounts = (inPeriod: string) => `
  count(*) FILTER (WHERE ${inPeriod})::int AS due,
  count(*) FILTER (WHERE ${inPeriod} AND ${metOnTimeSql('d')})::int AS met_on_time,
  count(*) FILTER (WHERE ${inPeriod} AND ${metLateSql('d')})::int AS met_late,
  count(*) FILTER (WHERE ${inPeriod} AND ${missedSql('d', '$3::date')})::int AS missed,
  count(*) FILTER (WHERE ${inPeriod} AND ${OPEN_SQL})::int AS pending`;

/** The columns a drill-down list sorts by (the whitelist of `REPORT_DEADLINE_SORTS`), each as SQL; `flip`: its ascending order is the column's descending one. */
const DEADLINE_SORT_SQL: Record<
  Exclude<ReportDeadlineSort, `-${string}`>,
  { sql: string; flip?: true }
> = {
  dueOn: { sql: 'd.due_on' },
  // Most days overdue first is the earliest due date first.
  daysOverdue: { sql: 'd.due_on', flip: true },
  childName: { sql: 'lower(c.child_name)' },
  caseReference: { sql: 'c.reference' },
  ruleId: { sql: 'd.rule_id' },
  caseworker: { sql: 'lower(c.caseworker)' },
};

/** The ORDER BY of a drill-down list: the sort asked for, then a stable order for paging. */
export function deadlineOrderBy(sort: ReportDeadlineSort = 'dueOn'): string {
  const descending = sort.startsWith('-');
  const column =
    DEADLINE_SORT_SQL[
      (descending ? sort.slice(1) : sort) as keyof typeof DEADLINE_SORT_SQL
    ];
  const direction = descending !== (column.flip ?? false) ? 'DESC' : 'ASC';
  return `${column.sql} ${direction}, d.due_on, c.reference, d.rule_id, d.id`;
}

/**
 * The rows of a list to read: a page (`LIMIT … OFFSET …`), or, for a CSV, every row up to `limit`
 * (no `offset`: `LIMIT` alone).
 */
export interface RowsWanted {
  limit: number;
  offset?: number;
}

/** The `LIMIT` (and `OFFSET`) of `rows`, its values added by `param` (see `RowsWanted`). */
export const limitSql = (
  rows: RowsWanted,
  param: (value: unknown) => string,
): string =>
  rows.offset === undefined
    ? `LIMIT ${param(rows.limit)}`
    : `LIMIT ${param(rows.limit)} OFFSET ${param(rows.offset)}`;

/** What a report counts: one team's deadlines or every team's, of one decision type or all, as of today, in a period. */
export interface ReportScope {
  /** Null: every team. */
  team: string | null;
  /** Null: every decision type. */
  decisionType: DecisionType | null;
  /** Today, YYYY-MM-DD: what is overdue and open is as of it. */
  today: string;
  /** The period's first and last days, YYYY-MM-DD: what was due in the period. */
  firstDay: string;
  lastDay: string;
}

/** The deadlines behind a number: the report's scope, the status the number counts, and the drill-down's filters. */
export interface DeadlineListFilter extends ReportScope {
  /** The last day of this week (YYYY-MM-DD), for `due_this_week`. */
  weekEnds: string;
  status: DeadlineReportStatus;
  rule?: string | undefined;
  category?: ComplianceCategory | undefined;
  caseworker?: string | undefined;
  responsibleBody?: ResponsibleBody | undefined;
  /** One month of the period, YYYY-MM. */
  month?: string | undefined;
}

/** How many deadlines came out each way: of those due in the period, and open now but not yet due. */
export interface OutcomeRow {
  due: number;
  met_on_time: number;
  met_late: number;
  missed: number;
  pending: number;
}

/**
 * A row of the dashboard: the total (every `g_` 1), a caseworker's, a rule's or a responsible
 * body's (its `g_` 0 and the others 1; `GROUPING`).
 */
export interface DashboardRow extends OutcomeRow {
  g_owner: number;
  g_rule: number;
  g_body: number;
  caseworker: string | null;
  rule_id: string | null;
  responsible_body: ResponsibleBody | null;
  due_this_week: number;
  overdue: number;
  open: number;
}

/** A case with flags (facts the law does not provide for on its route), and how many. */
export interface FlaggedCaseRow {
  id: string;
  reference: string;
  child_name: string;
  flags: number;
}

/** A family of deadlines' outcomes in one month (YYYY-MM) of their due dates. */
export interface ComplianceRow extends OutcomeRow {
  category: ComplianceCategory;
  month: string;
}

/** A deadline of a drill-down list, with its case's reference, child and caseworker; dates YYYY-MM-DD. */
export interface ReportDeadlineRow {
  id: string;
  case_id: string;
  reference: string;
  child_name: string;
  rule_id: string;
  ruleset_version: string;
  due_on: string;
  explanation: string[];
  status: DeadlineStatus;
  met_on: string | null;
  responsible_body: ResponsibleBody | null;
  duty_holder: DutyHolder;
  subject_id: string;
  owner: string;
  caseworker: string;
  extensions: {
    fromDueOn: string;
    toDueOn: string;
    reason: string;
    agreedBy: string;
  }[];
}

/**
 * The reports' SQL: the deadline dashboard, the compliance charts, the drill-down lists behind
 * their numbers (and their CSV), the flagged cases, and the teams and caseworkers to choose from.
 * Read-only, on the read pool (`READ_DB`: JIT off, no parallel workers; tuned with the indexes
 * `deadline_team_cover`, `deadline_team_live` and `case_team_cover` at national scale, README
 * "How it is built").
 */
@Injectable()
export class ReportingRepository {
  constructor(@Inject(READ_DB) private readonly db: DataSource) {}

  /**
   * Every team with a case, found by skipping through the `case_team_cover` index (one probe a team, not
   * a read of every case).
   */
  teams(): Promise<{ team: string }[]> {
    return sql(
      this.db,
      `WITH RECURSIVE t AS (
         SELECT min(team) AS team FROM "case"
         UNION ALL
         SELECT (SELECT min(c.team) FROM "case" c WHERE c.team > t.team) FROM t WHERE t.team IS NOT NULL)
       SELECT team FROM t WHERE team IS NOT NULL`,
    );
  }

  /**
   * The dashboard's numbers in one statement: the total, and by caseworker, rule and responsible
   * body (`GROUPING SETS`); live deadlines (due this week, overdue, open) and those due in the period.
   */
  dashboard(s: ReportScope & { weekEnds: string }): Promise<DashboardRow[]> {
    const inPeriod = `d.due_on BETWEEN $4::date AND $5::date`;
    return sql(
      this.db,
      `SELECT GROUPING(c.caseworker)::int AS g_owner, GROUPING(d.rule_id)::int AS g_rule, GROUPING(d.responsible_body)::int AS g_body,
              c.caseworker, d.rule_id, d.responsible_body,
              count(*) FILTER (WHERE ${OPEN_SQL} AND d.due_on <= $6::date)::int AS due_this_week,
              count(*) FILTER (WHERE ${OVERDUE_SQL})::int AS overdue,
              count(*) FILTER (WHERE ${OPEN_SQL})::int AS open,
              ${outcomeCounts(inPeriod)}
       FROM deadline d ${CASE_OF_TEAM_JOIN}
       WHERE ${SCOPE_SQL} AND (${liveSql('d')} OR ${inPeriod})
       GROUP BY GROUPING SETS ((), (c.caseworker), (d.rule_id), (d.responsible_body))`,
      [s.team, s.decisionType, s.today, s.firstDay, s.lastDay, s.weekEnds],
    );
  }

  /**
   * Cases with a fact the law does not provide for on their route, recorded because the caseworker
   * confirmed it: for someone to look at (the partial index `case_team_flagged` holds only those).
   * The first 100 by reference; `team` null: every team.
   */
  flaggedCases(team: string | null): Promise<FlaggedCaseRow[]> {
    return sql(
      this.db,
      `SELECT c.id, c.reference, c.child_name, jsonb_array_length(c.snapshot->'flags')::int AS flags
       FROM "case" c
       WHERE ($1::text IS NULL OR c.team = $1) AND jsonb_typeof(c.snapshot->'flags') = 'array' AND jsonb_array_length(c.snapshot->'flags') > 0
       ORDER BY c.reference LIMIT 100`,
      [team],
    );
  }

  /** Compliance month by month (by due month) for the four families of deadlines: a row per family and month with any due. */
  compliance(s: ReportScope): Promise<ComplianceRow[]> {
    const category = `CASE ${COMPLIANCE_CATEGORIES.map((c) => `WHEN ${CATEGORY_SQL[c]} THEN '${c}'`).join(' ')} END`;
    return sql(
      this.db,
      `SELECT ${category} AS category, to_char(d.due_on, 'YYYY-MM') AS month, ${outcomeCounts('true')}
       FROM deadline d
       WHERE ${SCOPE_SQL} AND d.due_on BETWEEN $4::date AND $5::date
         AND (${COMPLIANCE_CATEGORIES.map((c) => CATEGORY_SQL[c]).join(' OR ')})
       GROUP BY 1, 2`,
      [s.team, s.decisionType, s.today, s.firstDay, s.lastDay],
    );
  }

  /** The deadlines behind a number on the dashboard or a bar of a chart, in the order asked for: a page, or every one up to `rows.limit`. */
  deadlines(
    filter: DeadlineListFilter,
    sort: ReportDeadlineSort | undefined,
    rows: RowsWanted,
  ): Promise<ReportDeadlineRow[]> {
    const { where, params, param } = deadlineWhere(filter);
    return sql(
      this.db,
      `SELECT d.id, d.case_id, c.reference, c.child_name, d.rule_id, d.ruleset_version, d.due_on::text AS due_on, d.explanation,
                d.status, d.met_on::text AS met_on, d.responsible_body, d.duty_holder, d.subject_id, d.owner, c.caseworker, d.extensions
         FROM deadline d JOIN "case" c ON c.id = d.case_id
         WHERE ${where}
         ORDER BY ${deadlineOrderBy(sort)}
         ${limitSql(rows, param)}`,
      params,
    );
  }

  /**
   * How many deadlines `deadlines` lists with this filter, every page. A query of its own, run beside
   * the page's (the count needs the case only to filter by caseworker): a window count over the page
   * query would make PostgreSQL produce every match before the first 50.
   */
  async deadlineCount(filter: DeadlineListFilter): Promise<number> {
    const { where, params } = deadlineWhere(filter);
    const [count] = await sql<{ total: number }>(
      this.db,
      `SELECT count(*)::int AS total FROM deadline d ${filter.caseworker ? CASE_OF_TEAM_JOIN : ''} WHERE ${where}`,
      params,
    );
    return count?.total ?? 0;
  }

  /** The caseworkers of a team's cases, by name (500 at most). */
  caseworkers(team: string): Promise<{ caseworker: string }[]> {
    return sql(
      this.db,
      `SELECT DISTINCT caseworker FROM "case" WHERE team = $1 ORDER BY caseworker LIMIT 500`,
      [team],
    );
  }
}

/**
 * The WHERE of a drill-down list and its count: the report's scope, the number's status and the
 * filters. Parameters are numbered as they are used (PostgreSQL refuses one it cannot type): `param`
 * adds one after those of the filter (the list's page).
 */
function deadlineWhere(f: DeadlineListFilter): {
  where: string;
  params: unknown[];
  param: (value: unknown) => string;
} {
  const params: unknown[] = [f.team, f.decisionType];
  const param = (value: unknown) => `$${params.push(value)}`;
  const overdue = () => overdueSql('d', `${param(f.today)}::date`);
  const open = () => openSql('d', `${param(f.today)}::date`);
  const inPeriod = () =>
    `d.due_on BETWEEN ${param(f.firstDay)}::date AND ${param(f.lastDay)}::date`;
  const byStatus: Record<DeadlineReportStatus, () => string> = {
    due_this_week: () => `${open()} AND d.due_on <= ${param(f.weekEnds)}::date`,
    overdue,
    open,
    due: inPeriod,
    met_on_time: () => `${inPeriod()} AND ${metOnTimeSql('d')}`,
    met_late: () => `${inPeriod()} AND ${metLateSql('d')}`,
    missed: () => `${inPeriod()} AND (d.status = 'missed' OR ${overdue()})`,
  };
  const where = [SCOPE_SQL, byStatus[f.status]()];
  if (f.rule) where.push(`d.rule_id = ${param(f.rule)}`);
  if (f.category) where.push(CATEGORY_SQL[f.category]);
  if (f.caseworker) where.push(`c.caseworker = ${param(f.caseworker)}`);
  if (f.responsibleBody)
    where.push(`d.responsible_body = ${param(f.responsibleBody)}`);
  if (f.month)
    where.push(
      `d.due_on >= ${param(`${f.month}-01`)}::date AND d.due_on < (${param(`${f.month}-01`)}::date + interval '1 month')`,
    );
  return { where: where.join(' AND '), params, param };
}
