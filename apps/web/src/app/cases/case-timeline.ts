import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { HistoryEventView } from '@send/contracts';
import { LondonDateTimePipe, LongDatePipe } from '../shared/date-pipes';
import { roleLabel } from '../shared/labels';

/** A case's history as an MoJ timeline, newest first. */
@Component({
  selector: 'app-case-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LondonDateTimePipe, LongDatePipe],
  template: `
    @if (newestFirst().length) {
      <div class="moj-timeline">
        @for (event of newestFirst(); track event.id) {
          <div class="moj-timeline__item">
            <div class="moj-timeline__header">
              <h3 class="moj-timeline__title">{{ event.summary }}</h3>{{ ' ' }}<p class="moj-timeline__byline">by {{ event.actorName }} ({{ role(event.actorRole) }})</p>
            </div>
            <p class="moj-timeline__date">
              Recorded <time [attr.datetime]="event.recordedAt">{{ event.recordedAt | londonDateTime }}</time>
            </p>
            <div class="moj-timeline__description">
              <p class="govuk-body govuk-!-margin-bottom-1">
                Happened on <time [attr.datetime]="event.businessDate">{{ event.businessDate | longDate }}</time>
              </p>
              @if (event.reason) {
                <p class="govuk-body govuk-!-margin-bottom-1 app-pre-line">Reason: {{ event.reason }}</p>
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

  protected readonly newestFirst = computed(() =>
    [...this.events()].sort((a, b) => b.sequence - a.sequence),
  );
  protected readonly role = roleLabel;
}
