import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type {
  DeadlineView,
  ReportDeadline,
  ReportDeadlineSort,
} from '@send/contracts';
import { presentDeadline, remindsStaff } from '@send/domain';
import { DeadlineStatusTag } from './deadline-status-tag';

/** The sorts of every deadline list (`DeadlineSort` of the deadline list, `ReportDeadlineSort` of the reports' drill-downs). */
type AnySort = ReportDeadlineSort | 'owner' | '-owner';
type SortField = Exclude<AnySort, `-${string}`>;

interface Column {
  label: string;
  /** The server's sort for it, when the table is sortable. */
  sort?: SortField;
  /** Shown only with the input of that name. */
  shownWith?: 'showOwner' | 'showCaseworker' | 'showDaysOverdue';
  numeric?: true;
}

const COLUMNS: readonly Column[] = [
  { label: 'Child and case', sort: 'childName' },
  { label: 'What is due', sort: 'ruleId' },
  { label: 'Due date', sort: 'dueOn' },
  {
    label: 'Days overdue',
    sort: 'daysOverdue',
    shownWith: 'showDaysOverdue',
    numeric: true,
  },
  { label: 'Status' },
  { label: 'Caseworker', sort: 'owner', shownWith: 'showOwner' },
  { label: 'Caseworker', sort: 'caseworker', shownWith: 'showCaseworker' },
];

/** A deadline as a list shows it; the reports' drill-downs add the case's caseworker and the days overdue. */
type ShownDeadline = DeadlineView &
  Partial<Pick<ReportDeadline, 'caseworker' | 'daysOverdue'>>;

/**
 * Deadlines in a GOV.UK table. With `sort`, its headers are the MoJ sortable table's buttons
 * (aria-sort, arrows) and a click asks for the other order; the sorting itself is the server's.
 */
@Component({
  selector: 'app-deadline-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, DeadlineStatusTag],
  template: `
    <table class="govuk-table app-deadline-table app-table--stack">
      <caption class="govuk-table__caption govuk-table__caption--m">{{ caption() }}@if (sort()) {<span class="govuk-visually-hidden">, sorted by {{ sortedBy() }}</span>}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          @for (column of columns(); track column.label) {
            @let order = column.sort && sort() ? ariaSort(column.sort) : null;
            <th scope="col" class="govuk-table__header" [class.govuk-table__header--numeric]="column.numeric" [attr.aria-sort]="order">
              @if (order && column.sort) {
                <button type="button" (click)="sortBy(column.sort)">
                  {{ column.label }}
                  <svg width="22" height="22" focusable="false" aria-hidden="true" role="img" viewBox="0 0 22 22" fill="none" xmlns="http://www.w3.org/2000/svg">
                    @switch (order) {
                      @case ('ascending') {
                        <path d="M6.5625 15.5L11 6.63125L15.4375 15.5H6.5625Z" fill="currentColor" />
                      }
                      @case ('descending') {
                        <path d="M15.4375 7L11 15.8687L6.5625 7L15.4375 7Z" fill="currentColor" />
                      }
                      @default {
                        <path d="M8.1875 9.5L10.9609 3.95703L13.7344 9.5H8.1875Z" fill="currentColor" />
                        <path d="M13.7344 12.0781L10.9609 17.6211L8.1875 12.0781H13.7344Z" fill="currentColor" />
                      }
                    }
                  </svg>
                </button>
              } @else {
                {{ column.label }}
              }
            </th>
          }
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        @for (deadline of deadlines(); track deadline.id) {
          @let row = present(deadline, today());
          <tr class="govuk-table__row">
            <td class="govuk-table__cell" data-label="Child and case">
              <a class="govuk-link" [routerLink]="['/cases', deadline.caseId]">{{ deadline.childName }}</a>&ngsp;
              <span class="app-secondary-text">{{ deadline.caseReference }}</span>
            </td>
            <td class="govuk-table__cell" data-label="What is due">
              {{ row.title }}
              @if (row.responsibleBody) {
                <span class="app-secondary-text">{{ row.responsibleBody }}</span>
              }
            </td>
            <td class="govuk-table__cell app-nowrap" data-label="Due date">{{ row.due }}</td>
            @if (showDaysOverdue()) {
              <td class="govuk-table__cell govuk-table__cell--numeric" data-label="Days overdue">{{ deadline.daysOverdue ?? '–' }}</td>
            }
            <td class="govuk-table__cell" data-label="Status">
              <app-deadline-status-tag [deadline]="deadline" [today]="today()" />
            </td>
            @if (showOwner()) {
              <!-- A family's or the mediation adviser's own time limit has no caseworker: it says who must act. -->
              <td class="govuk-table__cell" data-label="Caseworker">{{ staffDuty(deadline.dutyHolder) ? deadline.owner : row.whoMustAct }}</td>
            }
            @if (showCaseworker()) {
              <td class="govuk-table__cell" data-label="Caseworker">{{ deadline.caseworker }}</td>
            }
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class DeadlineTable {
  readonly deadlines = input.required<readonly ShownDeadline[]>();
  readonly caption = input.required<string>();
  readonly today = input.required<string>();
  readonly showOwner = input(true);
  /** The case's caseworker now (the reports' drill-downs). */
  readonly showCaseworker = input(false);
  /** Days past the due date (the reports' drill-downs). */
  readonly showDaysOverdue = input(false);
  /** The order the rows are in; unset, the headers are not sortable. */
  readonly sort = input<AnySort>();
  readonly sortChange = output<AnySort>();

  /** Title and due date, as the domain presents a deadline everywhere. */
  protected readonly present = presentDeadline;
  protected readonly staffDuty = remindsStaff;
  protected readonly columns = computed(() =>
    COLUMNS.filter((c) => !c.shownWith || this[c.shownWith]()),
  );
  protected readonly sortedBy = computed(() => {
    const sort = this.sort() ?? 'dueOn';
    const column = COLUMNS.find((c) => c.sort === sort.replace(/^-/, ''));
    return `${column?.label.toLowerCase() ?? 'due date'}, ${sort.startsWith('-') ? 'descending' : 'ascending'}`;
  });

  protected ariaSort(column: SortField): 'ascending' | 'descending' | 'none' {
    const sort = this.sort();
    if (sort === column) return 'ascending';
    if (sort === `-${column}`) return 'descending';
    return 'none';
  }

  protected sortBy(column: SortField): void {
    this.sortChange.emit(
      this.sort() === column ? (`-${column}` as AnySort) : column,
    );
  }
}
