import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { Router } from '@angular/router';
import { homeFor } from '../core/roles';
import { Session } from '../core/session';
import { ErrorSummary, type SummaryError } from '../shared/error-summary';
import { SERVICE_PROBLEM } from '../shared/problem';

type Field = 'currentPassword' | 'newPassword';

/** A path inside this app only: never an address elsewhere (open redirect). */
const safeReturn = (to: string | undefined) =>
  to &&
  /^\/(?!\/)[^\\]*$/.test(to) &&
  !to.startsWith('/sign-in') &&
  !to.startsWith('/change-password')
    ? to
    : undefined;

/**
 * Change your password: the current one and a new one. Shown straight after sign-in when an
 * administrator set the password (a new account, or a reset), until the person sets their own.
 * The rules are the API's (at least 12 characters, not a common password, not easy to guess), and
 * so are its words when it refuses one.
 */
@Component({
  selector: 'app-change-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorSummary],
  template: `
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <app-error-summary [errors]="summary()" />
        <h1 class="govuk-heading-l">Change your password</h1>
        @if (required()) {
          <div class="govuk-inset-text">
            An administrator set the password you signed in with. Choose a password of your own to continue: only you will know it.
          </div>
        }
        <form novalidate (submit)="submit($event)">
          <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('currentPassword')">
            <label class="govuk-label" for="currentPassword">{{ required() ? 'The password you signed in with' : 'Current password' }}</label>
            @if (errorFor('currentPassword'); as message) {
              <p id="currentPassword-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
            }
            <input class="govuk-input govuk-!-width-two-thirds" [class.govuk-input--error]="errorFor('currentPassword')" id="currentPassword"
              name="currentPassword" type="password" autocomplete="current-password" spellcheck="false" #current
              [attr.aria-describedby]="errorFor('currentPassword') ? 'currentPassword-error' : null" />
          </div>
          <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('newPassword')">
            <label class="govuk-label" for="newPassword">New password</label>
            <div id="newPassword-hint" class="govuk-hint">
              At least 12 characters. Three or four unrelated words make a good password. Common passwords, and ones made of your name, are
              not accepted.
            </div>
            @if (errorFor('newPassword'); as message) {
              <p id="newPassword-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
            }
            <input class="govuk-input govuk-!-width-two-thirds" [class.govuk-input--error]="errorFor('newPassword')" id="newPassword"
              name="newPassword" type="password" autocomplete="new-password" spellcheck="false" #next
              [attr.aria-describedby]="errorFor('newPassword') ? 'newPassword-hint newPassword-error' : 'newPassword-hint'" />
          </div>
          <button type="submit" class="govuk-button" data-module="govuk-button" [disabled]="busy()">Change password</button>
        </form>
      </div>
    </div>
  `,
})
export class ChangePasswordPage {
  readonly returnTo = input<string>();

  private readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly required = this.session.passwordChangeRequired;
  protected readonly errors = signal<{ field: Field; message: string }[]>([]);
  protected readonly problem = signal<string | undefined>(undefined);
  protected readonly busy = signal(false);
  protected readonly summary = computed<SummaryError[]>(() => [
    ...this.errors().map((e) => ({ message: e.message, targetId: e.field })),
    ...(this.problem() ? [{ message: this.problem() as string }] : []),
  ]);
  private readonly currentEl =
    viewChild.required<ElementRef<HTMLInputElement>>('current');
  private readonly nextEl =
    viewChild.required<ElementRef<HTMLInputElement>>('next');

  protected errorFor(field: Field): string | undefined {
    return this.errors().find((e) => e.field === field)?.message;
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const currentPassword = this.currentEl().nativeElement.value;
    const newPassword = this.nextEl().nativeElement.value;
    const errors: { field: Field; message: string }[] = [];
    if (!currentPassword)
      errors.push({
        field: 'currentPassword',
        message: 'Enter the password you signed in with',
      });
    if (!newPassword)
      errors.push({ field: 'newPassword', message: 'Enter a new password' });
    this.problem.set(undefined);
    this.errors.set(errors);
    if (errors.length) return;

    this.busy.set(true);
    const refused = await this.session.changePassword(
      currentPassword,
      newPassword,
    );
    this.busy.set(false);
    if (refused === undefined) {
      await this.router.navigateByUrl(
        safeReturn(this.returnTo()) ?? homeFor(this.session.user()?.role),
      );
      return;
    }
    if (typeof refused === 'object' && refused.errors?.length) {
      this.errors.set(
        refused.errors
          .filter(
            (e): e is { field: Field; message: string } =>
              e.field === 'currentPassword' || e.field === 'newPassword',
          )
          .map((e) => ({
            field: e.field,
            message: sentence(e.field, e.message),
          })),
      );
      if (refused.errors.some((e) => e.field === 'currentPassword'))
        this.currentEl().nativeElement.value = '';
      return;
    }
    const status = typeof refused === 'number' ? refused : refused.status;
    this.problem.set(
      status === 429
        ? 'Too many attempts. Wait a minute, then try again'
        : typeof refused === 'object' && status === 409
          ? refused.detail
          : SERVICE_PROBLEM,
    );
  }
}

/** The API names the field by its name; a person reads it in words. */
function sentence(field: Field, message: string): string {
  const words =
    field === 'currentPassword'
      ? 'The password you entered as your current one'
      : 'Your new password';
  if (message.startsWith('currentPassword is not your current password'))
    return 'The current password is not right';
  return message.replace(new RegExp(`^${field}\\b`), words);
}
