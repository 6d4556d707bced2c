import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { CaseDetail, DeadlineView } from '@send/contracts';
import {
  decisionRoutes,
  deadlinesOfNoDecision,
  formatLongDate,
  isOutstanding,
  type RouteStep,
  type RouteStepId,
  type RouteStepStatus,
} from '@send/domain';
import { CaseDeadlines } from './case-deadlines';
import { describeDecision } from './record/subjects';

const STEP_TITLES: Record<RouteStepId, string> = {
  way_forward: 'Way forward meeting',
  mediation: 'Mediation',
  appeal: 'Appeal to the Tribunal',
  orders: 'The Tribunal’s orders',
  recommendations: 'The Tribunal’s recommendations',
};

/** A step's status as a GOV.UK task list shows it: plain text when there is nothing to do, a tag when there is. */
const STATUS: Record<RouteStepStatus, { text: string; tag?: string }> = {
  not_started: { text: 'Not started', tag: 'govuk-tag--grey' },
  in_progress: { text: 'In progress', tag: 'govuk-tag--light-blue' },
  overdue: { text: 'Overdue', tag: 'govuk-tag--red' },
  done: { text: 'Done' },
  not_needed: { text: 'Not needed' },
};

/**
 * The case's decisions, newest first, each with its route as a GOV.UK task list (where each step
 * stands and what is due next) and its deadlines under it; then the deadlines that follow from no
 * decision. Which decision a deadline follows from is the API's `decisionId` (the domain's rule).
 */
@Component({
  selector: 'app-case-routes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, CaseDeadlines],
  template: `
    @for (route of routes(); track route.decision.id; let n = $index) {
      <section class="app-decision-route" [attr.aria-labelledby]="'decision-' + route.decision.id">
        <h2 class="govuk-heading-m" [id]="'decision-' + route.decision.id">
          <span class="govuk-caption-m">Decision {{ routes().length - n }} of {{ routes().length }}</span>
          {{ describe(route.decision) }}
        </h2>
        @if (route.decision.placement) {
          <p class="govuk-body app-decision-route__placement">
            <strong>School or other institution named in section I:</strong> {{ route.decision.placement }}
          </p>
        }
        <p class="govuk-body app-decision-route__next">
          @if (route.nextDue; as next) {
            <strong>Due next:</strong> {{ next.ruleTitle }}, {{ long(next.dueOn) }}
          } @else {
            Nothing is due on this decision’s route.
          }
        </p>
        <ul class="govuk-task-list" [attr.aria-label]="'Route of decision ' + (routes().length - n)">
          @for (step of route.steps; track step.step) {
            <li class="govuk-task-list__item">
              <div class="govuk-task-list__name-and-hint">
                <span class="govuk-task-list__name">{{ title(step.step) }}</span>
                @if (hint(step); as text) {
                  <div class="govuk-task-list__hint">{{ text }}</div>
                }
              </div>
              <div class="govuk-task-list__status">
                @if (status(step.status).tag; as tag) {
                  <strong [class]="'govuk-tag ' + tag">{{ status(step.status).text }}</strong>
                } @else {
                  {{ status(step.status).text }}
                }
              </div>
            </li>
          }
        </ul>
        @if (canRecord()) {
          <p class="govuk-body app-no-print">
            <a class="govuk-link" [routerLink]="['/cases', caseId(), 'record']" [fragment]="'decision-' + route.decision.id"
              >Record an entry on this decision<span class="govuk-visually-hidden">: {{ describe(route.decision) }}</span></a
            >
          </p>
        }
        @let open = outstanding(route.deadlines);
        <app-case-deadlines
          [deadlines]="open"
          [today]="today()"
          [canExtend]="canRecord()"
          empty="There are no open deadlines on this decision’s route."
        />
        @if (route.deadlines.length > open.length) {
          <p class="govuk-body app-no-print">
            <a class="govuk-link" [routerLink]="['/cases', caseId(), 'deadlines']" [fragment]="'decision-' + route.decision.id"
              >{{ route.deadlines.length - open.length }} met or closed<span class="govuk-visually-hidden"> on this decision</span></a
            >
          </p>
        }
      </section>
    }
    @if (other().length) {
      <section class="app-decision-route" aria-labelledby="decision-none">
        <h2 class="govuk-heading-m" id="decision-none">Requests, reviews and transfers not yet decided</h2>
        <app-case-deadlines [deadlines]="other()" [today]="today()" [canExtend]="canRecord()" />
      </section>
    }
  `,
})
export class CaseRoutes {
  readonly detail = input.required<CaseDetail>();
  readonly today = input.required<string>();
  readonly canRecord = input(false);

  protected readonly caseId = computed(() => this.detail().id);
  /** Newest first (the order issued, reversed); numbered in the order issued. */
  protected readonly routes = computed(() =>
    decisionRoutes(this.detail(), this.today()).reverse(),
  );
  protected readonly other = computed(() =>
    deadlinesOfNoDecision(this.detail().deadlines).filter(isOutstanding),
  );

  protected readonly describe = describeDecision;
  protected readonly long = formatLongDate;
  protected readonly title = (step: RouteStepId) => STEP_TITLES[step];
  protected readonly status = (status: RouteStepStatus) => STATUS[status];
  protected readonly outstanding = (deadlines: readonly DeadlineView[]) =>
    deadlines.filter(isOutstanding);

  /** What stands on a step: its soonest deadline still to be done. */
  protected hint(step: RouteStep): string | undefined {
    const next = step.outstanding[0];
    return next
      ? `${next.ruleTitle}: due ${formatLongDate(next.dueOn)}`
      : undefined;
  }
}
