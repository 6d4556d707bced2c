import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { AddBankHolidayRequest, BankHolidayEntry } from '@send/contracts';
import { firstValueFrom } from 'rxjs';
import { FlashMessage } from '../core/flash-message';
import { dateFrom, DATE_PARTS } from '../shared/date-field';
import { londonToday, longDate } from '../shared/dates';
import { ErrorSummary } from '../shared/error-summary';
import { AdminApi } from './admin-api';
import { type AdminFieldError, problemErrors, textOf } from './form-problems';
import { SuccessBanner } from './success-banner';

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
  imports: [RouterLink, ErrorSummary, SuccessBanner],
  template: `
    <app-success-banner [message]="banner()" />
    <app-error-summary [errors]="errors()" />
    <a class="govuk-back-link" routerLink="/administration">Back to administration</a>
    <h1 class="govuk-heading-l">Bank holidays {{ shownYear() }}</h1>
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
    @if (holidays.error()) {
      <p class="govuk-body" role="alert">The bank holidays could not be loaded. Try again later.</p>
    } @else if (holidays.hasValue()) {
      <table class="govuk-table">
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
              <td class="govuk-table__cell">{{ long(h.date) }}</td>
              <td class="govuk-table__cell">{{ h.title }}</td>
              <td class="govuk-table__cell">{{ source[h.source] }}</td>
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
    } @else {
      <p class="govuk-body" role="status">Loading the bank holidays…</p>
    }

    <div class="govuk-grid-row">
      <form class="govuk-grid-column-two-thirds" novalidate (submit)="add($event)">
        <h2 class="govuk-heading-m">Add a bank holiday</h2>
        <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('date')">
          <fieldset class="govuk-fieldset" role="group" [attr.aria-describedby]="'date-hint' + (errorFor('date') ? ' date-error' : '')">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Date</legend>
            <div id="date-hint" class="govuk-hint">A weekday, for example 4 6 {{ shownYear() }}</div>
            @if (errorFor('date'); as message) {
              <p id="date-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
            }
            <div class="govuk-date-input" id="date">
              @for (p of parts; track p.part) {
                <div class="govuk-date-input__item">
                  <div class="govuk-form-group">
                    <label class="govuk-label govuk-date-input__label" [for]="'date-' + p.part">{{ p.label }}</label>
                    <input [class]="'govuk-input govuk-date-input__input ' + p.width" [class.govuk-input--error]="errorFor('date')"
                      [id]="'date-' + p.part" [name]="'date-' + p.part" type="text" inputmode="numeric" />
                  </div>
                </div>
              }
            </div>
          </fieldset>
        </div>
        <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('title')">
          <label class="govuk-label govuk-label--s" for="title">Name of the holiday</label>
          <div id="title-hint" class="govuk-hint">As gov.uk gives it, for example Extra bank holiday</div>
          @if (errorFor('title'); as message) {
            <p id="title-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
          }
          <input class="govuk-input" [class.govuk-input--error]="errorFor('title')" id="title" name="title" type="text" autocomplete="off"
            [attr.aria-describedby]="'title-hint' + (errorFor('title') ? ' title-error' : '')" />
        </div>
        <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('reason')">
          <label class="govuk-label govuk-label--s" for="reason">Why is it added?</label>
          <div id="reason-hint" class="govuk-hint">For example, the proclamation or the gov.uk announcement. It is kept in the security log.</div>
          @if (errorFor('reason'); as message) {
            <p id="reason-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
          }
          <textarea class="govuk-textarea" [class.govuk-textarea--error]="errorFor('reason')" id="reason" name="reason" rows="3"
            [attr.aria-describedby]="'reason-hint' + (errorFor('reason') ? ' reason-error' : '')"></textarea>
        </div>
        <button type="submit" class="govuk-button" data-module="govuk-button" [disabled]="busy()">Add the bank holiday</button>
      </form>
    </div>
  `,
})
export class BankHolidaysPage {
  readonly year = input<string>();

  private readonly api = inject(AdminApi);
  private readonly flash = inject(FlashMessage);
  private readonly router = inject(Router);
  protected readonly banner = signal(this.flash.take());
  protected readonly errors = signal<readonly AdminFieldError[]>([]);
  protected readonly busy = signal(false);
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

  protected errorFor(field: string): string | undefined {
    return this.errors().find((e) => e.field === field)?.message;
  }

  protected async add(event: Event): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const errors: AdminFieldError[] = [];
    const date = dateFrom(form, 'date', 'date of the bank holiday');
    if ('message' in date)
      errors.push({
        field: 'date',
        targetId: 'date-day',
        message: date.message,
      });
    const title = textOf(form, 'title');
    const reason = textOf(form, 'reason');
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
    this.errors.set(errors);
    if (errors.length || !('iso' in date)) return;
    const request = {
      date: date.iso,
      title,
      reason,
    } satisfies AddBankHolidayRequest;
    this.busy.set(true);
    try {
      const added = await firstValueFrom(this.api.addBankHoliday(request));
      formElement.reset();
      const message = `Bank holiday added: ${added.title}, ${longDate(added.date)}`;
      const year = Number(added.date.slice(0, 4));
      if (year !== this.shownYear()) {
        this.flash.set(message);
        await this.router.navigate([], { queryParams: { year } });
        this.banner.set(this.flash.take());
      } else {
        this.banner.set(message);
        this.holidays.reload();
      }
    } catch (error) {
      this.banner.set(undefined);
      this.errors.set(problemErrors(error, ['date', 'title', 'reason']));
    } finally {
      this.busy.set(false);
    }
  }
}
