import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { pageTitle } from '../core/app-title-strategy';
import { Session } from '../core/session';
import {
  type CaseSearchResult,
  type CaseSummary,
  SEARCH_TERM_LABELS,
} from '@send/contracts';
import { LongDatePipe } from '../shared/date-pipes';
import { longDate } from '../shared/dates';
import { ErrorSummary } from '../shared/error-summary';
import {
  isBlankDate,
  parseDate,
  toDateParts,
} from '../shared/forms/date-parts';
import { DateInput } from '../shared/forms/date-input';
import {
  type DateParts,
  EMPTY_DATE,
  type FieldError,
} from '../shared/forms/form-types';
import { TextField } from '../shared/forms/text-field';
import { stageLabel } from '../shared/labels';
import { SERVICE_PROBLEM } from '../shared/problem';
import { CaseApi } from './case-api';
import { CaseSearch } from './case-search';

const PAGE_SIZE = 20;
const HEADING = 'Find a case';

/** Find a case by reference, name or date of birth (the team's most recently changed cases until then), in pages. */
@Component({
  selector: 'app-find-case-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LongDatePipe, ErrorSummary, DateInput, TextField],
  template: `
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <app-error-summary [errors]="errors()" />
        <h1 class="govuk-heading-l">{{ heading }}</h1>
        <form novalidate (submit)="search($event)" role="search" aria-label="Cases">
          <app-text-field
            id="text"
            label="Reference, name, Tribunal reference, school or mediation provider"
            hint="All or part of the council’s reference, the child’s name, a parent’s or contact’s name, the Tribunal’s reference, the school, the mediation service or its reference: at least 2 characters."
            size="s"
            width="two-thirds"
            [spellcheck]="false"
            [value]="text()"
            [error]="errorFor('text')"
            (valueChange)="text.set($event)"
          />
          <app-date-input
            id="dateOfBirth"
            legend="Date of birth"
            size="s"
            example="17 5 2014"
            [value]="dateOfBirth()"
            [error]="errorFor('dateOfBirth')"
            (valueChange)="dateOfBirth.set($event)"
          />
          <div class="govuk-button-group">
            <button type="submit" class="govuk-button" data-module="govuk-button">Search</button>
            @if (criteria()) {
              <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" (click)="clear()">
                Clear search
              </button>
            }
          </div>
        </form>
        @if (canOpen()) {
          <p class="govuk-body">Not found? <a class="govuk-link" routerLink="/cases/new">Open a new case</a>.</p>
        }
      </div>
    </div>

    @if (results.error()) {
      <p class="govuk-body" role="alert">{{ serviceProblem }}</p>
    } @else if (results.hasValue()) {
      @let page = results.value();
      <div role="status">
        @if (!page.items.length) {
          @if (criteria()) {
            <h2 class="govuk-heading-m">No cases found</h2>
            <p class="govuk-body">Check the spelling of the name or reference and the date of birth, or search with less.</p>
          } @else {
            <h2 class="govuk-heading-m">No cases yet</h2>
            <p class="govuk-body">Your team has no cases yet. Open a case when a family disagrees with a decision.</p>
          }
        }
      </div>
      @if (page.items.length) {
        <table class="govuk-table app-table--stack">
          <caption class="govuk-table__caption govuk-table__caption--m">
            {{ criteria() ? (page.total === 1 ? '1 case found' : page.total + ' cases found') : 'Your team’s cases, most recently changed first' }}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Child</th>
              <th scope="col" class="govuk-table__header">Reference</th>
              <th scope="col" class="govuk-table__header">Date of birth</th>
              <th scope="col" class="govuk-table__header">Stage</th>
              <th scope="col" class="govuk-table__header">Caseworker</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            @for (c of page.items; track c.id) {
              <tr class="govuk-table__row">
                <td class="govuk-table__cell" data-label="Child">
                  <a class="govuk-link" [routerLink]="['/cases', c.id]">{{ c.childName }}</a>
                  @if (matched(c); as why) {
                    <span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 app-search-match">{{ why }}</span>
                  }
                </td>
                <td class="govuk-table__cell" data-label="Reference">{{ c.reference }}</td>
                <td class="govuk-table__cell app-nowrap" data-label="Date of birth">{{ c.dateOfBirth | longDate }}</td>
                <td class="govuk-table__cell" data-label="Stage">{{ stage(c.stage) }}</td>
                <td class="govuk-table__cell" data-label="Caseworker">{{ c.caseworker }}</td>
              </tr>
            }
          </tbody>
        </table>
        @if (pages() > 1) {
          <nav class="govuk-pagination" aria-label="Pages of cases">
            @if (currentPage() > 1) {
              <div class="govuk-pagination__prev">
                <a class="govuk-link govuk-pagination__link" routerLink="/cases" [queryParams]="{ page: currentPage() - 1 }" rel="prev">
                  <span class="govuk-pagination__link-title">Previous<span class="govuk-visually-hidden"> page</span></span>
                </a>
              </div>
            }
            <p class="govuk-body govuk-pagination__item app-pagination-position">Page {{ currentPage() }} of {{ pages() }}</p>
            @if (currentPage() < pages()) {
              <div class="govuk-pagination__next">
                <a class="govuk-link govuk-pagination__link" routerLink="/cases" [queryParams]="{ page: currentPage() + 1 }" rel="next">
                  <span class="govuk-pagination__link-title">Next<span class="govuk-visually-hidden"> page</span></span>
                </a>
              </div>
            }
          </nav>
        }
      }
    } @else {
      <p class="govuk-body" role="status">Loading cases…</p>
    }
  `,
})
export class FindCasePage {
  /** The `page` query parameter (1-based). */
  readonly page = input<string>();

  private readonly api = inject(CaseApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly title = inject(Title);
  private readonly state = inject(CaseSearch);

  protected readonly heading = HEADING;
  protected readonly serviceProblem = SERVICE_PROBLEM;
  protected readonly stage = stageLabel;
  protected readonly criteria = this.state.criteria;
  protected readonly text = signal(this.state.criteria()?.text ?? '');
  protected readonly dateOfBirth = signal<DateParts>(
    toDateParts(this.state.criteria()?.dateOfBirth),
  );
  protected readonly errors = signal<readonly FieldError[]>([]);
  protected readonly canOpen = computed(() =>
    ['caseworker', 'manager'].includes(this.session.user()?.role ?? ''),
  );
  protected readonly currentPage = computed(() =>
    Math.max(1, Math.floor(Number(this.page() ?? 1)) || 1),
  );

  protected readonly results = rxResource({
    params: () => {
      const user = this.session.currentId();
      return user
        ? {
            user,
            criteria: this.criteria(),
            offset: (this.currentPage() - 1) * PAGE_SIZE,
          }
        : undefined;
    },
    stream: ({ params }) =>
      params.criteria
        ? this.api.search({
            ...params.criteria,
            limit: PAGE_SIZE,
            offset: params.offset,
          })
        : this.api.list(PAGE_SIZE, params.offset),
  });

  protected readonly pages = computed(() =>
    this.results.hasValue()
      ? Math.ceil(this.results.value().total / PAGE_SIZE)
      : 0,
  );

  constructor() {
    effect(() =>
      this.title.setTitle(
        pageTitle(this.errors().length ? `Error: ${HEADING}` : HEADING),
      ),
    );
  }

  protected errorFor(field: string): FieldError | undefined {
    return this.errors().find((e) => e.field === field);
  }

  protected search(event: Event): void {
    event.preventDefault();
    const text = this.text().trim();
    const errors: FieldError[] = [];
    let dateOfBirth: string | undefined;
    if (!text && isBlankDate(this.dateOfBirth())) {
      errors.push({
        field: 'text',
        targetId: 'text',
        message: 'Enter a reference or name, or a date of birth',
      });
    }
    if (text && text.length < 2)
      errors.push({
        field: 'text',
        targetId: 'text',
        message: 'Enter at least 2 characters of the reference or name',
      });
    if (!isBlankDate(this.dateOfBirth())) {
      const parsed = parseDate(this.dateOfBirth(), {
        id: 'dateOfBirth',
        label: 'Date of birth',
      });
      if ('error' in parsed) errors.push(parsed.error);
      else dateOfBirth = parsed.iso;
    }
    this.errors.set(errors);
    if (errors.length) return;
    this.state.criteria.set({
      ...(text ? { text } : {}),
      ...(dateOfBirth ? { dateOfBirth } : {}),
    });
    void this.router.navigate(['/cases']);
  }

  protected clear(): void {
    this.state.criteria.set(undefined);
    this.text.set('');
    this.dateOfBirth.set({ ...EMPTY_DATE });
    this.errors.set([]);
    void this.router.navigate(['/cases']);
  }

  /** Why a search result matched ("Matched: Tribunal reference SE123/45/67"). */
  protected matched(c: CaseSummary): string | undefined {
    const match = (c as CaseSearchResult).matched;
    if (!match) return undefined;
    const what =
      match.kind === 'date_of_birth'
        ? 'Date of birth'
        : SEARCH_TERM_LABELS[match.kind];
    const term =
      match.kind === 'date_of_birth' ? longDate(match.term) : match.term;
    return `Matched: ${what} ${term}`;
  }
}
