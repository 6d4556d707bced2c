import { ForbiddenException, Injectable } from '@nestjs/common';
import {
  COMPLIANCE_CATEGORIES,
  type ComplianceCategory,
  type ComplianceReport,
  type ComplianceSeries,
  type DeadlineBreakdownRow,
  type DeadlineDashboard,
  type DeadlineOutcomeCounts,
  type DeadlinePage,
  type ReportDeadline,
  RESPONSIBLE_BODIES,
  type ReportFilters,
} from '@send/contracts';
import {
  daysOverdue,
  deadlineView,
  RESPONSIBLE_BODY_LABELS,
  ruleTitle,
} from '@send/domain';
import type { Actor } from '../auth/actor';
import { Clock } from '../clock/clock';
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
import {
  type DashboardRow,
  type DeadlineListFilter,
  type OutcomeRow,
  type ReportDeadlineRow,
  type ReportScope,
  ReportingRepository,
} from './reporting.repository';

export const COMPLIANCE_TITLES: Record<ComplianceCategory, string> = {
  order_compliance: 'Complying with Tribunal orders and concessions',
  recommendation_responses:
    'Responding to health and social care recommendations',
  mediation_arrangements: 'Arranging mediation within 30 days',
  tribunal_responses: "Sending the council's response to the Tribunal",
};

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

/** The most rows a CSV of a drill-down list holds. */
export const DRILL_DOWN_CSV_MAX_ROWS = 100_000;

/**
 * The manager's and auditor's reports on the statutory deadlines. Read-only and PostgreSQL only:
 * an open deadline past its date counts as overdue whether or not the deadline monitor has marked
 * it. Managers see their own team; auditors any team, or all of them. The SQL is the
 * ReportingRepository's (on the read pool).
 */
@Injectable()
export class ReportingService {
  constructor(
    private readonly reports: ReportingRepository,
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

  /** The teams the caller may choose between: for auditors, every team with a case. */
  async teamsFor(actor: Actor): Promise<string[]> {
    if (actor.role !== 'auditor') return [actor.team];
    return (await this.reports.teams()).map((r) => r.team);
  }

  private filtersOf(
    actor: Actor,
    query: ReportQueryDto,
  ): {
    filters: ReportFilters;
    period: ReportPeriod;
    today: string;
    scope: ReportScope;
  } {
    const today = this.clock.today();
    const period = periodOrBadRequest(today, query.from, query.to, badPeriod);
    const filters: ReportFilters = {
      team: this.teamFor(actor, query.team),
      from: period.from,
      to: period.to,
      decisionType: query.decisionType ?? null,
    };
    const scope: ReportScope = {
      team: filters.team,
      decisionType: filters.decisionType,
      today,
      firstDay: period.firstDay,
      lastDay: period.lastDay,
    };
    return { filters, period, today, scope };
  }

  async dashboard(
    actor: Actor,
    query: ReportQueryDto,
  ): Promise<DeadlineDashboard> {
    const { filters, today, scope } = this.filtersOf(actor, query);
    const weekEnds = weekEnding(today);
    const [rows, flaggedCases, teams] = await Promise.all([
      this.reports.dashboard({ ...scope, weekEnds }),
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

  /** Cases with flags, for someone to look at (see `ReportingRepository.flaggedCases`). */
  private async flaggedCases(
    team: string | null,
  ): Promise<
    { caseId: string; reference: string; childName: string; flags: number }[]
  > {
    const rows = await this.reports.flaggedCases(team);
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
    const { filters, period, today, scope } = this.filtersOf(actor, query);
    const rows = await this.reports.compliance(scope);

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
    const { filters, today, scope } = this.filtersOf(actor, query);
    const filter: DeadlineListFilter = {
      ...scope,
      weekEnds: weekEnding(today),
      status: query.status ?? 'due',
      rule: query.rule,
      category: query.category,
      caseworker: query.caseworker,
      responsibleBody: query.responsibleBody,
      month: query.month,
    };
    // The page and its count as two queries, run together.
    const [rows, total] = await Promise.all([
      this.reports.deadlines(
        filter,
        query.sort,
        all
          ? { limit: DRILL_DOWN_CSV_MAX_ROWS }
          : { limit: query.limit ?? 50, offset: query.offset ?? 0 },
      ),
      this.reports.deadlineCount(filter),
    ]);
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
    return (await this.reports.caseworkers(team)).map((r) => r.caseworker);
  }
}

/** The view of a deadline every list returns (the domain's, from this query's row), with the case's caseworker and the days overdue. */
function toView(r: ReportDeadlineRow, today: string): ReportDeadline {
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
