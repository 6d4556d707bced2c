import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { HistoryEventView } from '@send/contracts';
import { LondonDateTimePipe } from '../../shared/date-pipes';
import { roleLabel } from '../../shared/labels';

/**
 * "This case changed since you opened it": a GOV.UK important banner (focused by its page, id
 * `conflict-banner`) with the entries added meanwhile (by a colleague, or in another window), what, by whom and when. What to do
 * next is the page's own (projected).
 */
@Component({
  selector: 'app-conflict-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LondonDateTimePipe],
  template: `
    <div class="govuk-notification-banner" role="region" aria-labelledby="conflict-title" tabindex="-1" id="conflict-banner">
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="conflict-title">Important</h2>
      </div>
      <div class="govuk-notification-banner__content">
        <h3 class="govuk-notification-banner__heading">{{ heading() }}</h3>
        @if (events().length) {
          <p class="govuk-body">Recorded on the case since you opened it:</p>
          <ul class="govuk-list govuk-list--bullet">
            @for (event of events(); track event.id) {
              <li>
                {{ event.summary }}
                <span class="app-secondary-text">{{ event.actorName }} ({{ role(event.actorRole) }}), recorded {{ event.recordedAt | londonDateTime }}</span>
              </li>
            }
          </ul>
        } @else {
          <p class="govuk-body">The history shows no new entries yet. Go back to the case to see how it stands now.</p>
        }
        <ng-content />
      </div>
    </div>
  `,
})
export class ConflictBanner {
  readonly heading = input.required<string>();
  readonly events = input.required<readonly HistoryEventView[]>();
  protected readonly role = roleLabel;
}
