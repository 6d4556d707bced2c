import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { DeadlineView, RecommendationView } from '@send/contracts';
import { LongDatePipe } from '../shared/date-pipes';
import {
  outcomeLabel,
  responsibleBodyLabel,
  sectionLabel,
} from '../shared/labels';

/** The Tribunal's health and social care recommendations on a case, and the responses to them. */
@Component({
  selector: 'app-recommendation-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LongDatePipe],
  template: `
    @for (recommendation of recommendations(); track recommendation.id) {
      <div class="govuk-summary-card">
        <div class="govuk-summary-card__title-wrapper">
          <h3 class="govuk-summary-card__title" [id]="'recommendation-' + recommendation.id">
            {{ sectionText(recommendation.section) }}
          </h3>
        </div>
        <div class="govuk-summary-card__content">
          <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Responsible body</dt>
              <dd class="govuk-summary-list__value">{{ bodyText(recommendation.responsibleBody) }}</dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Recommendation</dt>
              <dd class="govuk-summary-list__value app-pre-line">{{ recommendation.text }}</dd>
            </div>
            @if (responseDueOn()[recommendation.id]; as dueOn) {
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Response due</dt>
                <dd class="govuk-summary-list__value">{{ dueOn | longDate }}</dd>
              </div>
            }
            @if (recommendation.response; as response) {
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Outcome</dt>
                <dd class="govuk-summary-list__value">{{ outcomeText(response.outcome) }}</dd>
              </div>
              @if (response.reasons) {
                <div class="govuk-summary-list__row">
                  <dt class="govuk-summary-list__key">Reasons</dt>
                  <dd class="govuk-summary-list__value app-pre-line">{{ response.reasons }}</dd>
                </div>
              }
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Date sent</dt>
                <dd class="govuk-summary-list__value">{{ response.sentOn | longDate }}</dd>
              </div>
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Sent to</dt>
                <dd class="govuk-summary-list__value">
                  <ul class="govuk-list">
                    @for (recipient of response.sentTo; track recipient) {
                      <li>{{ recipient }}</li>
                    }
                  </ul>
                </dd>
              </div>
            }
          </dl>
          @if (!recommendation.response) {
            <p class="govuk-body">No response has been recorded yet.</p>
            <a
              class="govuk-button govuk-!-margin-bottom-0"
              role="button"
              draggable="false"
              data-module="govuk-button"
              [routerLink]="['/cases', caseId(), 'record', 'recommendation-response']"
              [queryParams]="{ recommendation: recommendation.id }"
              [attr.aria-describedby]="'recommendation-' + recommendation.id"
              >Record the response</a
            >
          }
        </div>
      </div>
    } @empty {
      <p class="govuk-body">The Tribunal has made no health or social care recommendations on this case.</p>
    }
  `,
})
export class RecommendationList {
  readonly caseId = input.required<string>();
  readonly recommendations = input.required<readonly RecommendationView[]>();
  readonly deadlines = input<readonly DeadlineView[]>([]);

  /** Due date of the response deadline, by recommendation id. */
  protected readonly responseDueOn = computed(() => {
    const byId: Record<string, string> = {};
    for (const d of this.deadlines()) byId[d.subjectId] = d.dueOn;
    return byId;
  });

  protected readonly sectionText = sectionLabel;
  protected readonly bodyText = responsibleBodyLabel;
  protected readonly outcomeText = outcomeLabel;
}
