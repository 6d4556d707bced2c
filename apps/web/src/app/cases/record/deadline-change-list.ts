import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { DeadlineView } from '@send/contracts';
import { LongDatePipe } from '../../shared/date-pipes';
import { presentDeadline } from '@send/domain';
import { type DeadlineChangeKind, deadlineChanges } from './deadline-changes';

const TAGS: Record<DeadlineChangeKind, { text: string; className: string }> = {
  new: { text: 'New', className: 'govuk-tag govuk-tag--blue' },
  moved: { text: 'Moves', className: 'govuk-tag govuk-tag--yellow' },
  reopened: { text: 'Reopens', className: 'govuk-tag govuk-tag--orange' },
  met: { text: 'Met', className: 'govuk-tag govuk-tag--green' },
  cancelled: {
    text: 'No longer applies',
    className: 'govuk-tag govuk-tag--grey',
  },
  missed: { text: 'Missed', className: 'govuk-tag govuk-tag--red' },
};

/** The deadlines an entry opens, moves or closes, each with how its date is worked out. */
@Component({
  selector: 'app-deadline-change-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LongDatePipe],
  template: `
    @for (change of changes(); track change.after.id) {
      @let row = present(change.after);
      <div class="govuk-summary-card app-deadline-change">
        <div class="govuk-summary-card__title-wrapper">
          <h3 class="govuk-summary-card__title">
            <strong [class]="tags[change.kind].className">{{ tags[change.kind].text }}</strong>&ngsp;
            {{ row.title }}
          </h3>
        </div>
        <div class="govuk-summary-card__content">
          <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Due</dt>
              <dd class="govuk-summary-list__value">
                @switch (change.kind) {
                  @case ('moved') {
                    Moves from <span class="app-nowrap">{{ change.before?.dueOn | longDate }}</span> to
                    <strong class="app-nowrap">{{ change.after.dueOn | longDate }}</strong>
                  }
                  @case ('met') {
                    {{ change.after.dueOn | longDate }}: met by this entry{{ change.after.metOnTime === false ? ', late' : ', on time' }}
                  }
                  @case ('cancelled') {
                    {{ change.after.dueOn | longDate }}: this entry means it no longer applies
                  }
                  @case ('missed') {
                    {{ change.after.dueOn | longDate }}: missed; it can no longer be done ({{ change.after.cancelledReason }})
                  }
                  @default {
                    <strong>{{ change.after.dueOn | longDate }}</strong>
                  }
                }
              </dd>
            </div>
            @if (change.after.pastWhenRecorded && change.kind !== 'met') {
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Already passed</dt>
                <dd class="govuk-summary-list__value">
                  This deadline had already passed when this entry was recorded. It will be marked as missed, and escalated, only after the end of
                  the next working day, so that you can record what happened since.
                </dd>
              </div>
            }
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Who must act</dt>
              <dd class="govuk-summary-list__value">
                {{ row.whoMustAct }}
              </dd>
            </div>
          </dl>
          @if (change.kind !== 'cancelled' && change.kind !== 'missed') {
            <h4 class="govuk-heading-s govuk-!-margin-bottom-2">How the date is worked out</h4>
            <ol class="govuk-list govuk-list--number govuk-body-s">
              @for (line of change.after.explanation; track $index) {
                <li>{{ line }}</li>
              }
            </ol>
          }
        </div>
      </div>
    } @empty {
      <p class="govuk-body">This entry opens, moves or closes no deadline.</p>
    }
  `,
})
export class DeadlineChangeList {
  readonly before = input.required<readonly DeadlineView[]>();
  readonly after = input.required<readonly DeadlineView[]>();

  protected readonly changes = computed(() =>
    deadlineChanges(this.before(), this.after()),
  );
  protected readonly tags = TAGS;
  /** Title and who must act, as the domain presents a deadline everywhere (the status here is the change's tag). */
  protected readonly present = (d: DeadlineView) => presentDeadline(d, d.dueOn);
}
