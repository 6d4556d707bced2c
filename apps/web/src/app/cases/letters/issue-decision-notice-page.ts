import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  DECISION_TYPES,
  type DecisionType,
  type IssuedLetter,
  type LetterPreview,
  type LetterRequest,
} from '@send/contracts';
import { DECISION_TYPE_LABELS } from '@send/domain';
import { firstValueFrom } from 'rxjs';
import { LongDatePipe } from '../../shared/date-pipes';
import { CaseStore } from '../case-store';
import { letterProblemOf } from './letter-problem';
import { SendLetter } from './send-letter';

/**
 * "Issue the letter" for a decision (issue = record): the caseworker gives the decision, sees the
 * notice as it will be sent and the deadlines it opens for the family, then issues it. Issuing
 * records the decision and stores the letter (Word and PDF) as documents of it.
 */
@Component({
  selector: 'app-issue-decision-notice-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, LongDatePipe, SendLetter],
  template: `
    @if (store.current(); as detail) {
      <a class="govuk-back-link" [routerLink]="['/cases', detail.id]">Back to the case</a>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          @if (problem()) {
            <div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1">
              <div role="alert">
                <h2 class="govuk-error-summary__title">There is a problem</h2>
                <div class="govuk-error-summary__body"><p class="govuk-body">{{ problem() }}</p></div>
              </div>
            </div>
          }
          @if (issued(); as letter) {
            <div class="govuk-panel govuk-panel--confirmation">
              <h1 class="govuk-panel__title">Letter issued</h1>
              <div class="govuk-panel__body">The decision is recorded as entry {{ letter.eventSequence }}</div>
            </div>
            <p class="govuk-body">The letter is stored with the entry, with its fingerprint (SHA-256) in the case history.</p>
            <ul class="govuk-list">
              <li><a class="govuk-link" [href]="'/api/cases/' + detail.id + '/documents/' + letter.pdfDocumentId">Download the letter (PDF)</a></li>
              <li><a class="govuk-link" [href]="'/api/cases/' + detail.id + '/documents/' + letter.docxDocumentId">Download the letter (Word)</a></li>
            </ul>
            <app-send-letter [letterId]="letter.letterId" />
            <p class="govuk-body"><a class="govuk-link" [routerLink]="['/cases', detail.id]">Back to the case</a></p>
          } @else {
            <span class="govuk-caption-l">{{ detail.childName }}</span>
            <h1 class="govuk-heading-l">Issue the notice of a decision</h1>
            <p class="govuk-body">Issuing the letter records the decision on the case. The letter says what the record says.</p>
            <div class="govuk-form-group">
              <label class="govuk-label" for="decision-type">Decision</label>
              <select class="govuk-select" id="decision-type" name="type" [(ngModel)]="type">
                @for (t of types; track t) {
                  <option [value]="t">{{ labels[t] }}</option>
                }
              </select>
            </div>
            <div class="govuk-form-group">
              <label class="govuk-label" for="decision-date">Date of the decision</label>
              <div class="govuk-hint" id="decision-date-hint">For example, 2026-01-05</div>
              <input class="govuk-input govuk-input--width-10" id="decision-date" name="decisionDate" type="text"
                     aria-describedby="decision-date-hint" [(ngModel)]="decisionDate" />
            </div>
            <div class="govuk-form-group">
              <label class="govuk-label" for="letter-date">Date of the letter</label>
              <div class="govuk-hint" id="letter-date-hint">The day it is sent to the family. The family’s time limits count from it.</div>
              <input class="govuk-input govuk-input--width-10" id="letter-date" name="letterSent" type="text"
                     aria-describedby="letter-date-hint" [(ngModel)]="letterSent" />
            </div>
            <div class="govuk-button-group">
              <button type="button" class="govuk-button govuk-button--secondary" (click)="showPreview()">Preview the letter</button>
            </div>
            @if (preview(); as p) {
              <h2 class="govuk-heading-m">The deadlines this letter opens</h2>
              <dl class="govuk-summary-list">
                @for (d of p.deadlines; track $index) {
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{{ d.title }}</dt>
                    <dd class="govuk-summary-list__value">{{ d.dueOn | longDate }}<br /><span class="govuk-hint">{{ d.explanation }}</span></dd>
                  </div>
                }
              </dl>
              @if (p.missingParts.length) {
                <div class="govuk-warning-text">
                  <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
                  <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">Warning</span>
                    This letter cannot be issued: the template does not contain
                    @for (m of p.missingParts; track m.id) { {{ m.name }} ({{ m.law }}){{ $last ? '.' : ';' }} }
                  </strong>
                </div>
              }
              <h2 class="govuk-heading-m">The letter</h2>
              <div class="app-letter-preview" data-testid="letter-preview" [innerHTML]="p.html"></div>
              @if (!p.missingParts.length) {
                <div class="govuk-button-group govuk-!-margin-top-6">
                  <button type="button" class="govuk-button" [attr.aria-disabled]="busy() || null" (click)="issue()">Issue the letter</button>
                </div>
              }
            }
            @if (busy()) {
              <p class="govuk-body" role="status">{{ busy() }}</p>
            }
          }
        </div>
      </div>
    } @else {
      <p class="govuk-body" role="status">Loading the case…</p>
    }
  `,
})
export class IssueDecisionNoticePage {
  protected readonly store = inject(CaseStore);
  private readonly http = inject(HttpClient);
  protected readonly types = DECISION_TYPES;
  protected readonly labels = DECISION_TYPE_LABELS;
  protected type: DecisionType = 'refuse_assessment';
  protected decisionDate = '';
  protected letterSent = '';
  protected readonly preview = signal<LetterPreview | undefined>(undefined);
  protected readonly issued = signal<IssuedLetter | undefined>(undefined);
  protected readonly problem = signal<string | undefined>(undefined);
  protected readonly busy = signal<string | undefined>(undefined);

  private request(): LetterRequest | undefined {
    const detail = this.store.current();
    if (!detail) return undefined;
    return {
      kind: 'decision_notice',
      expectedVersion: detail.version,
      decision: {
        type: this.type,
        decisionDate: this.decisionDate.trim(),
        letterSent: this.letterSent.trim(),
      },
    };
  }

  protected async showPreview(): Promise<void> {
    const body = this.request();
    if (!body || this.busy()) return;
    this.problem.set(undefined);
    this.busy.set('Making the letter…');
    try {
      this.preview.set(
        await firstValueFrom(
          this.http.post<LetterPreview>(
            `/api/cases/${this.store.caseId()}/letters/preview`,
            body,
          ),
        ),
      );
    } catch (error) {
      this.preview.set(undefined);
      this.problem.set(letterProblemOf(error));
    } finally {
      this.busy.set(undefined);
    }
  }

  protected async issue(): Promise<void> {
    const body = this.request();
    if (!body || this.busy()) return;
    this.problem.set(undefined);
    this.busy.set('Issuing the letter…');
    try {
      const letter = await firstValueFrom(
        this.http.post<IssuedLetter>(
          `/api/cases/${this.store.caseId()}/letters`,
          body,
        ),
      );
      this.store.saved(letter.case);
      this.issued.set(letter);
    } catch (error) {
      this.problem.set(letterProblemOf(error));
    } finally {
      this.busy.set(undefined);
    }
  }
}
