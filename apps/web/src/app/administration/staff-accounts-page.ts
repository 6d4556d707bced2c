import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { type CreateStaffUserRequest, type Role, ROLES } from '@send/contracts';
import { firstValueFrom } from 'rxjs';
import { FlashMessage } from '../core/flash-message';
import { ErrorSummary } from '../shared/error-summary';
import { roleLabel } from '../shared/labels';
import { AdminApi } from './admin-api';
import { type AdminFieldError, problemErrors, textOf } from './form-problems';
import { SuccessBanner } from './success-banner';

const FIELDS = ['name', 'email', 'role', 'team', 'password'] as const;

/** Staff accounts: every account, active and disabled, and a form to add one. */
@Component({
  selector: 'app-staff-accounts-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummary, SuccessBanner],
  template: `
    <app-success-banner [message]="banner()" />
    <app-error-summary [errors]="errors()" />
    <a class="govuk-back-link" routerLink="/administration">Back to administration</a>
    <h1 class="govuk-heading-l">Staff accounts</h1>
    @if (accounts.error()) {
      <p class="govuk-body" role="alert">The staff accounts could not be loaded. Try again later.</p>
    } @else if (accounts.hasValue()) {
      <div class="app-table-scroll" tabindex="0" role="region" aria-label="Staff accounts">
        <table class="govuk-table app-admin-table">
          <caption class="govuk-table__caption govuk-visually-hidden">Staff accounts by role, then name</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Name</th>
              <th scope="col" class="govuk-table__header">Email</th>
              <th scope="col" class="govuk-table__header">Role</th>
              <th scope="col" class="govuk-table__header">Team</th>
              <th scope="col" class="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            @for (a of accounts.value(); track a.id) {
              <tr class="govuk-table__row">
                <td class="govuk-table__cell"><a class="govuk-link" [routerLink]="['/administration/staff', a.id]">{{ a.name }}</a></td>
                <td class="govuk-table__cell">{{ a.email ?? '' }}</td>
                <td class="govuk-table__cell">{{ role(a.role) }}</td>
                <td class="govuk-table__cell">{{ a.team }}</td>
                <td class="govuk-table__cell">
                  @if (a.active) {
                    <strong class="govuk-tag govuk-tag--green">Active</strong>
                  } @else {
                    <strong class="govuk-tag govuk-tag--grey">Disabled</strong>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else {
      <p class="govuk-body" role="status">Loading the staff accounts…</p>
    }

    <div class="govuk-grid-row">
      <form class="govuk-grid-column-two-thirds" novalidate (submit)="add($event)">
        <h2 class="govuk-heading-m">Add a staff account</h2>
        @for (f of textFields.slice(0, 3); track f.name) {
          <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor(f.name)">
            <label class="govuk-label govuk-label--s" [for]="f.name">{{ f.label }}</label>
            @if (f.hint) {
              <div [id]="f.name + '-hint'" class="govuk-hint">{{ f.hint }}</div>
            }
            @if (errorFor(f.name); as message) {
              <p [id]="f.name + '-error'" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
            }
            <input class="govuk-input" [class.govuk-input--error]="errorFor(f.name)" [id]="f.name" [name]="f.name" [type]="f.type"
              [attr.autocomplete]="f.autocomplete" spellcheck="false"
              [attr.aria-describedby]="(f.hint ? f.name + '-hint ' : '') + (errorFor(f.name) ? f.name + '-error' : '') || null" />
          </div>
        }
        <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('role')">
          <label class="govuk-label govuk-label--s" for="role">Role</label>
          @if (errorFor('role'); as message) {
            <p id="role-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
          }
          <select class="govuk-select" id="role" name="role">
            <option value="">Choose a role</option>
            @for (r of roles; track r) {
              <option [value]="r">{{ role(r) }}</option>
            }
          </select>
        </div>
        @for (f of textFields.slice(3); track f.name) {
          <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor(f.name)">
            <label class="govuk-label govuk-label--s" [for]="f.name">{{ f.label }}</label>
            @if (f.hint) {
              <div [id]="f.name + '-hint'" class="govuk-hint">{{ f.hint }}</div>
            }
            @if (errorFor(f.name); as message) {
              <p [id]="f.name + '-error'" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
            }
            <input class="govuk-input" [class.govuk-input--error]="errorFor(f.name)" [id]="f.name" [name]="f.name" [type]="f.type"
              [attr.autocomplete]="f.autocomplete" spellcheck="false"
              [attr.aria-describedby]="(f.hint ? f.name + '-hint ' : '') + (errorFor(f.name) ? f.name + '-error' : '') || null" />
          </div>
        }
        <button type="submit" class="govuk-button" data-module="govuk-button" [disabled]="busy()">Add the account</button>
      </form>
    </div>
  `,
})
export class StaffAccountsPage {
  private readonly api = inject(AdminApi);
  private readonly flash = inject(FlashMessage);

  protected readonly banner = signal(this.flash.take());
  protected readonly errors = signal<readonly AdminFieldError[]>([]);
  protected readonly busy = signal(false);
  protected readonly roles = ROLES;
  protected readonly role = roleLabel;
  protected readonly textFields = [
    {
      name: 'name',
      label: 'Full name',
      type: 'text',
      autocomplete: 'off',
      hint: '',
    },
    {
      name: 'email',
      label: 'Email address',
      type: 'email',
      autocomplete: 'off',
      hint: 'The address they sign in with',
    },
    {
      name: 'team',
      label: 'Team',
      type: 'text',
      autocomplete: 'off',
      hint: 'For example, SEND North',
    },
    {
      name: 'password',
      label: 'First password (optional)',
      type: 'text',
      autocomplete: 'off',
      hint: 'For an account that signs in with a password: give it to them by another channel. They must choose their own when they first sign in. Leave it empty for an account that signs in through the council’s single sign-on.',
    },
  ] as const;

  protected readonly accounts = rxResource({
    stream: () => this.api.accounts(),
  });

  protected errorFor(field: string): string | undefined {
    return this.errors().find((e) => e.field === field)?.message;
  }

  protected async add(event: Event): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const [name, email, team, password, role] = [
      'name',
      'email',
      'team',
      'password',
      'role',
    ].map((f) => textOf(form, f));
    const errors: AdminFieldError[] = [];
    const need = (
      field: string,
      value: string | undefined,
      message: string,
    ) => {
      if (!value) errors.push({ field, targetId: field, message });
    };
    need('name', name, 'Enter their full name');
    need('email', email, 'Enter their email address');
    need('team', team, 'Enter their team');
    need('role', role, 'Choose a role');
    this.errors.set(errors);
    if (errors.length) return;
    const request = {
      name: name ?? '',
      email: email ?? '',
      role: role as Role,
      team: team ?? '',
      ...(password ? { password } : {}),
    } satisfies CreateStaffUserRequest;
    this.busy.set(true);
    try {
      const account = await firstValueFrom(this.api.addAccount(request));
      formElement.reset();
      this.banner.set(`Staff account added for ${account.name}`);
      this.accounts.reload();
    } catch (error) {
      this.banner.set(undefined);
      this.errors.set(problemErrors(error, FIELDS));
    } finally {
      this.busy.set(false);
    }
  }
}
