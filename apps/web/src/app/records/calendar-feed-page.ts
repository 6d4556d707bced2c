import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import type { CalendarFeedIssued } from '@send/contracts';
import { SERVICE_PROBLEM } from '../shared/problem';

/**
 * Subscribe to your open deadlines in Outlook or Google Calendar: a private feed URL, shown once
 * (only its hash is kept), and a way to stop it working.
 */
@Component({
  selector: 'app-calendar-feed-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <h1 class="govuk-heading-l">Your deadlines in your calendar</h1>
        <p class="govuk-body">
          Your calendar can show the open deadlines of your cases as all-day events, kept up to date. It uses a private web address:
          anyone who has it can see your deadlines, so do not share it.
        </p>
        @if (revoked()) {
          <div class="govuk-inset-text" role="status">Your calendar feed has been turned off. Calendars that used it will stop updating.</div>
        }
        @if (url(); as feed) {
          <div class="govuk-panel govuk-panel--confirmation app-feed-panel">
            <h2 class="govuk-panel__title govuk-!-font-size-27">Your calendar feed address</h2>
            <div class="govuk-panel__body govuk-!-font-size-19">
              <code class="app-feed-url" data-testid="feed-url">{{ feed }}</code>
            </div>
          </div>
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">Warning</span>
              Copy this address now: it is shown only once. Getting a new address stops this one working.
            </strong>
          </div>
        }
        @if (failed()) {
          <p class="govuk-error-message" role="alert"><span class="govuk-visually-hidden">Error:</span> {{ serviceProblem }}</p>
        }
        <div class="govuk-button-group">
          <button type="button" class="govuk-button" data-module="govuk-button" (click)="issue()" [disabled]="busy()">
            {{ url() ? 'Get a new address' : 'Get my calendar feed address' }}
          </button>
          <button type="button" class="govuk-button govuk-button--warning" data-module="govuk-button" (click)="revoke()" [disabled]="busy()">
            Turn off my calendar feed
          </button>
        </div>

        <h2 class="govuk-heading-m">Add it to Outlook</h2>
        <ol class="govuk-list govuk-list--number">
          <li>In Outlook on the web or the new Outlook, go to Calendar and select <strong>Add calendar</strong>.</li>
          <li>Select <strong>Subscribe from web</strong>, paste the address and give the calendar a name such as “SEND deadlines”.</li>
          <li>Select <strong>Import</strong>. Outlook checks the feed for changes every few hours.</li>
        </ol>
        <p class="govuk-body">In classic Outlook for Windows: <strong>Home</strong>, <strong>Add calendar</strong>, <strong>From internet</strong>, then paste the address.</p>

        <h2 class="govuk-heading-m">Add it to Google Calendar</h2>
        <ol class="govuk-list govuk-list--number">
          <li>On a computer, open Google Calendar. Next to <strong>Other calendars</strong>, select <strong>+</strong> then <strong>From URL</strong>.</li>
          <li>Paste the address and select <strong>Add calendar</strong>. Google updates it about every 12 hours.</li>
        </ol>
        <p class="govuk-body">
          Your feed stops working when you turn it off here, get a new address, or when your role or team changes or your password is
          reset.
        </p>
      </div>
    </div>
  `,
})
export class CalendarFeedPage {
  private readonly http = inject(HttpClient);
  protected readonly serviceProblem = SERVICE_PROBLEM;
  protected readonly url = signal<string | undefined>(undefined);
  protected readonly revoked = signal(false);
  protected readonly failed = signal(false);
  protected readonly busy = signal(false);

  protected issue(): void {
    this.start();
    this.http.post<CalendarFeedIssued>('/api/me/calendar-feed', {}).subscribe({
      next: (r) => {
        this.busy.set(false);
        this.url.set(r.url);
      },
      error: () => this.fail(),
    });
  }

  protected revoke(): void {
    this.start();
    this.http.delete<void>('/api/me/calendar-feed').subscribe({
      next: () => {
        this.busy.set(false);
        this.url.set(undefined);
        this.revoked.set(true);
      },
      error: () => this.fail(),
    });
  }

  private start(): void {
    this.busy.set(true);
    this.failed.set(false);
    this.revoked.set(false);
  }

  private fail(): void {
    this.busy.set(false);
    this.failed.set(true);
  }
}
