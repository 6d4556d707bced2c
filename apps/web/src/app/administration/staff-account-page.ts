import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import {
  type PasswordReset,
  type Role,
  ROLES,
  type UpdateStaffUserRequest,
} from '@send/contracts';
import { firstValueFrom } from 'rxjs';
import { londonDateTimeText } from '../shared/dates';
import { ErrorSummary } from '../shared/error-summary';
import { roleLabel } from '../shared/labels';
import { AdminApi } from './admin-api';
import { type AdminFieldError, problemErrors, textOf } from './form-problems';
import { SuccessBanner } from './success-banner';

/** One staff account: change its name, role or team; disable or enable it; reset its password. */
@Component({
  selector: 'app-staff-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummary, SuccessBanner],
  template: `
    <app-success-banner [message]="banner()">
      @if (reset(); as r) {
        <p class="govuk-body">
          Their temporary password is <strong class="app-temporary-password">{{ r.temporaryPassword }}</strong>. It is shown only now: give it to them by
          another channel. It works until {{ time(r.expiresAt) }}, and only to choose a password of their own.
        </p>
      }
    </app-success-banner>
    <app-error-summary [errors]="errors()" />
    <a class="govuk-back-link" routerLink="/administration/staff">Back to staff accounts</a>
    @if (account(); as a) {
      <span class="govuk-caption-l">Staff account</span>
      <h1 class="govuk-heading-l">{{ a.name }}</h1>
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

      <div class="govuk-grid-row">
        <form class="govuk-grid-column-two-thirds" novalidate (submit)="change($event)">
          <h2 class="govuk-heading-m">Change name, role or team</h2>
          <p class="govuk-body">A new role or team ends their sessions: they sign in again.</p>
          <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('name')">
            <label class="govuk-label govuk-label--s" for="name">Full name</label>
            @if (errorFor('name'); as message) {
              <p id="name-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
            }
            <input class="govuk-input" id="name" name="name" type="text" autocomplete="off" [value]="a.name" />
          </div>
          <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('role')">
            <label class="govuk-label govuk-label--s" for="role">Role</label>
            @if (errorFor('role'); as message) {
              <p id="role-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
            }
            <select class="govuk-select" id="role" name="role">
              @for (r of roles; track r) {
                <option [value]="r" [selected]="r === a.role">{{ role(r) }}</option>
              }
            </select>
          </div>
          <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('team')">
            <label class="govuk-label govuk-label--s" for="team">Team</label>
            @if (errorFor('team'); as message) {
              <p id="team-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
            }
            <input class="govuk-input" id="team" name="team" type="text" autocomplete="off" [value]="a.team" />
          </div>
          <button type="submit" class="govuk-button" data-module="govuk-button" [disabled]="busy()">Save changes</button>
        </form>
      </div>

      <h2 class="govuk-heading-m">Access</h2>
      <div class="govuk-button-group">
        @if (a.active) {
          <button type="button" class="govuk-button govuk-button--warning" data-module="govuk-button" [disabled]="busy()" (click)="disable()">
            Disable the account
          </button>
          <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" [disabled]="busy()" (click)="resetPassword()">
            Reset the password
          </button>
        } @else {
          <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" [disabled]="busy()" (click)="enable()">
            Enable the account
          </button>
        }
      </div>
      <p class="govuk-body">Disabling ends their sessions now; they cannot sign in until the account is enabled again.</p>
    } @else if (accounts.error()) {
      <p class="govuk-body" role="alert">The account could not be loaded. Try again later.</p>
    } @else if (accounts.hasValue()) {
      <h1 class="govuk-heading-l">No such staff account</h1>
    } @else {
      <p class="govuk-body" role="status">Loading the account…</p>
    }
  `,
})
export class StaffAccountPage {
  readonly userId = input.required<string>();

  private readonly api = inject(AdminApi);
  protected readonly banner = signal<string | undefined>(undefined);
  protected readonly reset = signal<PasswordReset | undefined>(undefined);
  protected readonly errors = signal<readonly AdminFieldError[]>([]);
  protected readonly busy = signal(false);
  protected readonly roles = ROLES;
  protected readonly role = roleLabel;
  protected readonly time = londonDateTimeText;

  protected readonly accounts = rxResource({
    stream: () => this.api.accounts(),
  });
  protected readonly account = computed(() =>
    this.accounts.hasValue()
      ? this.accounts.value().find((a) => a.id === this.userId())
      : undefined,
  );

  protected errorFor(field: string): string | undefined {
    return this.errors().find((e) => e.field === field)?.message;
  }

  protected change(event: Event): Promise<void> {
    event.preventDefault();
    const a = this.account();
    if (!a) return Promise.resolve();
    const form = new FormData(event.target as HTMLFormElement);
    const name = textOf(form, 'name');
    const team = textOf(form, 'team');
    const role = textOf(form, 'role') as Role;
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
    this.errors.set(errors);
    if (errors.length) return Promise.resolve();
    const request: UpdateStaffUserRequest = {
      ...(name !== a.name ? { name } : {}),
      ...(role !== a.role ? { role } : {}),
      ...(team !== a.team ? { team } : {}),
    };
    if (Object.keys(request).length === 0) {
      this.errors.set([
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
      (r) => this.reset.set(r as PasswordReset),
    );
  }

  private async run<T>(
    request: import('rxjs').Observable<T>,
    done: string,
    after?: (result: T) => void,
  ): Promise<void> {
    this.busy.set(true);
    this.banner.set(undefined);
    this.reset.set(undefined);
    try {
      const result = await firstValueFrom(request, {
        defaultValue: undefined as T,
      });
      this.errors.set([]);
      after?.(result);
      this.banner.set(done);
      this.accounts.reload();
    } catch (error) {
      this.errors.set(problemErrors(error, ['name', 'role', 'team']));
    } finally {
      this.busy.set(false);
    }
  }
}
