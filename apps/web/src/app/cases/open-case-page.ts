import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  signal,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { pageTitle } from '../core/app-title-strategy';
import { FlashMessage } from '../core/flash-message';
import { londonToday } from '../shared/dates';
import { ErrorSummary } from '../shared/error-summary';
import { parseDate } from '../shared/forms/date-parts';
import { DateInput } from '../shared/forms/date-input';
import {
  type DateParts,
  EMPTY_DATE,
  type FieldError,
} from '../shared/forms/form-types';
import { TextField } from '../shared/forms/text-field';
import { httpStatus, SERVICE_PROBLEM, toProblem } from '../shared/problem';
import { CaseApi } from './case-api';

const HEADING = 'Open a case';
/** As the API requires: 1 to 40 letters, digits, /, _, . or -, starting with a letter or digit. */
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$/;
const FIELDS = ['reference', 'childName', 'dateOfBirth'] as const;

/** Opens a child's case: the member of staff opening it becomes its caseworker, in their team. */
@Component({
  selector: 'app-open-case-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummary, TextField, DateInput],
  template: `
    <a class="govuk-back-link" routerLink="/cases">Back to find a case</a>
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <app-error-summary [errors]="errors()" />
        <h1 class="govuk-heading-l">{{ heading }}</h1>
        <p class="govuk-body">You will be the case’s caseworker. Check the child has no case already: <a class="govuk-link" routerLink="/cases">find a case</a>.</p>
        <form novalidate (submit)="open($event)">
          <app-text-field
            id="reference"
            label="Council reference"
            hint="Letters, numbers and / _ . - only, for example RUT-2026-0042"
            width="10"
            [spellcheck]="false"
            [value]="reference()"
            [error]="errorFor('reference')"
            (valueChange)="reference.set($event)"
          />
          <app-text-field
            id="childName"
            label="Name of the child or young person"
            width="two-thirds"
            autocomplete="off"
            [spellcheck]="false"
            [value]="childName()"
            [error]="errorFor('childName')"
            (valueChange)="childName.set($event)"
          />
          <app-date-input
            id="dateOfBirth"
            legend="Date of birth"
            example="17 5 2014"
            [value]="dateOfBirth()"
            [error]="errorFor('dateOfBirth')"
            (valueChange)="dateOfBirth.set($event)"
          />
          <div class="govuk-button-group">
            <button type="submit" class="govuk-button" data-module="govuk-button" [attr.aria-disabled]="busy() || null">Open the case</button>
            <a class="govuk-link" routerLink="/cases">Cancel</a>
          </div>
          @if (busy()) {
            <p class="govuk-body" role="status">Opening the case…</p>
          }
        </form>
      </div>
    </div>
  `,
})
export class OpenCasePage {
  private readonly api = inject(CaseApi);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashMessage);
  private readonly title = inject(Title);

  protected readonly heading = HEADING;
  protected readonly reference = signal('');
  protected readonly childName = signal('');
  protected readonly dateOfBirth = signal<DateParts>({ ...EMPTY_DATE });
  protected readonly errors = signal<readonly FieldError[]>([]);
  protected readonly busy = signal(false);

  constructor() {
    effect(() =>
      this.title.setTitle(
        pageTitle(this.errors().length ? `Error: ${HEADING}` : HEADING),
      ),
    );
  }

  protected errorFor(field: string): FieldError | undefined {
    return this.errors().find((e) => e.field === field);
  }

  protected async open(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) return;
    const reference = this.reference().trim();
    const childName = this.childName().trim();
    const errors: FieldError[] = [];
    if (!reference)
      errors.push({
        field: 'reference',
        targetId: 'reference',
        message: 'Enter the council reference',
      });
    else if (!REFERENCE.test(reference)) {
      errors.push({
        field: 'reference',
        targetId: 'reference',
        message:
          'Council reference must be up to 40 letters, numbers and / _ . - and start with a letter or number',
      });
    }
    if (!childName)
      errors.push({
        field: 'childName',
        targetId: 'childName',
        message: 'Enter the name of the child or young person',
      });
    else if (childName.length > 200)
      errors.push({
        field: 'childName',
        targetId: 'childName',
        message: 'Name must be 200 characters or fewer',
      });
    const date = parseDate(this.dateOfBirth(), {
      id: 'dateOfBirth',
      label: 'Date of birth',
      notAfter: londonToday(),
    });
    if ('error' in date) errors.push(date.error);
    this.errors.set(errors);
    if (errors.length || 'error' in date) return;

    this.busy.set(true);
    try {
      const opened = await firstValueFrom(
        this.api.open({ reference, childName, dateOfBirth: date.iso }),
      );
      this.flash.set('Case opened');
      await this.router.navigate(['/cases', opened.id]);
    } catch (error) {
      this.errors.set(this.problemErrors(error));
    } finally {
      this.busy.set(false);
    }
  }

  private problemErrors(error: unknown): FieldError[] {
    const problem = toProblem(error);
    if (!problem) return [{ message: SERVICE_PROBLEM }];
    if (httpStatus(error) === 409)
      return [
        { field: 'reference', targetId: 'reference', message: problem.detail },
      ];
    const fieldErrors = (problem.errors ?? []).map((e): FieldError => {
      const field = FIELDS.find((f) => f === e.field);
      return field
        ? {
            field,
            targetId: field === 'dateOfBirth' ? 'dateOfBirth-day' : field,
            message: e.message,
          }
        : { message: e.message };
    });
    return fieldErrors.length ? fieldErrors : [{ message: problem.detail }];
  }
}
