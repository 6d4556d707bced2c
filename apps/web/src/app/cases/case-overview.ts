import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { londonToday } from '../shared/dates';
import { CaseDeadlines } from './case-deadlines';
import { CaseStore } from './case-store';
import { CaseTimeline } from './case-timeline';
import { RecommendationList } from './recommendation-list';

/** The case's first tab: its open deadlines, the Tribunal's recommendations and the latest entries. */
@Component({
  selector: 'app-case-overview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, CaseDeadlines, RecommendationList, CaseTimeline],
  template: `
    @if (store.current(); as detail) {
      <h2 class="govuk-heading-m">Open deadlines</h2>
      <app-case-deadlines
        [deadlines]="open()"
        [today]="today"
        [empty]="
          detail.decisions.length
            ? 'There are no open deadlines on this case: those so far were met or no longer apply (see Deadlines). The next entry may start new ones.'
            : 'There are no open deadlines on this case. Recording a decision starts the family’s deadlines.'
        "
      />
      @if (detail.appeals.length || detail.recommendations.length) {
        <h2 class="govuk-heading-m">Recommendations</h2>
        <app-recommendation-list [caseId]="detail.id" [recommendations]="detail.recommendations" [deadlines]="detail.deadlines" />
      }
      <h2 class="govuk-heading-m">Latest entries</h2>
      @if (store.history.error()) {
        <p class="govuk-body" role="alert">The history could not be loaded. Reload the page to try again.</p>
      } @else if (store.history.hasValue()) {
        <app-case-timeline [events]="store.history.value()" [limit]="5" [historyLink]="['/cases', detail.id, 'history']" />
        @if (store.history.value().length > 5) {
          <p class="govuk-body">
            <a class="govuk-link" [routerLink]="['/cases', detail.id, 'history']">See all {{ store.history.value().length }} entries</a>
          </p>
        }
      } @else {
        <p class="govuk-body" role="status">Loading the history…</p>
      }
    }
  `,
})
export class CaseOverview {
  protected readonly store = inject(CaseStore);
  protected readonly today = londonToday();
  protected readonly open = computed(() =>
    (this.store.current()?.deadlines ?? []).filter((d) => d.status === 'open' || d.status === 'overdue'),
  );
}
