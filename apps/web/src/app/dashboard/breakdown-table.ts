import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type {
  DeadlineBreakdownRow,
  DeadlineReportStatus,
} from '@send/contracts';

type CountKey = 'overdue' | 'dueThisWeek' | 'metOnTime' | 'metLate' | 'missed';

const COLUMNS: readonly {
  key: CountKey;
  title: string;
  status: DeadlineReportStatus;
  words: string;
}[] = [
  { key: 'overdue', title: 'Overdue now', status: 'overdue', words: 'overdue' },
  {
    key: 'dueThisWeek',
    title: 'Due this week',
    status: 'due_this_week',
    words: 'due this week',
  },
  {
    key: 'metOnTime',
    title: 'Met on time in period',
    status: 'met_on_time',
    words: 'met on time in the period',
  },
  {
    key: 'metLate',
    title: 'Met late in period',
    status: 'met_late',
    words: 'met late in the period',
  },
  {
    key: 'missed',
    title: 'Missed in period',
    status: 'missed',
    words: 'missed in the period',
  },
];

/** A breakdown of the dashboard (by caseworker, rule or responsible body); each number links to its deadlines. */
@Component({
  selector: 'app-breakdown-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <table class="govuk-table app-table-s">
      <caption class="govuk-table__caption govuk-table__caption--s">{{ caption() }}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">{{ rowHeader() }}</th>
          @for (c of columns; track c.key) {
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">{{ c.title }}</th>
          }
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">On time</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        @for (row of rows(); track row.key) {
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header app-table__row-header">{{ row.label }}</th>
            @for (c of columns; track c.key) {
              <td class="govuk-table__cell govuk-table__cell--numeric">
                @if (row[c.key] > 0) {
                  <a class="govuk-link" routerLink="/dashboard/deadlines" [queryParams]="link(row, c.status)"
                    >{{ row[c.key] }}<span class="govuk-visually-hidden"> {{ c.words }}: {{ row.label }}</span></a
                  >
                } @else {
                  0
                }
              </td>
            }
            <td class="govuk-table__cell govuk-table__cell--numeric">{{ row.percentOnTime === null ? '–' : row.percentOnTime + '%' }}</td>
          </tr>
        } @empty {
          <tr class="govuk-table__row">
            <td class="govuk-table__cell" [attr.colspan]="columns.length + 2">{{ empty() }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class BreakdownTable {
  readonly rows = input.required<readonly DeadlineBreakdownRow[]>();
  readonly caption = input.required<string>();
  readonly rowHeader = input.required<string>();
  readonly empty = input('No deadlines match these filters.');
  /** The query parameters that select a row's deadlines (with the dashboard's filters). */
  readonly select =
    input.required<(row: DeadlineBreakdownRow) => Record<string, string>>();

  protected readonly columns = COLUMNS;

  protected link(
    row: DeadlineBreakdownRow,
    status: DeadlineReportStatus,
  ): Record<string, string> {
    return { ...this.select()(row), status };
  }
}
