import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  DECISION_TYPES,
  type DecisionType,
  type LetterRequest,
} from '@send/contracts';
import { DECISION_TYPE_LABELS } from '@send/domain';
import { LongDatePipe } from '../../shared/date-pipes';
import { CaseStore } from '../case-store';
import { LetterIssuer } from './letter-issuer';
import { LetterIssued, LetterPreviewView, LetterProblem } from './letter-views';

/**
 * "Issue the letter" for a decision (issue = record): the caseworker gives the decision, sees the
 * notice as it will be sent and the deadlines it opens for the family, then issues it. Issuing
 * records the decision and stores the letter (Word and PDF) as documents of it.
 */
@Component({
  selector: 'app-issue-decision-notice-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [LetterIssuer],
  imports: [
    FormsModule,
    RouterLink,
    LongDatePipe,
    LetterProblem,
    LetterPreviewView,
    LetterIssued,
  ],
  template: `
    @if (store.current(); as detail) {
      <a class="govuk-back-link" [routerLink]="['/cases', detail.id]">Back to the case</a>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <app-letter-problem />
          @if (letters.issued()) {
            <app-letter-issued body="The decision is recorded as entry" />
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
              <button type="button" class="govuk-button govuk-button--secondary" (click)="letters.showPreview(request())">Preview the letter</button>
            </div>
            @if (letters.preview(); as p) {
              <h2 class="govuk-heading-m">The deadlines this letter opens</h2>
              <dl class="govuk-summary-list">
                @for (d of p.deadlines; track $index) {
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{{ d.title }}</dt>
                    <dd class="govuk-summary-list__value">{{ d.dueOn | longDate }}<br /><span class="govuk-hint">{{ d.explanation }}</span></dd>
                  </div>
                }
              </dl>
            }
            <app-letter-preview (issue)="letters.issue(request())" />
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
  protected readonly letters = inject(LetterIssuer);
  protected readonly types = DECISION_TYPES;
  protected readonly labels = DECISION_TYPE_LABELS;
  protected type: DecisionType = 'refuse_assessment';
  protected decisionDate = '';
  protected letterSent = '';

  protected request(): LetterRequest | undefined {
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
}
