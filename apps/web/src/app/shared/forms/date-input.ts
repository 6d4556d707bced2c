import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import {
  type DatePart,
  type DateParts,
  describedBy,
  EMPTY_DATE,
  type FieldError,
} from './form-types';

/** The GOV.UK date input: day, month and year boxes in a fieldset, with its hint and error. */
@Component({
  selector: 'app-date-input',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The id belongs to the control inside: never also to this element (`id="…"` on the tag would put it on both).
  host: { '[attr.id]': 'null' },
  template: `
    <div class="govuk-form-group" [class.govuk-form-group--error]="error()">
      <fieldset class="govuk-fieldset" role="group" [attr.aria-describedby]="describedBy()">
        <legend [class]="legendClass()">{{ legend() }}</legend>
        <div [id]="id() + '-hint'" class="govuk-hint">
          @if (hint()) {
            {{ hint() }}<br />
          }
          For example, {{ example() }}
        </div>
        @if (error(); as error) {
          <p [id]="id() + '-error'" class="govuk-error-message">
            <span class="govuk-visually-hidden">Error:</span> {{ error.message }}
          </p>
        }
        <div class="govuk-date-input" [id]="id()">
          @for (part of parts; track part.key) {
            <div class="govuk-date-input__item">
              <div class="govuk-form-group">
                <label class="govuk-label govuk-date-input__label" [for]="id() + '-' + part.key">{{ part.label }}</label>
                <input
                  class="govuk-input govuk-date-input__input"
                  [class.govuk-input--width-2]="part.key !== 'year'"
                  [class.govuk-input--width-4]="part.key === 'year'"
                  [class.govuk-input--error]="hasError(part.key)"
                  [id]="id() + '-' + part.key"
                  [name]="id() + '-' + part.key"
                  type="text"
                  inputmode="numeric"
                  [value]="value()[part.key]"
                  (input)="change(part.key, $event)"
                />
              </div>
            </div>
          }
        </div>
      </fieldset>
    </div>
  `,
})
export class DateInput {
  readonly id = input.required<string>();
  readonly legend = input.required<string>();
  readonly hint = input<string>();
  readonly value = input<DateParts>(EMPTY_DATE);
  readonly error = input<FieldError>();
  readonly size = input<'s' | 'm'>('m');
  /** The example in the hint: a date the person would recognise as the kind asked for. */
  readonly example = input('27 3 2026');
  readonly valueChange = output<DateParts>();

  protected readonly parts = [
    { key: 'day', label: 'Day' },
    { key: 'month', label: 'Month' },
    { key: 'year', label: 'Year' },
  ] as const;

  protected readonly legendClass = computed(
    () => `govuk-fieldset__legend govuk-fieldset__legend--${this.size()}`,
  );
  protected readonly describedBy = computed(() =>
    describedBy(`${this.id()}-hint`, this.error() && `${this.id()}-error`),
  );

  protected hasError(part: DatePart): boolean {
    const error = this.error();
    return !!error && (error.parts?.includes(part) ?? true);
  }

  /** What is in the boxes now: the value given, and each keystroke since (before the parent gives it back). */
  private readonly current = linkedSignal(() => this.value());

  protected change(part: DatePart, event: Event): void {
    const next = {
      ...this.current(),
      [part]: (event.target as HTMLInputElement).value,
    };
    this.current.set(next);
    this.valueChange.emit(next);
  }
}
