import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  DOCUMENT,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { Session } from '../core/session';
import { CaseApi } from './case-api';
import { CaseStore } from './case-store';
import { CaseTimeline } from './case-timeline';
import { HistoryIntegrity } from '../audit/history-integrity';
import { recordsOnCases } from '../core/roles';
import { type CaseEvent, decisionOf } from '@send/domain';
import { groupByDecision } from './decision-groups';
import { DecisionSection } from './decision-section';

/** The choice of entries: every one, those of one decision (its id), or those of none. */
const ALL = 'all';
const NO_DECISION = 'none';

/** The whole history of the case, newest first, to read, download or correct. */
@Component({
  selector: 'app-case-history-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, CaseTimeline, DecisionSection, HistoryIntegrity],
  template: `
    @if (store.current(); as detail) {
      <h2 class="govuk-heading-m">History</h2>
      <p class="govuk-body">
        Every entry stays in the history as it was recorded: a mistake is put right by a correction, which points to the entry it corrects.
      </p>
      <div class="govuk-button-group">
        <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" (click)="download(detail.id, detail.reference)">
          Download history (CSV)
        </button>
        @if (isAuditor()) {
          <a class="govuk-button govuk-button--secondary" data-module="govuk-button" routerLink="/audit/exports" [queryParams]="{ caseReference: detail.reference }"
            >Export the history (CSV, JSON or PDF)</a
          >
        }
        @if (canRecord()) {
          <a class="govuk-button govuk-button--secondary" data-module="govuk-button" [routerLink]="['/cases', detail.id, 'notes', 'new']">Add a note</a>
          <a class="govuk-link" [routerLink]="['/cases', detail.id, 'record', 'corrections']">Correct an entry</a>
        }
      </div>
      @if (downloadFailed()) {
        <p class="govuk-error-message" role="alert">
          <span class="govuk-visually-hidden">Error:</span> The history could not be downloaded. Try again later.
        </p>
      }
      <app-history-integrity [caseId]="detail.id" />
      @if (store.history.error()) {
        <p class="govuk-body" role="alert">The history could not be loaded. Reload the page to try again.</p>
      } @else if (store.history.hasValue()) {
        @if (decisions().length > 1) {
          <!-- A case with several decisions: each decision's route read on its own (issue 14). -->
          <div class="govuk-form-group app-no-print">
            <label class="govuk-label" for="history-decision">Show the entries of</label>
            <select class="govuk-select" id="history-decision" [value]="choice()" (change)="choose($event)">
              <option [value]="all">Every decision, and the case</option>
              @for (d of decisions(); track d.id) {
                <option [value]="d.id">{{ d.label }}</option>
              }
              <option [value]="none">The case itself (no decision): opening, contacts, notes</option>
            </select>
          </div>
        }
        <!-- The entries under the decision each follows from, newest decision first (issue 14). -->
        @for (group of shownGroups(); track group.id) {
          <app-decision-section [group]="group" [level]="3">
            <app-case-timeline [events]="group.items" [entryLevel]="4" [historyLink]="['/cases', detail.id, 'history']" [documents]="detail.documents"
              [caseId]="detail.id" [canMakeLetters]="canRecord()" />
          </app-decision-section>
        } @empty {
          <p class="govuk-body">Nothing has been recorded on this case yet.</p>
        }
      } @else {
        <p class="govuk-body" role="status">Loading the history…</p>
      }
    }
  `,
})
export class CaseHistoryTab {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(CaseApi);
  private readonly session = inject(Session);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fragment = toSignal(inject(ActivatedRoute).fragment);
  protected readonly downloadFailed = signal(false);
  protected readonly all = ALL;
  protected readonly none = NO_DECISION;
  /** Which entries the timeline shows (see ALL, NO_DECISION). */
  protected readonly choice = signal(ALL);

  /**
   * The entries under the decision each follows from (the domain's rule, `decisionOf`), grouped as
   * the deadlines tab groups the deadlines: newest decision first, then the case itself.
   */
  protected readonly groups = computed(() => {
    const events = this.store.history.hasValue()
      ? this.store.history.value()
      : [];
    const links = decisionOf(
      events.map((e) => ({ type: e.type, ...e.payload }) as CaseEvent),
    );
    return groupByDecision(
      this.store.current()?.decisions ?? [],
      events,
      (e) => links.events[e.sequence - 1],
      {
        prefix: 'history-decision',
        noDecision: () => 'The case itself: opening, contacts, notes',
      },
    );
  });

  /** The case's decisions, newest first, as the case page numbers them. */
  protected readonly decisions = computed(() =>
    this.groups().flatMap((g) =>
      g.decisionId
        ? [{ id: g.decisionId, label: `${g.caption}: ${g.heading}` }]
        : [],
    ),
  );

  /** The groups the choice shows: every one, that of one decision, or that of none. */
  protected readonly shownGroups = computed(() => {
    const choice = this.choice();
    if (choice === ALL) return this.groups();
    const wanted = choice === NO_DECISION ? undefined : choice;
    return this.groups().filter((g) => g.decisionId === wanted);
  });

  protected choose(event: Event): void {
    this.choice.set((event.target as HTMLSelectElement).value);
  }
  protected readonly canRecord = computed(() =>
    recordsOnCases(this.session.user()?.role),
  );
  protected readonly isAuditor = computed(
    () => this.session.user()?.role === 'auditor',
  );

  constructor() {
    // A link to one entry (from a correction, or the overview) moves focus to it.
    afterRenderEffect(() => {
      const fragment = this.fragment();
      if (!fragment || !this.store.history.hasValue()) return;
      const target = this.document.getElementById(fragment);
      target?.focus();
      target?.scrollIntoView?.({ block: 'start' });
    });
  }

  protected download(caseId: string, reference: string): void {
    this.downloadFailed.set(false);
    const subscription = this.api.historyCsv(caseId).subscribe({
      next: (response) => {
        const blob = response.body;
        if (!blob) {
          this.downloadFailed.set(true);
          return;
        }
        const fileName =
          fileNameFrom(response.headers.get('Content-Disposition')) ??
          `case-${reference}-history.csv`;
        const url = URL.createObjectURL(blob);
        const link = this.document.createElement('a');
        link.href = url;
        link.download = fileName;
        link.hidden = true;
        this.document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 0);
      },
      error: () => this.downloadFailed.set(true),
    });
    this.destroyRef.onDestroy(() => subscription.unsubscribe());
  }
}

function fileNameFrom(disposition: string | null): string | undefined {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  return match ? decodeURIComponent(match[1]) : undefined;
}
