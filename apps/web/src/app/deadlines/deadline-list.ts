import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { DeadlineFilter } from '@send/contracts';
import { Session } from '../core/session';
import { londonToday } from '../shared/dates';
import { pageFrom } from '../shared/pagination';
import { SERVICE_PROBLEM } from '../shared/problem';
import { DeadlineApi } from './deadline-api';
import { DeadlineTable } from './deadline-table';

interface FilterOption {
  value: DeadlineFilter;
  label: string;
  caption: string;
  empty: string;
}

export const DEADLINE_FILTERS: readonly FilterOption[] = [
  {
    value: 'outstanding',
    label: 'Outstanding',
    caption: 'Outstanding deadlines (open or overdue)',
    empty:
      'Nothing is outstanding: every deadline so far was met or no longer applies. See All for the full list.',
  },
  {
    value: 'all',
    label: 'All',
    caption: 'All deadlines',
    empty:
      'There are no deadlines yet. A deadline appears here when a decision, an appeal or a Tribunal recommendation starts a statutory clock.',
  },
  {
    value: 'due_soon',
    label: 'Due soon',
    caption: 'Deadlines due soon',
    empty: 'No open deadlines fall due in the next 10 days.',
  },
  {
    value: 'overdue',
    label: 'Overdue',
    caption: 'Overdue deadlines',
    empty:
      'Nothing is overdue: every deadline that has passed was met or cancelled.',
  },
  {
    value: 'met',
    label: 'Met',
    caption: 'Deadlines met',
    empty: 'No deadlines have been met yet.',
  },
];

/** Deadlines on one page of the list. */
const PAGE_SIZE = 50;

/**
 * The "Deadlines" page: every statutory deadline across cases, a page at a time, soonest due first;
 * what is outstanding (open or overdue) unless another status is chosen.
 */
@Component({
  selector: 'app-deadline-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, DeadlineTable],
  template: `
    <h1 class="govuk-heading-l">Deadlines</h1>

    <nav class="moj-sub-navigation" aria-label="Filter deadlines">
      <ul class="moj-sub-navigation__list">
        @for (option of filters; track option.value) {
          <li class="moj-sub-navigation__item">
            <a
              class="moj-sub-navigation__link"
              routerLink="/deadlines"
              [queryParams]="{ filter: option.value === 'outstanding' ? null : option.value, page: null }"
              [attr.aria-current]="option.value === active().value ? 'page' : null"
              >{{ option.label }}</a
            >
          </li>
        }
      </ul>
    </nav>

    @if (deadlines.error()) {
      <p class="govuk-body govuk-error-message" role="alert">{{ serviceProblem }}</p>
    } @else if (deadlines.hasValue()) {
      @let fetched = deadlines.value();
      @let rows = fetched.slice(0, pageSize);
      @if (rows.length) {
        <app-deadline-table [deadlines]="rows" [caption]="caption(rows.length)" [today]="today" />
        @if (pageNumber() > 1 || fetched.length > pageSize) {
          <nav class="govuk-pagination govuk-pagination--block" aria-label="Pages of deadlines">
            @if (pageNumber() > 1) {
              <div class="govuk-pagination__prev">
                <a class="govuk-link govuk-pagination__link" [routerLink]="[]" [queryParams]="{ page: pageNumber() - 1 === 1 ? null : pageNumber() - 1 }" queryParamsHandling="merge" rel="prev">
                  <span class="govuk-pagination__link-title">Previous<span class="govuk-visually-hidden"> page</span></span>
                  <span class="govuk-visually-hidden">:</span>
                  <span class="govuk-pagination__link-label">Page {{ pageNumber() - 1 }}</span>
                </a>
              </div>
            }
            @if (fetched.length > pageSize) {
              <div class="govuk-pagination__next">
                <a class="govuk-link govuk-pagination__link" [routerLink]="[]" [queryParams]="{ page: pageNumber() + 1 }" queryParamsHandling="merge" rel="next">
                  <span class="govuk-pagination__link-title">Next<span class="govuk-visually-hidden"> page</span></span>
                  <span class="govuk-visually-hidden">:</span>
                  <span class="govuk-pagination__link-label">Page {{ pageNumber() + 1 }}</span>
                </a>
              </div>
            }
          </nav>
        }
      } @else if (pageNumber() > 1) {
        <p class="govuk-body" role="status">
          There are no more deadlines here. <a class="govuk-link" [routerLink]="[]" [queryParams]="{ page: null }" queryParamsHandling="merge">Go to the first page</a>.
        </p>
      } @else {
        <p class="govuk-body" role="status">{{ active().empty }}</p>
      }
    } @else {
      <p class="govuk-body" role="status">Loading deadlines…</p>
    }
  `,
})
export class DeadlineList {
  /** The `filter` query parameter. */
  readonly filter = input<string | undefined>();
  /** The `page` query parameter (1 when absent). */
  readonly page = input<string | undefined>();

  private readonly api = inject(DeadlineApi);
  private readonly session = inject(Session);

  protected readonly filters = DEADLINE_FILTERS;
  protected readonly serviceProblem = SERVICE_PROBLEM;
  protected readonly today = londonToday();
  protected readonly pageSize = PAGE_SIZE;
  protected readonly pageNumber = computed(() => pageFrom(this.page()));

  protected readonly active = computed(
    () =>
      DEADLINE_FILTERS.find((f) => f.value === this.filter()) ??
      DEADLINE_FILTERS[0],
  );

  protected readonly deadlines = rxResource({
    params: () => {
      const user = this.session.currentId();
      return user
        ? { filter: this.active().value, page: this.pageNumber(), user }
        : undefined;
    },
    // One more than a page: whether there is a next page, without counting them all.
    stream: ({ params }) =>
      this.api.query({
        filter: params.filter,
        limit: PAGE_SIZE + 1,
        offset: (params.page - 1) * PAGE_SIZE,
      }),
  });

  protected caption(shown: number): string {
    const first = (this.pageNumber() - 1) * PAGE_SIZE + 1;
    return this.pageNumber() === 1 && shown < PAGE_SIZE
      ? this.active().caption
      : `${this.active().caption}, ${first} to ${first + shown - 1}`;
  }
}
