import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { type Choice, describedBy, type FieldError } from './form-types';

/**
 * GOV.UK radios in a fieldset. The first radio carries the group's id, so that the error summary
 * can move to it; the others are `<id>-<value>`.
 */
@Component({
  selector: 'app-radio-group',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The id belongs to the control inside: never also to this element (`id="…"` on the tag would put it on both).
  host: { '[attr.id]': 'null' },
  template: `
    <div class="govuk-form-group" [class.govuk-form-group--error]="error()">
      <fieldset class="govuk-fieldset" [attr.aria-describedby]="describedBy()">
        <legend [class]="legendClass()">{{ legend() }}</legend>
        @if (hint()) {
          <div [id]="id() + '-hint'" class="govuk-hint">{{ hint() }}</div>
        }
        @if (error(); as error) {
          <p [id]="id() + '-error'" class="govuk-error-message">
            <span class="govuk-visually-hidden">Error:</span> {{ error.message }}
          </p>
        }
        <div class="govuk-radios" [class.govuk-radios--inline]="inline()" [class.govuk-radios--small]="small()" data-module="govuk-radios">
          @for (option of options(); track option.value; let first = $first) {
            <div class="govuk-radios__item">
              <input
                class="govuk-radios__input"
                type="radio"
                [id]="first ? id() : id() + '-' + option.value"
                [name]="id()"
                [value]="option.value"
                [checked]="value() === option.value"
                [attr.aria-describedby]="option.hint ? optionHintId(option) : null"
                (change)="valueChange.emit(option.value)"
              />
              <label class="govuk-label govuk-radios__label" [for]="first ? id() : id() + '-' + option.value">{{ option.text }}</label>
              @if (option.hint) {
                <div [id]="optionHintId(option)" class="govuk-hint govuk-radios__hint">{{ option.hint }}</div>
              }
            </div>
          }
        </div>
      </fieldset>
    </div>
  `,
})
export class RadioGroup {
  readonly id = input.required<string>();
  readonly legend = input.required<string>();
  readonly options = input.required<readonly Choice[]>();
  readonly hint = input<string>();
  readonly value = input<string>('');
  readonly error = input<FieldError>();
  readonly size = input<'s' | 'm'>('m');
  readonly inline = input(false);
  readonly small = input(false);
  readonly valueChange = output<string>();

  protected readonly legendClass = computed(
    () => `govuk-fieldset__legend govuk-fieldset__legend--${this.size()}`,
  );
  protected readonly describedBy = computed(() =>
    describedBy(
      this.hint() && `${this.id()}-hint`,
      this.error() && `${this.id()}-error`,
    ),
  );

  protected optionHintId(option: Choice): string {
    return `${this.id()}-${option.value}-item-hint`;
  }
}
