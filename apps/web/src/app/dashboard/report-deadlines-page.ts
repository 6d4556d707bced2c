import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import {
  COMPLIANCE_CATEGORIES,
  type ComplianceCategory,
  DEADLINE_REPORT_STATUSES,
  type DeadlineReportStatus,
  type ResponsibleBody,
} from '@send/contracts';
import { ruleTitle } from '@send/domain';
import { pageTitle } from '../core/app-title-strategy';
import { Session } from '../core/session';
import { DeadlineTable } from '../deadlines/deadline-table';
import { londonToday } from '../shared/dates';
import { responsibleBodyLabel } from '../shared/labels';
import { longMonthLabel } from '../shared/months';
import { pageFrom, Pagination } from '../shared/pagination';
import { SERVICE_PROBLEM, toProblem } from '../shared/problem';
import { ReportApi } from './report-api';
import { definedFilters } from './report-filters';

const PAGE_SIZE = 50;

const STATUS_TITLES: Record<DeadlineReportStatus, string> = {
  overdue: 'Overdue',
  due_this_week: 'Due this week',
  open: 'Open, not yet due',
  due: 'Due in the period',
  met_on_time: 'Met on time',
  met_late: 'Met late',
  missed: 'Missed',
};

export const CATEGORY_TITLES: Record<ComplianceCategory, string> = {
  order_compliance: 'Complying with Tribunal orders and concessions',
  recommendation_responses:
    'Responding to health and social care recommendations',
  mediation_arrangements: 'Arranging mediation within 30 days',
  tribunal_responses: "Sending the council's response to the Tribunal",
};

/** The deadlines behind a number of the dashboard: what it counts, each with a link to its case. */
@Component({
  selector: 'app-report-deadlines-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, DeadlineTable, Pagination],
  template: `
    <a routerLink="/dashboard" [queryParams]="filters()" class="govuk-back-link">Back to the dashboard</a>
    <span class="govuk-caption-l">{{ caption() }}</span>
    <h1 class="govuk-heading-l">{{ heading() }}</h1>
    @if (details().length) {
      <ul class="govuk-list govuk-list--bullet">
        @for (d of details(); track d) {
          <li>{{ d }}</li>
        }
      </ul>
    }
    @if (deadlines.error()) {
      <p class="govuk-body govuk-error-message" role="alert">{{ problem() }}</p>
    } @else if (deadlines.hasValue()) {
      @let page = deadlines.value();
      @if (page.items.length) {
        <app-deadline-table [deadlines]="page.items" [caption]="countText(page.total)" [today]="today" />
        <app-pagination [total]="page.total" [pageSize]="pageSize" [page]="pageNumber()" label="Pages of deadlines" />
      } @else {
        <p class="govuk-body" role="status">No deadlines match. Go back to the dashboard and choose another number.</p>
      }
    } @else {
      <p class="govuk-body" role="status">Loading the deadlines…</p>
    }
  `,
})
export class ReportDeadlinesPage {
  readonly team = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
  readonly decisionType = input<string>();
  readonly status = input<string>();
  readonly rule = input<string>();
  readonly category = input<string>();
  readonly caseworker = input<string>();
  readonly responsibleBody = input<string>();
  readonly month = input<string>();
  readonly page = input<string>();

  private readonly api = inject(ReportApi);
  private readonly session = inject(Session);
  protected readonly today = londonToday();
  protected readonly pageSize = PAGE_SIZE;

  protected readonly filters = computed(() =>
    definedFilters({
      team: this.team(),
      from: this.from(),
      to: this.to(),
      decisionType: this.decisionType(),
    }),
  );
  private readonly statusValue = computed((): DeadlineReportStatus => {
    const s = this.status();
    return (DEADLINE_REPORT_STATUSES as readonly string[]).includes(s ?? '')
      ? (s as DeadlineReportStatus)
      : 'due';
  });
  protected readonly pageNumber = computed(() => pageFrom(this.page()));

  private readonly params = computed(() => {
    const user = this.session.currentId();
    if (!user) return undefined;
    const query = {
      ...this.filters(),
      status: this.statusValue(),
      rule: this.rule(),
      category: this.category(),
      caseworker: this.caseworker(),
      responsibleBody: this.responsibleBody(),
      month: this.month(),
      limit: PAGE_SIZE,
      offset: (this.pageNumber() - 1) * PAGE_SIZE,
    };
    return { user, query };
  });

  protected readonly deadlines = rxResource({
    params: this.params,
    stream: ({ params }) => this.api.deadlines(params.query),
  });

  protected readonly heading = computed(() => {
    const what = this.rule()
      ? ruleTitle(this.rule() ?? '')
      : (COMPLIANCE_CATEGORIES as readonly string[]).includes(
            this.category() ?? '',
          )
        ? CATEGORY_TITLES[this.category() as ComplianceCategory]
        : 'Deadlines';
    return `${STATUS_TITLES[this.statusValue()]}: ${what ?? this.rule()}`;
  });

  protected readonly caption = computed(
    () =>
      this.team() ??
      (this.session.user()?.role === 'auditor'
        ? 'All teams'
        : (this.session.user()?.team ?? '')),
  );

  protected readonly details = computed(() => {
    const out: string[] = [];
    if (this.responsibleBody())
      out.push(
        `To be answered by ${responsibleBodyLabel(this.responsibleBody() as ResponsibleBody).toLowerCase()}`,
      );
    if (this.caseworker()) out.push(`Cases of ${this.caseworker()}`);
    if (this.month()) out.push(`Due in ${longMonthLabel(this.month() ?? '')}`);
    else if (
      ['due', 'met_on_time', 'met_late', 'missed'].includes(
        this.statusValue(),
      ) &&
      this.from()
    )
      out.push(
        `Due from ${longMonthLabel(this.from() ?? '')} to ${longMonthLabel(this.to() ?? this.today.slice(0, 7))}`,
      );
    return out;
  });

  protected readonly problem = computed(
    () => toProblem(this.deadlines.error())?.detail ?? SERVICE_PROBLEM,
  );

  protected countText(total: number): string {
    return `${total} ${total === 1 ? 'deadline' : 'deadlines'}, soonest due first`;
  }

  constructor() {
    const title = inject(Title);
    effect(() => title.setTitle(pageTitle(this.heading())));
  }
}
