import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { DecisionGroup } from './decision-groups';

/**
 * One decision's part of a case page (or that of no decision): a section labelled by its heading,
 * the caption ("Decision 2 of 3") in it, then what follows from the decision (projected). The
 * heading is an h2 on a tab of its own (the deadlines), an h3 under the tab's h2 (the history).
 */
@Component({
  selector: 'app-decision-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgTemplateOutlet],
  template: `
    <section class="app-decision-route" [attr.aria-labelledby]="group().id">
      @if (level() === 2) {
        <h2 class="govuk-heading-m" [id]="group().id"><ng-container [ngTemplateOutlet]="heading" /></h2>
      } @else {
        <h3 class="govuk-heading-m" [id]="group().id"><ng-container [ngTemplateOutlet]="heading" /></h3>
      }
      <ng-content />
    </section>
    <ng-template #heading>
      @if (group().caption) {
        <span class="govuk-caption-m">{{ group().caption }}</span>
      }
      {{ group().heading }}
    </ng-template>
  `,
})
export class DecisionSection {
  readonly group =
    input.required<
      Pick<DecisionGroup<unknown>, 'id' | 'caption' | 'heading'>
    >();
  readonly level = input<2 | 3>(2);
}
