import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type {
  ComplianceMonth,
  ComplianceSeries,
  DeadlineReportStatus,
} from '@send/contracts';
import { longMonthLabel, monthLabel } from '../shared/months';

const WIDTH = 440;
const HEIGHT = 260;
const LEFT = 34;
const RIGHT = 8;
const TOP = 12;
const BOTTOM = 40;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

const SEGMENTS = [
  { key: 'metOnTime', name: 'Met on time', colour: 'on-time' },
  { key: 'metLate', name: 'Met late', colour: 'late' },
  { key: 'missed', name: 'Missed', colour: 'missed' },
  { key: 'pending', name: 'Not yet due', colour: 'pending' },
] as const;

interface Bar {
  month: ComplianceMonth;
  x: number;
  width: number;
  segments: { y: number; height: number; colour: string }[];
  label: string;
  year?: string;
}

/**
 * One family of deadlines month by month: an SVG chart of stacked bars (met on time, met late,
 * missed, not yet due), one image described for assistive technology, and beside it the table of
 * the same numbers, each linking to the deadlines behind it.
 */
@Component({
  selector: 'app-compliance-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="app-chart-and-table">
      <figure class="app-chart">
        <svg
          class="app-chart__svg"
          [attr.viewBox]="'0 0 ' + width + ' ' + height"
          role="img"
          [attr.aria-labelledby]="id() + '-chart-title'"
          focusable="false"
        >
          <title [id]="id() + '-chart-title'">{{ summary() }}</title>
          @for (tick of ticks(); track tick.value) {
            <line class="app-chart__grid" [attr.x1]="left" [attr.x2]="width - right" [attr.y1]="tick.y" [attr.y2]="tick.y" />
            <text class="app-chart__axis-label" [attr.x]="left - 6" [attr.y]="tick.y + 4" text-anchor="end">{{ tick.value }}</text>
          }
          @for (bar of bars(); track bar.month.month) {
            @for (s of bar.segments; track $index) {
              <rect [attr.class]="'app-chart__bar app-chart--' + s.colour" [attr.x]="bar.x" [attr.y]="s.y" [attr.width]="bar.width" [attr.height]="s.height" />
            }
            <text class="app-chart__axis-label" [attr.x]="bar.x + bar.width / 2" [attr.y]="height - bottom + 16" text-anchor="middle">{{ bar.label }}</text>
            @if (bar.year) {
              <text class="app-chart__axis-label" [attr.x]="bar.x + bar.width / 2" [attr.y]="height - bottom + 31" text-anchor="middle">{{ bar.year }}</text>
            }
          }
        </svg>
        <figcaption>
          <ul class="app-chart-legend">
            @for (s of segments; track s.key) {
              <li><span [class]="'app-chart-legend__swatch app-chart--' + s.colour" aria-hidden="true"></span>{{ s.name }}</li>
            }
          </ul>
        </figcaption>
      </figure>
      <table class="govuk-table app-table-s">
        <caption class="govuk-table__caption govuk-table__caption--s">{{ series().title }}: deadlines by the month they were due</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Month due</th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">Met on time</th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">Met late</th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">Missed</th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">Not yet due</th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">On time</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          @for (m of series().months; track m.month) {
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header app-nowrap">{{ monthText(m.month) }}</th>
              @for (c of cells; track c.key) {
                <td class="govuk-table__cell govuk-table__cell--numeric">
                  @if (m[c.key] > 0) {
                    <a class="govuk-link" routerLink="/dashboard/deadlines" [queryParams]="link(m.month, c.status)"
                      >{{ m[c.key] }}<span class="govuk-visually-hidden"> {{ c.words }} in {{ longMonth(m.month) }}</span></a
                    >
                  } @else {
                    0
                  }
                </td>
              }
              <td class="govuk-table__cell govuk-table__cell--numeric">{{ m.percentOnTime === null ? '–' : m.percentOnTime + '%' }}</td>
            </tr>
          }
        </tbody>
        <tfoot>
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">Whole period</th>
            <td class="govuk-table__cell govuk-table__cell--numeric app-bold">{{ series().total.metOnTime }}</td>
            <td class="govuk-table__cell govuk-table__cell--numeric app-bold">{{ series().total.metLate }}</td>
            <td class="govuk-table__cell govuk-table__cell--numeric app-bold">{{ series().total.missed }}</td>
            <td class="govuk-table__cell govuk-table__cell--numeric app-bold">{{ series().total.pending }}</td>
            <td class="govuk-table__cell govuk-table__cell--numeric app-bold">
              {{ series().total.percentOnTime === null ? '–' : series().total.percentOnTime + '%' }}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  `,
})
export class ComplianceChart {
  readonly series = input.required<ComplianceSeries>();
  /** Makes the ids of the chart unique on the page. */
  readonly id = input.required<string>();
  /** The dashboard's filters, carried into the links to the deadlines. */
  readonly filters = input<Record<string, string>>({});

  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly left = LEFT;
  protected readonly right = RIGHT;
  protected readonly bottom = BOTTOM;
  protected readonly segments = SEGMENTS;
  protected readonly monthText = monthLabel;
  protected readonly longMonth = longMonthLabel;
  protected readonly cells = [
    { key: 'metOnTime', status: 'met_on_time', words: 'met on time' },
    { key: 'metLate', status: 'met_late', words: 'met late' },
    { key: 'missed', status: 'missed', words: 'missed' },
    { key: 'pending', status: 'open', words: 'not yet due' },
  ] as const satisfies readonly {
    key: keyof ComplianceMonth;
    status: DeadlineReportStatus;
    words: string;
  }[];

  private readonly max = computed(() =>
    niceMax(Math.max(0, ...this.series().months.map((m) => m.due))),
  );

  protected readonly ticks = computed(() => {
    const max = this.max();
    const values = max <= 1 ? [0, 1] : [0, Math.round(max / 2), max];
    return [...new Set(values)].map((value) => ({
      value,
      y: TOP + PLOT_HEIGHT - (PLOT_HEIGHT * value) / max,
    }));
  });

  protected readonly bars = computed((): Bar[] => {
    const months = this.series().months;
    const band = (WIDTH - LEFT - RIGHT) / Math.max(1, months.length);
    const max = this.max();
    return months.map((m, i) => {
      let base = TOP + PLOT_HEIGHT;
      const segments = SEGMENTS.filter((s) => m[s.key] > 0).map((s) => {
        const height = (PLOT_HEIGHT * m[s.key]) / max;
        base -= height;
        return { y: base, height, colour: s.colour };
      });
      const [year, month] = m.month.split('-');
      return {
        month: m,
        x: LEFT + i * band + band * 0.2,
        width: band * 0.6,
        segments,
        label: monthLabel(m.month).slice(0, 3),
        ...(i === 0 || month === '01' ? { year } : {}),
      };
    });
  });

  protected readonly summary = computed(() => {
    const s = this.series();
    const t = s.total;
    const share =
      t.percentOnTime === null
        ? 'no deadlines with a known outcome'
        : `${t.percentOnTime}% met on time`;
    return `Bar chart, ${s.title}, by month due: ${t.due} due, ${share}, ${t.missed} missed. The table that follows gives each month.`;
  });

  protected link(
    month: string,
    status: DeadlineReportStatus,
  ): Record<string, string> {
    return {
      ...this.filters(),
      category: this.series().category,
      month,
      status,
    };
  }
}

/** The top of the axis: the maximum rounded up to an even number (so the middle tick is whole), at least 1. */
function niceMax(max: number): number {
  if (max <= 1) return 1;
  return max % 2 === 0 ? max : max + 1;
}
