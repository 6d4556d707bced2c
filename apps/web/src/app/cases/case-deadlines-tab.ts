import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import type { DeadlineView } from '@send/contracts';
import { isOutstanding } from '@send/domain';
import { Session } from '../core/session';
import { londonToday } from '../shared/dates';
import { CaseDeadlines } from './case-deadlines';
import { CaseStore } from './case-store';
import { groupByDecision } from './decision-groups';
import { DecisionSection } from './decision-section';

/** Still to do first (soonest first), then the rest (met, missed, no longer apply) by due date. */
const outstandingFirst = (deadlines: readonly DeadlineView[]) => {
  const byDue = [...deadlines].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return [
    ...byDue.filter(isOutstanding),
    ...byDue.filter((d) => !isOutstanding(d)),
  ];
};

/**
 * Every deadline of the case, grouped by the decision it follows from (newest decision first, as
 * the API's `decisionId` says), then those that follow from no decision; within each, what is
 * still to do first.
 */
@Component({
  selector: 'app-case-deadlines-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CaseDeadlines, DecisionSection],
  template: `
    @for (group of groups(); track group.id) {
      <app-decision-section [group]="group">
        <app-case-deadlines
          [deadlines]="group.items"
          [today]="today"
          [canExtend]="canExtend()"
          empty="No deadline follows from this decision."
        />
      </app-decision-section>
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
    return groupByDecision(
      detail.decisions,
      detail.deadlines,
      (d) => d.decisionId || undefined,
      {
        prefix: 'decision',
        noDecision: (anyDecision) =>
          anyDecision
            ? 'Requests, reviews and transfers not yet decided'
            : 'Deadlines',
      },
    ).map((group) => ({ ...group, items: outstandingFirst(group.items) }));
  });
}
