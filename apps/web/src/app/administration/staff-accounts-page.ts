import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { type CreateStaffUserRequest, type Role, ROLES } from '@send/contracts';
import { FlashMessage } from '../core/flash-message';
import { SelectField } from '../shared/forms/select-field';
import type { Choice } from '../shared/forms/form-types';
import { TextField } from '../shared/forms/text-field';
import { roleLabel } from '../shared/labels';
import { AdminApi } from './admin-api';
import { AdminForm } from './admin-form';
import { AdminFormState } from './admin-form-state';
import { AdminLoaded } from './admin-loaded';
import { AdminPage } from './admin-page';
import { type AdminFieldError, textOf } from './form-problems';

const FIELDS = ['name', 'email', 'role', 'team', 'password'] as const;

/** Every role, as the choices of the role select (here and on an account's own page). */
export const ROLE_CHOICES: readonly Choice[] = ROLES.map((role) => ({
  value: role,
  text: roleLabel(role),
}));

/** Staff accounts: every account, active and disabled, and a form to add one. */
@Component({
  selector: 'app-staff-accounts-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    AdminPage,
    AdminLoaded,
    AdminForm,
    TextField,
    SelectField,
  ],
  template: `
    <app-admin-page [form]="form" back="/administration" backText="Back to administration" heading="Staff accounts">
    <app-admin-loaded [resource]="accounts" what="staff accounts">
      <ng-template>
        <div class="app-table-scroll" tabindex="0" role="region" aria-label="Staff accounts">
          <table class="govuk-table app-admin-table app-table--stack">
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
                  <td class="govuk-table__cell" data-label="Name"><a class="govuk-link" [routerLink]="['/administration/staff', a.id]">{{ a.name }}</a></td>
                  <td class="govuk-table__cell" [attr.data-label]="a.email ? 'Email' : null">{{ a.email ?? '' }}</td>
                  <td class="govuk-table__cell" data-label="Role">{{ role(a.role) }}</td>
                  <td class="govuk-table__cell" data-label="Team">{{ a.team }}</td>
                  <td class="govuk-table__cell" data-label="Status">
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
      </ng-template>
    </app-admin-loaded>

    <app-admin-form heading="Add a staff account" action="Add the account" [busy]="form.busy()" (send)="add($event)">
      <app-text-field id="name" label="Full name" size="s" [spellcheck]="false" [error]="form.fieldError('name')" />
      <app-text-field id="email" label="Email address" type="email" hint="The address they sign in with" size="s" [spellcheck]="false"
        [error]="form.fieldError('email')" />
      <app-text-field id="team" label="Team" hint="For example, SEND North" size="s" [spellcheck]="false" [error]="form.fieldError('team')" />
      <app-select-field id="role" label="Role" size="s" placeholder="Choose a role" [options]="roles" [error]="form.fieldError('role')" />
      <app-text-field id="password" label="First password (optional)" [hint]="passwordHint" size="s" [spellcheck]="false"
        [error]="form.fieldError('password')" />
    </app-admin-form>
    </app-admin-page>
  `,
})
export class StaffAccountsPage {
  private readonly api = inject(AdminApi);

  protected readonly form = new AdminFormState(
    FIELDS,
    inject(FlashMessage).take(),
  );
  protected readonly roles = ROLE_CHOICES;
  protected readonly role = roleLabel;
  protected readonly passwordHint =
    'For an account that signs in with a password: give it to them by another channel. They must choose their own when they first sign in. Leave it empty for an account that signs in through the council’s single sign-on.';

  protected readonly accounts = rxResource({
    stream: () => this.api.accounts(),
  });

  protected async add(formElement: HTMLFormElement): Promise<void> {
    const data = new FormData(formElement);
    const [name, email, team, password, role] = [
      'name',
      'email',
      'team',
      'password',
      'role',
    ].map((f) => textOf(data, f));
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
    if (!this.form.check(errors)) return;
    const request = {
      name: name ?? '',
      email: email ?? '',
      role: role as Role,
      team: team ?? '',
      ...(password ? { password } : {}),
    } satisfies CreateStaffUserRequest;
    await this.form.send(this.api.addAccount(request), (account) => {
      formElement.reset();
      this.accounts.reload();
      return `Staff account added for ${account.name}`;
    });
  }
}
