import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { CORRECTABLE_FIELDS } from '@send/domain';
import { LondonDateTimePipe } from '../../shared/date-pipes';
import { SERVICE_PROBLEM } from '../../shared/problem';
import { CaseStore } from '../case-store';

/** The entries of the history that can be corrected (what a person typed), newest first. */
@Component({
  selector: 'app-correction-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LondonDateTimePipe],
  template: `
    <a class="govuk-back-link" [routerLink]="['/cases', store.caseId(), 'record']">Back</a>
    <h1 class="govuk-heading-l">Which entry was recorded wrongly?</h1>
    <p class="govuk-body">
      A correction is a new entry that points to the one it corrects; the original stays in the history. Entries the system made
      (missed deadlines), documents and extensions cannot be corrected: record a new extension instead.
    </p>
    @if (store.history.error()) {
      <p class="govuk-body" role="alert">{{ serviceProblem }}</p>
    } @else if (store.history.hasValue()) {
      @if (entries().length) {
        <table class="govuk-table app-table--stack">
          <caption class="govuk-table__caption govuk-table__caption--m">Entries that can be corrected</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Entry</th>
              <th scope="col" class="govuk-table__header">What was recorded</th>
              <th scope="col" class="govuk-table__header">Recorded</th>
              <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Action</span></th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            @for (event of entries(); track event.id) {
              <tr class="govuk-table__row">
                <td class="govuk-table__cell" data-label="Entry">{{ event.sequence }}</td>
                <td class="govuk-table__cell" data-label="What was recorded">{{ event.summary }}</td>
                <td class="govuk-table__cell" data-label="Recorded">
                  {{ event.recordedAt | londonDateTime }}<span class="app-secondary-text">by {{ event.actorName }}</span>
                </td>
                <td class="govuk-table__cell">
                  <a class="govuk-link" [routerLink]="['/cases', store.caseId(), 'record', 'correction']" [queryParams]="{ sequence: event.sequence }"
                    >Correct<span class="govuk-visually-hidden"> entry {{ event.sequence }}</span></a
                  >
                </td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <p class="govuk-body">Nothing on this case can be corrected yet.</p>
      }
    } @else {
      <p class="govuk-body" role="status">Loading the history…</p>
    }
  `,
})
export class CorrectionList {
  protected readonly store = inject(CaseStore);
  protected readonly serviceProblem = SERVICE_PROBLEM;
  protected readonly entries = computed(() =>
    this.store.history.hasValue()
      ? this.store.history
          .value()
          .filter((e) => e.type in CORRECTABLE_FIELDS)
          .sort((a, b) => b.sequence - a.sequence)
      : [],
  );
}
