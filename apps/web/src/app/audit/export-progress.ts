import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { ExportJobView } from '@send/contracts';

/**
 * How far a background export has got: a bar (its width set through the CSSOM, which the Content
 * Security Policy allows) that is a progressbar to assistive technology, the numbers in words, and
 * a polite live region that speaks only every 10% so that it does not talk over everything.
 */
@Component({
  selector: 'app-export-progress',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="govuk-body govuk-!-margin-bottom-2" id="export-progress-label">{{ label() }}</p>
    <div
      class="app-progress"
      role="progressbar"
      aria-labelledby="export-progress-label"
      aria-valuemin="0"
      aria-valuemax="100"
      [attr.aria-valuenow]="job().percent"
      [attr.aria-valuetext]="job().percent + '%: ' + detail()"
    >
      <div class="app-progress__bar" [style.width.%]="job().percent"></div>
    </div>
    <p class="govuk-body-s govuk-!-margin-top-2">{{ detail() }}</p>
    <p class="govuk-visually-hidden" role="status">{{ announcement() }}</p>
  `,
})
export class ExportProgress {
  readonly job = input.required<ExportJobView>();

  protected readonly label = computed(() =>
    this.job().status === 'queued'
      ? 'Waiting for the worker to start the export'
      : `Exporting: ${this.job().percent}% done`,
  );

  protected readonly detail = computed(() => {
    const j = this.job();
    if (j.eventsTotal === null) return 'Counting the history events to export…';
    const cases =
      j.cases === 1 ? '1 case' : `${j.cases.toLocaleString('en-GB')} cases`;
    return `${j.eventsRead.toLocaleString('en-GB')} of ${j.eventsTotal.toLocaleString('en-GB')} history events read and checked; ${j.eventsWritten.toLocaleString('en-GB')} written, from ${cases}.`;
  });

  /** Changes only every 10%, so a screen reader is told now and then, not every second. */
  protected readonly announcement = computed(() => {
    const j = this.job();
    return j.status === 'queued'
      ? 'Export waiting to start'
      : `Export ${Math.floor(j.percent / 10) * 10}% done`;
  });
}
