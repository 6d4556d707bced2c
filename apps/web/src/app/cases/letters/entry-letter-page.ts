import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type {
  IssuedLetter,
  LetterPreview,
  LetterRequest,
} from '@send/contracts';
import { type CaseEvent, LETTER_KIND_LABELS, letterKindOf } from '@send/domain';
import { firstValueFrom } from 'rxjs';
import { LongDatePipe } from '../../shared/date-pipes';
import { CaseStore } from '../case-store';
import { letterProblemOf } from './letter-problem';
import { SendLetter } from './send-letter';

/**
 * The letter of an entry recorded earlier (issue 15: "a letter can also be generated for an entry
 * recorded earlier"): the response to the Tribunal's recommendations, the notice of a concession,
 * mediation arranged, compliance with an order, or a decision's notice. The caseworker sees the
 * letter as it will be sent, issues it (stored with the entry as Word and PDF, their SHA-256 in the
 * history), and sends it by email or records it as posted. The letter's date is the entry's date.
 */
@Component({
  selector: 'app-entry-letter-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LongDatePipe, SendLetter],
  template: `
    @if (store.current(); as detail) {
      <a class="govuk-back-link" [routerLink]="['/cases', detail.id, 'history']" [fragment]="'entry-' + sequence()">Back to the history</a>
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
          @if (!store.history.hasValue()) {
            <p class="govuk-body" role="status">Loading the entry…</p>
          } @else if (!entry()) {
            <h1 class="govuk-heading-l">Entry not found</h1>
            <p class="govuk-body">This case has no entry {{ sequence() }}.</p>
          } @else if (!kind()) {
            <h1 class="govuk-heading-l">No letter for this entry</h1>
            <p class="govuk-body">
              Letters are made for a decision, a response to the Tribunal’s recommendations, a concession, mediation arranged and compliance with an order.
            </p>
          } @else if (issued(); as letter) {
            <div class="govuk-panel govuk-panel--confirmation">
              <h1 class="govuk-panel__title">Letter issued</h1>
              <div class="govuk-panel__body">Stored with entry {{ letter.eventSequence }}</div>
            </div>
            <p class="govuk-body">The letter is stored with the entry, with its fingerprint (SHA-256) in the case history.</p>
            <ul class="govuk-list">
              <li><a class="govuk-link" [href]="documentUrl(detail.id, letter.pdfDocumentId)">Download the letter (PDF)</a></li>
              <li><a class="govuk-link" [href]="documentUrl(detail.id, letter.docxDocumentId)">Download the letter (Word)</a></li>
            </ul>
            <app-send-letter [letterId]="letter.letterId" />
            <p class="govuk-body"><a class="govuk-link" [routerLink]="['/cases', detail.id, 'history']">Back to the history</a></p>
          } @else {
            <span class="govuk-caption-l">{{ detail.childName }}</span>
            <h1 class="govuk-heading-l">{{ title() }}</h1>
            <p class="govuk-body">
              For entry {{ entry()!.sequence }}: {{ entry()!.summary }}. The letter is dated
              {{ entry()!.businessDate | longDate }}, the day of the entry, and says what the record says.
            </p>
            @if (preview(); as p) {
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
export class EntryLetterPage {
  /** The entry's place in the history (route parameter). */
  readonly sequence = input.required<string>();
  protected readonly store = inject(CaseStore);
  private readonly http = inject(HttpClient);
  protected readonly preview = signal<LetterPreview | undefined>(undefined);
  protected readonly issued = signal<IssuedLetter | undefined>(undefined);
  protected readonly problem = signal<string | undefined>(undefined);
  protected readonly busy = signal<string | undefined>(undefined);

  protected readonly entry = computed(() =>
    this.store.history.hasValue()
      ? this.store.history
          .value()
          .find((e) => e.sequence === Number(this.sequence()))
      : undefined,
  );

  /** The letter this entry is issued with, by the domain's rule (`letterKindOf`). */
  protected readonly kind = computed(() => {
    const e = this.entry();
    return e
      ? letterKindOf({ type: e.type, ...e.payload } as CaseEvent)
      : undefined;
  });

  protected readonly title = computed(() => {
    const kind = this.kind();
    return kind ? `Make the letter: ${LETTER_KIND_LABELS[kind]}` : '';
  });

  constructor() {
    // The preview, once the entry and its kind are known (and again if they change).
    effect(() => {
      const kind = this.kind();
      const sequence = this.entry()?.sequence;
      if (kind && sequence !== undefined)
        untracked(() => void this.showPreview());
    });
  }

  protected documentUrl(caseId: string, documentId: string): string {
    return `/api/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(documentId)}`;
  }

  private request(): LetterRequest | undefined {
    const detail = this.store.current();
    const kind = this.kind();
    const entry = this.entry();
    if (!detail || !kind || !entry) return undefined;
    return {
      kind,
      expectedVersion: detail.version,
      eventSequence: entry.sequence,
    };
  }

  private async showPreview(): Promise<void> {
    const body = this.request();
    if (!body) return;
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
