import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { type Choice, describedBy, type FieldError } from './form-types';

/** A GOV.UK select, for a long list of choices; options may be grouped. */
@Component({
  selector: 'app-select-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The id belongs to the control inside: never also to this element (`id="…"` on the tag would put it on both).
  host: { '[attr.id]': 'null' },
  template: `
    <div class="govuk-form-group" [class.govuk-form-group--error]="error()">
      <label [class]="labelClass()" [for]="id()">{{ label() }}</label>
      @if (hint()) {
        <div [id]="id() + '-hint'" class="govuk-hint">{{ hint() }}</div>
      }
      @if (error(); as error) {
        <p [id]="id() + '-error'" class="govuk-error-message">
          <span class="govuk-visually-hidden">Error:</span> {{ error.message }}
        </p>
      }
      <select
        class="govuk-select"
        [class.govuk-select--error]="error()"
        [id]="id()"
        [name]="id()"
        [attr.aria-describedby]="describedBy()"
        (change)="valueChange.emit($any($event.target).value)"
      >
        @if (placeholder(); as placeholder) {
          <option value="" [selected]="!value()">{{ placeholder }}</option>
        }
        @for (group of groups(); track group.label) {
          @if (group.label) {
            <optgroup [label]="group.label">
              @for (option of group.options; track option.value) {
                <option [value]="option.value" [selected]="option.value === value()">{{ option.text }}</option>
              }
            </optgroup>
          } @else {
            @for (option of group.options; track option.value) {
              <option [value]="option.value" [selected]="option.value === value()">{{ option.text }}</option>
            }
          }
        }
      </select>
    </div>
  `,
})
export class SelectField {
  readonly id = input.required<string>();
  readonly label = input.required<string>();
  /** Either a flat list, or groups (each shown as an optgroup). */
  readonly options = input.required<
    readonly Choice[] | readonly { label: string; options: readonly Choice[] }[]
  >();
  readonly hint = input<string>();
  readonly value = input('');
  readonly error = input<FieldError>();
  readonly size = input<'s' | 'm'>('m');
  /** The first option, of no value; none (null) when a value is always chosen, e.g. on a page that changes one. */
  readonly placeholder = input<string | null>('Choose one');
  readonly valueChange = output<string>();

  protected readonly labelClass = computed(
    () => `govuk-label govuk-label--${this.size()}`,
  );
  protected readonly describedBy = computed(() =>
    describedBy(
      this.hint() && `${this.id()}-hint`,
      this.error() && `${this.id()}-error`,
    ),
  );
  protected readonly groups = computed(() => {
    const options = this.options();
    const first = options[0];
    if (first && 'options' in first)
      return options as readonly {
        label: string;
        options: readonly Choice[];
      }[];
    return [{ label: '', options: options as readonly Choice[] }];
  });
}
