import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';

/**
 * An administrator's form, two thirds wide: its heading, the page's fields (projected) and the
 * button that sends it, disabled while a change is being sent. The browser does not check the
 * fields (the page does): `send` gives the page the form when it is submitted.
 */
@Component({
  selector: 'app-admin-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="govuk-grid-row">
      <form class="govuk-grid-column-two-thirds" novalidate (submit)="submitted($event)">
        @if (heading(); as heading) {
          <h2 class="govuk-heading-m">{{ heading }}</h2>
        }
        <ng-content />
        <button type="submit" class="govuk-button" data-module="govuk-button" [disabled]="busy()">{{ action() }}</button>
      </form>
    </div>
  `,
})
export class AdminForm {
  /** The form's heading (h2); none when the page's heading says what the form is for. */
  readonly heading = input<string>();
  /** The button's words, e.g. "Add the account" or "Save changes". */
  readonly action = input.required<string>();
  readonly busy = input(false);
  readonly send = output<HTMLFormElement>();

  protected submitted(event: Event): void {
    event.preventDefault();
    this.send.emit(event.target as HTMLFormElement);
  }
}
