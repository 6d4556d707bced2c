import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import { type Choice, describedBy, type FieldError } from './form-types';

/** GOV.UK checkboxes in a fieldset; the value is the list of ticked values, in the options' order. */
@Component({
  selector: 'app-checkbox-group',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The id belongs to the control inside: never also to this element (`id="…"` on the tag would put it on both).
  host: { '[attr.id]': 'null' },
  template: `
    <div class="govuk-form-group" [class.govuk-form-group--error]="error()">
      <fieldset class="govuk-fieldset" [attr.aria-describedby]="describedBy()">
        <legend [class]="legendClass()">{{ legend() }}</legend>
        <div [id]="id() + '-hint'" class="govuk-hint">{{ hint() ?? 'Select all that apply.' }}</div>
        @if (error(); as error) {
          <p [id]="id() + '-error'" class="govuk-error-message">
            <span class="govuk-visually-hidden">Error:</span> {{ error.message }}
          </p>
        }
        <div class="govuk-checkboxes" [class.govuk-checkboxes--small]="small()" data-module="govuk-checkboxes">
          @for (option of options(); track option.value; let first = $first) {
            <div class="govuk-checkboxes__item">
              <input
                class="govuk-checkboxes__input"
                type="checkbox"
                [id]="first ? id() : id() + '-' + option.value"
                [name]="id()"
                [value]="option.value"
                [checked]="value().includes(option.value)"
                [attr.aria-describedby]="option.hint ? id() + '-' + option.value + '-item-hint' : null"
                (change)="toggle(option.value, $event)"
              />
              <label class="govuk-label govuk-checkboxes__label" [for]="first ? id() : id() + '-' + option.value">{{ option.text }}</label>
              @if (option.hint) {
                <div [id]="id() + '-' + option.value + '-item-hint'" class="govuk-hint govuk-checkboxes__hint">{{ option.hint }}</div>
              }
            </div>
          }
        </div>
      </fieldset>
    </div>
  `,
})
export class CheckboxGroup {
  readonly id = input.required<string>();
  readonly legend = input.required<string>();
  readonly options = input.required<readonly Choice[]>();
  readonly hint = input<string>();
  readonly value = input<readonly string[]>([]);
  readonly error = input<FieldError>();
  readonly size = input<'s' | 'm'>('m');
  readonly small = input(false);
  readonly valueChange = output<string[]>();

  protected readonly legendClass = computed(
    () => `govuk-fieldset__legend govuk-fieldset__legend--${this.size()}`,
  );
  protected readonly describedBy = computed(() =>
    describedBy(`${this.id()}-hint`, this.error() && `${this.id()}-error`),
  );

  /** The ticked values now: the value given, and each tick since (before the parent gives it back). */
  private readonly current = linkedSignal(() => this.value());

  protected toggle(value: string, event: Event): void {
    const ticked = new Set(this.current());
    if ((event.target as HTMLInputElement).checked) ticked.add(value);
    else ticked.delete(value);
    const next = this.options()
      .map((o) => o.value)
      .filter((v) => ticked.has(v));
    this.current.set(next);
    this.valueChange.emit(next);
  }
}
