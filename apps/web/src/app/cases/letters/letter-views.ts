import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  output,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { LongDatePipe } from '../../shared/date-pipes';
import { CaseStore } from '../case-store';
import { LetterIssuer } from './letter-issuer';
import { SendLetter } from './send-letter';

/** A letter refused, in the API's words, as a GOV.UK error summary. */
@Component({
  selector: 'app-letter-problem',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (letters.problem(); as problem) {
      <div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1">
        <div role="alert">
          <h2 class="govuk-error-summary__title">There is a problem</h2>
          <div class="govuk-error-summary__body"><p class="govuk-body">{{ problem }}</p></div>
        </div>
      </div>
    }
  `,
})
export class LetterProblem {
  protected readonly letters = inject(LetterIssuer);
}

/** The deadlines the previewed letter's entry opens, and those it meets, as the clock counted them. */
@Component({
  selector: 'app-letter-deadlines',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LongDatePipe],
  template: `
    @if (letters.preview(); as p) {
      @for (list of [{ heading: 'The deadlines this letter opens', deadlines: p.deadlines }, { heading: 'The deadlines this letter meets', deadlines: p.met ?? [] }]; track list.heading) {
        @if (list.deadlines.length) {
          <h2 class="govuk-heading-m">{{ list.heading }}</h2>
          <dl class="govuk-summary-list">
            @for (d of list.deadlines; track $index) {
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{{ d.title }}</dt>
                <dd class="govuk-summary-list__value">{{ d.dueOn | longDate }}<br /><span class="govuk-hint">{{ d.explanation }}</span></dd>
              </div>
            }
          </dl>
        }
      }
    }
  `,
})
export class LetterDeadlines {
  protected readonly letters = inject(LetterIssuer);
}

/**
 * The letter as it will be sent: what the template lacks that the law requires (then it cannot be
 * issued), the letter itself, and "Issue the letter".
 */
@Component({
  selector: 'app-letter-preview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (letters.preview(); as p) {
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
          <button type="button" class="govuk-button" [attr.aria-disabled]="letters.busy() || null" (click)="issue.emit()">Issue the letter</button>
        </div>
      }
    }
    @if (letters.busy(); as busy) {
      <p class="govuk-body" role="status">{{ busy }}</p>
    }
  `,
})
export class LetterPreviewView {
  protected readonly letters = inject(LetterIssuer);
  /** "Issue the letter": the page issues it with its own request. */
  readonly issue = output<void>();
}

/** A letter issued: the confirmation, its two files, and sending it. */
@Component({
  selector: 'app-letter-issued',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, SendLetter],
  template: `
    @if (letters.issued(); as letter) {
      @let caseId = store.caseId();
      <div class="govuk-panel govuk-panel--confirmation">
        <h1 class="govuk-panel__title">Letter issued</h1>
        <div class="govuk-panel__body">{{ body() }} {{ letter.eventSequence }}</div>
      </div>
      <p class="govuk-body">The letter is stored with the entry, with its fingerprint (SHA-256) in the case history.</p>
      <ul class="govuk-list">
        <li><a class="govuk-link" [href]="documentUrl(caseId, letter.pdfDocumentId)">Download the letter (PDF)</a></li>
        <li><a class="govuk-link" [href]="documentUrl(caseId, letter.docxDocumentId)">Download the letter (Word)</a></li>
      </ul>
      <app-send-letter [letterId]="letter.letterId" />
      <p class="govuk-body"><a class="govuk-link" [routerLink]="['/cases', caseId]">Back to the case</a></p>
    }
  `,
})
export class LetterIssued {
  protected readonly letters = inject(LetterIssuer);
  protected readonly store = inject(CaseStore);
  /** The panel's words before the entry's number ("The decision is recorded as entry"). */
  readonly body = input.required<string>();

  protected documentUrl(
    caseId: string | undefined,
    documentId: string,
  ): string {
    return `/api/cases/${encodeURIComponent(caseId ?? '')}/documents/${encodeURIComponent(documentId)}`;
  }
}
