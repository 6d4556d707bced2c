import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type {
  ComplianceReport,
  DeadlineBreakdownRow,
  DeadlineDashboard,
} from '@send/contracts';
import { Session } from '../core/session';
import { LongDatePipe } from '../shared/date-pipes';
import { londonToday } from '../shared/dates';
import { BarList, type BarSeries } from '../shared/bar-list';
import { FilterPanel } from '../shared/filter-panel';
import { longMonthLabel } from '../shared/months';
import { httpStatus, SERVICE_PROBLEM, toProblem } from '../shared/problem';
import { BreakdownTable } from './breakdown-table';
import { ComplianceChart } from './compliance-chart';
import { csvUrl, ReportApi } from './report-api';
import {
  decisionTypeOptions,
  definedFilters,
  reportFilterFields,
} from './report-filters';

const OVERDUE_AND_THIS_WEEK: readonly BarSeries[] = [
  { name: 'Overdue now', colour: 'missed' },
  { name: 'Due this week', colour: 'due' },
];

/**
 * The manager's dashboard of the team's statutory deadlines (auditors: any team, or all): what is
 * due this week and overdue, by caseworker, rule and responsible body, and compliance month by
 * month for the four families of deadlines, each chart with its table. Every number links to the
 * deadlines behind it.
 */
@Component({
  selector: 'app-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    FilterPanel,
    BreakdownTable,
    ComplianceChart,
    BarList,
    LongDatePipe,
  ],
  template: `
    <span class="govuk-caption-l">{{ teamText() }}</span>
    <h1 class="govuk-heading-l">Deadlines dashboard</h1>

    <div class="moj-filter-layout">
      <div class="moj-filter-layout__filter">
        <app-filter-panel [fields]="fields()" (apply)="apply($event)" />
      </div>

      <div class="moj-filter-layout__content">
        @if (dashboard.error() || compliance.error()) {
          <div class="govuk-error-summary" role="alert" tabindex="-1">
            <h2 class="govuk-error-summary__title">There is a problem</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body">{{ problem() }}</p>
            </div>
          </div>
        } @else if (shown(); as d) {
          @if (dashboard.isLoading()) {
            <p class="govuk-body govuk-!-font-weight-bold" role="status">Updating the dashboard…</p>
          }
          <p class="govuk-body">
            {{ periodText() }}. Deadlines of the council, the ICB and council social care; the family's and the mediation
            adviser's are not counted.
          </p>

          <h2 class="govuk-heading-m">Now</h2>
          <div class="app-stats">
            <div class="app-stat app-stat--missed">
              <p class="app-stat__label">Overdue</p>
              <p class="app-stat__value">
                <a class="govuk-link govuk-link--no-visited-state" routerLink="/dashboard/deadlines" [queryParams]="drill({ status: 'overdue' })"
                  >{{ d.overdue }}<span class="govuk-visually-hidden"> overdue</span></a
                >
              </p>
            </div>
            <div class="app-stat">
              <p class="app-stat__label">Due this week</p>
              <p class="app-stat__value">
                <a class="govuk-link govuk-link--no-visited-state" routerLink="/dashboard/deadlines" [queryParams]="drill({ status: 'due_this_week' })"
                  >{{ d.dueThisWeek }}<span class="govuk-visually-hidden"> due this week</span></a
                >
              </p>
              <p class="app-stat__hint">by {{ d.weekEnds | longDate }}</p>
            </div>
            <div class="app-stat">
              <p class="app-stat__label">Open, not yet due</p>
              <p class="app-stat__value">
                <a class="govuk-link govuk-link--no-visited-state" routerLink="/dashboard/deadlines" [queryParams]="drill({ status: 'open' })"
                  >{{ d.open }}<span class="govuk-visually-hidden"> open, not yet due</span></a
                >
              </p>
            </div>
            <div class="app-stat">
              <p class="app-stat__label">Met on time in the period</p>
              <p class="app-stat__value">
                @if (d.period.percentOnTime === null) {
                  –
                } @else {
                  <a class="govuk-link govuk-link--no-visited-state" routerLink="/dashboard/deadlines" [queryParams]="drill({ status: 'met_on_time' })"
                    >{{ d.period.percentOnTime }}%<span class="govuk-visually-hidden"> met on time</span></a
                  >
                }
              </p>
              <p class="app-stat__hint">{{ d.period.metOnTime }} of {{ d.period.metOnTime + d.period.metLate + d.period.missed }} met or past their date</p>
            </div>
          </div>

          <h2 class="govuk-heading-m">By caseworker</h2>
          @if (d.byCaseworker.length) {
            <app-bar-list
              [rows]="caseworkerBars()"
              [series]="overdueAndThisWeek"
              summary="Bar chart of deadlines overdue now and due this week, by caseworker. The table that follows gives the numbers."
            />
          }
          <app-breakdown-table
            [rows]="d.byCaseworker"
            caption="Deadlines by caseworker (the case's caseworker)"
            rowHeader="Caseworker"
            [select]="byCaseworker"
          />
          <p class="govuk-body">
            <a class="govuk-link" [href]="csv('deadlines/by-caseworker.csv')" download
              >Download the table by caseworker (CSV)</a
            >
            @if (isManager()) {
              <br /><a class="govuk-link" routerLink="/dashboard/reassign">Move a caseworker's cases to others</a>
            }
          </p>

          <h2 class="govuk-heading-m">By responsible body</h2>
          <p class="govuk-body">Responses to the Tribunal's health and social care recommendations, due 5 weeks after its decision.</p>
          <app-bar-list
            [rows]="bodyBars()"
            [series]="overdueAndThisWeek"
            summary="Bar chart of recommendation responses overdue now and due this week, by responsible body. The table that follows gives the numbers."
          />
          <app-breakdown-table
            [rows]="d.byResponsibleBody"
            caption="Recommendation responses by responsible body"
            rowHeader="Responsible body"
            [select]="byBody"
          />
          <p class="govuk-body">
            <a class="govuk-link" [href]="csv('deadlines/by-responsible-body.csv')" download
              >Download the table by responsible body (CSV)</a
            >
          </p>

          <h2 class="govuk-heading-m">By rule</h2>
          <app-breakdown-table [rows]="d.byRule" caption="Deadlines by statutory rule" rowHeader="What is due" [select]="byRule" />
          <p class="govuk-body">
            <a class="govuk-link" [href]="csv('deadlines/by-rule.csv')" download>Download the table by rule (CSV)</a>
          </p>

          @if (d.flaggedCases?.length) {
            <h2 class="govuk-heading-m">Cases to look at</h2>
            <p class="govuk-body">
              These cases record something the law does not provide for on their route (for example an appeal with no mediation
              certificate), entered because the caseworker confirmed it is what happened.
            </p>
            <ul class="govuk-list govuk-list--bullet">
              @for (f of d.flaggedCases; track f.caseId) {
                <li>
                  <a class="govuk-link" [routerLink]="['/cases', f.caseId]">{{ f.reference }}: {{ f.childName }}</a>
                  ({{ f.flags }} {{ f.flags === 1 ? 'entry' : 'entries' }} flagged)
                </li>
              }
            </ul>
          }
        } @else {
          <p class="govuk-body" role="status">Loading the dashboard…</p>
        }

        <!-- Compliance over time sits under the dashboard: made only when it is scrolled to (a deferred view, its
             charts in a chunk of their own), so that the dashboard's first screen is not held up by charts no one
             sees yet, and never shown before the dashboard above it (which would push it down the page). -->
        @if (shown()) {
          <h2 class="govuk-heading-m">Compliance over time</h2>
          <p class="govuk-body">
            Each month counts the deadlines due in it: met on time, met late, missed (past the date and not met), and not yet due.
          </p>
          @defer (on viewport) {
            @if (shownCompliance(); as c) {
              @for (s of c.series; track s.category) {
                <h3 class="govuk-heading-s">{{ s.title }}</h3>
                <app-compliance-chart [series]="s" [id]="'compliance-' + s.category" [filters]="filterParams()" />
              }
              <p class="govuk-body">
                <a class="govuk-link" [href]="csv('compliance.csv')" download>Download compliance month by month (CSV)</a>
              </p>
            } @else {
              <p class="govuk-body" role="status">Loading compliance over time…</p>
            }
          } @placeholder {
            <p class="govuk-body">The charts of compliance month by month follow.</p>
          }
        }
      </div>
    </div>
  `,
})
export class DashboardPage {
  readonly team = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
  readonly decisionType = input<string>();

  private readonly api = inject(ReportApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly overdueAndThisWeek = OVERDUE_AND_THIS_WEEK;
  private readonly today = londonToday();

  /** The filters in the URL (the server fills in the defaults). */
  private readonly query = computed(() =>
    definedFilters({
      team: this.team(),
      from: this.from(),
      to: this.to(),
      decisionType: this.decisionType(),
    }),
  );

  private readonly params = computed(() => {
    const user = this.session.currentId();
    return user ? { user, query: this.query() } : undefined;
  });

  protected readonly dashboard = rxResource({
    params: this.params,
    stream: ({ params }) => this.api.dashboard(params.query),
  });
  protected readonly compliance = rxResource({
    params: this.params,
    stream: ({ params }) => this.api.compliance(params.query),
  });

  /** What is shown: the last report loaded, kept while other filters load, so that the page does not collapse meanwhile. */
  protected readonly shown = linkedSignal<
    DeadlineDashboard | undefined,
    DeadlineDashboard | undefined
  >({
    source: () =>
      this.dashboard.hasValue() ? this.dashboard.value() : undefined,
    computation: (value, previous) => value ?? previous?.value,
  });
  protected readonly shownCompliance = linkedSignal<
    ComplianceReport | undefined,
    ComplianceReport | undefined
  >({
    source: () =>
      this.compliance.hasValue() ? this.compliance.value() : undefined,
    computation: (value, previous) => value ?? previous?.value,
  });

  protected readonly fields = computed(() => {
    const d = this.shown();
    return reportFilterFields(
      this.session.user()?.role,
      this.today,
      d?.filters,
      d?.teams ?? [],
    );
  });

  /** The filters applied (from the server), carried into every link to the deadlines. */
  protected readonly filterParams = computed((): Record<string, string> => {
    const shown = this.shown();
    if (!shown) return this.query();
    const f = shown.filters;
    return definedFilters({
      team: f.team ?? undefined,
      from: f.from,
      to: f.to,
      decisionType: f.decisionType ?? undefined,
    });
  });

  protected readonly teamText = computed(() => {
    const d = this.shown();
    if (!d) return this.session.user()?.team ?? '';
    return d.filters.team ?? 'All teams';
  });

  protected readonly periodText = computed(() => {
    const f = this.shown()?.filters;
    if (!f) return '';
    const type = f.decisionType
      ? `; decisions: ${decisionTypeOptions.find((o) => o.value === f.decisionType)?.text}`
      : '';
    return `Period ${longMonthLabel(f.from)} to ${longMonthLabel(f.to)}${type}`;
  });

  protected readonly problem = computed(() => {
    const error = this.dashboard.error() ?? this.compliance.error();
    const problem = toProblem(error);
    return problem && httpStatus(error) !== 500
      ? problem.detail
      : SERVICE_PROBLEM;
  });

  protected readonly caseworkerBars = computed(() =>
    (this.shown()?.byCaseworker ?? []).map((r) => ({
      label: r.label,
      values: [r.overdue, r.dueThisWeek],
    })),
  );
  protected readonly bodyBars = computed(() =>
    (this.shown()?.byResponsibleBody ?? []).map((r) => ({
      label: r.label,
      values: [r.overdue, r.dueThisWeek],
    })),
  );

  protected readonly byCaseworker = (row: DeadlineBreakdownRow) => ({
    ...this.filterParams(),
    caseworker: row.key,
  });
  protected readonly byRule = (row: DeadlineBreakdownRow) => ({
    ...this.filterParams(),
    rule: row.key,
  });
  protected readonly byBody = (row: DeadlineBreakdownRow) => ({
    ...this.filterParams(),
    rule: 'recommendation.response',
    responsibleBody: row.key,
  });

  protected readonly isManager = computed(
    () => this.session.user()?.role === 'manager',
  );

  /** A table's CSV, with the filters applied. */
  protected csv(path: string): string {
    return csvUrl(path, this.filterParams());
  }

  protected drill(extra: Record<string, string>): Record<string, string> {
    return { ...this.filterParams(), ...extra };
  }

  protected apply(values: Record<string, string>): void {
    void this.router.navigate([], {
      queryParams: Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, v || null]),
      ),
    });
  }
}
