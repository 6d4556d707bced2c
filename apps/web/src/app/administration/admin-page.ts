import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  type Resource,
  type Signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { ErrorSummary } from '../shared/error-summary';
import type { AdminFormState } from './admin-form-state';
import { SuccessBanner } from './success-banner';

/**
 * The frame of an administrator's page: the confirmation of the last change (the success banner,
 * with anything projected as `[appBannerDetail]` under it), the errors of its forms (the error
 * summary), the link back, the caption and the heading (h1), then the page (projected). With no
 * heading (a page whose record is still loading, or could not be), there is no h1.
 */
@Component({
  selector: 'app-admin-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummary, SuccessBanner],
  template: `
    <app-success-banner [message]="form().banner()"><ng-content select="[appBannerDetail]" /></app-success-banner>
    <app-error-summary [errors]="form().errors()" />
    <a class="govuk-back-link" [routerLink]="back()" [queryParams]="backQuery()">{{ backText() }}</a>
    @if (heading(); as h) {
      @if (caption(); as c) {
        <span class="govuk-caption-l">{{ c }}</span>
      }
      <h1 class="govuk-heading-l">{{ h }}</h1>
    }
    <ng-content />
  `,
})
export class AdminPage {
  /** The page's forms: their errors and the banner that confirms a change. */
  readonly form = input.required<Pick<AdminFormState, 'errors' | 'banner'>>();
  /** Where the back link goes, e.g. "/administration". */
  readonly back = input.required<string>();
  /** The back link's query, e.g. `{ year: '2026' }` for the bank holidays of that year. */
  readonly backQuery = input<Record<string, string>>();
  /** The back link's words, e.g. "Back to administration". */
  readonly backText = input.required<string>();
  readonly heading = input<string>();
  /** Above the heading, what kind of record the page is of ("Staff account"): shown only with the heading. */
  readonly caption = input<string>();
}

/**
 * The heading of a page about one record of a list it loads: none while the list loads (or if it
 * could not be loaded), the record's name once it is, else `none` ("No such staff account").
 */
export function loadedHeading(
  list: Resource<unknown>,
  record: Signal<{ name: string } | undefined>,
  none: string,
): Signal<string | undefined> {
  return computed(() =>
    list.hasValue() ? (record()?.name ?? none) : undefined,
  );
}
