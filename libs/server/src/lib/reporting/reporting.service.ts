import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import {
  COMPLIANCE_CATEGORIES,
  type ComplianceCategory,
  type ComplianceReport,
  type ComplianceSeries,
  type DeadlineBreakdownRow,
  type DeadlineDashboard,
  type DeadlineOutcomeCounts,
  type DeadlinePage,
  type DeadlineReportStatus,
  type DeadlineStatus,
  type DutyHolder,
  type ReportDeadline,
  type ReportDeadlineSort,
  RESPONSIBLE_BODIES,
  type ResponsibleBody,
  type ReportFilters,
} from '@send/contracts';
import {
  daysOverdue,
  deadlineView,
  RESPONSIBLE_BODY_LABELS,
  ruleTitle,
} from '@send/domain';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { Clock } from '../clock/clock';
import {
  liveSql,
  metLateSql,
  metOnTimeSql,
  missedSql,
  openSql,
  overdueSql,
} from '../db/deadline-sql';
import { READ_DB } from './read-database';
import type {
  DeadlineDrillDownQueryDto,
  ReportQueryDto,
} from './reporting.dto';
import { badPeriod } from './reporting.errors';
import {
  percentOnTime,
  periodOrBadRequest,
  type ReportPeriod,
  weekEnding,
} from './report-period';

export const COMPLIANCE_TITLES: Record<ComplianceCategory, string> = {
  order_compliance: 'Complying with Tribunal orders and concessions',
  recommendation_responses:
    'Responding to health and social care recommendations',
  mediation_arrangements: 'Arranging mediation within 30 days',
  tribunal_responses: "Sending the council's response to the Tribunal",
};

/** The SQL condition for each family of rules on the compliance charts. */
const CATEGORY_SQL: Record<ComplianceCategory, string> = {
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
 * (`deadline_team_due_on`, `deadline_team_live`), not the country's.
 */
const SCOPE_SQL = `
  d.duty_holder IN ('council', 'icb', 'council_social_care') AND d.status <> 'cancelled'
  AND ($1::text IS NULL OR d.team = $1) AND ($2::text IS NULL OR d.decision_type = $2)`;

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

interface OutcomeRow {
  due: number;
  met_on_time: number;
  met_late: number;
  missed: number;
  pending: number;
}

const outcomes = (r: OutcomeRow | undefined): DeadlineOutcomeCounts => {
  const counts = {
    due: r?.due ?? 0,
    metOnTime: r?.met_on_time ?? 0,
    metLate: r?.met_late ?? 0,
    missed: r?.missed ?? 0,
    pending: r?.pending ?? 0,
  };
  return { ...counts, percentOnTime: percentOnTime(counts) };
};

interface DashboardRow extends OutcomeRow {
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

interface DeadlineRow {
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

/** The most rows a CSV of a drill-down list holds. */
export const DRILL_DOWN_CSV_MAX_ROWS = 100_000;

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
 * The manager's and auditor's reports on the statutory deadlines. Read-only and PostgreSQL only:
 * an open deadline past its date counts as overdue whether or not the deadline monitor has marked
 * it. Managers see their own team; auditors any team, or all of them.
 */
@Injectable()
export class ReportingService {
  constructor(
    @Inject(READ_DB) private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Today in Europe/London, as the reports count it. */
  today(): string {
    return this.clock.today();
  }

  /** The team a report is about: a manager's own (refusing another); an auditor's choice, or every team (null). */
  teamFor(actor: Actor, requested: string | undefined): string | null {
    if (actor.role === 'auditor') return requested ?? null;
    if (requested !== undefined && requested !== actor.team) {
      throw new ForbiddenException(
        `You can see the reports of your own team (${actor.team}) only.`,
      );
    }
    return actor.team;
  }

  /**
   * The teams the caller may choose between: for auditors, every team with a case, found by
   * skipping through the `case_team` index (one probe a team, not a read of every case).
   */
  async teamsFor(actor: Actor): Promise<string[]> {
    if (actor.role !== 'auditor') return [actor.team];
    const rows = (await this.db.query(
      `WITH RECURSIVE t AS (
         SELECT min(team) AS team FROM "case"
         UNION ALL
         SELECT (SELECT min(c.team) FROM "case" c WHERE c.team > t.team) FROM t WHERE t.team IS NOT NULL)
       SELECT team FROM t WHERE team IS NOT NULL`,
    )) as { team: string }[];
    return rows.map((r) => r.team);
  }

  private filtersOf(
    actor: Actor,
    query: ReportQueryDto,
  ): { filters: ReportFilters; period: ReportPeriod; today: string } {
    const today = this.clock.today();
    const period = periodOrBadRequest(today, query.from, query.to, badPeriod);
    const filters: ReportFilters = {
      team: this.teamFor(actor, query.team),
      from: period.from,
      to: period.to,
      decisionType: query.decisionType ?? null,
    };
    return { filters, period, today };
  }

  async dashboard(
    actor: Actor,
    query: ReportQueryDto,
  ): Promise<DeadlineDashboard> {
    const { filters, period, today } = this.filtersOf(actor, query);
    const weekEnds = weekEnding(today);
    const inPeriod = `d.due_on BETWEEN $4::date AND $5::date`;
    const dashboard = this.db.query(
      `SELECT GROUPING(c.caseworker)::int AS g_owner, GROUPING(d.rule_id)::int AS g_rule, GROUPING(d.responsible_body)::int AS g_body,
              c.caseworker, d.rule_id, d.responsible_body,
              count(*) FILTER (WHERE ${OPEN_SQL} AND d.due_on <= $6::date)::int AS due_this_week,
              count(*) FILTER (WHERE ${OVERDUE_SQL})::int AS overdue,
              count(*) FILTER (WHERE ${OPEN_SQL})::int AS open,
              ${outcomeCounts(inPeriod)}
       FROM deadline d JOIN "case" c ON c.id = d.case_id
       WHERE ${SCOPE_SQL} AND (${liveSql('d')} OR ${inPeriod})
       GROUP BY GROUPING SETS ((), (c.caseworker), (d.rule_id), (d.responsible_body))`,
      [
        filters.team,
        filters.decisionType,
        today,
        period.firstDay,
        period.lastDay,
        weekEnds,
      ],
    ) as Promise<DashboardRow[]>;
    const [rows, flaggedCases, teams] = await Promise.all([
      dashboard,
      this.flaggedCases(filters.team),
      this.teamsFor(actor),
    ]);

    const row = (
      r: DashboardRow,
      key: string,
      label: string,
    ): DeadlineBreakdownRow => ({
      key,
      label,
      dueThisWeek: r.due_this_week,
      overdue: r.overdue,
      ...outcomes(r),
    });
    const total = rows.find((r) => r.g_owner && r.g_rule && r.g_body);
    const byCaseworker = rows
      .filter((r) => !r.g_owner && r.caseworker !== null)
      .map((r) => row(r, r.caseworker as string, r.caseworker as string))
      .sort((a, b) => a.label.localeCompare(b.label));
    const byRule = rows
      .filter((r) => !r.g_rule && r.rule_id !== null)
      .map((r) => row(r, r.rule_id as string, ruleTitle(r.rule_id as string)))
      .sort((a, b) => a.label.localeCompare(b.label));
    const empty = {
      due_this_week: 0,
      overdue: 0,
      open: 0,
      due: 0,
      met_on_time: 0,
      met_late: 0,
      missed: 0,
      pending: 0,
    } as DashboardRow;
    const byResponsibleBody = RESPONSIBLE_BODIES.map((body) =>
      row(
        rows.find((r) => !r.g_body && r.responsible_body === body) ?? empty,
        body,
        RESPONSIBLE_BODY_LABELS[body],
      ),
    );
    return {
      filters,
      today,
      weekEnds,
      dueThisWeek: total?.due_this_week ?? 0,
      overdue: total?.overdue ?? 0,
      open: total?.open ?? 0,
      period: outcomes(total),
      byCaseworker,
      byRule,
      byResponsibleBody,
      flaggedCases,
      teams,
    };
  }

  /**
   * Cases with a fact the law does not provide for on their route, recorded because the caseworker
   * confirmed it: for someone to look at (the partial index `case_team_flagged` holds only those).
   */
  private async flaggedCases(
    team: string | null,
  ): Promise<
    { caseId: string; reference: string; childName: string; flags: number }[]
  > {
    const rows = (await this.db.query(
      `SELECT c.id, c.reference, c.child_name, jsonb_array_length(c.snapshot->'flags')::int AS flags
       FROM "case" c
       WHERE ($1::text IS NULL OR c.team = $1) AND jsonb_typeof(c.snapshot->'flags') = 'array' AND jsonb_array_length(c.snapshot->'flags') > 0
       ORDER BY c.reference LIMIT 100`,
      [team],
    )) as {
      id: string;
      reference: string;
      child_name: string;
      flags: number;
    }[];
    return rows.map((r) => ({
      caseId: r.id,
      reference: r.reference,
      childName: r.child_name,
      flags: r.flags,
    }));
  }

  /** Compliance month by month (by due month) for the four families of deadlines. */
  async compliance(
    actor: Actor,
    query: ReportQueryDto,
  ): Promise<ComplianceReport> {
    const { filters, period, today } = this.filtersOf(actor, query);
    const category = `CASE ${COMPLIANCE_CATEGORIES.map((c) => `WHEN ${CATEGORY_SQL[c]} THEN '${c}'`).join(' ')} END`;
    const rows = (await this.db.query(
      `SELECT ${category} AS category, to_char(d.due_on, 'YYYY-MM') AS month, ${outcomeCounts('true')}
       FROM deadline d JOIN "case" c ON c.id = d.case_id
       WHERE ${SCOPE_SQL} AND d.due_on BETWEEN $4::date AND $5::date
         AND (${COMPLIANCE_CATEGORIES.map((c) => CATEGORY_SQL[c]).join(' OR ')})
       GROUP BY 1, 2`,
      [
        filters.team,
        filters.decisionType,
        today,
        period.firstDay,
        period.lastDay,
      ],
    )) as (OutcomeRow & { category: ComplianceCategory; month: string })[];

    const series = COMPLIANCE_CATEGORIES.map((c): ComplianceSeries => {
      const mine = rows.filter((r) => r.category === c);
      const sum = (field: keyof OutcomeRow) =>
        mine.reduce((n, r) => n + r[field], 0);
      return {
        category: c,
        title: COMPLIANCE_TITLES[c],
        months: period.months.map((month) => ({
          month,
          ...outcomes(mine.find((r) => r.month === month)),
        })),
        total: outcomes({
          due: sum('due'),
          met_on_time: sum('met_on_time'),
          met_late: sum('met_late'),
          missed: sum('missed'),
          pending: sum('pending'),
        }),
      };
    });
    return { filters, today, series };
  }

  /** The deadlines behind a number on the dashboard or a bar of a chart, soonest due first. */
  async deadlines(
    actor: Actor,
    query: DeadlineDrillDownQueryDto,
    all = false,
  ): Promise<DeadlinePage> {
    const { filters, period, today } = this.filtersOf(actor, query);
    const status: DeadlineReportStatus = query.status ?? 'due';
    // Parameters are numbered as they are used: PostgreSQL refuses one it cannot type.
    const params: unknown[] = [filters.team, filters.decisionType];
    const param = (value: unknown) => `$${params.push(value)}`;
    const overdue = () => overdueSql('d', `${param(today)}::date`);
    const open = () => openSql('d', `${param(today)}::date`);
    const inPeriod = () =>
      `d.due_on BETWEEN ${param(period.firstDay)}::date AND ${param(period.lastDay)}::date`;
    const byStatus: Record<DeadlineReportStatus, () => string> = {
      due_this_week: () =>
        `${open()} AND d.due_on <= ${param(weekEnding(today))}::date`,
      overdue,
      open,
      due: inPeriod,
      met_on_time: () => `${inPeriod()} AND ${metOnTimeSql('d')}`,
      met_late: () => `${inPeriod()} AND ${metLateSql('d')}`,
      missed: () => `${inPeriod()} AND (d.status = 'missed' OR ${overdue()})`,
    };
    const where = [SCOPE_SQL, byStatus[status]()];
    if (query.rule) where.push(`d.rule_id = ${param(query.rule)}`);
    if (query.category) where.push(CATEGORY_SQL[query.category]);
    if (query.caseworker)
      where.push(`c.caseworker = ${param(query.caseworker)}`);
    if (query.responsibleBody)
      where.push(`d.responsible_body = ${param(query.responsibleBody)}`);
    if (query.month)
      where.push(
        `d.due_on >= ${param(`${query.month}-01`)}::date AND d.due_on < (${param(`${query.month}-01`)}::date + interval '1 month')`,
      );
    const filterParams = [...params];
    const page = all
      ? `LIMIT ${param(DRILL_DOWN_CSV_MAX_ROWS)}`
      : `LIMIT ${param(query.limit ?? 50)} OFFSET ${param(query.offset ?? 0)}`;
    // The page and its count as two queries (the count needs the case only to filter by caseworker):
    // a window count over the page query would make PostgreSQL produce every match before the first 50.
    const [rows, [count]] = await Promise.all([
      this.db.query(
        `SELECT d.id, d.case_id, c.reference, c.child_name, d.rule_id, d.ruleset_version, d.due_on::text AS due_on, d.explanation,
                d.status, d.met_on::text AS met_on, d.responsible_body, d.duty_holder, d.subject_id, d.owner, c.caseworker, d.extensions
         FROM deadline d JOIN "case" c ON c.id = d.case_id
         WHERE ${where.join(' AND ')}
         ORDER BY ${deadlineOrderBy(query.sort)}
         ${page}`,
        params,
      ) as Promise<DeadlineRow[]>,
      this.db.query(
        `SELECT count(*)::int AS total FROM deadline d ${query.caseworker ? 'JOIN "case" c ON c.id = d.case_id' : ''} WHERE ${where.join(' AND ')}`,
        filterParams,
      ) as Promise<{ total: number }[]>,
    ]);
    const total = count?.total ?? 0;
    const [caseworkers, teams] = all
      ? [[], []]
      : await Promise.all([
          this.caseworkersOf(filters.team),
          this.teamsFor(actor),
        ]);
    return {
      items: rows.map((r) => toView(r, today)),
      total,
      caseworkers,
      teams,
    };
  }

  /** The caseworkers of a team's cases, for the drill-down's filter (none for every team at once: too many to choose from). */
  private async caseworkersOf(team: string | null): Promise<string[]> {
    if (team === null) return [];
    const rows = (await this.db.query(
      `SELECT DISTINCT caseworker FROM "case" WHERE team = $1 ORDER BY caseworker LIMIT 500`,
      [team],
    )) as { caseworker: string }[];
    return rows.map((r) => r.caseworker);
  }
}

/** The view of a deadline every list returns (the domain's, from this query's row), with the case's caseworker and the days overdue. */
function toView(r: DeadlineRow, today: string): ReportDeadline {
  const view = deadlineView(
    {
      id: r.id,
      caseId: r.case_id,
      caseReference: r.reference,
      childName: r.child_name,
      ruleId: r.rule_id,
      rulesetVersion: r.ruleset_version,
      dueOn: r.due_on,
      explanation: r.explanation,
      status: r.status,
      metOn: r.met_on,
      responsibleBody: r.responsible_body,
      dutyHolder: r.duty_holder,
      extensions: r.extensions,
      subjectId: r.subject_id,
      owner: r.owner,
    },
    today,
  );
  return {
    ...view,
    caseworker: r.caseworker,
    daysOverdue: daysOverdue(
      { status: r.status, dueOn: r.due_on, dutyHolder: r.duty_holder },
      today,
    ),
  };
}
