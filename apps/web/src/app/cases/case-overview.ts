import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { londonToday } from '../shared/dates';
import { CaseDeadlines } from './case-deadlines';
import { CaseRoutes } from './case-routes';
import { CaseStore } from './case-store';
import { CaseTimeline } from './case-timeline';
import { RecommendationList } from './recommendation-list';
import { recordsOnCases } from '../core/roles';
import { Session } from '../core/session';
import { isOutstanding } from '@send/domain';

/** The case's first tab: each decision's route and open deadlines (see CaseRoutes), the Tribunal's recommendations and the latest entries. */
@Component({
  selector: 'app-case-overview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    CaseDeadlines,
    CaseRoutes,
    RecommendationList,
    CaseTimeline,
  ],
  template: `
    @if (store.current(); as detail) {
      @if (detail.flags?.length) {
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
          <div class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            This case records something the law does not provide for on its route, entered because it is what happened:
            <ul class="govuk-list govuk-list--bullet govuk-!-margin-top-2 govuk-!-margin-bottom-0">
              @for (flag of detail.flags; track $index) {
                <li>{{ flag.reason }}</li>
              }
            </ul>
          </div>
        </div>
      }
      @if (detail.decisions.length) {
        <app-case-routes [detail]="detail" [today]="today" [canRecord]="canRecord()" />
      } @else {
        <h2 class="govuk-heading-m">Open deadlines</h2>
        <app-case-deadlines
          [deadlines]="open()"
          [today]="today"
          empty="There are no open deadlines on this case. Recording a decision starts the family’s deadlines."
        />
      }
      @if (detail.appeals.length || detail.recommendations.length) {
        <h2 class="govuk-heading-m">Recommendations</h2>
        <app-recommendation-list [caseId]="detail.id" [recommendations]="detail.recommendations" [deadlines]="detail.deadlines" />
      }
      <h2 class="govuk-heading-m">People</h2>
      <dl class="govuk-summary-list app-people">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Caseworker</dt>
          <dd class="govuk-summary-list__value">{{ detail.caseworker }}, {{ detail.team }}</dd>
        </div>
        @for (contact of detail.contacts; track contact.id) {
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{{ contact.name }}</dt>
            <dd class="govuk-summary-list__value">
              <p class="govuk-body govuk-!-margin-bottom-1">{{ contact.relationship }}</p>
              @if (contact.email) {
                <p class="govuk-body govuk-!-margin-bottom-1">{{ contact.email }}</p>
              }
              @if (contact.phone) {
                <p class="govuk-body govuk-!-margin-bottom-0">{{ contact.phone }}</p>
              }
            </dd>
          </div>
        } @empty {
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Contacts</dt>
            <dd class="govuk-summary-list__value">
              None recorded yet.
              @if (canRecord()) {
                <a class="govuk-link" [routerLink]="['/cases', detail.id, 'record', 'contact']">Add a parent, carer or other contact</a>
              }
            </dd>
          </div>
        }
      </dl>
      @if (canRecord()) {
        <p class="govuk-body">
          <a class="govuk-link" [routerLink]="['/cases', detail.id, 'letters', 'decision-notice']">Issue the notice of a decision</a>
        </p>
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
  private readonly session = inject(Session);
  protected readonly today = londonToday();
  protected readonly canRecord = computed(() =>
    recordsOnCases(this.session.user()?.role),
  );
  protected readonly open = computed(() =>
    (this.store.current()?.deadlines ?? []).filter(isOutstanding),
  );
}
