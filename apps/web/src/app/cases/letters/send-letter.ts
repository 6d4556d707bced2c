import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { CaseDetail, SendLetterRequest } from '@send/contracts';
import { firstValueFrom } from 'rxjs';
import { CaseStore } from '../case-store';
import { letterProblemOf } from './letter-problem';

/**
 * Sending a letter that has been issued: by email through the council's mail server (the PDF
 * attached), or marked as sent by post. Either way the sending is recorded on the case
 * (`letter.sent`), by email only once the mail server took the message.
 */
@Component({
  selector: 'app-send-letter',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  template: `
    @if (sent(); as how) {
      <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="letter-sent-title">
        <div class="govuk-notification-banner__header">
          <h2 class="govuk-notification-banner__title" id="letter-sent-title">Success</h2>
        </div>
        <div class="govuk-notification-banner__content">
          <p class="govuk-notification-banner__heading">{{ how }}</p>
        </div>
      </div>
    } @else {
      <h2 class="govuk-heading-m">Send the letter</h2>
      @if (problem()) {
        <p class="govuk-error-message" role="alert"><span class="govuk-visually-hidden">Error:</span> {{ problem() }}</p>
      }
      <div class="govuk-form-group">
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">How is the letter sent?</legend>
          <div class="govuk-radios" data-module="govuk-radios">
            <div class="govuk-radios__item">
              <input class="govuk-radios__input" id="send-how-email" name="send-how" type="radio" value="email" [(ngModel)]="how" />
              <label class="govuk-label govuk-radios__label" for="send-how-email">By email, with the PDF attached</label>
            </div>
            @if (how === 'email') {
              <div class="govuk-radios__conditional">
                <div class="govuk-form-group">
                  <label class="govuk-label" for="send-email">Email address</label>
                  <input class="govuk-input govuk-!-width-two-thirds" id="send-email" name="send-email" type="email" autocomplete="email" spellcheck="false" [(ngModel)]="email" />
                </div>
              </div>
            }
            <div class="govuk-radios__item">
              <input class="govuk-radios__input" id="send-how-post" name="send-how" type="radio" value="post" [(ngModel)]="how" />
              <label class="govuk-label govuk-radios__label" for="send-how-post">By post (I have posted it, or will today)</label>
            </div>
          </div>
        </fieldset>
      </div>
      <button type="button" class="govuk-button" [attr.aria-disabled]="busy() || null" (click)="send()">
        {{ how === 'post' ? 'Record that it was posted' : 'Send the letter' }}
      </button>
      @if (busy()) {
        <p class="govuk-body" role="status">Sending…</p>
      }
    }
  `,
})
export class SendLetter {
  readonly letterId = input.required<string>();
  private readonly store = inject(CaseStore);
  private readonly http = inject(HttpClient);
  protected how: SendLetterRequest['how'] = 'email';
  protected email = '';
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | undefined>(undefined);
  protected readonly sent = signal<string | undefined>(undefined);

  protected async send(): Promise<void> {
    const detail = this.store.current();
    if (!detail || this.busy()) return;
    const body: SendLetterRequest = {
      expectedVersion: detail.version,
      how: this.how,
      ...(this.how === 'email' ? { email: this.email.trim() } : {}),
    };
    this.problem.set(undefined);
    this.busy.set(true);
    try {
      const after = await firstValueFrom(
        this.http.post<CaseDetail>(
          `/api/cases/${detail.id}/letters/${this.letterId()}/sent`,
          body,
        ),
      );
      this.store.saved(after);
      this.sent.set(
        this.how === 'post'
          ? 'The letter is recorded as sent by post'
          : `The letter was sent to ${body.email}`,
      );
    } catch (error) {
      this.problem.set(letterProblemOf(error));
    } finally {
      this.busy.set(false);
    }
  }
}
