import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { Session } from '../../core/session';
import { londonToday } from '../../shared/dates';
import { SERVICE_PROBLEM } from '../../shared/problem';
import { CaseStore } from '../case-store';
import { recordOptions } from './record-options';

/** "What do you want to record?": only what can happen next on this case, grouped by what it is about. */
@Component({
  selector: 'app-record-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <a class="govuk-back-link" [routerLink]="['/cases', store.caseId()]">Back to the case</a>
    @if (store.detail.error()) {
      <h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>
      <p class="govuk-body">{{ serviceProblem }}</p>
    } @else if (store.current(); as detail) {
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">What do you want to record?</h1>
          <p class="govuk-body">
            Only what can happen next on this case is offered. Each entry shows the deadlines it sets or moves before you save it.
          </p>
          <p class="govuk-body">
            Something recorded wrongly?
            <a class="govuk-link" [routerLink]="['/cases', detail.id, 'record', 'corrections']">Correct an earlier entry</a>.
          </p>
          @for (group of groups(); track group.heading) {
            <h2 class="govuk-heading-m govuk-!-margin-bottom-1" [id]="group.id ?? null" [attr.tabindex]="group.id ? -1 : null">{{ group.heading }}</h2>
            @if (group.caption) {
              <p class="govuk-body app-secondary-text">{{ group.caption }}</p>
            }
            @if (group.options.length) {
              <ul class="govuk-list app-record-options">
                @for (option of group.options; track $index) {
                  <li>
                    <a class="govuk-link" [routerLink]="['/cases', detail.id, 'record', option.kind]" [queryParams]="option.params">{{
                      option.text
                    }}</a>
                    @if (option.hint) {
                      <span class="app-secondary-text">{{ option.hint }}</span>
                    }
                  </li>
                }
              </ul>
            } @else if (!group.parts?.length) {
              <p class="govuk-body">Nothing can be recorded on this decision’s route now.</p>
            }
            @for (part of group.parts ?? []; track part.heading) {
              <h3 class="govuk-heading-s govuk-!-margin-bottom-1">{{ part.heading }}</h3>
              <ul class="govuk-list app-record-options">
                @for (option of part.options; track $index) {
                  <li>
                    <a class="govuk-link" [routerLink]="['/cases', detail.id, 'record', option.kind]" [queryParams]="option.params">{{
                      option.text
                    }}</a>
                    @if (option.hint) {
                      <span class="app-secondary-text">{{ option.hint }}</span>
                    }
                  </li>
                }
              </ul>
            }
          }
        </div>
      </div>
    } @else {
      <p class="govuk-body" role="status">Loading the case…</p>
    }
  `,
})
export class RecordMenu {
  protected readonly store = inject(CaseStore);
  private readonly session = inject(Session);
  protected readonly serviceProblem = SERVICE_PROBLEM;
  protected readonly groups = computed(() => {
    const detail = this.store.current();
    return detail
      ? recordOptions(detail, this.session.user()?.role, londonToday())
      : [];
  });
}
