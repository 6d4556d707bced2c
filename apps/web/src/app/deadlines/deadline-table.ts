import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { DeadlineView } from '@send/contracts';
import { LongDatePipe } from '../shared/date-pipes';
import { responsibleBodyLabel } from '../shared/labels';
import { DeadlineStatusTag } from './deadline-status-tag';

@Component({
  selector: 'app-deadline-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LongDatePipe, DeadlineStatusTag],
  template: `
    <table class="govuk-table app-deadline-table">
      <caption class="govuk-table__caption govuk-table__caption--m">{{ caption() }}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Child and case</th>
          <th scope="col" class="govuk-table__header">What is due</th>
          <th scope="col" class="govuk-table__header">Due date</th>
          <th scope="col" class="govuk-table__header">Status</th>
          <th scope="col" class="govuk-table__header">Owner</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        @for (deadline of deadlines(); track deadline.id) {
          <tr class="govuk-table__row">
            <td class="govuk-table__cell">
              <a class="govuk-link" [routerLink]="['/cases', deadline.caseId]">{{ deadline.childName }}</a>&ngsp;
              <span class="app-secondary-text">{{ deadline.caseReference }}</span>
            </td>
            <td class="govuk-table__cell">
              {{ deadline.ruleTitle }}
              @if (deadline.responsibleBody) {
                <span class="app-secondary-text">{{ bodyLabel(deadline.responsibleBody) }}</span>
              }
            </td>
            <td class="govuk-table__cell app-nowrap">{{ deadline.dueOn | longDate }}</td>
            <td class="govuk-table__cell">
              <app-deadline-status-tag [deadline]="deadline" [today]="today()" />
            </td>
            <td class="govuk-table__cell">{{ deadline.owner }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class DeadlineTable {
  readonly deadlines = input.required<readonly DeadlineView[]>();
  readonly caption = input.required<string>();
  readonly today = input.required<string>();

  protected readonly bodyLabel = responsibleBodyLabel;
}
