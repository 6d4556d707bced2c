import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { describedBy, type FieldError } from './form-types';

/** A GOV.UK text input, or a textarea (`rows` > 1), with its label, hint and error. */
@Component({
  selector: 'app-text-field',
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
      @if (rows() > 1) {
        <textarea
          class="govuk-textarea"
          [class.govuk-textarea--error]="error()"
          [id]="id()"
          [name]="id()"
          [rows]="rows()"
          [value]="value()"
          [attr.aria-describedby]="describedBy()"
          (input)="changed($event)"
        ></textarea>
      } @else {
        <input
          [class]="inputClass()"
          [id]="id()"
          [name]="id()"
          [type]="type()"
          [value]="value()"
          [attr.autocomplete]="autocomplete()"
          [attr.spellcheck]="type() === 'text' ? spellcheck() : false"
          [attr.aria-describedby]="describedBy()"
          (input)="changed($event)"
        />
      }
    </div>
  `,
})
export class TextField {
  readonly id = input.required<string>();
  readonly label = input.required<string>();
  readonly hint = input<string>();
  readonly value = input('');
  readonly error = input<FieldError>();
  readonly size = input<'s' | 'm'>('m');
  /** 1 for a text input; more for a textarea of that many rows. */
  readonly rows = input(1);
  /** A GOV.UK width class suffix for a text input, e.g. `10` or `one-half`. */
  readonly width = input<string>();
  readonly autocomplete = input<string | null>('off');
  readonly spellcheck = input<boolean | null>(null);
  /** `email` or `tel` for an email address or a telephone number (never checked by the browser: the form does that). */
  readonly type = input<'text' | 'email' | 'tel'>('text');
  readonly valueChange = output<string>();

  protected readonly labelClass = computed(
    () => `govuk-label govuk-label--${this.size()}`,
  );
  protected readonly inputClass = computed(() => {
    const width = this.width();
    const classes = ['govuk-input'];
    if (width)
      classes.push(
        /^\d+$/.test(width)
          ? `govuk-input--width-${width}`
          : `govuk-!-width-${width}`,
      );
    if (this.error()) classes.push('govuk-input--error');
    return classes.join(' ');
  });
  protected readonly describedBy = computed(() =>
    describedBy(
      this.hint() && `${this.id()}-hint`,
      this.error() && `${this.id()}-error`,
    ),
  );

  protected changed(event: Event): void {
    this.valueChange.emit(
      (event.target as HTMLInputElement | HTMLTextAreaElement).value,
    );
  }
}
