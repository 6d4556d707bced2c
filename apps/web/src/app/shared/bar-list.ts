import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';

export interface BarSeries {
  name: string;
  /** A colour of the chart palette in styles.scss: `missed`, `late`, `on-time`, `due`. */
  colour: 'missed' | 'late' | 'on-time' | 'due';
}

export interface BarRow {
  label: string;
  /** One value per series. */
  values: readonly number[];
}

/**
 * Horizontal bars drawn with CSS (widths are set through the CSSOM, which the Content Security
 * Policy allows). One image to assistive technology, described by `summary`; the table beside it
 * carries the numbers.
 */
@Component({
  selector: 'app-bar-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="app-bar-list" role="img" [attr.aria-label]="summary()">
      @for (row of rows(); track row.label) {
        <div class="app-bar-list__row">
          <span class="app-bar-list__label">{{ row.label }}</span>
          <span class="app-bar-list__bars">
            @for (value of row.values; track $index) {
              <span class="app-bar-list__bar-line">
                <span [class]="'app-bar-list__bar app-chart--' + series()[$index]?.colour" [style.width.%]="share(value)"></span>
                <span class="app-bar-list__value">{{ value }}</span>
              </span>
            }
          </span>
        </div>
      }
    </div>
    <ul class="app-chart-legend" aria-hidden="true">
      @for (s of series(); track s.name) {
        <li><span [class]="'app-chart-legend__swatch app-chart--' + s.colour"></span>{{ s.name }}</li>
      }
    </ul>
  `,
})
export class BarList {
  readonly rows = input.required<readonly BarRow[]>();
  readonly series = input.required<readonly BarSeries[]>();
  /** What the chart shows, for assistive technology, e.g. "Bar chart of overdue deadlines by caseworker: the table below gives the numbers". */
  readonly summary = input.required<string>();

  private readonly max = computed(() =>
    Math.max(1, ...this.rows().flatMap((r) => r.values)),
  );

  protected share(value: number): number {
    return value === 0 ? 0 : Math.max(1, (100 * value) / this.max());
  }
}
