import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  contentChild,
  input,
  type Resource,
  TemplateRef,
} from '@angular/core';

/**
 * What an administrator's page loads, in its three states: that it could not be loaded, the page's
 * template once it is (an `<ng-template>` inside, shown only when there is a value), else that it
 * is loading.
 */
@Component({
  selector: 'app-admin-loaded',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgTemplateOutlet],
  template: `
    @if (resource().error()) {
      <p class="govuk-body" role="alert">The {{ what() }} could not be loaded. Try again later.</p>
    } @else if (resource().hasValue()) {
      <ng-container [ngTemplateOutlet]="loaded()" />
    } @else {
      <p class="govuk-body" role="status">Loading the {{ what() }}…</p>
    }
  `,
})
export class AdminLoaded {
  readonly resource = input.required<Resource<unknown>>();
  /** What is loaded, as the messages name it: "staff accounts" (the staff accounts could not be loaded). */
  readonly what = input.required<string>();
  protected readonly loaded = contentChild.required(TemplateRef);
}
