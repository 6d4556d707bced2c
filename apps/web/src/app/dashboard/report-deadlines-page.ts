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
import { Router, RouterLink } from '@angular/router';
import {
  COMPLIANCE_CATEGORIES,
  type ComplianceCategory,
  DEADLINE_REPORT_STATUSES,
  type DeadlineReportStatus,
  REPORT_DEADLINE_SORTS,
  type ReportDeadlineSort,
  type ResponsibleBody,
} from '@send/contracts';
import { RULE_IDS, ruleTitle } from '@send/domain';
import { FilterPanel, type FilterField } from '../shared/filter-panel';
import { pageTitle } from '../core/app-title-strategy';
import { Session } from '../core/session';
import { DeadlineTable } from '../deadlines/deadline-table';
import { londonToday } from '../shared/dates';
import { responsibleBodyLabel } from '../shared/labels';
import { longMonthLabel } from '../shared/months';
import { pageFrom, Pagination } from '../shared/pagination';
import { SERVICE_PROBLEM, toProblem } from '../shared/problem';
import { csvUrl, ReportApi } from './report-api';
import { definedFilters } from './report-filters';

const PAGE_SIZE = 50;

/** What a drill-down lists, as its heading says it ("Overdue deadlines in Team 007: 23"). */
const STATUS_TITLES: Record<DeadlineReportStatus, string> = {
  overdue: 'Overdue deadlines',
  due_this_week: 'Deadlines due this week',
  open: 'Open deadlines, not yet due',
  due: 'Deadlines due in the period',
  met_on_time: 'Deadlines met on time',
  met_late: 'Deadlines met late',
  missed: 'Missed deadlines',
};

/** The rules to filter by, in words, A to Z. */
const RULE_OPTIONS = RULE_IDS.map((id) => ({ value: id, text: ruleTitle(id) }))
  .filter((o) => o.text)
  .sort((a, b) => a.text.localeCompare(b.text));

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
  imports: [RouterLink, DeadlineTable, Pagination, FilterPanel],
  template: `
    <a routerLink="/dashboard" [queryParams]="filters()" class="govuk-back-link">Back to the dashboard</a>
    <span class="govuk-caption-l">{{ what() }}</span>
    <h1 class="govuk-heading-l">{{ heading() }}</h1>
    @if (details().length) {
      <ul class="govuk-list govuk-list--bullet">
        @for (d of details(); track d) {
          <li>{{ d }}</li>
        }
      </ul>
    }
    <div class="moj-filter-layout">
      <div class="moj-filter-layout__filter">
        <app-filter-panel [fields]="fields()" (apply)="apply($event)" />
      </div>
      <div class="moj-filter-layout__content">
        @if (deadlines.error()) {
          <p class="govuk-body govuk-error-message" role="alert">{{ problem() }}</p>
        } @else if (deadlines.hasValue()) {
          @let page = deadlines.value();
          @if (page.items.length) {
            <p class="govuk-body">
              <a class="govuk-link" [href]="csv()" download>Download all {{ page.total }} as CSV</a>
            </p>
            <div class="app-table-container" role="region" aria-label="Deadlines (scrolls sideways on a narrow screen)" tabindex="0">
            <app-deadline-table
              [deadlines]="page.items"
              [caption]="countText(page.total)"
              [today]="today"
              [showOwner]="false"
              [showCaseworker]="true"
              [showDaysOverdue]="true"
              [sort]="sortValue()"
              (sortChange)="sortBy($event)"
            />
            </div>
            <app-pagination [total]="page.total" [pageSize]="pageSize" [page]="pageNumber()" label="Pages of deadlines" />
          } @else {
            <p class="govuk-body" role="status">No deadlines match. Remove a filter, or go back to the dashboard and choose another number.</p>
          }
        } @else {
          <p class="govuk-body" role="status">Loading the deadlines…</p>
        }
      </div>
    </div>
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
  readonly sort = input<string>();
  readonly page = input<string>();

  private readonly api = inject(ReportApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
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
  protected readonly sortValue = computed((): ReportDeadlineSort => {
    const s = this.sort();
    return (REPORT_DEADLINE_SORTS as readonly string[]).includes(s ?? '')
      ? (s as ReportDeadlineSort)
      : 'dueOn';
  });

  /** What the list is of (every filter but the page): the table's and its CSV's. */
  private readonly listQuery = computed(() => ({
    ...this.filters(),
    status: this.statusValue(),
    rule: this.rule(),
    category: this.category(),
    caseworker: this.caseworker(),
    responsibleBody: this.responsibleBody(),
    month: this.month(),
    sort: this.sortValue() === 'dueOn' ? undefined : this.sortValue(),
  }));

  private readonly params = computed(() => {
    const user = this.session.currentId();
    if (!user) return undefined;
    const query = {
      ...this.listQuery(),
      limit: PAGE_SIZE,
      offset: (this.pageNumber() - 1) * PAGE_SIZE,
    };
    return { user, query };
  });

  protected readonly csv = computed(() =>
    csvUrl('deadlines/list.csv', this.listQuery()),
  );

  protected readonly fields = computed((): FilterField[] => {
    const page = this.deadlines.hasValue() ? this.deadlines.value() : undefined;
    const caseworkers = page?.caseworkers ?? [];
    const fields: FilterField[] = [];
    if (this.session.user()?.role === 'auditor')
      fields.push({
        name: 'team',
        label: 'Team',
        anyText: 'All teams',
        options: (page?.teams ?? []).map((t) => ({ value: t, text: t })),
        value: this.team() ?? '',
      });
    if (caseworkers.length || this.caseworker())
      fields.push({
        name: 'caseworker',
        label: 'Caseworker',
        anyText: 'All caseworkers',
        options: [
          ...new Set([
            ...caseworkers,
            ...(this.caseworker() ? [this.caseworker() as string] : []),
          ]),
        ].map((c) => ({ value: c, text: c })),
        value: this.caseworker() ?? '',
      });
    fields.push({
      name: 'rule',
      label: 'What is due',
      anyText: 'Every rule',
      options: RULE_OPTIONS,
      value: this.rule() ?? '',
    });
    return fields;
  });

  protected readonly deadlines = rxResource({
    params: this.params,
    stream: ({ params }) => this.api.deadlines(params.query),
  });

  /** What the deadlines are: a rule, a family of rules, or every deadline. */
  protected readonly what = computed(() =>
    this.rule()
      ? ruleTitle(this.rule() ?? '') || (this.rule() ?? '')
      : (COMPLIANCE_CATEGORIES as readonly string[]).includes(
            this.category() ?? '',
          )
        ? CATEGORY_TITLES[this.category() as ComplianceCategory]
        : 'Every statutory deadline',
  );

  private readonly teamName = computed(
    () =>
      this.team() ??
      (this.session.user()?.role === 'auditor'
        ? 'all teams'
        : (this.session.user()?.team ?? '')),
  );

  /** "Overdue deadlines in Team 007: 23": what the list is, whose, and how many. */
  protected readonly heading = computed(() => {
    const total = this.deadlines.hasValue()
      ? `: ${this.deadlines.value().total}`
      : '';
    return `${STATUS_TITLES[this.statusValue()]} in ${this.teamName()}${total}`;
  });

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
    return `${total} ${total === 1 ? 'deadline' : 'deadlines'}. Select a column heading to sort by it`;
  }

  protected sortBy(sort: string): void {
    void this.router.navigate([], {
      queryParams: { sort: sort === 'dueOn' ? null : sort, page: null },
      queryParamsHandling: 'merge',
    });
  }

  protected apply(values: Record<string, string>): void {
    void this.router.navigate([], {
      queryParams: {
        ...Object.fromEntries(
          Object.entries(values).map(([k, v]) => [k, v || null]),
        ),
        page: null,
      },
      queryParamsHandling: 'merge',
    });
  }

  constructor() {
    const title = inject(Title);
    effect(() => title.setTitle(pageTitle(this.heading())));
  }
}
