import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { HttpClient } from '@angular/common/http';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import type {
  BulkReassignRequest,
  BulkReassignResult,
  ReassignmentPreview,
  StaffUser,
} from '@send/contracts';
import { pageTitle } from '../core/app-title-strategy';
import { Session } from '../core/session';
import { LongDatePipe } from '../shared/date-pipes';
import { ErrorSummary, type SummaryError } from '../shared/error-summary';
import { SERVICE_PROBLEM, toProblem } from '../shared/problem';

type Step = 'leaver' | 'cases' | 'check' | 'done';

const TITLES: Record<Step, string> = {
  leaver: 'Whose cases are moving?',
  cases: 'Choose the cases and who takes them',
  check: 'Check before you move the cases',
  done: 'Cases moved',
};

/**
 * Bulk reassignment (managers): a caseworker leaves, and their cases, each with its open
 * deadlines, move to other caseworkers of the team in one go, with one reason kept in each case's
 * history. GOV.UK question pages, then check your answers, then a confirmation. The server moves
 * every case or none.
 */
@Component({
  selector: 'app-reassign-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummary, LongDatePipe],
  template: `
    @switch (step()) {
      @case ('leaver') {
        <a routerLink="/dashboard" class="govuk-back-link">Back to the dashboard</a>
      }
      @case ('cases') {
        <a href="#" class="govuk-back-link" (click)="go($event, 'leaver')">Back</a>
      }
      @case ('check') {
        <a href="#" class="govuk-back-link" (click)="go($event, 'cases')">Back</a>
      }
    }
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-full">
        <app-error-summary [errors]="errors()" />
        @if (step() !== 'done') {
          <span class="govuk-caption-l">Move a caseworker's cases</span>
        }
        @switch (step()) {
          @case ('leaver') {
            <form novalidate (submit)="chooseLeaver($event)">
              <div class="govuk-form-group" [class.govuk-form-group--error]="fieldError('from')">
                <fieldset class="govuk-fieldset" aria-describedby="from-hint">
                  <legend class="govuk-fieldset__legend govuk-fieldset__legend--l">
                    <h1 class="govuk-fieldset__heading" tabindex="-1" #heading>{{ title() }}</h1>
                  </legend>
                  <div class="govuk-hint" id="from-hint">Their cases, and the open deadlines of each, will move to others in your team.</div>
                  @if (fieldError('from'); as e) {
                    <p class="govuk-error-message" id="from-error"><span class="govuk-visually-hidden">Error:</span> {{ e }}</p>
                  }
                  @if (staff.hasValue()) {
                    <div class="govuk-radios" data-module="govuk-radios">
                      @for (s of holders(); track s.id; let i = $index) {
                        <div class="govuk-radios__item">
                          <input class="govuk-radios__input" [id]="i === 0 ? 'from' : 'from-' + s.id" name="from" type="radio" [value]="s.id" [checked]="s.id === fromId()" />
                          <label class="govuk-label govuk-radios__label" [for]="i === 0 ? 'from' : 'from-' + s.id">{{ s.name }}</label>
                        </div>
                      }
                    </div>
                  } @else {
                    <p class="govuk-body" role="status">Loading your team…</p>
                  }
                </fieldset>
              </div>
              <button type="submit" class="govuk-button" data-module="govuk-button">Continue</button>
            </form>
          }
          @case ('cases') {
            <h1 class="govuk-heading-l" tabindex="-1" #heading>{{ title() }}</h1>
            @if (preview.hasValue()) {
              @let p = preview.value();
              @if (!p.cases.length) {
                <p class="govuk-body">{{ p.from.name }} holds no cases in {{ p.from.team }}.</p>
                <a href="#" class="govuk-link" (click)="go($event, 'leaver')">Choose someone else</a>
              } @else {
                <form novalidate (submit)="chooseCases($event)">
                  <div class="govuk-form-group" [class.govuk-form-group--error]="fieldError('cases')">
                    <fieldset class="govuk-fieldset" aria-describedby="cases-hint">
                      <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Cases of {{ p.from.name }}</legend>
                      <div class="govuk-hint" id="cases-hint">
                        {{ p.cases.length }} {{ p.cases.length === 1 ? 'case' : 'cases' }}, with {{ totalOpen(p) }} open
                        {{ totalOpen(p) === 1 ? 'deadline' : 'deadlines' }}. Untick any that should stay with them.
                      </div>
                      @if (fieldError('cases'); as e) {
                        <p class="govuk-error-message" id="cases-error"><span class="govuk-visually-hidden">Error:</span> {{ e }}</p>
                      }
                      <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                        @for (c of p.cases; track c.caseId; let i = $index) {
                          <div class="govuk-checkboxes__item">
                            <input class="govuk-checkboxes__input" [id]="i === 0 ? 'cases' : 'case-' + c.caseId" name="cases" type="checkbox" [value]="c.caseId" [checked]="isChosen(c.caseId)" [attr.aria-describedby]="'case-' + c.caseId + '-hint'" />
                            <label class="govuk-label govuk-checkboxes__label" [for]="i === 0 ? 'cases' : 'case-' + c.caseId">{{ c.childName }}, {{ c.reference }}</label>
                            <div class="govuk-hint govuk-checkboxes__hint" [id]="'case-' + c.caseId + '-hint'">
                              {{ c.openDeadlines }} open {{ c.openDeadlines === 1 ? 'deadline' : 'deadlines' }}@if (c.overdueDeadlines) {, {{ c.overdueDeadlines }} overdue}@if (c.nextDueOn) {; next due {{ c.nextDueOn | longDate }}}
                            </div>
                          </div>
                        }
                      </div>
                    </fieldset>
                  </div>

                  <div class="govuk-form-group" [class.govuk-form-group--error]="fieldError('to')">
                    <fieldset class="govuk-fieldset">
                      <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Who takes them?</legend>
                      @if (fieldError('to'); as e) {
                        <p class="govuk-error-message" id="to-error"><span class="govuk-visually-hidden">Error:</span> {{ e }}</p>
                      }
                      <div class="govuk-radios" data-module="govuk-radios">
                        <div class="govuk-radios__item">
                          <input class="govuk-radios__input" id="to" name="how" type="radio" value="one" [checked]="how() === 'one'" (change)="how.set('one')" />
                          <label class="govuk-label govuk-radios__label" for="to">One person takes every case</label>
                        </div>
                        @if (how() === 'one') {
                          <div class="govuk-radios__conditional">
                            <div class="govuk-form-group">
                              <label class="govuk-label" for="staffUserId">Caseworker</label>
                              <select class="govuk-select" id="staffUserId" name="staffUserId">
                                <option value="">Choose a caseworker</option>
                                @for (s of p.candidates; track s.id) {
                                  <option [value]="s.id" [selected]="toIds()[0] === s.id">{{ s.name }}</option>
                                }
                              </select>
                            </div>
                          </div>
                        }
                        <div class="govuk-radios__item">
                          <input class="govuk-radios__input" id="how-spread" name="how" type="radio" value="spread" [checked]="how() === 'spread'" (change)="how.set('spread')" />
                          <label class="govuk-label govuk-radios__label" for="how-spread">Share them between several people</label>
                          <div class="govuk-hint govuk-radios__hint">The cases are dealt out in turn, in order of reference.</div>
                        </div>
                        @if (how() === 'spread') {
                          <div class="govuk-radios__conditional">
                            <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                              @for (s of p.candidates; track s.id) {
                                <div class="govuk-checkboxes__item">
                                  <input class="govuk-checkboxes__input" [id]="'spread-' + s.id" name="spreadAcross" type="checkbox" [value]="s.id" [checked]="toIds().includes(s.id)" />
                                  <label class="govuk-label govuk-checkboxes__label" [for]="'spread-' + s.id">{{ s.name }}</label>
                                </div>
                              }
                            </div>
                          </div>
                        }
                      </div>
                    </fieldset>
                  </div>

                  <div class="govuk-form-group" [class.govuk-form-group--error]="fieldError('reason')">
                    <label class="govuk-label govuk-label--m" for="reason">Why are the cases moving?</label>
                    <div class="govuk-hint" id="reason-hint">Kept in the history of each case.</div>
                    @if (fieldError('reason'); as e) {
                      <p class="govuk-error-message" id="reason-error"><span class="govuk-visually-hidden">Error:</span> {{ e }}</p>
                    }
                    <textarea class="govuk-textarea" id="reason" name="reason" rows="3" aria-describedby="reason-hint" [value]="reason()"></textarea>
                  </div>
                  <button type="submit" class="govuk-button" data-module="govuk-button">Continue</button>
                </form>
              }
            } @else if (preview.error()) {
              <p class="govuk-body govuk-error-message" role="alert">{{ problemOf(preview.error()) }}</p>
            } @else {
              <p class="govuk-body" role="status">Loading their cases…</p>
            }
          }
          @case ('check') {
            <h1 class="govuk-heading-l" tabindex="-1" #heading>{{ title() }}</h1>
            <dl class="govuk-summary-list">
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Cases of</dt>
                <dd class="govuk-summary-list__value">{{ preview.value()?.from?.name }}</dd>
                <dd class="govuk-summary-list__actions">
                  <a href="#" class="govuk-link" (click)="go($event, 'leaver')">Change<span class="govuk-visually-hidden"> whose cases move</span></a>
                </dd>
              </div>
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Cases to move</dt>
                <dd class="govuk-summary-list__value">
                  {{ chosenCases().length }} {{ chosenCases().length === 1 ? 'case' : 'cases' }}, with {{ chosenOpen() }} open
                  {{ chosenOpen() === 1 ? 'deadline' : 'deadlines' }}
                  <ul class="govuk-list">
                    @for (a of plan(); track a.caseId) {
                      <li>{{ a.reference }} ({{ a.childName }}) to {{ a.to }}</li>
                    }
                  </ul>
                </dd>
                <dd class="govuk-summary-list__actions">
                  <a href="#" class="govuk-link" (click)="go($event, 'cases')">Change<span class="govuk-visually-hidden"> the cases</span></a>
                </dd>
              </div>
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Who takes them</dt>
                <dd class="govuk-summary-list__value">{{ takersText() }}</dd>
                <dd class="govuk-summary-list__actions">
                  <a href="#" class="govuk-link" (click)="go($event, 'cases')">Change<span class="govuk-visually-hidden"> who takes them</span></a>
                </dd>
              </div>
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Reason</dt>
                <dd class="govuk-summary-list__value">{{ reason() }}</dd>
                <dd class="govuk-summary-list__actions">
                  <a href="#" class="govuk-link" (click)="go($event, 'cases')">Change<span class="govuk-visually-hidden"> the reason</span></a>
                </dd>
              </div>
            </dl>
            <p class="govuk-body">Each case's history will record the move and the reason. If any case cannot move, none will.</p>
            <button type="button" class="govuk-button" data-module="govuk-button" [disabled]="saving()" (click)="move()">Move the cases</button>
          }
          @case ('done') {
            @if (result(); as r) {
              <div class="govuk-panel govuk-panel--confirmation">
                <h1 class="govuk-panel__title" tabindex="-1" #heading>{{ title() }}</h1>
                <div class="govuk-panel__body">
                  {{ r.moved.length }} {{ r.moved.length === 1 ? 'case' : 'cases' }} and {{ r.openDeadlinesMoved }} open
                  {{ r.openDeadlinesMoved === 1 ? 'deadline' : 'deadlines' }} moved
                </div>
              </div>
              <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--m">Where each case went</caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">Case</th>
                    <th scope="col" class="govuk-table__header">Now with</th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  @for (m of r.moved; track m.caseId) {
                    <tr class="govuk-table__row">
                      <td class="govuk-table__cell"><a class="govuk-link" [routerLink]="['/cases', m.caseId]">{{ m.reference }}</a></td>
                      <td class="govuk-table__cell">{{ m.to }}</td>
                    </tr>
                  }
                </tbody>
              </table>
              <p class="govuk-body"><a class="govuk-link" routerLink="/dashboard">Back to the dashboard</a></p>
            }
          }
        }
      </div>
    </div>
  `,
})
export class ReassignPage {
  private readonly http = inject(HttpClient);
  private readonly session = inject(Session);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  protected readonly step = signal<Step>('leaver');
  protected readonly title = computed(() => TITLES[this.step()]);
  protected readonly fromId = signal<string | undefined>(undefined);
  protected readonly chosen = signal<readonly string[] | undefined>(undefined);
  protected readonly how = signal<'one' | 'spread'>('one');
  protected readonly toIds = signal<readonly string[]>([]);
  protected readonly reason = signal('');
  protected readonly errors = signal<
    readonly (SummaryError & { field?: string })[]
  >([]);
  protected readonly saving = signal(false);
  protected readonly result = signal<BulkReassignResult | undefined>(undefined);

  protected readonly staff = rxResource({
    params: () => this.session.currentId(),
    stream: () => this.http.get<StaffUser[]>('/api/users'),
  });
  protected readonly holders = computed(() =>
    (this.staff.value() ?? []).filter(
      (s) => s.role === 'caseworker' || s.role === 'manager',
    ),
  );

  protected readonly preview = rxResource({
    params: () => this.fromId(),
    stream: ({ params }) =>
      this.http.get<ReassignmentPreview>('/api/reassignments/preview', {
        params: { fromStaffUserId: params },
      }),
  });

  protected readonly chosenCases = computed(() => {
    const cases = this.preview.value()?.cases ?? [];
    const chosen = this.chosen();
    return chosen ? cases.filter((c) => chosen.includes(c.caseId)) : cases;
  });
  protected readonly chosenOpen = computed(() =>
    this.chosenCases().reduce((n, c) => n + c.openDeadlines, 0),
  );
  private readonly nameOf = computed(
    () =>
      new Map(
        (this.preview.value()?.candidates ?? []).map((c) => [c.id, c.name]),
      ),
  );
  /** Where each case goes: dealt out in turn, in order of reference (as the server does). */
  protected readonly plan = computed(() => {
    const to = this.toIds();
    return this.chosenCases().map((c, i) => ({
      caseId: c.caseId,
      reference: c.reference,
      childName: c.childName,
      to: this.nameOf().get(to[i % to.length] ?? '') ?? '',
    }));
  });
  protected readonly takersText = computed(() => {
    const names = this.toIds().map((id) => this.nameOf().get(id) ?? id);
    return names.length === 1
      ? `${names[0]} takes every case`
      : `Shared between ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  });

  constructor() {
    const title = inject(Title);
    afterRenderEffect(() => title.setTitle(pageTitle(this.title())));
    // Each new step's heading takes focus, as a new page's would.
    let shown: Step | undefined;
    afterRenderEffect(() => {
      const step = this.step();
      const heading = this.heading();
      if (
        heading &&
        shown !== undefined &&
        shown !== step &&
        !this.errors().length
      )
        heading.nativeElement.focus();
      if (heading) shown = step;
    });
  }

  protected fieldError(field: string): string | undefined {
    return this.errors().find((e) => e.field === field)?.message;
  }

  protected isChosen(caseId: string): boolean {
    const chosen = this.chosen();
    return chosen ? chosen.includes(caseId) : true;
  }

  protected totalOpen(p: ReassignmentPreview): number {
    return p.cases.reduce((n, c) => n + c.openDeadlines, 0);
  }

  protected go(event: Event, step: Step): void {
    event.preventDefault();
    this.errors.set([]);
    this.step.set(step);
  }

  protected chooseLeaver(event: Event): void {
    event.preventDefault();
    const from = new FormData(event.target as HTMLFormElement).get('from');
    if (!from) {
      this.errors.set([
        {
          field: 'from',
          targetId: 'from',
          message: 'Choose the caseworker whose cases are moving',
        },
      ]);
      return;
    }
    if (from !== this.fromId()) {
      this.chosen.set(undefined);
      this.toIds.set([]);
    }
    this.fromId.set(String(from));
    this.errors.set([]);
    this.step.set('cases');
  }

  protected chooseCases(event: Event): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const cases = data.getAll('cases').map(String);
    const to =
      this.how() === 'one'
        ? [String(data.get('staffUserId') ?? '')].filter(Boolean)
        : data.getAll('spreadAcross').map(String);
    const reason = String(data.get('reason') ?? '').trim();
    this.chosen.set(cases);
    this.toIds.set(to);
    this.reason.set(reason);
    const errors: (SummaryError & { field: string })[] = [];
    if (!cases.length)
      errors.push({
        field: 'cases',
        targetId: 'cases',
        message: 'Choose at least one case to move',
      });
    if (!to.length)
      errors.push({
        field: 'to',
        targetId: this.how() === 'one' ? 'staffUserId' : 'to',
        message:
          this.how() === 'one'
            ? 'Choose the caseworker who takes the cases'
            : 'Choose the people who share the cases',
      });
    if (!reason)
      errors.push({
        field: 'reason',
        targetId: 'reason',
        message: 'Enter why the cases are moving',
      });
    this.errors.set(errors);
    if (!errors.length) this.step.set('check');
  }

  protected move(): void {
    const from = this.fromId();
    if (!from || this.saving()) return;
    const to = this.toIds();
    const body: BulkReassignRequest = {
      fromStaffUserId: from,
      caseIds: this.chosenCases().map((c) => c.caseId),
      reason: this.reason(),
      ...(to.length === 1 ? { staffUserId: to[0] } : { spreadAcross: [...to] }),
    };
    this.saving.set(true);
    this.http.post<BulkReassignResult>('/api/reassignments', body).subscribe({
      next: (result) => {
        this.saving.set(false);
        this.result.set(result);
        this.errors.set([]);
        this.step.set('done');
        this.preview.reload();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.errors.set([{ message: this.problemOf(error) }]);
      },
    });
  }

  protected problemOf(error: unknown): string {
    return toProblem(error)?.detail ?? SERVICE_PROBLEM;
  }
}
