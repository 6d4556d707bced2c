import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { DeadlineFilter } from '@send/contracts';
import { Session } from '../core/session';
import { londonToday } from '../shared/dates';
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
    empty: 'Nothing is overdue: every deadline that has passed was met or cancelled.',
  },
  {
    value: 'met',
    label: 'Met',
    caption: 'Deadlines met',
    empty: 'No deadlines have been met yet.',
  },
];

/** The "Deadlines" page: every statutory deadline across cases, filtered by status. */
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
              [queryParams]="{ filter: option.value === 'all' ? null : option.value }"
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
      @let rows = deadlines.value();
      @if (rows.length) {
        <app-deadline-table [deadlines]="rows" [caption]="active().caption" [today]="today" />
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

  private readonly api = inject(DeadlineApi);
  private readonly session = inject(Session);

  protected readonly filters = DEADLINE_FILTERS;
  protected readonly serviceProblem = SERVICE_PROBLEM;
  protected readonly today = londonToday();

  protected readonly active = computed(
    () => DEADLINE_FILTERS.find((f) => f.value === this.filter()) ?? DEADLINE_FILTERS[0],
  );

  protected readonly deadlines = rxResource({
    params: () => {
      const user = this.session.currentId();
      return user ? { filter: this.active().value, user } : undefined;
    },
    stream: ({ params }) => this.api.list(params.filter),
  });
}
