import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { Session } from './session';

/** How long before the session ends the warning opens. */
const WARN_BEFORE_MS = 2 * 60_000;
/** How often the hidden live region says how long is left (the visible countdown changes every second). */
const ANNOUNCE_EVERY_S = 20;

/** "2 minutes", "1 minute 5 seconds", "45 seconds". */
export function countdownText(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  const minutes = m === 1 ? '1 minute' : `${m} minutes`;
  const secs = s === 1 ? '1 second' : `${s} seconds`;
  if (m === 0) return secs;
  return s === 0 ? minutes : `${minutes} ${secs}`;
}

/**
 * The MoJ / GOV.UK timeout warning: a modal dialog (native <dialog>) two minutes before the
 * session ends, with a countdown, "Stay signed in" (which asks the server for the session, and so
 * keeps it alive) and "Sign out". At the end it signs out and says why on the sign-in page;
 * nothing typed into a form is lost meanwhile (drafts stay in memory, and the sign-in page brings
 * the person back). When the session reaches its absolute limit, staying is not possible: the
 * dialog says so.
 */
@Component({
  selector: 'app-timeout-warning',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog class="app-timeout-dialog" aria-labelledby="timeout-title" aria-describedby="timeout-message" #dialog (cancel)="cancelled($event)">
      <h2 class="govuk-heading-m" id="timeout-title">{{ absolute() ? 'Your session is about to end' : 'You’re about to be signed out' }}</h2>
      <div id="timeout-message">
        @if (absolute()) {
          <p class="govuk-body">
            You can stay signed in for 10 hours at most. We will sign you out in
            <strong aria-hidden="true">{{ visible() }}</strong><span class="govuk-visually-hidden">{{ announced() }}</span>.
            Save what you are doing, then sign in again.
          </p>
        } @else {
          <p class="govuk-body">
            For your security, we will sign you out in
            <strong aria-hidden="true">{{ visible() }}</strong><span class="govuk-visually-hidden">{{ announced() }}</span>.
          </p>
          <p class="govuk-body">Anything you have typed but not saved is kept.</p>
        }
      </div>
      <p class="govuk-visually-hidden" aria-live="polite" aria-atomic="true">{{ liveText() }}</p>
      <div class="govuk-button-group govuk-!-margin-bottom-0">
        @if (absolute()) {
          <button type="button" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button" (click)="close()">Continue</button>
        } @else {
          <button type="button" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button" [attr.aria-disabled]="busy() || null" (click)="stay()">
            Stay signed in
          </button>
        }
        <a class="govuk-link" href="/sign-in" (click)="signOut($event)">Sign out</a>
      </div>
    </dialog>
  `,
})
export class TimeoutWarning {
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly dialog =
    viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  /** The time, ticking each second only while the warning is open. */
  private readonly now = signal(Date.now());
  private readonly open = signal(false);
  protected readonly busy = signal(false);
  /** The absolute end of the session the person chose to continue up to (no warning again for it). */
  private dismissedAbsolute: number | undefined;
  private warnTimer: ReturnType<typeof setTimeout> | undefined;
  private tick: ReturnType<typeof setInterval> | undefined;

  /** Which end comes first, and when. */
  private readonly end = computed(() => {
    const d = this.session.deadlines();
    if (!d) return undefined;
    return d.absolute <= d.idle
      ? { at: d.absolute, absolute: true }
      : { at: d.idle, absolute: false };
  });
  protected readonly absolute = computed(() => this.end()?.absolute ?? false);
  private readonly remaining = computed(() =>
    Math.max(0, (this.end()?.at ?? 0) - this.now()),
  );
  protected readonly visible = computed(() => countdownText(this.remaining()));
  /** The same for screen readers, in steps, so that they are not told every second. */
  protected readonly announced = computed(() => {
    const seconds = Math.ceil(this.remaining() / 1000);
    return countdownText(
      Math.ceil(seconds / ANNOUNCE_EVERY_S) * ANNOUNCE_EVERY_S * 1000,
    );
  });
  protected readonly liveText = computed(() =>
    this.open() ? `We will sign you out in ${this.announced()}.` : '',
  );

  constructor() {
    // (Re)plan the warning whenever the session's end moves (each request moves it on).
    effect(() => {
      const end = this.end();
      untracked(() => this.plan(end));
    });
    inject(DestroyRef).onDestroy(() => {
      clearTimeout(this.warnTimer);
      clearInterval(this.tick);
    });
  }

  protected async stay(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    const alive = await firstValueFrom(this.session.load());
    this.busy.set(false);
    if (alive) this.hide();
    else await this.timedOut();
  }

  protected close(): void {
    this.dismissedAbsolute = this.end()?.at;
    this.hide();
  }

  /** Escape on the dialog: the same as staying signed in (or continuing), never a sign-out. */
  protected cancelled(event: Event): void {
    event.preventDefault();
    if (this.absolute()) this.close();
    else void this.stay();
  }

  protected async signOut(event: Event): Promise<void> {
    event.preventDefault();
    this.hide();
    await this.session.signOut().catch(() => undefined);
    await this.router.navigate(['/sign-in']);
  }

  private plan(end: { at: number; absolute: boolean } | undefined): void {
    clearTimeout(this.warnTimer);
    if (!end || (end.absolute && this.dismissedAbsolute === end.at)) {
      this.hide();
      return;
    }
    const wait = end.at - WARN_BEFORE_MS - Date.now();
    if (wait <= 0) {
      this.show();
      return;
    }
    this.hide();
    this.warnTimer = setTimeout(() => this.show(), wait);
  }

  private show(): void {
    if (!this.open()) {
      this.open.set(true);
      const dialog = this.dialog().nativeElement;
      if (!dialog.open) dialog.showModal?.();
    }
    this.now.set(Date.now());
    clearInterval(this.tick);
    this.tick = setInterval(() => {
      this.now.set(Date.now());
      if (this.remaining() <= 0) void this.timedOut();
    }, 1000);
  }

  private hide(): void {
    clearInterval(this.tick);
    this.tick = undefined;
    if (!this.open()) return;
    this.open.set(false);
    const dialog = this.dialog().nativeElement;
    if (dialog.open) dialog.close?.();
  }

  /**
   * The session has ended on the server: forget it here too (asking the server to end it would
   * only meet a 401), and come back to this page after signing in.
   */
  private async timedOut(): Promise<void> {
    this.hide();
    const returnTo = this.router.url.startsWith('/sign-in')
      ? undefined
      : this.router.url;
    this.session.clear();
    await this.router.navigate(['/sign-in'], {
      queryParams: { reason: 'timeout', ...(returnTo ? { returnTo } : {}) },
    });
  }
}
