import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import {
  type PasswordReset,
  type Role,
  type UpdateStaffUserRequest,
} from '@send/contracts';
import type { Observable } from 'rxjs';
import { londonDateTimeText } from '../shared/dates';
import { SelectField } from '../shared/forms/select-field';
import { TextField } from '../shared/forms/text-field';
import { AdminApi } from './admin-api';
import { AdminForm } from './admin-form';
import { AdminFormState, changedValues } from './admin-form-state';
import { AdminLoaded } from './admin-loaded';
import { AdminPage, loadedHeading } from './admin-page';
import { type AdminFieldError, textOf } from './form-problems';
import { ROLE_CHOICES } from './staff-accounts-page';

/** One staff account: change its name, role or team; disable or enable it; reset its password. */
@Component({
  selector: 'app-staff-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AdminPage, AdminLoaded, AdminForm, TextField, SelectField],
  template: `
    <app-admin-page [form]="form" back="/administration/staff" backText="Back to staff accounts" [caption]="account() ? 'Staff account' : undefined" [heading]="heading()">
    <ng-container ngProjectAs="[appBannerDetail]">
      @if (reset(); as r) {
        <p class="govuk-body">
          Their temporary password is <strong class="app-temporary-password">{{ r.temporaryPassword }}</strong>. It is shown only now: give it to them by
          another channel. It works until {{ time(r.expiresAt) }}, and only to choose a password of their own.
        </p>
      }
    </ng-container>
    <app-admin-loaded [resource]="accounts" what="account">
      <ng-template>
        @if (account(); as a) {
          <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Email</dt>
              <dd class="govuk-summary-list__value">{{ a.email ?? 'None' }}</dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Status</dt>
              <dd class="govuk-summary-list__value">{{ a.active ? 'Active' : 'Disabled: cannot sign in' }}</dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Signs in with</dt>
              <dd class="govuk-summary-list__value">
                {{ a.hasPassword ? 'A password' : '' }}{{ a.hasPassword && a.singleSignOnLinked ? ' or ' : '' }}{{ a.singleSignOnLinked ? 'Single sign-on' : '' }}
                {{ !a.hasPassword && !a.singleSignOnLinked ? 'Single sign-on (not linked yet)' : '' }}
              </dd>
            </div>
            @if (a.lockedUntil) {
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Locked until</dt>
                <dd class="govuk-summary-list__value">{{ time(a.lockedUntil) }}</dd>
              </div>
            }
          </dl>

          <app-admin-form heading="Change name, role or team" action="Save changes" [busy]="form.busy()" (send)="change($event)">
            <p class="govuk-body">A new role or team ends their sessions: they sign in again.</p>
            <app-text-field id="name" label="Full name" size="s" [value]="a.name" [error]="form.fieldError('name')" />
            <app-select-field id="role" label="Role" size="s" [placeholder]="null" [options]="roles" [value]="a.role" [error]="form.fieldError('role')" />
            <app-text-field id="team" label="Team" size="s" [value]="a.team" [error]="form.fieldError('team')" />
          </app-admin-form>

          <h2 class="govuk-heading-m">Access</h2>
          <div class="govuk-button-group">
            @if (a.active) {
              <button type="button" class="govuk-button govuk-button--warning" data-module="govuk-button" [disabled]="form.busy()" (click)="disable()">
                Disable the account
              </button>
              <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" [disabled]="form.busy()" (click)="resetPassword()">
                Reset the password
              </button>
            } @else {
              <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" [disabled]="form.busy()" (click)="enable()">
                Enable the account
              </button>
            }
          </div>
          <p class="govuk-body">Disabling ends their sessions now; they cannot sign in until the account is enabled again.</p>
        }
      </ng-template>
    </app-admin-loaded>
    </app-admin-page>
  `,
})
export class StaffAccountPage {
  readonly userId = input.required<string>();

  private readonly api = inject(AdminApi);
  protected readonly form = new AdminFormState(['name', 'role', 'team']);
  protected readonly reset = signal<PasswordReset | undefined>(undefined);
  protected readonly roles = ROLE_CHOICES;
  protected readonly time = londonDateTimeText;

  protected readonly accounts = rxResource({
    stream: () => this.api.accounts(),
  });
  protected readonly account = computed(() =>
    this.accounts.hasValue()
      ? this.accounts.value().find((a) => a.id === this.userId())
      : undefined,
  );
  protected readonly heading = loadedHeading(
    this.accounts,
    this.account,
    'No such staff account',
  );

  protected change(formElement: HTMLFormElement): Promise<void> {
    const a = this.account();
    if (!a) return Promise.resolve();
    const data = new FormData(formElement);
    const name = textOf(data, 'name');
    const team = textOf(data, 'team');
    const role = textOf(data, 'role') as Role;
    const errors: AdminFieldError[] = [];
    if (!name)
      errors.push({
        field: 'name',
        targetId: 'name',
        message: 'Enter their full name',
      });
    if (!team)
      errors.push({
        field: 'team',
        targetId: 'team',
        message: 'Enter their team',
      });
    if (!this.form.check(errors)) return Promise.resolve();
    const request: UpdateStaffUserRequest = changedValues(a, {
      name,
      role,
      team,
    });
    if (Object.keys(request).length === 0) {
      this.form.errors.set([
        {
          message:
            'Change the name, role or team, or go back to staff accounts',
        },
      ]);
      return Promise.resolve();
    }
    return this.run(
      this.api.changeAccount(a.id, request),
      `Staff account changed for ${name}`,
    );
  }

  protected disable(): Promise<void> {
    const a = this.account();
    return a
      ? this.run(this.api.disable(a.id), `Staff account disabled for ${a.name}`)
      : Promise.resolve();
  }

  protected enable(): Promise<void> {
    const a = this.account();
    return a
      ? this.run(this.api.enable(a.id), `Staff account enabled for ${a.name}`)
      : Promise.resolve();
  }

  protected async resetPassword(): Promise<void> {
    const a = this.account();
    if (!a) return;
    await this.run(
      this.api.resetPassword(a.id),
      `Password reset for ${a.name}`,
      (r) => this.reset.set(r),
    );
  }

  /** A change to the account: its confirmation (and a password reset's temporary password) replaces the last one's. */
  private run<T>(
    request: Observable<T>,
    done: string,
    after?: (result: T) => void,
  ): Promise<void> {
    this.form.banner.set(undefined);
    this.reset.set(undefined);
    return this.form.send(request, (result) => {
      after?.(result);
      this.accounts.reload();
      return done;
    });
  }
}
