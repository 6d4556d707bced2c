import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { AddBankHolidayRequest, BankHolidayEntry } from '@send/contracts';
import { FlashMessage } from '../core/flash-message';
import { dateFrom, DATE_PARTS } from '../shared/date-field';
import { londonToday, longDate } from '../shared/dates';
import { TextField } from '../shared/forms/text-field';
import { AdminApi } from './admin-api';
import { AdminForm } from './admin-form';
import { AdminFormState } from './admin-form-state';
import { AdminLoaded } from './admin-loaded';
import { AdminPage } from './admin-page';
import { type AdminFieldError, textOf } from './form-problems';

const SOURCES: Record<BankHolidayEntry['source'], string> = {
  published: 'Published list',
  administrator: 'Added by an administrator',
  'regular pattern': 'Regular pattern',
};

/**
 * The bank holidays of England and Wales that working days are counted on (Banking and Financial
 * Dealings Act 1971 Sch 1; SEND Regulations 2014 reg 2 "working day"), a year at a time; add or
 * remove a date, with the reason, for the security log.
 */
@Component({
  selector: 'app-bank-holidays-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, AdminPage, AdminLoaded, AdminForm, TextField],
  template: `
    <app-admin-page [form]="form" back="/administration" backText="Back to administration" [heading]="'Bank holidays ' + shownYear()">
    <p class="govuk-body">
      Deadlines counted in working days skip these dates. A change applies to deadlines computed from now on; those computed before keep their
      due dates.
    </p>
    <nav aria-label="Years" class="govuk-!-margin-bottom-4">
      <ul class="govuk-list app-inline-list">
        @for (y of years(); track y) {
          <li>
            @if (y === shownYear()) {
              <strong aria-current="page">{{ y }}</strong>
            } @else {
              <a class="govuk-link" [routerLink]="[]" [queryParams]="{ year: y }">{{ y }}</a>
            }
          </li>
        }
      </ul>
    </nav>
    <app-admin-loaded [resource]="holidays" what="bank holidays">
      <ng-template>
        <table class="govuk-table app-table--stack">
          <caption class="govuk-table__caption govuk-visually-hidden">Bank holidays in {{ shownYear() }}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Date</th>
              <th scope="col" class="govuk-table__header">Holiday</th>
              <th scope="col" class="govuk-table__header">Listed from</th>
              <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Action</span></th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            @for (h of holidays.value(); track h.date) {
              <tr class="govuk-table__row">
                <td class="govuk-table__cell app-nowrap" data-label="Date">{{ long(h.date) }}</td>
                <td class="govuk-table__cell" data-label="Holiday">{{ h.title }}</td>
                <td class="govuk-table__cell" data-label="Listed from">{{ source[h.source] }}</td>
                <td class="govuk-table__cell">
                  <a class="govuk-link" [routerLink]="['/administration/bank-holidays', h.date, 'remove']">Remove<span class="govuk-visually-hidden"> {{ h.title }}, {{ long(h.date) }}</span></a>
                </td>
              </tr>
            } @empty {
              <tr class="govuk-table__row">
                <td class="govuk-table__cell" colspan="4">No date is listed for {{ shownYear() }}: it follows the regular pattern of bank holidays.</td>
              </tr>
            }
          </tbody>
        </table>
      </ng-template>
    </app-admin-loaded>

    <app-admin-form heading="Add a bank holiday" action="Add the bank holiday" [busy]="form.busy()" (send)="add($event)">
      <div class="govuk-form-group" [class.govuk-form-group--error]="form.fieldError('date')">
        <fieldset class="govuk-fieldset" role="group" [attr.aria-describedby]="'date-hint' + (form.fieldError('date') ? ' date-error' : '')">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Date</legend>
          <div id="date-hint" class="govuk-hint">A weekday, for example 4 6 {{ shownYear() }}</div>
          @if (form.fieldError('date'); as error) {
            <p id="date-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ error.message }}</p>
          }
          <div class="govuk-date-input" id="date">
            @for (p of parts; track p.part) {
              <div class="govuk-date-input__item">
                <div class="govuk-form-group">
                  <label class="govuk-label govuk-date-input__label" [for]="'date-' + p.part">{{ p.label }}</label>
                  <input [class]="'govuk-input govuk-date-input__input ' + p.width" [class.govuk-input--error]="form.fieldError('date')"
                    [id]="'date-' + p.part" [name]="'date-' + p.part" type="text" inputmode="numeric" />
                </div>
              </div>
            }
          </div>
        </fieldset>
      </div>
      <app-text-field id="title" label="Name of the holiday" hint="As gov.uk gives it, for example Extra bank holiday" size="s"
        [error]="form.fieldError('title')" />
      <app-text-field id="reason" label="Why is it added?" [rows]="3" size="s" [error]="form.fieldError('reason')"
        hint="For example, the proclamation or the gov.uk announcement. It is kept in the security log." />
    </app-admin-form>
    </app-admin-page>
  `,
})
export class BankHolidaysPage {
  readonly year = input<string>();

  private readonly api = inject(AdminApi);
  private readonly flash = inject(FlashMessage);
  private readonly router = inject(Router);
  protected readonly form = new AdminFormState(
    ['date', 'title', 'reason'],
    this.flash.take(),
  );
  protected readonly parts = DATE_PARTS;
  protected readonly source = SOURCES;
  protected readonly long = longDate;
  private readonly thisYear = Number(londonToday().slice(0, 4));
  protected readonly shownYear = computed(() => {
    const y = Number(this.year());
    return /^\d{4}$/.test(this.year() ?? '') ? y : this.thisYear;
  });
  /** Last year to two years ahead, and the year shown if it is another. */
  protected readonly years = computed(() =>
    [
      ...new Set([
        ...[-1, 0, 1, 2].map((d) => this.thisYear + d),
        this.shownYear(),
      ]),
    ].sort((a, b) => a - b),
  );
  protected readonly holidays = rxResource({
    params: () => this.shownYear(),
    stream: ({ params }) => this.api.bankHolidays(params),
  });

  protected async add(formElement: HTMLFormElement): Promise<void> {
    const data = new FormData(formElement);
    const errors: AdminFieldError[] = [];
    const date = dateFrom(data, 'date', 'date of the bank holiday');
    if ('message' in date)
      errors.push({
        field: 'date',
        targetId: 'date-day',
        message: date.message,
      });
    const title = textOf(data, 'title');
    const reason = textOf(data, 'reason');
    if (!title)
      errors.push({
        field: 'title',
        targetId: 'title',
        message: 'Enter the name of the holiday',
      });
    if (!reason)
      errors.push({
        field: 'reason',
        targetId: 'reason',
        message: 'Enter why the bank holiday is added',
      });
    if (!this.form.check(errors) || !('iso' in date)) return;
    const request = {
      date: date.iso,
      title,
      reason,
    } satisfies AddBankHolidayRequest;
    await this.form.send(this.api.addBankHoliday(request), async (added) => {
      formElement.reset();
      const message = `Bank holiday added: ${added.title}, ${longDate(added.date)}`;
      const year = Number(added.date.slice(0, 4));
      if (year === this.shownYear()) {
        this.holidays.reload();
        return message;
      }
      this.flash.set(message);
      await this.router.navigate([], { queryParams: { year } });
      return this.flash.take();
    });
  }
}
