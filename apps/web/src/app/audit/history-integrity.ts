import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  input,
  signal,
} from '@angular/core';
import type { HistoryVerification } from '@send/contracts';
import { CaseApi } from '../cases/case-api';
import { londonDateTimeText } from '../shared/dates';

type State =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'done'; result: HistoryVerification; at: string }
  | { kind: 'failed' };

/**
 * "Check the history has not been altered": asks the API to recompute every hash and link of the
 * case's stored history, and says in words what it found.
 */
@Component({
  selector: 'app-history-integrity',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="app-history-integrity">
      <h3 class="govuk-heading-s">Has the history been altered?</h3>
      <p class="govuk-body">
        Every event is saved with a hash of its content and of the event before it. The check works each one out again from what is
        stored.
      </p>
      <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" [disabled]="state().kind === 'checking'" (click)="check()">
        Check the history
      </button>
      <div role="status" aria-live="polite">
        @switch (state().kind) {
          @case ('checking') {
            <p class="govuk-body">Checking the history…</p>
          }
          @case ('failed') {
            <p class="govuk-body govuk-error-message">The history could not be checked. Try again later.</p>
          }
          @case ('done') {
            @if (result(); as r) {
              @if (r.valid) {
                <div class="govuk-inset-text app-inset-text--success">
                  <p class="govuk-body govuk-!-font-weight-bold">The history has not been altered.</p>
                  <p class="govuk-body">
                    All {{ r.events }} {{ r.events === 1 ? 'event matches its hash' : 'events match their hashes' }}, and each links to the
                    one before it: nothing was changed or removed after it was recorded.
                  </p>
                  <p class="govuk-body-s">Checked {{ checkedAt() }}.</p>
                </div>
              } @else {
                <div class="govuk-warning-text">
                  <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
                  <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">Warning</span>
                    The history has been altered. Event {{ r.firstMismatch?.sequence }} of {{ r.events }} does not match:
                    {{ r.firstMismatch?.problem }}. The events from it onwards cannot be relied on. Report this to the information
                    governance team.
                  </strong>
                </div>
                <p class="govuk-body-s">Checked {{ checkedAt() }}. Event id: {{ r.firstMismatch?.id }}.</p>
              }
            }
          }
        }
      </div>
    </div>
  `,
})
export class HistoryIntegrity {
  readonly caseId = input.required<string>();

  private readonly api = inject(CaseApi);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly state = signal<State>({ kind: 'idle' });

  protected result(): HistoryVerification | undefined {
    const s = this.state();
    return s.kind === 'done' ? s.result : undefined;
  }

  protected checkedAt(): string {
    const s = this.state();
    return s.kind === 'done' ? londonDateTimeText(s.at) : '';
  }

  protected check(): void {
    this.state.set({ kind: 'checking' });
    const subscription = this.api.verifyHistory(this.caseId()).subscribe({
      next: (result) =>
        this.state.set({ kind: 'done', result, at: new Date().toISOString() }),
      error: () => this.state.set({ kind: 'failed' }),
    });
    this.destroyRef.onDestroy(() => subscription.unsubscribe());
  }
}
