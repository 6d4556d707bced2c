import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { HistoryEventView } from '@send/contracts';
import { LondonDateTimePipe } from '../../shared/date-pipes';
import { roleLabel } from '../../shared/labels';

/** Entries someone else added to the case since a form was opened: what changed, by whom, when. */
@Component({
  selector: 'app-case-changes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LondonDateTimePipe],
  template: `
    @if (events().length) {
      <ul class="govuk-list govuk-list--bullet">
        @for (event of events(); track event.id) {
          <li>
            {{ event.summary }}
            <span class="app-secondary-text"
              >{{ event.actorName }} ({{ role(event.actorRole) }}), recorded {{ event.recordedAt | londonDateTime }}</span
            >
          </li>
        }
      </ul>
    } @else {
      <p class="govuk-body">The history shows no new entries yet. Go back to the case to see how it stands now.</p>
    }
  `,
})
export class CaseChanges {
  readonly events = input.required<readonly HistoryEventView[]>();
  protected readonly role = roleLabel;
}
