import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { LetterRequest } from '@send/contracts';
import { type CaseEvent, LETTER_KIND_LABELS, letterKindOf } from '@send/domain';
import { LongDatePipe } from '../../shared/date-pipes';
import { CaseStore } from '../case-store';
import { LetterIssuer } from './letter-issuer';
import { LetterIssued, LetterPreviewView, LetterProblem } from './letter-views';

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
  providers: [LetterIssuer],
  imports: [
    RouterLink,
    LongDatePipe,
    LetterProblem,
    LetterPreviewView,
    LetterIssued,
  ],
  template: `
    @if (store.current(); as detail) {
      <a class="govuk-back-link" [routerLink]="['/cases', detail.id, 'history']" [fragment]="'entry-' + sequence()">Back to the history</a>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <app-letter-problem />
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
          } @else if (letters.issued()) {
            <app-letter-issued body="Stored with entry" />
          } @else {
            <span class="govuk-caption-l">{{ detail.childName }}</span>
            <h1 class="govuk-heading-l">{{ title() }}</h1>
            <p class="govuk-body">
              For entry {{ entry()!.sequence }}: {{ entry()!.summary }}. The letter is dated
              {{ entry()!.businessDate | longDate }}, the day of the entry, and says what the record says.
            </p>
            <app-letter-preview (issue)="letters.issue(request())" />
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
  protected readonly letters = inject(LetterIssuer);

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
        untracked(() => void this.letters.showPreview(this.request()));
    });
  }

  protected request(): LetterRequest | undefined {
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
}
