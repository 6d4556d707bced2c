import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { DeadlineView } from '@send/contracts';
import { DeadlineStatusTag } from '../deadlines/deadline-status-tag';
import { LongDatePipe } from '../shared/date-pipes';
import { responsibleBodyLabel } from '../shared/labels';

/** A case's open deadlines, each with how its date was worked out. */
@Component({
  selector: 'app-case-deadlines',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DeadlineStatusTag, LongDatePipe],
  template: `
    @for (deadline of deadlines(); track deadline.id) {
      <div class="app-case-deadline">
        <h3 class="govuk-heading-s">
          {{ deadline.ruleTitle }}
          @if (deadline.responsibleBody) {
            <span class="app-secondary-text">{{ bodyLabel(deadline.responsibleBody) }}</span>
          }
        </h3>
        <dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2">
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Due date</dt>
            <dd class="govuk-summary-list__value">{{ deadline.dueOn | longDate }}</dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Status</dt>
            <dd class="govuk-summary-list__value">
              <app-deadline-status-tag [deadline]="deadline" [today]="today()" />
            </dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Owner</dt>
            <dd class="govuk-summary-list__value">{{ deadline.owner }}</dd>
          </div>
        </dl>
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">How this date was worked out</span>
          </summary>
          <div class="govuk-details__text">
            <ol class="govuk-list govuk-list--number">
              @for (line of deadline.explanation; track $index) {
                <li>{{ line }}</li>
              }
            </ol>
            <p class="govuk-body-s">Rules version {{ deadline.rulesetVersion }}.</p>
          </div>
        </details>
      </div>
    } @empty {
      <p class="govuk-body">There are no open deadlines on this case.</p>
    }
  `,
})
export class CaseDeadlines {
  readonly deadlines = input.required<readonly DeadlineView[]>();
  readonly today = input.required<string>();

  protected readonly bodyLabel = responsibleBodyLabel;
}
