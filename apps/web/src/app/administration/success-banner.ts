import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  input,
  viewChild,
} from '@angular/core';

/** The GOV.UK success notification banner that confirms an administrator’s change (each one is in the security log); it takes focus when shown. */
@Component({
  selector: 'app-success-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message(); as text) {
      <div class="govuk-notification-banner govuk-notification-banner--success" role="alert"
        aria-labelledby="success-banner-title" data-module="govuk-notification-banner" tabindex="-1" #banner>
        <div class="govuk-notification-banner__header">
          <h2 class="govuk-notification-banner__title" id="success-banner-title">Success</h2>
        </div>
        <div class="govuk-notification-banner__content">
          <h3 class="govuk-notification-banner__heading">{{ text }}</h3>
          <p class="govuk-body">The change is recorded in the security log.</p>
          <ng-content />
        </div>
      </div>
    }
  `,
})
export class SuccessBanner {
  readonly message = input<string | undefined>();
  private readonly banner = viewChild<ElementRef<HTMLElement>>('banner');

  constructor() {
    afterRenderEffect(() => {
      if (this.message()) this.banner()?.nativeElement.focus();
    });
  }
}
