import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { Router } from '@angular/router';
import type { CaseDetail } from '@send/contracts';
import { LongDatePipe } from '../shared/date-pipes';
import { stageLabel } from '../shared/labels';
import { isOutstanding, isOverdueDuty } from '@send/domain';

/**
 * The MoJ identity bar: whose case this is (name, reference, date of birth), where it stands
 * (stage, open deadlines and the next one due) and the main action. The name is the page's
 * heading on the case's own tabs; on a form it is context only.
 */
@Component({
  selector: 'app-case-identity-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LongDatePipe],
  template: `
    <div class="moj-identity-bar app-identity-bar">
      <div class="moj-identity-bar__container">
        <div class="moj-identity-bar__details">
          @if (heading()) {
            <h1 class="moj-identity-bar__title app-identity-bar__name">{{ detail().childName }}</h1>
          } @else {
            <p class="moj-identity-bar__title app-identity-bar__name">{{ detail().childName }}</p>
          }
          <dl class="app-identity-bar__facts">
            <div>
              <dt>Reference</dt>
              <dd>{{ detail().reference }}</dd>
            </div>
            <div>
              <dt>Date of birth</dt>
              <dd>{{ detail().dateOfBirth | longDate }}</dd>
            </div>
            <div>
              <dt>Stage</dt>
              <dd>{{ stage(detail().stage) }}</dd>
            </div>
            <div>
              <dt>Open deadlines</dt>
              <dd>
                @if (open().length) {
                  {{ open().length }}
                  @if (overdue()) {
                    <strong class="govuk-tag govuk-tag--red app-identity-bar__tag">{{ overdue() }} overdue</strong>
                  }
                } @else {
                  None
                }
              </dd>
            </div>
            @if (next(); as next) {
              <div>
                <dt>Next due</dt>
                <dd>{{ next.dueOn | longDate }}: {{ next.ruleTitle }}</dd>
              </div>
            }
          </dl>
        </div>
        @if (canRecord()) {
          <div class="moj-identity-bar__actions app-no-print">
            <div class="moj-identity-bar__menu">
              <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" (click)="record()">
                Record an entry
              </button>
            </div>
          </div>
        }
      </div>
    </div>
  `,
})
export class CaseIdentityBar {
  readonly detail = input.required<CaseDetail>();
  /** Today in Europe/London (YYYY-MM-DD). */
  readonly today = input.required<string>();
  /** The name is the page's main heading (h1). */
  readonly heading = input(false);
  /** The signed-in member of staff may record entries (caseworkers and managers). */
  readonly canRecord = input(false);

  private readonly router = inject(Router);
  protected readonly stage = stageLabel;

  /** "Record an entry": a real button (Enter and Space), to the menu of what can be recorded now. */
  protected record(): void {
    void this.router.navigate(['/cases', this.detail().id, 'record']);
  }
  protected readonly open = computed(() =>
    this.detail()
      .deadlines.filter(isOutstanding)
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
  );
  /** Duties not done in time (a family's time limit that went by is not one). */
  protected readonly overdue = computed(
    () => this.open().filter((d) => isOverdueDuty(d, this.today())).length,
  );
  protected readonly next = computed(() =>
    this.open().find((d) => d.dueOn >= this.today()),
  );
}
