import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { FlashMessage } from '../core/flash-message';
import { longDate } from '../shared/dates';
import { ErrorSummary } from '../shared/error-summary';
import { AdminApi } from './admin-api';
import { type AdminFieldError, problemErrors, textOf } from './form-problems';

/** Removing a bank holiday: the date becomes a working day; the reason goes to the security log. */
@Component({
  selector: 'app-remove-bank-holiday-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummary],
  template: `
    <app-error-summary [errors]="errors()" />
    <a class="govuk-back-link" routerLink="/administration/bank-holidays" [queryParams]="{ year: date().slice(0, 4) }">Back to bank holidays</a>
    <div class="govuk-grid-row">
      <form class="govuk-grid-column-two-thirds" novalidate (submit)="remove($event)">
        <h1 class="govuk-heading-l">Remove {{ long(date()) }} as a bank holiday</h1>
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            The date becomes a working day for deadlines computed from now on.
          </strong>
        </div>
        <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('reason')">
          <label class="govuk-label govuk-label--s" for="reason">Why is it removed?</label>
          <div id="reason-hint" class="govuk-hint">For example, entered in error: the holiday is on the Monday. It is kept in the security log.</div>
          @if (errorFor('reason'); as message) {
            <p id="reason-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
          }
          <textarea class="govuk-textarea" [class.govuk-textarea--error]="errorFor('reason')" id="reason" name="reason" rows="3"
            [attr.aria-describedby]="'reason-hint' + (errorFor('reason') ? ' reason-error' : '')"></textarea>
        </div>
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" [disabled]="busy()">Remove the bank holiday</button>
          <a class="govuk-link" routerLink="/administration/bank-holidays" [queryParams]="{ year: date().slice(0, 4) }">Cancel</a>
        </div>
      </form>
    </div>
  `,
})
export class RemoveBankHolidayPage {
  readonly date = input.required<string>();

  private readonly api = inject(AdminApi);
  private readonly flash = inject(FlashMessage);
  private readonly router = inject(Router);
  protected readonly errors = signal<readonly AdminFieldError[]>([]);
  protected readonly busy = signal(false);
  protected readonly long = longDate;

  protected errorFor(field: string): string | undefined {
    return this.errors().find((e) => e.field === field)?.message;
  }

  protected async remove(event: Event): Promise<void> {
    event.preventDefault();
    const reason = textOf(
      new FormData(event.target as HTMLFormElement),
      'reason',
    );
    if (!reason) {
      this.errors.set([
        {
          field: 'reason',
          targetId: 'reason',
          message: 'Enter why the bank holiday is removed',
        },
      ]);
      return;
    }
    this.busy.set(true);
    try {
      await firstValueFrom(this.api.removeBankHoliday(this.date(), reason), {
        defaultValue: undefined,
      });
      this.flash.set(
        `Bank holiday removed: ${longDate(this.date())} is a working day`,
      );
      await this.router.navigate(['/administration/bank-holidays'], {
        queryParams: { year: this.date().slice(0, 4) },
      });
    } catch (error) {
      this.errors.set(problemErrors(error, ['reason']));
    } finally {
      this.busy.set(false);
    }
  }
}
