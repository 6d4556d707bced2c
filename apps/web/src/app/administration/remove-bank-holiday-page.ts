import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { FlashMessage } from '../core/flash-message';
import { longDate } from '../shared/dates';
import { TextField } from '../shared/forms/text-field';
import { AdminApi } from './admin-api';
import { AdminPage } from './admin-page';
import { AdminFormState } from './admin-form-state';
import { textOf } from './form-problems';

/** Removing a bank holiday: the date becomes a working day; the reason goes to the security log. */
@Component({
  selector: 'app-remove-bank-holiday-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, AdminPage, TextField],
  template: `
    <app-admin-page
      [form]="form"
      back="/administration/bank-holidays"
      [backQuery]="ofYear()"
      backText="Back to bank holidays"
      [heading]="'Remove ' + long(date()) + ' as a bank holiday'"
    >
      <div class="govuk-grid-row">
        <form class="govuk-grid-column-two-thirds" novalidate (submit)="remove($event)">
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">Warning</span>
              The date becomes a working day for deadlines computed from now on.
            </strong>
          </div>
          <app-text-field id="reason" label="Why is it removed?" size="s" [rows]="3" [hint]="reasonHint" [error]="form.fieldError('reason')" />
          <div class="govuk-button-group">
            <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" [disabled]="form.busy()">Remove the bank holiday</button>
            <a class="govuk-link" routerLink="/administration/bank-holidays" [queryParams]="ofYear()">Cancel</a>
          </div>
        </form>
      </div>
    </app-admin-page>
  `,
})
export class RemoveBankHolidayPage {
  readonly date = input.required<string>();

  private readonly api = inject(AdminApi);
  private readonly flash = inject(FlashMessage);
  private readonly router = inject(Router);
  protected readonly form = new AdminFormState(['reason']);
  protected readonly long = longDate;
  /** The bank holidays of the date's year: where the back link, Cancel and a removal lead. */
  protected readonly ofYear = computed(() => ({
    year: this.date().slice(0, 4),
  }));
  protected readonly reasonHint =
    'For example, entered in error: the holiday is on the Monday. It is kept in the security log.';

  protected async remove(event: Event): Promise<void> {
    event.preventDefault();
    const reason = textOf(
      new FormData(event.target as HTMLFormElement),
      'reason',
    );
    if (!reason) {
      this.form.errors.set([
        {
          field: 'reason',
          targetId: 'reason',
          message: 'Enter why the bank holiday is removed',
        },
      ]);
      return;
    }
    await this.form.send(
      this.api.removeBankHoliday(this.date(), reason),
      async () => {
        this.flash.set(
          `Bank holiday removed: ${longDate(this.date())} is a working day`,
        );
        await this.router.navigate(['/administration/bank-holidays'], {
          queryParams: this.ofYear(),
        });
      },
    );
  }
}
