import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import type { DeadlineView } from '@send/contracts';
import {
  deadlinesOfNoDecision,
  decisionRoutes,
  isOutstanding,
} from '@send/domain';
import { Session } from '../core/session';
import { londonToday } from '../shared/dates';
import { CaseDeadlines } from './case-deadlines';
import { CaseStore } from './case-store';
import { describeDecision } from './record/subjects';

/** Still to do first (soonest first), then the rest (met, missed, no longer apply) by due date. */
const outstandingFirst = (deadlines: readonly DeadlineView[]) => [
  ...deadlines.filter(isOutstanding),
  ...deadlines.filter((d) => !isOutstanding(d)),
];

/**
 * Every deadline of the case, grouped by the decision it follows from (newest decision first, as
 * the API's `decisionId` says), then those that follow from no decision; within each, what is
 * still to do first.
 */
@Component({
  selector: 'app-case-deadlines-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CaseDeadlines],
  template: `
    @for (group of groups(); track group.id) {
      <section class="app-decision-route" [attr.aria-labelledby]="group.id">
        <h2 class="govuk-heading-m" [id]="group.id">
          @if (group.caption) {
            <span class="govuk-caption-m">{{ group.caption }}</span>
          }
          {{ group.heading }}
        </h2>
        <app-case-deadlines
          [deadlines]="group.deadlines"
          [today]="today"
          [canExtend]="canExtend()"
          empty="No deadline follows from this decision."
        />
      </section>
    } @empty {
      <p class="govuk-body">There are no deadlines on this case yet. Recording a decision starts the family’s deadlines.</p>
    }
  `,
})
export class CaseDeadlinesTab {
  private readonly store = inject(CaseStore);
  private readonly session = inject(Session);
  protected readonly today = londonToday();
  protected readonly canExtend = computed(() =>
    ['caseworker', 'manager'].includes(this.session.user()?.role ?? ''),
  );

  protected readonly groups = computed(() => {
    const detail = this.store.current();
    if (!detail) return [];
    const routes = decisionRoutes(detail, this.today);
    const groups = routes
      .map((route, index) => ({
        id: `decision-${route.decision.id}`,
        caption: `Decision ${index + 1} of ${routes.length}`,
        heading: describeDecision(route.decision),
        deadlines: outstandingFirst(route.deadlines),
      }))
      .reverse();
    const other = deadlinesOfNoDecision(detail.deadlines);
    if (other.length)
      groups.push({
        id: 'decision-none',
        caption: '',
        heading: routes.length
          ? 'Requests, reviews and transfers not yet decided'
          : 'Deadlines',
        deadlines: outstandingFirst(other),
      });
    return groups;
  });
}
