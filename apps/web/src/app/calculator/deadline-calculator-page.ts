import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import type { DeadlineCalculation } from '@send/contracts';
import { firstValueFrom } from 'rxjs';
import { pageTitle } from '../core/app-title-strategy';
import { Session } from '../core/session';
import { LongDatePipe } from '../shared/date-pipes';
import { ErrorSummary } from '../shared/error-summary';
import { isBlankDate, parseDate } from '../shared/forms/date-parts';
import { DateInput } from '../shared/forms/date-input';
import {
  type DateParts,
  EMPTY_DATE,
  type FieldError,
} from '../shared/forms/form-types';
import { SelectField } from '../shared/forms/select-field';
import { SERVICE_PROBLEM, toProblem } from '../shared/problem';
import { RuleApi } from './rule-api';
import { groupRules } from './rule-groups';

const HEADING = 'Deadline calculator';

/** Pick a rule, enter its dates, and see the due date and how it was worked out, by the server's clock. */
@Component({
  selector: 'app-deadline-calculator-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorSummary, SelectField, DateInput, LongDatePipe],
  template: `
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <app-error-summary [errors]="errors()" />
        <h1 class="govuk-heading-l">{{ heading }}</h1>
        <p class="govuk-body">
          Work out a statutory deadline from the date it counts from. It uses the same rules and bank-holiday calendar as the deadlines on
          cases, and saves nothing.
        </p>
        @if (rules.error()) {
          <p class="govuk-body" role="alert">{{ serviceProblem }}</p>
        } @else if (rules.hasValue()) {
          <form novalidate (submit)="calculate($event)">
            <app-select-field
              id="ruleId"
              label="Which deadline?"
              placeholder="Choose a deadline"
              [options]="groups()"
              [value]="ruleId()"
              [error]="errorFor('ruleId')"
              (valueChange)="choose($event)"
            />
            @if (selected(); as rule) {
              <div class="govuk-inset-text">
                <p class="govuk-body govuk-!-margin-bottom-1"><strong>{{ rule.title }}</strong></p>
                <p class="govuk-body govuk-!-margin-bottom-1">Period: {{ rule.period }}</p>
                <p class="govuk-body">Source: {{ rule.source }}</p>
              </div>
              @for (fact of rule.facts; track fact.name) {
                <app-date-input
                  [id]="'facts-' + fact.name"
                  [legend]="fact.required ? fact.label : fact.label + ' (optional)'"
                  [value]="dates()[fact.name] ?? empty"
                  [error]="errorFor('facts-' + fact.name)"
                  (valueChange)="setDate(fact.name, $event)"
                />
              }
            }
            <button type="submit" class="govuk-button" data-module="govuk-button">Calculate</button>
          </form>
        } @else {
          <p class="govuk-body" role="status">Loading the rules…</p>
        }
        @if (result(); as result) {
          <div class="govuk-panel govuk-panel--confirmation app-calculation" tabindex="-1" #resultEl>
            <h2 class="govuk-panel__title">Due {{ result.dueOn | longDate }}</h2>
            <div class="govuk-panel__body">{{ result.ruleTitle }}</div>
          </div>
          <h2 class="govuk-heading-m">How it was worked out</h2>
          <ol class="govuk-list govuk-list--number">
            @for (line of result.explanation; track $index) {
              <li>{{ line }}</li>
            }
          </ol>
        }
      </div>
    </div>
  `,
})
export class DeadlineCalculatorPage {
  /** The `rule` query parameter: a rule to start with. */
  readonly rule = input<string>();

  private readonly api = inject(RuleApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly title = inject(Title);

  protected readonly heading = HEADING;
  protected readonly serviceProblem = SERVICE_PROBLEM;
  protected readonly empty = EMPTY_DATE;
  protected readonly rules = rxResource({
    params: () => this.session.currentId(),
    stream: () => this.api.rules(),
  });
  protected readonly groups = computed(() =>
    this.rules.hasValue() ? groupRules(this.rules.value()) : [],
  );
  protected readonly ruleId = signal('');
  protected readonly selected = computed(() =>
    this.rules.hasValue()
      ? this.rules.value().find((r) => r.id === this.ruleId())
      : undefined,
  );
  protected readonly dates = signal<Record<string, DateParts>>({});
  protected readonly errors = signal<readonly FieldError[]>([]);
  protected readonly result = signal<DeadlineCalculation | undefined>(
    undefined,
  );
  private readonly resultEl = viewChild<ElementRef<HTMLElement>>('resultEl');

  constructor() {
    effect(() => {
      const rule = this.rule();
      if (rule && !this.ruleId()) this.ruleId.set(rule);
    });
    effect(() =>
      this.title.setTitle(
        pageTitle(this.errors().length ? `Error: ${HEADING}` : HEADING),
      ),
    );
    afterRenderEffect(() => this.resultEl()?.nativeElement.focus());
  }

  protected errorFor(id: string): FieldError | undefined {
    return this.errors().find((e) => e.field === id);
  }

  protected choose(ruleId: string): void {
    this.ruleId.set(ruleId);
    this.result.set(undefined);
    this.errors.set([]);
    void this.router.navigate([], {
      queryParams: { rule: ruleId || null },
      replaceUrl: true,
    });
  }

  protected setDate(fact: string, value: DateParts): void {
    this.dates.update((dates) => ({ ...dates, [fact]: value }));
  }

  protected async calculate(event: Event): Promise<void> {
    event.preventDefault();
    this.result.set(undefined);
    const rule = this.selected();
    if (!rule) {
      this.errors.set([
        {
          field: 'ruleId',
          targetId: 'ruleId',
          message: 'Choose the deadline to work out',
        },
      ]);
      return;
    }
    const errors: FieldError[] = [];
    const facts: Record<string, string> = {};
    for (const fact of rule.facts) {
      const parts = this.dates()[fact.name] ?? EMPTY_DATE;
      if (!fact.required && isBlankDate(parts)) continue;
      const parsed = parseDate(parts, {
        id: `facts-${fact.name}`,
        label: fact.label,
        missing: `Enter the date: ${fact.label.toLowerCase()}`,
      });
      if ('error' in parsed) errors.push(parsed.error);
      else facts[fact.name] = parsed.iso;
    }
    this.errors.set(errors);
    if (errors.length) return;
    try {
      this.result.set(
        await firstValueFrom(this.api.calculate({ ruleId: rule.id, facts })),
      );
    } catch (error) {
      const problem = toProblem(error);
      const mapped = (problem?.errors ?? []).map((e): FieldError => {
        const id = e.field.replace(/^facts\./, 'facts-');
        return id.startsWith('facts-')
          ? { field: id, targetId: `${id}-day`, message: e.message }
          : { message: e.message };
      });
      this.errors.set(
        mapped.length
          ? mapped
          : [{ message: problem?.detail ?? SERVICE_PROBLEM }],
      );
    }
  }
}
