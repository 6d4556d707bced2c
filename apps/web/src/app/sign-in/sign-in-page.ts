import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { catchError, of } from 'rxjs';
import { Session } from '../core/session';

interface FieldError {
  field: 'email' | 'password';
  message: string;
}

/** A path inside this app only: never an address elsewhere (open redirect). */
const safeReturn = (to: string | undefined) =>
  to && /^\/(?!\/)[^\\]*$/.test(to) && !to.startsWith('/sign-in') ? to : '/';

/** GOV.UK sign-in: email and password, an error summary, and single sign-on when the council has it. */
@Component({
  selector: 'app-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        @if (errors().length || problem()) {
          <div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1" #summary>
            <div role="alert">
              <h2 class="govuk-error-summary__title">There is a problem</h2>
              <div class="govuk-error-summary__body">
                <ul class="govuk-list govuk-error-summary__list">
                  @for (e of errors(); track e.field) {
                    <li><a [href]="'#' + e.field" (click)="focus($event, e.field)">{{ e.message }}</a></li>
                  }
                  @if (problem(); as p) {
                    <li><a href="#email" (click)="focus($event, 'email')">{{ p }}</a></li>
                  }
                </ul>
              </div>
            </div>
          </div>
        }
        <h1 class="govuk-heading-l">Sign in</h1>
        @if (reason() === 'timeout') {
          <div class="govuk-inset-text">
            You were signed out because the service had not been used for a while, or your session reached its time limit. Sign in again
            to go back to where you were: anything you had typed and not saved is still there.
          </div>
        }
        @if (failed() === 'sso') {
          <p class="govuk-body">Single sign-on did not complete. Try again, or sign in with your email address and password.</p>
        }
        <form novalidate (submit)="submit($event)">
          <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('email')">
            <label class="govuk-label" for="email">Email address</label>
            @if (errorFor('email'); as message) {
              <p id="email-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
            }
            <input class="govuk-input" [class.govuk-input--error]="errorFor('email')" id="email" name="email" type="email"
              autocomplete="username" spellcheck="false" #email [attr.aria-describedby]="errorFor('email') ? 'email-error' : null" />
          </div>
          <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('password')">
            <label class="govuk-label" for="password">Password</label>
            @if (errorFor('password'); as message) {
              <p id="password-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
            }
            <input class="govuk-input" [class.govuk-input--error]="errorFor('password')" id="password" name="password"
              type="password" autocomplete="current-password" #password
              [attr.aria-describedby]="errorFor('password') ? 'password-error' : null" />
          </div>
          <button type="submit" class="govuk-button" data-module="govuk-button" [disabled]="busy()">Sign in</button>
        </form>
        @if (options()?.singleSignOn) {
          <p class="govuk-body"><a class="govuk-link" href="/api/auth/oidc/start">Sign in with your council account</a></p>
        }
      </div>
    </div>
  `,
})
export class SignInPage {
  readonly returnTo = input<string>();
  readonly failed = input<string>();
  /** `timeout` when the timeout warning signed the person out. */
  readonly reason = input<string>();

  private readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly options = toSignal(
    this.session.options().pipe(catchError(() => of(undefined))),
  );
  protected readonly errors = signal<FieldError[]>([]);
  protected readonly problem = signal<string | undefined>(undefined);
  protected readonly busy = signal(false);
  private readonly emailEl =
    viewChild.required<ElementRef<HTMLInputElement>>('email');
  private readonly passwordEl =
    viewChild.required<ElementRef<HTMLInputElement>>('password');
  private readonly summaryEl = viewChild<ElementRef<HTMLElement>>('summary');

  protected errorFor(field: FieldError['field']): string | undefined {
    return this.errors().find((e) => e.field === field)?.message;
  }

  protected focus(event: Event, field: string): void {
    event.preventDefault();
    document.getElementById(field)?.focus();
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const email = this.emailEl().nativeElement.value.trim();
    const password = this.passwordEl().nativeElement.value;
    const errors: FieldError[] = [];
    if (!email)
      errors.push({ field: 'email', message: 'Enter your email address' });
    if (!password)
      errors.push({ field: 'password', message: 'Enter your password' });
    this.errors.set(errors);
    this.problem.set(undefined);
    if (errors.length) return this.showSummary();

    this.busy.set(true);
    const status = await this.session.signIn(email, password);
    this.busy.set(false);
    if (status === undefined) {
      await this.router.navigateByUrl(safeReturn(this.returnTo()));
      return;
    }
    this.passwordEl().nativeElement.value = '';
    this.problem.set(
      status === 401
        ? 'Enter a correct email address and password. After 5 wrong attempts in a row an account is locked for 15 minutes'
        : status === 429
          ? 'Too many attempts. Wait a minute, then try again'
          : 'Sign-in is not working at the moment. Try again later',
    );
    this.showSummary();
  }

  private showSummary(): void {
    setTimeout(() => this.summaryEl()?.nativeElement.focus());
  }
}
