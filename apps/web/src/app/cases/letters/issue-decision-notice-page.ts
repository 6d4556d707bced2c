import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  DECISION_TYPES,
  type DecisionType,
  type LetterRequest,
} from '@send/contracts';
import { DECISION_TYPE_LABELS } from '@send/domain';
import { londonToday } from '../../shared/dates';
import { ErrorSummary } from '../../shared/error-summary';
import type { FieldError } from '../../shared/forms/form-types';
import { SelectField } from '../../shared/forms/select-field';
import { CaseStore } from '../case-store';
import {
  checkAnswers,
  type EventFormSpec,
  type FormContext,
  type Values,
} from '../record/event-form';
import { EventFormFields, type FieldChange } from '../record/event-form-fields';
import { choicesOf, dateError, happenedOn } from '../record/forms/common';
import { LetterIssuer } from './letter-issuer';
import {
  LetterDeadlines,
  LetterIssued,
  LetterPreviewView,
  LetterProblem,
} from './letter-views';

/**
 * The notice's dates, asked and checked by the form engine as every entry form asks a date (the
 * GOV.UK date input; a real date, today or earlier), and the letter not dated before the decision.
 */
const NOTICE_DATES: Pick<EventFormSpec, 'fields' | 'validate'> = {
  fields: () => [
    happenedOn('decisionDate', 'Date of the decision'),
    happenedOn('letterSent', 'Date of the letter', {
      hint: 'The day it is sent to the family. The family’s time limits count from it.',
    }),
  ],
  validate: (parsed) =>
    String(parsed['letterSent']) < String(parsed['decisionDate'])
      ? [
          dateError(
            'letterSent',
            'Date of the letter must be the same as or after the date of the decision',
          ),
        ]
      : [],
};

/**
 * "Issue the letter" for a decision (issue = record): the caseworker gives the decision, sees the
 * notice as it will be sent and the deadlines it opens for the family, then issues it. Issuing
 * records the decision and stores the letter (Word and PDF) as documents of it.
 */
@Component({
  selector: 'app-issue-decision-notice-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [LetterIssuer],
  imports: [
    RouterLink,
    ErrorSummary,
    SelectField,
    EventFormFields,
    LetterProblem,
    LetterDeadlines,
    LetterPreviewView,
    LetterIssued,
  ],
  template: `
    @if (store.current(); as detail) {
      <a class="govuk-back-link" [routerLink]="['/cases', detail.id]">Back to the case</a>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <app-error-summary [errors]="errors()" />
          <app-letter-problem />
          @if (letters.issued()) {
            <app-letter-issued body="The decision is recorded as entry" />
          } @else {
            <span class="govuk-caption-l">{{ detail.childName }}</span>
            <h1 class="govuk-heading-l">Issue the notice of a decision</h1>
            <p class="govuk-body">Issuing the letter records the decision on the case. The letter says what the record says.</p>
            <app-select-field id="decision-type" label="Decision" [placeholder]="null" [options]="types" [value]="type()"
              (valueChange)="choose($event)" />
            @if (context(); as ctx) {
              <app-event-form-fields [spec]="dates()" [values]="values()" [errors]="errors()" [context]="ctx" (changed)="change($event)" />
            }
            <div class="govuk-button-group">
              <button type="button" class="govuk-button govuk-button--secondary" (click)="preview()">Preview the letter</button>
            </div>
            <app-letter-deadlines />
            <app-letter-preview (issue)="letters.issue(request())" />
          }
        </div>
      </div>
    } @else {
      <p class="govuk-body" role="status">Loading the case…</p>
    }
  `,
})
export class IssueDecisionNoticePage {
  protected readonly store = inject(CaseStore);
  protected readonly letters = inject(LetterIssuer);
  protected readonly types = choicesOf(DECISION_TYPES, DECISION_TYPE_LABELS);
  protected readonly type = signal<DecisionType>('refuse_assessment');
  protected readonly values = signal<Values>({
    decisionDate: { day: '', month: '', year: '' },
    letterSent: { day: '', month: '', year: '' },
  });
  /** What is wrong with the dates, found before the letter is made. */
  protected readonly errors = signal<readonly FieldError[]>([]);
  private readonly today = londonToday();

  /** What the form engine's fields see: the case and today (the dates are not checked against anything else). */
  protected readonly context = computed<FormContext | undefined>(() => {
    const detail = this.store.current();
    return detail
      ? {
          detail,
          params: {},
          today: this.today,
          providers: [],
          staff: [],
          history: [],
        }
      : undefined;
  });
  protected readonly dates = computed(() => {
    const ctx = this.context();
    return ctx ? NOTICE_DATES.fields(ctx) : [];
  });

  protected choose(type: string): void {
    this.type.set(type as DecisionType);
  }

  protected change(change: FieldChange): void {
    this.values.update((values) => ({
      ...values,
      [change.name]: change.value,
    }));
  }

  protected preview(): void {
    const request = this.request();
    if (request) void this.letters.showPreview(request);
    else this.letters.preview.set(undefined);
  }

  /** The letter asked for, once the dates are right; else undefined, and what is wrong is shown. */
  protected request(): LetterRequest | undefined {
    const detail = this.store.current();
    const ctx = this.context();
    if (!detail || !ctx) return undefined;
    const { errors, parsed } = checkAnswers(NOTICE_DATES, this.values(), ctx);
    this.errors.set(errors);
    if (errors.length) {
      this.letters.problem.set(undefined);
      return undefined;
    }
    return {
      kind: 'decision_notice',
      expectedVersion: detail.version,
      decision: {
        type: this.type(),
        decisionDate: String(parsed['decisionDate']),
        letterSent: String(parsed['letterSent']),
      },
    };
  }
}
