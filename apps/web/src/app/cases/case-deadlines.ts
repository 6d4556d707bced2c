import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { DeadlineView } from '@send/contracts';
import {
  isOutstanding,
  presentDeadline,
  remindsStaff,
  ruleInfo,
} from '@send/domain';
import { DeadlineStatusTag } from '../deadlines/deadline-status-tag';

/** A case's deadlines, each with how its date was worked out, its extensions, and (when open) a way to extend it. */
@Component({
  selector: 'app-case-deadlines',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, DeadlineStatusTag],
  template: `
    @for (deadline of deadlines(); track deadline.id) {
      @let row = present(deadline, today());
      <div class="app-case-deadline">
        <h3 class="govuk-heading-s">
          {{ row.title }}
          @if (row.responsibleBody) {
            <span class="app-secondary-text">{{ row.responsibleBody }}</span>
          }
        </h3>
        <dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2">
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Due date</dt>
            <dd class="govuk-summary-list__value">{{ row.due }}</dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Status</dt>
            <dd class="govuk-summary-list__value">
              <app-deadline-status-tag [deadline]="deadline" [today]="today()" />
            </dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Who must act</dt>
            <dd class="govuk-summary-list__value">{{ row.whoMustAct }}</dd>
          </div>
          @if (staffDuty(deadline.dutyHolder)) {
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Caseworker</dt>
              <dd class="govuk-summary-list__value">{{ deadline.owner }}</dd>
            </div>
          }
          @for (extension of row.extensions; track $index) {
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Extension</dt>
              <dd class="govuk-summary-list__value">{{ extension }}</dd>
            </div>
          }
        </dl>
        <details class="govuk-details govuk-!-margin-bottom-2 app-no-print">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">How this date was worked out</span>
          </summary>
          <div class="govuk-details__text">
            <ol class="govuk-list govuk-list--number">
              @for (line of deadline.explanation; track $index) {
                <li>{{ line }}</li>
              }
            </ol>
          </div>
        </details>
        @if (canExtend() && outstanding(deadline) && extendable(deadline.ruleId)) {
          <p class="govuk-body app-no-print">
            <a class="govuk-link" [routerLink]="['/cases', deadline.caseId, 'record', 'extension']" [queryParams]="{ deadline: deadline.id }"
              >Extend<span class="govuk-visually-hidden"> the deadline: {{ deadline.ruleTitle }}</span></a
            >
          </p>
        }
      </div>
    } @empty {
      <p class="govuk-body">{{ empty() }}</p>
    }
  `,
})
export class CaseDeadlines {
  readonly deadlines = input.required<readonly DeadlineView[]>();
  readonly today = input.required<string>();
  readonly empty = input('There are no open deadlines on this case.');
  /** Offer to extend open deadlines (for those who may record entries). */
  /** Only a time limit the law allows to be extended (a statutory exception) offers it. */
  protected readonly extendable = (ruleId: string) =>
    !!ruleInfo(ruleId)?.extension;
  readonly canExtend = input(false);
  protected readonly outstanding = isOutstanding;
  /** A staff duty has a caseworker who holds it; a family's or the mediation adviser's time limit only says who must act. */
  protected readonly staffDuty = remindsStaff;
  /** Title, due date, who must act and extensions, as the domain presents a deadline everywhere. */
  protected readonly present = presentDeadline;
}
