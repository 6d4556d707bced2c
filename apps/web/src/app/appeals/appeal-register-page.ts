import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type {
  AppealRegisterRow,
  AppealResult,
  AppealResultCounts,
} from '@send/contracts';
import { APPEAL_OUTCOME_LABELS, DECISION_TYPE_LABELS } from '@send/domain';
import { Session } from '../core/session';
import { decisionTypeOptions } from '../dashboard/report-filters';
import { LongDatePipe } from '../shared/date-pipes';
import { londonToday } from '../shared/dates';
import { FilterPanel, type FilterField } from '../shared/filter-panel';
import { longMonthLabel, recentMonths } from '../shared/months';
import { pageFrom, Pagination } from '../shared/pagination';
import { SERVICE_PROBLEM, toProblem } from '../shared/problem';
import { csvUrl } from '../dashboard/report-api';
import { AppealRegisterApi } from './appeal-register-api';
import {
  capitalise,
  RESULT_LABELS,
  outcomeOptions,
  RESULT_TAGS,
  resultOptions,
  sectionOptions,
  STAGE_LABELS,
  stageOptions,
} from './appeal-labels';

const PAGE_SIZE = 25;
const FILTERS = [
  'team',
  'from',
  'to',
  'decisionType',
  'stage',
  'result',
  'outcome',
  'section',
] as const;

type SortKey =
  | 'childName'
  | 'tribunalReference'
  | 'caseworker'
  | 'lodgedOn'
  | 'responseDueOn'
  | 'hearingDate'
  | 'stage'
  | 'outcome';

/** Columns sorted by a date start with the latest first; the others A to Z. */
const DATE_SORTS: ReadonlySet<SortKey> = new Set([
  'lodgedOn',
  'responseDueOn',
  'hearingDate',
]);

const COLUMNS: readonly { title: string; sort?: SortKey; numeric?: boolean }[] =
  [
    { title: 'Child and case', sort: 'childName' },
    { title: 'Tribunal reference', sort: 'tribunalReference' },
    { title: 'Caseworker', sort: 'caseworker' },
    { title: 'Decision appealed' },
    { title: 'Lodged', sort: 'lodgedOn' },
    { title: 'Response due', sort: 'responseDueOn' },
    { title: 'Hearing date', sort: 'hearingDate' },
    { title: 'Stage', sort: 'stage' },
    { title: 'Outcome', sort: 'outcome' },
  ];

/**
 * The appeals register: every appeal of the team (auditors: any team, or all), how far it has got
 * and how it ended for the council, counted by stage, outcome, decision type and plan section,
 * and listed in an MoJ sortable table (sorted by the server, so that it sorts every page).
 */
@Component({
  selector: 'app-appeal-register-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, FilterPanel, Pagination, LongDatePipe],
  template: `
    <span class="govuk-caption-l">{{ teamText() }}</span>
    <h1 class="govuk-heading-l">Appeals register</h1>

    <div class="moj-filter-layout">
      <div class="moj-filter-layout__filter">
        <app-filter-panel [fields]="fields()" (apply)="apply($event)" />
      </div>
      <div class="moj-filter-layout__content">
        @if (register.error()) {
          <p class="govuk-body govuk-error-message" role="alert">{{ problem() }}</p>
        } @else if (register.hasValue()) {
          @let r = register.value();
          @let c = r.counts;
          <div class="app-stats">
            <div class="app-stat">
              <p class="app-stat__label">Appeals</p>
              <p class="app-stat__value">{{ c.total }}</p>
            </div>
            @for (key of headlineResults; track key) {
              <div class="app-stat" [class.app-stat--missed]="key === 'lost'">
                <p class="app-stat__label">{{ resultLabel[key] }}</p>
                <p class="app-stat__value">
                  @if (countOf(c.byResult, key)) {
                    <a class="govuk-link govuk-link--no-visited-state" [routerLink]="[]" [queryParams]="{ result: key, page: null }" queryParamsHandling="merge"
                      >{{ countOf(c.byResult, key) }}<span class="govuk-visually-hidden"> appeals: {{ resultLabel[key] }}</span></a
                    >
                  } @else {
                    0
                  }
                </p>
              </div>
            }
          </div>

          <div class="app-table-container" role="region" aria-label="Appeals by decision appealed" tabindex="0">
          <table class="govuk-table app-table-s">
            <caption class="govuk-table__caption govuk-table__caption--m">By decision appealed</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">Decision</th>
                @for (h of resultColumns; track h.key) {
                  <th scope="col" class="govuk-table__header govuk-table__header--numeric">{{ h.title }}</th>
                }
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              @for (row of c.byDecisionType; track row.key) {
                <tr class="govuk-table__row">
                  <th scope="row" class="govuk-table__header app-table__row-header">{{ row.label }}</th>
                  @for (h of resultColumns; track h.key) {
                    <td class="govuk-table__cell govuk-table__cell--numeric">
                      @if (row[h.key]) {
                        <a class="govuk-link" [routerLink]="[]" [queryParams]="filtered({ decisionType: row.key }, h.result)" queryParamsHandling="merge"
                          >{{ row[h.key] }}<span class="govuk-visually-hidden"> {{ h.title }}: {{ row.label }}</span></a
                        >
                      } @else {
                        0
                      }
                    </td>
                  }
                </tr>
              } @empty {
                <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="7">No appeals match these filters.</td></tr>
              }
            </tbody>
          </table>
          </div>

          @if (c.bySection.length) {
            <div class="app-table-container" role="region" aria-label="Appeals by section of the plan" tabindex="0">
            <table class="govuk-table app-table-s">
              <caption class="govuk-table__caption govuk-table__caption--m">By section of the plan appealed</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Section</th>
                  @for (h of resultColumns; track h.key) {
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">{{ h.title }}</th>
                  }
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                @for (row of c.bySection; track row.key) {
                  <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">{{ row.label }}</th>
                    @for (h of resultColumns; track h.key) {
                      <td class="govuk-table__cell govuk-table__cell--numeric">
                        @if (row[h.key]) {
                          <a class="govuk-link" [routerLink]="[]" [queryParams]="filtered({ section: row.key }, h.result)" queryParamsHandling="merge"
                            >{{ row[h.key] }}<span class="govuk-visually-hidden"> {{ h.title }}: {{ row.label }}</span></a
                          >
                        } @else {
                          0
                        }
                      </td>
                    }
                  </tr>
                }
              </tbody>
            </table>
            </div>
          }

          <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-half">
              <table class="govuk-table app-table-s">
                <caption class="govuk-table__caption govuk-table__caption--s">By stage</caption>
                <tbody class="govuk-table__body">
                  @for (row of c.byStage; track row.key) {
                    <tr class="govuk-table__row">
                      <th scope="row" class="govuk-table__header">{{ stageLabel[row.key] ?? row.label }}</th>
                      <td class="govuk-table__cell govuk-table__cell--numeric">
                        @if (row.count) {
                          <a class="govuk-link" [routerLink]="[]" [queryParams]="filtered({ stage: row.key })" queryParamsHandling="merge"
                            >{{ row.count }}<span class="govuk-visually-hidden"> appeals: {{ stageLabel[row.key] ?? row.label }}</span></a
                          >
                        } @else {
                          0
                        }
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
            <div class="govuk-grid-column-one-half">
              <table class="govuk-table app-table-s">
                <caption class="govuk-table__caption govuk-table__caption--s">By outcome</caption>
                <tbody class="govuk-table__body">
                  @for (row of c.byOutcome; track row.key) {
                    @if (row.count) {
                      <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">{{ row.label }}</th>
                        <td class="govuk-table__cell govuk-table__cell--numeric">
                          @if (row.key === 'none') {
                            <a class="govuk-link" [routerLink]="[]" [queryParams]="filtered({ result: 'open' })" queryParamsHandling="merge"
                              >{{ row.count }}<span class="govuk-visually-hidden"> appeals: {{ row.label }}</span></a
                            >
                          } @else {
                            <a class="govuk-link" [routerLink]="[]" [queryParams]="filtered({ outcome: row.key })" queryParamsHandling="merge"
                              >{{ row.count }}<span class="govuk-visually-hidden"> appeals: {{ row.label }}</span></a
                            >
                          }
                        </td>
                      </tr>
                    }
                  }
                </tbody>
              </table>
            </div>
          </div>

          <h2 class="govuk-heading-m" id="register-heading">Appeals</h2>
          @if (r.items.length) {
            <p class="govuk-body" role="status">
              {{ r.total }} {{ r.total === 1 ? 'appeal' : 'appeals' }}. Select a column heading to sort by it.
            </p>
            <p class="govuk-body">
              <a class="govuk-link" [href]="csv()" download>Download all {{ r.total }} as CSV</a>
            </p>
            <!-- Every column fits: dates wrap at desktop width, and below the tablet breakpoint (a phone, 200% zoom) each appeal is a block of labelled lines. -->
            <table class="govuk-table app-table-s app-table--stack" aria-labelledby="register-heading">
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  @for (col of columns; track col.title) {
                    @if (col.sort) {
                      <th scope="col" class="govuk-table__header" [attr.aria-sort]="ariaSort(col.sort)">
                        <button type="button" class="app-sort-button" (click)="sortBy(col.sort)">
                          {{ col.title }}<span class="app-sort-button__arrow" aria-hidden="true">{{ arrow(col.sort) }}</span>
                        </button>
                      </th>
                    } @else {
                      <th scope="col" class="govuk-table__header">{{ col.title }}</th>
                    }
                  }
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                @for (a of r.items; track a.appealId) {
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell" data-label="Child and case">
                      <a class="govuk-link" [routerLink]="['/cases', a.caseId]">{{ a.childName }}</a>&ngsp;
                      <span class="app-secondary-text app-nowrap">{{ a.caseReference }}</span>
                    </td>
                    <td class="govuk-table__cell app-nowrap" data-label="Tribunal reference">{{ a.tribunalReference }}</td>
                    <td class="govuk-table__cell" data-label="Caseworker">{{ a.caseworker }}</td>
                    <td class="govuk-table__cell" data-label="Decision appealed">
                      {{ decisionLabel(a) }}
                      @if (a.sections.length) {
                        <span class="app-secondary-text">Sections {{ a.sections.join(', ') }}</span>
                      }
                    </td>
                    <td class="govuk-table__cell" data-label="Lodged">{{ a.lodgedOn | longDate }}</td>
                    <td class="govuk-table__cell" data-label="Response due">
                      @if (a.responseDueOn) {
                        {{ a.responseDueOn | longDate }}
                      } @else {
                        <span class="app-secondary-text">–</span>
                      }
                    </td>
                    <td class="govuk-table__cell" data-label="Hearing date">
                      @if (a.hearingDate) {
                        {{ a.hearingDate | longDate }}
                      } @else {
                        <span class="app-secondary-text">–</span>
                      }
                    </td>
                    <td class="govuk-table__cell" data-label="Stage">{{ stageLabel[a.stage] }}</td>
                    <td class="govuk-table__cell" data-label="Outcome">
                      <strong [class]="resultTag[a.result]">{{ resultLabel[a.result] }}</strong>&ngsp;
                      @if (a.outcome) {
                        <span class="app-secondary-text">{{ outcomeLabel(a) }}, {{ a.decisionDate | longDate }}</span>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
            <app-pagination [total]="r.total" [pageSize]="pageSize" [page]="pageNumber()" label="Pages of appeals" />
          } @else {
            <p class="govuk-body" role="status">No appeals match these filters. Remove a filter to see more.</p>
          }
        } @else {
          <p class="govuk-body" role="status">Loading the appeals register…</p>
        }
      </div>
    </div>
  `,
})
export class AppealRegisterPage {
  readonly team = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
  readonly decisionType = input<string>();
  readonly stage = input<string>();
  readonly result = input<string>();
  readonly outcome = input<string>();
  readonly section = input<string>();
  readonly sort = input<string>();
  readonly order = input<string>();
  readonly page = input<string>();

  private readonly api = inject(AppealRegisterApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly today = londonToday();

  protected readonly pageSize = PAGE_SIZE;
  protected readonly columns = COLUMNS;
  protected readonly stageLabel: Record<string, string> = STAGE_LABELS;
  protected readonly resultLabel = RESULT_LABELS;
  protected readonly resultTag = RESULT_TAGS;
  protected readonly headlineResults = [
    'open',
    'lost',
    'referred_back',
    'conceded',
  ] as const;
  protected readonly resultColumns: readonly {
    key: keyof Omit<AppealResultCounts, 'key' | 'label'>;
    title: string;
    /** The result its numbers count (none: every appeal). */
    result?: AppealResult;
  }[] = [
    { key: 'total', title: 'Appeals' },
    { key: 'open', title: 'Open', result: 'open' },
    { key: 'lost', title: 'Lost', result: 'lost' },
    { key: 'referredBack', title: 'Referred back', result: 'referred_back' },
    { key: 'conceded', title: 'Conceded', result: 'conceded' },
    { key: 'upheld', title: 'Upheld', result: 'upheld' },
    {
      key: 'endedWithoutDecision',
      title: 'Withdrawn or struck out',
      result: 'ended_without_decision',
    },
  ];

  protected readonly pageNumber = computed(() => pageFrom(this.page()));
  private readonly sortKey = computed((): SortKey => {
    const sort = this.sort();
    return sort && COLUMNS.some((c) => c.sort === sort)
      ? (sort as SortKey)
      : 'lodgedOn';
  });
  private readonly ascending = computed(() => this.order() === 'asc');

  private readonly filterValues = computed(() => ({
    team: this.team(),
    from: this.from(),
    to: this.to(),
    decisionType: this.decisionType(),
    stage: this.stage(),
    result: this.result(),
    outcome: this.outcome(),
    section: this.section(),
  }));

  private readonly params = computed(() => {
    const user = this.session.currentId();
    if (!user) return undefined;
    return {
      user,
      query: {
        ...this.filterValues(),
        sort: this.sortKey(),
        order: this.ascending() ? 'asc' : 'desc',
        limit: PAGE_SIZE,
        offset: (this.pageNumber() - 1) * PAGE_SIZE,
      },
    };
  });

  /** Every appeal matching the filters, in the order shown, as CSV. */
  protected readonly csv = computed(() =>
    csvUrl('appeals.csv', {
      ...this.filterValues(),
      sort: this.sortKey(),
      order: this.ascending() ? 'asc' : 'desc',
    }),
  );

  protected readonly register = rxResource({
    params: this.params,
    stream: ({ params }) => this.api.register(params.query),
  });

  protected readonly fields = computed((): FilterField[] => {
    const v = this.filterValues();
    const months = recentMonths(this.today.slice(0, 7), 36).map((m) => ({
      value: m,
      text: longMonthLabel(m),
    }));
    const teams = this.register.hasValue() ? this.register.value().teams : [];
    return [
      ...(this.session.user()?.role === 'auditor'
        ? [
            {
              name: 'team',
              label: 'Team',
              anyText: 'All teams',
              options: teams.map((t) => ({ value: t, text: t })),
              value: v.team ?? '',
            },
          ]
        : []),
      {
        name: 'from',
        label: 'Lodged from',
        anyText: 'Any month',
        options: months,
        value: v.from ?? '',
      },
      {
        name: 'to',
        label: 'Lodged up to',
        anyText: 'Any month',
        options: months,
        value: v.to ?? '',
      },
      {
        name: 'decisionType',
        label: 'Decision appealed',
        anyText: 'All decisions',
        options: decisionTypeOptions,
        value: v.decisionType ?? '',
      },
      {
        name: 'stage',
        label: 'Stage',
        anyText: 'Any stage',
        options: stageOptions,
        value: v.stage ?? '',
      },
      {
        name: 'result',
        label: 'Outcome for the council',
        anyText: 'Any outcome',
        options: resultOptions,
        value: v.result ?? '',
      },
      {
        name: 'outcome',
        label: "The Tribunal's outcome",
        anyText: 'Any outcome',
        options: outcomeOptions,
        value: v.outcome ?? '',
      },
      {
        name: 'section',
        label: 'Section of the plan',
        anyText: 'Any section',
        options: sectionOptions,
        value: v.section ?? '',
      },
    ];
  });

  protected readonly teamText = computed(
    () =>
      this.team() ??
      (this.session.user()?.role === 'auditor'
        ? 'All teams'
        : (this.session.user()?.team ?? '')),
  );

  protected readonly problem = computed(
    () => toProblem(this.register.error())?.detail ?? SERVICE_PROBLEM,
  );

  protected countOf(
    rows: readonly { key: string; count: number }[],
    key: string,
  ): number {
    return rows.find((r) => r.key === key)?.count ?? 0;
  }

  protected decisionLabel(a: AppealRegisterRow): string {
    return a.decisionType
      ? DECISION_TYPE_LABELS[a.decisionType]
      : 'Not recorded';
  }

  protected outcomeLabel(a: AppealRegisterRow): string {
    return a.outcome ? capitalise(APPEAL_OUTCOME_LABELS[a.outcome]) : '';
  }

  protected ariaSort(key: SortKey): 'ascending' | 'descending' | 'none' {
    if (this.sortKey() !== key) return 'none';
    return this.ascending() ? 'ascending' : 'descending';
  }

  protected arrow(key: SortKey): string {
    if (this.sortKey() !== key) return '↕';
    return this.ascending() ? '▲' : '▼';
  }

  /** The same column again turns the order round; a new column starts descending for dates, ascending for words. */
  protected sortBy(key: SortKey): void {
    const order =
      this.sortKey() === key
        ? this.ascending()
          ? 'desc'
          : 'asc'
        : DATE_SORTS.has(key)
          ? 'desc'
          : 'asc';
    void this.router.navigate([], {
      queryParams: { sort: key, order, page: null },
      queryParamsHandling: 'merge',
    });
  }

  /** The query parameters of the list filtered to what a number counts (on page one). */
  protected filtered(
    by: Record<string, string>,
    result?: AppealResult,
  ): Record<string, string | null> {
    return { ...by, result: result ?? null, page: null };
  }

  protected apply(values: Record<string, string>): void {
    const queryParams: Record<string, string | null> = { page: null };
    for (const name of FILTERS) queryParams[name] = values[name] || null;
    void this.router.navigate([], {
      queryParams,
      queryParamsHandling: 'merge',
    });
  }
}
