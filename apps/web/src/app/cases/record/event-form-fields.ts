import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { CheckboxGroup } from '../../shared/forms/checkbox-group';
import { DateInput } from '../../shared/forms/date-input';
import type { DateParts, FieldError } from '../../shared/forms/form-types';
import { RadioGroup } from '../../shared/forms/radio-group';
import { TextField } from '../../shared/forms/text-field';
import {
  type FieldSpec,
  type FieldValue,
  fieldId,
  type FormContext,
  type ItemFieldSpec,
  type Values,
  visibleFields,
} from './event-form';

/** A change to one answer: of the form, or of one item of a list. */
export interface FieldChange {
  name: string;
  value: FieldValue;
  item?: { list: string; index: number };
}

/**
 * The questions of an entry's form, drawn from its field descriptions with the GOV.UK controls.
 * Presentational: the answers and errors come in, each change goes out.
 */
@Component({
  selector: 'app-event-form-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgTemplateOutlet, DateInput, RadioGroup, CheckboxGroup, TextField],
  template: `
    <ng-template #leaf let-field="field" let-values="values" let-item="item">
      @let id = idOf(field, item);
      @switch (field.kind) {
        @case ('date') {
          <app-date-input
            [id]="id"
            [legend]="labelOf(field)"
            [hint]="field.hint"
            [size]="item ? 's' : 'm'"
            [value]="asDate(values[field.name])"
            [error]="errorFor(id)"
            (valueChange)="changed.emit({ name: field.name, value: $event, item })"
          />
        }
        @case ('radios') {
          <app-radio-group
            [id]="id"
            [legend]="labelOf(field)"
            [hint]="field.hint"
            [size]="item ? 's' : 'm'"
            [inline]="!!field.inline"
            [options]="field.options(context(), values)"
            [value]="asText(values[field.name])"
            [error]="errorFor(id)"
            (valueChange)="changed.emit({ name: field.name, value: $event, item })"
          />
        }
        @case ('checkboxes') {
          <app-checkbox-group
            [id]="id"
            [legend]="field.label"
            [hint]="field.hint"
            [size]="item ? 's' : 'm'"
            [options]="field.options(context(), values)"
            [value]="asList(values[field.name])"
            [error]="errorFor(id)"
            (valueChange)="changed.emit({ name: field.name, value: $event, item })"
          />
        }
        @case ('text') {
          <app-text-field
            [id]="id"
            [label]="labelOf(field)"
            [hint]="field.hint"
            [size]="item ? 's' : 'm'"
            [rows]="field.rows ?? 1"
            [width]="field.width"
            [type]="field.inputType ?? 'text'"
            [value]="asText(values[field.name])"
            [error]="errorFor(id)"
            (valueChange)="changed.emit({ name: field.name, value: $event, item })"
          />
        }
      }
    </ng-template>

    @for (field of fields(); track field.name) {
      @if (field.kind === 'list') {
        @let items = itemsOf(field.name);
        <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor(field.name)">
          <fieldset class="govuk-fieldset">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{{ field.label }}</legend>
            @if (field.hint) {
              <div class="govuk-hint">{{ field.hint }}</div>
            }
            @if (errorFor(field.name); as error) {
              <p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ error.message }}</p>
            }
            @if (!items.length) {
              <p class="govuk-body">None added.</p>
            }
            @for (itemValues of items; track $index; let index = $index) {
              <div class="app-list-item">
                <h3 class="govuk-heading-s">{{ capital(field.item) }} {{ index + 1 }}</h3>
                @for (sub of visibleItemFields(field.fields, itemValues); track sub.name) {
                  <ng-container *ngTemplateOutlet="leaf; context: { field: sub, values: itemValues, item: { list: field.name, index } }" />
                }
                <button
                  type="button"
                  class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                  data-module="govuk-button"
                  (click)="removed.emit({ list: field.name, index })"
                >
                  Remove<span class="govuk-visually-hidden"> {{ field.item }} {{ index + 1 }}</span>
                </button>
              </div>
            }
            @if (items.length < field.max) {
              <button
                type="button"
                class="govuk-button govuk-button--secondary"
                data-module="govuk-button"
                [id]="field.name + '-add'"
                (click)="added.emit(field.name)"
              >
                {{ items.length ? 'Add another ' + field.item : 'Add ' + article(field.item) + ' ' + field.item }}
              </button>
            }
          </fieldset>
        </div>
      } @else {
        <ng-container *ngTemplateOutlet="leaf; context: { field, values: values(), item: undefined }" />
      }
    }
  `,
})
export class EventFormFields {
  readonly spec = input.required<readonly FieldSpec[]>();
  readonly values = input.required<Values>();
  readonly errors = input<readonly FieldError[]>([]);
  readonly context = input.required<FormContext>();
  readonly changed = output<FieldChange>();
  readonly added = output<string>();
  readonly removed = output<{ list: string; index: number }>();

  protected readonly fields = computed(() =>
    visibleFields(this.spec(), this.values(), this.context()),
  );

  protected idOf(
    field: ItemFieldSpec,
    item?: { list: string; index: number },
  ): string {
    return fieldId(field.name, item);
  }

  protected errorFor(id: string): FieldError | undefined {
    return this.errors().find((e) => e.field === id);
  }

  protected itemsOf(name: string): Values[] {
    const v = this.values()[name];
    return Array.isArray(v)
      ? (v as unknown[]).filter((x): x is Values => typeof x === 'object')
      : [];
  }

  protected visibleItemFields(
    fields: readonly ItemFieldSpec[],
    item: Values,
  ): ItemFieldSpec[] {
    return visibleFields(fields, item, this.context());
  }

  protected asText(v: FieldValue | undefined): string {
    return typeof v === 'string' ? v : '';
  }

  protected asList(v: FieldValue | undefined): string[] {
    return Array.isArray(v)
      ? v.filter((x): x is string => typeof x === 'string')
      : [];
  }

  protected asDate(v: FieldValue | undefined): DateParts {
    return v && typeof v === 'object' && !Array.isArray(v)
      ? (v as DateParts)
      : { day: '', month: '', year: '' };
  }

  /** GOV.UK marks the questions that may be left unanswered (a set of checkboxes may be left unticked anyway). */
  protected labelOf(field: ItemFieldSpec): string {
    return field.optional && field.kind !== 'checkboxes'
      ? `${field.label} (optional)`
      : field.label;
  }

  protected capital(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  protected article(word: string): string {
    return /^[aeiou]/i.test(word) ? 'an' : 'a';
  }
}
