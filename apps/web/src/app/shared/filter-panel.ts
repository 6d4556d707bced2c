import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { RouterLink } from '@angular/router';

export interface FilterOption {
  value: string;
  text: string;
}

/** One filter: a select of options; '' means "any". */
export interface FilterField {
  name: string;
  label: string;
  /** The option meaning "any" (value ''), e.g. "All teams"; without one the field always has a value. */
  anyText?: string;
  options: readonly FilterOption[];
  /** The value in force ('' for any). */
  value: string;
  /** A value that is the default: it is not shown as a selected filter. */
  defaultValue?: string;
  hint?: string;
}

/**
 * The MoJ filter (its markup and styles; its JavaScript is not run, so this component does what it
 * would): the selected filters as tags that remove themselves, a "Clear filters" link, and the
 * options. Removing a filter keeps the others (and the sort order) and goes back to page one.
 */
@Component({
  selector: 'app-filter-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="moj-filter">
      <div class="moj-filter__header">
        <div class="moj-filter__header-title">
          <h2 class="govuk-heading-m">Filter</h2>
        </div>
        <div class="moj-filter__header-action"></div>
      </div>
      <div class="moj-filter__content">
        @if (selected().length) {
          <div class="moj-filter__selected">
            <div class="moj-filter__selected-heading">
              <div class="moj-filter__heading-title">
                <h2 class="govuk-heading-m">Selected filters</h2>
              </div>
              <div class="moj-filter__heading-action">
                <p>
                  <a class="govuk-link govuk-link--no-visited-state" [routerLink]="[]" [queryParams]="cleared()" queryParamsHandling="merge">Clear filters</a>
                </p>
              </div>
            </div>
            @for (s of selected(); track s.field.name) {
              <h3 class="govuk-heading-s govuk-!-margin-bottom-0">{{ s.field.label }}</h3>
              <ul class="moj-filter-tags">
                <li>
                  <a class="moj-filter__tag" [routerLink]="[]" [queryParams]="without(s.field.name)" queryParamsHandling="merge"
                    ><span class="govuk-visually-hidden">Remove this filter</span> {{ s.text }}</a
                  >
                </li>
              </ul>
            }
          </div>
        }
        <form class="moj-filter__options" novalidate (submit)="submit($event)">
          <button type="submit" class="govuk-button" data-module="govuk-button">Apply filters</button>
          @for (field of fields(); track field.name) {
            <div class="govuk-form-group">
              <label class="govuk-label govuk-label--s" [for]="idPrefix() + field.name">{{ field.label }}</label>
              @if (field.hint) {
                <div class="govuk-hint" [id]="idPrefix() + field.name + '-hint'">{{ field.hint }}</div>
              }
              <select
                class="govuk-select app-filter-select"
                [id]="idPrefix() + field.name"
                [name]="field.name"
                [attr.aria-describedby]="field.hint ? idPrefix() + field.name + '-hint' : null"
              >
                @if (field.anyText) {
                  <option value="" [selected]="field.value === ''">{{ field.anyText }}</option>
                }
                @for (option of field.options; track option.value) {
                  <option [value]="option.value" [selected]="option.value === field.value">{{ option.text }}</option>
                }
              </select>
            </div>
          }
        </form>
      </div>
    </div>
  `,
})
export class FilterPanel {
  readonly fields = input.required<readonly FilterField[]>();
  readonly idPrefix = input('filter-');
  /** The filters chosen: every field by name ('' for any). */
  readonly apply = output<Record<string, string>>();

  protected readonly selected = computed(() =>
    this.fields()
      .filter((f) => f.value !== '' && f.value !== (f.defaultValue ?? ''))
      .map((field) => ({
        field,
        text:
          field.options.find((o) => o.value === field.value)?.text ??
          field.value,
      })),
  );

  /** Query parameters (merged into the page's) with every filter at its default, on page one. */
  protected readonly cleared = computed(() => ({
    ...Object.fromEntries(this.fields().map((f) => [f.name, null])),
    page: null,
  }));

  protected without(name: string): Record<string, null> {
    return { [name]: null, page: null };
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.apply.emit(
      Object.fromEntries(
        this.fields().map((f) => [f.name, String(data.get(f.name) ?? '')]),
      ),
    );
  }
}
