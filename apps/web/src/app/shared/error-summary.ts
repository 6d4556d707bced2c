import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  ElementRef,
  inject,
  input,
  viewChild,
} from '@angular/core';

export interface SummaryError {
  message: string;
  /** The id of the field to move to; without it the message is shown without a link. */
  targetId?: string;
}

/** The GOV.UK error summary. It takes focus whenever a new list of errors is shown. */
@Component({
  selector: 'app-error-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (errors().length) {
      <div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1" #summary>
        <div role="alert">
          <h2 class="govuk-error-summary__title">There is a problem</h2>
          <div class="govuk-error-summary__body">
            <ul class="govuk-list govuk-error-summary__list">
              @for (error of errors(); track $index) {
                <li>
                  @if (error.targetId) {
                    <a [href]="'#' + error.targetId" (click)="moveTo($event, error.targetId)">{{ error.message }}</a>
                  } @else {
                    {{ error.message }}
                  }
                </li>
              }
            </ul>
          </div>
        </div>
      </div>
    }
  `,
})
export class ErrorSummary {
  readonly errors = input<readonly SummaryError[]>([]);

  private readonly document = inject(DOCUMENT);
  private readonly summary = viewChild<ElementRef<HTMLElement>>('summary');

  constructor() {
    afterRenderEffect(() => {
      if (this.errors().length) {
        this.summary()?.nativeElement.focus();
      }
    });
  }

  /** Moves focus to the field (and scrolls it into view) rather than changing the page's address. */
  protected moveTo(event: Event, id: string): void {
    event.preventDefault();
    const target = this.document.getElementById(id);
    if (!target) return;
    target.focus();
    target.scrollIntoView?.({ block: 'center' });
  }
}
