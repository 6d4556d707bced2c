import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { RouterLink } from '@angular/router';

/** GOV.UK pagination by `page` query parameter (other query parameters are kept). */
@Component({
  selector: 'app-pagination',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    @if (pages() > 1) {
      <nav class="govuk-pagination" [attr.aria-label]="label()">
        @if (page() > 1) {
          <div class="govuk-pagination__prev">
            <a class="govuk-link govuk-pagination__link" [routerLink]="[]" [queryParams]="{ page: page() - 1 === 1 ? null : page() - 1 }" queryParamsHandling="merge" rel="prev">
              <span class="govuk-pagination__link-title">Previous<span class="govuk-visually-hidden"> page</span></span>
            </a>
          </div>
        }
        <ul class="govuk-pagination__list">
          @for (p of numbers(); track $index) {
            @if (p === null) {
              <li class="govuk-pagination__item govuk-pagination__item--ellipses">&ctdot;</li>
            } @else {
              <li class="govuk-pagination__item" [class.govuk-pagination__item--current]="p === page()">
                <a
                  class="govuk-link govuk-pagination__link"
                  [routerLink]="[]"
                  [queryParams]="{ page: p === 1 ? null : p }"
                  queryParamsHandling="merge"
                  [attr.aria-label]="'Page ' + p"
                  [attr.aria-current]="p === page() ? 'page' : null"
                  >{{ p }}</a
                >
              </li>
            }
          }
        </ul>
        @if (page() < pages()) {
          <div class="govuk-pagination__next">
            <a class="govuk-link govuk-pagination__link" [routerLink]="[]" [queryParams]="{ page: page() + 1 }" queryParamsHandling="merge" rel="next">
              <span class="govuk-pagination__link-title">Next<span class="govuk-visually-hidden"> page</span></span>
            </a>
          </div>
        }
      </nav>
    }
  `,
})
export class Pagination {
  readonly total = input.required<number>();
  readonly pageSize = input.required<number>();
  readonly page = input.required<number>();
  readonly label = input('Pages');

  protected readonly pages = computed(() =>
    Math.max(1, Math.ceil(this.total() / this.pageSize())),
  );

  /** First, last, and the pages around the current one; null for a gap. */
  protected readonly numbers = computed(() => {
    const last = this.pages();
    const current = this.page();
    const shown = [...new Set([1, current - 1, current, current + 1, last])]
      .filter((p) => p >= 1 && p <= last)
      .sort((a, b) => a - b);
    const out: (number | null)[] = [];
    shown.forEach((p, i) => {
      if (i > 0 && p - (shown[i - 1] ?? p) > 1) out.push(null);
      out.push(p);
    });
    return out;
  });
}

/** The page number from a `page` query parameter: 1 unless it is a whole number of 2 or more. */
export function pageFrom(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 2 ? n : 1;
}
