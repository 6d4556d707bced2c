import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  type DocumentView,
  type HistoryEventView,
  NOTE_KIND_LABELS,
} from '@send/contracts';
import { type CaseEvent, letterKindOf } from '@send/domain';
import { LondonDateTimePipe, LongDatePipe } from '../shared/date-pipes';
import { roleLabel } from '../shared/labels';

/**
 * A case's history as an MoJ timeline, newest first: what happened and when, who recorded it and
 * when. A correction points to the entry it corrects, and a corrected entry to its corrections.
 */
@Component({
  selector: 'app-case-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LondonDateTimePipe, LongDatePipe],
  template: `
    @if (shown().length) {
      <div class="moj-timeline">
        @for (event of shown(); track event.id) {
          <div class="moj-timeline__item" [id]="'entry-' + event.sequence" tabindex="-1">
            <div class="moj-timeline__header">
              @if (entryLevel() === 4) {
                <h4 class="moj-timeline__title">{{ titleOf(event) }}</h4>
              } @else {
                <h3 class="moj-timeline__title">{{ titleOf(event) }}</h3>
              }
              {{ ' ' }}<p class="moj-timeline__byline">by {{ event.actorName }} ({{ role(event.actorRole) }})</p>
            </div>
            <p class="moj-timeline__date">
              Recorded <time [attr.datetime]="event.recordedAt">{{ event.recordedAt | londonDateTime }}</time>
            </p>
            <div class="moj-timeline__description">
              <p class="govuk-body govuk-!-margin-bottom-1">
                Entry {{ event.sequence }}. Happened on <time [attr.datetime]="event.businessDate">{{ event.businessDate | longDate }}</time>
              </p>
              @if (correctsOf(event); as target) {
                <p class="govuk-body govuk-!-margin-bottom-1">
                  Corrects
                  <a class="govuk-link" [routerLink]="historyLink()" [fragment]="'entry-' + target">entry {{ target }}</a>
                </p>
              }
              @if (correctedBy()[event.sequence]; as corrections) {
                <p class="govuk-body govuk-!-margin-bottom-1">
                  <strong class="govuk-tag govuk-tag--grey">Corrected</strong>&ngsp;by
                  @for (c of corrections; track c; let last = $last) {
                    <a class="govuk-link" [routerLink]="historyLink()" [fragment]="'entry-' + c">entry {{ c }}</a>{{ last ? '' : ', ' }}
                  }
                </p>
              }
              @if (noteOf(event); as note) {
                <p class="govuk-body govuk-!-margin-bottom-1 app-pre-line app-note-text">{{ note }}</p>
              }
              @if (documentsOf()[event.sequence]; as docs) {
                <ul class="govuk-list govuk-!-margin-bottom-1" [attr.aria-label]="'Documents for entry ' + event.sequence">
                  @for (d of docs; track d.id) {
                    <li><a class="govuk-link app-break-words" [href]="downloadUrl(d.id)" download>{{ d.filename }}</a></li>
                  }
                </ul>
              }
              @if (event.reason) {
                <p class="govuk-body govuk-!-margin-bottom-1 app-pre-line">Reason: {{ event.reason }}</p>
              }
              @if (canMakeLetters() && hasLetter(event)) {
                <p class="govuk-body govuk-!-margin-bottom-1 app-no-print">
                  <a class="govuk-link" [routerLink]="['/cases', caseId(), 'letters', 'entry', event.sequence]"
                    >Make the letter<span class="govuk-visually-hidden"> of entry {{ event.sequence }}</span></a
                  >
                </p>
              }
            </div>
          </div>
        }
      </div>
    } @else {
      <p class="govuk-body">Nothing has been recorded on this case yet.</p>
    }
  `,
})
export class CaseTimeline {
  /** Events in sequence order, as the API returns them. */
  readonly events = input.required<readonly HistoryEventView[]>();
  /** Show only the newest this many (all when unset). */
  readonly limit = input<number>();
  /** The case's history page: links between corrections and what they correct go to its entries. */
  readonly historyLink = input.required<string[]>();

  /** The case's documents: each is listed under the entry it evidences. */
  readonly documents = input<readonly DocumentView[]>([]);
  readonly caseId = input<string>();
  /** Whether to offer "Make the letter" on the entries that have one (people who record on cases). */
  readonly canMakeLetters = input(false);
  /** The level of each entry's heading: 3 under the page's h2, 4 under a decision's h3 (the history). */
  readonly entryLevel = input<3 | 4>(3);

  protected readonly role = roleLabel;

  protected readonly documentsOf = computed(() => {
    const by: Record<number, DocumentView[]> = {};
    for (const d of this.documents()) (by[d.eventSequence] ??= []).push(d);
    return by;
  });

  /** A note's heading is its kind; its text, which may be long, follows as a paragraph. */
  protected titleOf(event: HistoryEventView): string {
    const kind = event.payload['kind'];
    return event.type === 'note.recorded' && typeof kind === 'string'
      ? `Note: ${(NOTE_KIND_LABELS as Record<string, string>)[kind]?.toLowerCase() ?? kind}`
      : event.summary;
  }

  protected noteOf(event: HistoryEventView): string | undefined {
    const text = event.payload['text'];
    return event.type === 'note.recorded' && typeof text === 'string'
      ? text
      : undefined;
  }

  /** Whether the entry is one a letter is made for (the domain's `letterKindOf`). */
  protected hasLetter(event: HistoryEventView): boolean {
    return (
      letterKindOf({ type: event.type, ...event.payload } as CaseEvent) !==
      undefined
    );
  }

  protected downloadUrl(documentId: string): string {
    return `/api/cases/${encodeURIComponent(this.caseId() ?? '')}/documents/${encodeURIComponent(documentId)}`;
  }

  protected readonly shown = computed(() => {
    const newestFirst = [...this.events()].sort(
      (a, b) => b.sequence - a.sequence,
    );
    const limit = this.limit();
    return limit === undefined ? newestFirst : newestFirst.slice(0, limit);
  });

  /** For each corrected entry, the entries that correct it. */
  protected readonly correctedBy = computed(() => {
    const by: Record<number, number[]> = {};
    for (const e of this.events()) {
      const target = this.correctsOf(e);
      if (target !== undefined) (by[target] ??= []).push(e.sequence);
    }
    return by;
  });

  protected correctsOf(event: HistoryEventView): number | undefined {
    const target =
      event.type === 'event.corrected'
        ? event.payload['correctsSequence']
        : undefined;
    return typeof target === 'number' ? target : undefined;
  }
}
