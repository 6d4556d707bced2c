import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
  effect,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import {
  DEADLINE_SORTS,
  type DeadlineQuery,
  type DeadlineSort,
  RESPONSIBLE_BODIES,
  type ResponsibleBody,
} from '@send/contracts';
import { RuleApi } from '../calculator/rule-api';
import { groupRules } from '../calculator/rule-groups';
import { Session } from '../core/session';
import { addDays, endOfWeek, londonToday } from '../shared/dates';
import type { Choice } from '../shared/forms/form-types';
import { RadioGroup } from '../shared/forms/radio-group';
import { SelectField } from '../shared/forms/select-field';
import { responsibleBodyLabel } from '../shared/labels';
import { SERVICE_PROBLEM } from '../shared/problem';
import { DeadlineApi } from './deadline-api';
import { isOverdueDuty, isPassedFamilyLimit } from '@send/domain';
import { DeadlineTable } from './deadline-table';

/** When a deadline falls, as the "When" filter offers it. */
const PERIODS = [
  { value: 'soon', text: 'Overdue, or due this week or next' },
  { value: 'overdue', text: 'Overdue' },
  { value: 'this-week', text: 'Due this week' },
  { value: 'next-week', text: 'Due next week' },
  { value: 'all', text: 'Any date' },
] as const;
export type Period = (typeof PERIODS)[number]['value'];

const LIMIT = 500;

/** The server's query for a period, from today (YYYY-MM-DD, Europe/London): weeks run Monday to Sunday. */
export function periodQuery(
  period: Period,
  today: string,
): Pick<DeadlineQuery, 'filter' | 'dueFrom' | 'dueTo'> {
  const sunday = endOfWeek(today);
  switch (period) {
    case 'overdue':
      return { filter: 'overdue' };
    case 'this-week':
      return { filter: 'open', dueFrom: today, dueTo: sunday };
    case 'next-week':
      return {
        filter: 'open',
        dueFrom: addDays(sunday, 1),
        dueTo: addDays(sunday, 7),
      };
    case 'all':
      return { filter: 'outstanding' };
    case 'soon':
      return { filter: 'outstanding', dueTo: addDays(sunday, 7) };
  }
}

/**
 * "My deadlines": what is overdue and what falls due this week and next, in one table that the
 * server filters and sorts (mine by default; everyone's in the team on request). The filters live
 * in the address, so a filtered list can be bookmarked and the back button works.
 */
@Component({
  selector: 'app-my-deadlines-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, DeadlineTable, RadioGroup, SelectField],
  template: `
    <h1 class="govuk-heading-l">{{ heading() }}</h1>
    @if (counts(); as counts) {
      <p class="govuk-body-l">
        {{ counts.overdue }} overdue, {{ counts.thisWeek }} due this week and {{ counts.nextWeek }} due next week.
      </p>
      @if (counts.passed) {
        <p class="govuk-body">
          Also {{ counts.passed }} of the family’s time limits went by (to contact the mediation adviser or to appeal): marked Passed, they need no action unless the family still acts.
        </p>
      }
    }
    <div class="moj-filter-layout app-deadline-filters">
      <div class="moj-filter-layout__filter">
        <div class="moj-filter">
          <div class="moj-filter__header">
            <div class="moj-filter__header-title">
              <h2 class="govuk-heading-m">Filter</h2>
            </div>
          </div>
          <div class="moj-filter__content">
            @if (selected().length) {
              <div class="moj-filter__selected">
                <div class="moj-filter__selected-heading">
                  <div class="moj-filter__heading-title">
                    <h2 class="govuk-heading-m">Selected filters</h2>
                  </div>
                  <div class="moj-filter__heading-action">
                    <p><a class="govuk-link govuk-link--no-visited-state" routerLink="/my-deadlines">Clear filters</a></p>
                  </div>
                </div>
                <ul class="moj-filter-tags">
                  @for (tag of selected(); track tag.key) {
                    <li>
                      <a class="moj-filter__tag" routerLink="/my-deadlines" [queryParams]="tag.remove" queryParamsHandling="merge"
                        ><span class="govuk-visually-hidden">Remove this filter</span> {{ tag.text }}</a
                      >
                    </li>
                  }
                </ul>
              </div>
            }
            <form class="moj-filter__options" novalidate (submit)="apply($event)">
              <button type="submit" class="govuk-button" data-module="govuk-button">Apply filters</button>
              @if (canChooseOwner()) {
                <app-radio-group id="owner" legend="Whose deadlines" size="s" [small]="true" [options]="owners" [value]="draft().owner" (valueChange)="edit('owner', $event)" />
              }
              <app-radio-group id="period" legend="When" size="s" [small]="true" [options]="periods" [value]="draft().period" (valueChange)="edit('period', $event)" />
              <app-select-field id="rule" label="Deadline" size="s" placeholder="Any deadline" [options]="ruleGroups()" [value]="draft().rule" (valueChange)="edit('rule', $event)" />
              <app-select-field id="body" label="Recommendation response owed by" size="s" placeholder="Anyone" [options]="bodies" [value]="draft().body" (valueChange)="edit('body', $event)" />
            </form>
          </div>
        </div>
      </div>
      <div class="moj-filter-layout__content">
        @if (deadlines.error()) {
          <p class="govuk-body" role="alert">{{ serviceProblem }}</p>
        } @else if (deadlines.hasValue()) {
          @let rows = deadlines.value();
          <div role="status">
            @if (!rows.length) {
              <h2 class="govuk-heading-m">Nothing to show</h2>
              <p class="govuk-body">{{ emptyText() }}</p>
            }
          </div>
          @if (rows.length) {
            <app-deadline-table
              [deadlines]="rows"
              [caption]="rows.length === 1 ? '1 deadline' : rows.length + ' deadlines'"
              [today]="today"
              [showOwner]="active().owner === 'all'"
              [sort]="active().sort"
              (sortChange)="sortBy($event)"
            />
            @if (rows.length === limit) {
              <p class="govuk-body">Only the first {{ limit }} are shown: narrow the filters to see the rest.</p>
            }
          }
        } @else {
          <p class="govuk-body" role="status">Loading deadlines…</p>
        }
      </div>
    </div>
  `,
})
export class MyDeadlinesPage {
  /** Query parameters: the filters and the sort. */
  readonly owner = input<string>();
  readonly period = input<string>();
  readonly rule = input<string>();
  readonly body = input<string>();
  readonly sort = input<string>();

  private readonly api = inject(DeadlineApi);
  private readonly rules = inject(RuleApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);

  protected readonly today = londonToday();
  protected readonly limit = LIMIT;
  protected readonly serviceProblem = SERVICE_PROBLEM;
  protected readonly periods = PERIODS;
  protected readonly owners: readonly Choice[] = [
    { value: 'me', text: 'Mine' },
    { value: 'all', text: 'Everyone’s in my team' },
  ];
  protected readonly bodies: readonly Choice[] = RESPONSIBLE_BODIES.map(
    (value) => ({ value, text: responsibleBodyLabel(value) }),
  );

  /** Auditors own no deadlines: they see everyone's. */
  protected readonly canChooseOwner = computed(
    () => this.session.user()?.role !== 'auditor',
  );

  /** The filters in force (from the address, with defaults). */
  protected readonly active = computed(() => ({
    owner: !this.canChooseOwner() || this.owner() === 'all' ? 'all' : 'me',
    period: (PERIODS.some((p) => p.value === this.period())
      ? this.period()
      : 'soon') as Period,
    rule: this.rule() ?? '',
    body: (RESPONSIBLE_BODIES as readonly string[]).includes(this.body() ?? '')
      ? (this.body() as ResponsibleBody)
      : undefined,
    sort: ((DEADLINE_SORTS as readonly string[]).includes(this.sort() ?? '')
      ? this.sort()
      : 'dueOn') as DeadlineSort,
  }));

  /** The filters as being chosen in the panel, applied with "Apply filters". */
  protected readonly draft = signal({
    owner: 'me',
    period: 'soon',
    rule: '',
    body: '',
  });

  protected readonly ruleList = rxResource({
    params: () => this.session.currentId(),
    stream: () => this.rules.rules(),
  });
  protected readonly ruleGroups = computed(() =>
    this.ruleList.hasValue() ? groupRules(this.ruleList.value()) : [],
  );

  protected readonly deadlines = rxResource({
    params: () => {
      const user = this.session.currentId();
      if (!user) return undefined;
      const a = this.active();
      return {
        user,
        query: {
          ...periodQuery(a.period, this.today),
          owner: a.owner as 'me' | 'all',
          ...(a.rule ? { ruleId: a.rule } : {}),
          ...(a.body ? { responsibleBody: a.body } : {}),
          sort: a.sort,
          limit: LIMIT,
        } satisfies DeadlineQuery,
      };
    },
    stream: ({ params }) => this.api.query(params.query),
  });

  protected readonly heading = computed(() =>
    this.active().owner === 'me' ? 'My deadlines' : 'My team’s deadlines',
  );

  /** How many are overdue, due this week and next (only when the list shows all three). */
  protected readonly counts = computed(() => {
    if (!this.deadlines.hasValue() || this.active().period !== 'soon')
      return undefined;
    const sunday = endOfWeek(this.today);
    const rows = this.deadlines.value();
    // A family's time limit that went by is "Passed", not a duty the council failed.
    const overdue = rows.filter((d) => isOverdueDuty(d, this.today)).length;
    const passed = rows.filter((d) =>
      isPassedFamilyLimit(d, this.today),
    ).length;
    const thisWeek = rows.filter(
      (d) => d.dueOn >= this.today && d.dueOn <= sunday,
    ).length;
    return {
      overdue,
      passed,
      thisWeek,
      nextWeek: rows.length - overdue - passed - thisWeek,
    };
  });

  protected readonly selected = computed(() => {
    const a = this.active();
    const tags: { key: string; text: string; remove: Record<string, null> }[] =
      [];
    if (a.owner === 'all' && this.canChooseOwner())
      tags.push({
        key: 'owner',
        text: 'Everyone’s in my team',
        remove: { owner: null },
      });
    if (a.period !== 'soon')
      tags.push({
        key: 'period',
        text: PERIODS.find((p) => p.value === a.period)?.text ?? a.period,
        remove: { period: null },
      });
    if (a.rule) {
      const title = this.ruleList.hasValue()
        ? this.ruleList.value().find((r) => r.id === a.rule)?.title
        : undefined;
      tags.push({ key: 'rule', text: title ?? a.rule, remove: { rule: null } });
    }
    if (a.body)
      tags.push({
        key: 'body',
        text: responsibleBodyLabel(a.body),
        remove: { body: null },
      });
    return tags;
  });

  protected readonly emptyText = computed(() => {
    const a = this.active();
    if (a.rule || a.body)
      return 'No deadlines match these filters. Remove a filter to see more.';
    if (a.period === 'soon') {
      return a.owner === 'me'
        ? 'Nothing of yours is overdue or due by the end of next week. Choose “Any date” to see every open deadline you own.'
        : 'Nothing in your team is overdue or due by the end of next week.';
    }
    return 'No open deadlines fall in this period.';
  });

  constructor() {
    // The panel starts from the filters in force, and follows them when they change (a tag removed, back button).
    effect(() => {
      const a = this.active();
      this.draft.set({
        owner: a.owner,
        period: a.period,
        rule: a.rule,
        body: a.body ?? '',
      });
    });
  }

  protected edit(
    key: 'owner' | 'period' | 'rule' | 'body',
    value: string,
  ): void {
    this.draft.update((d) => ({ ...d, [key]: value }));
  }

  protected apply(event: Event): void {
    event.preventDefault();
    const d = this.draft();
    void this.router.navigate(['/my-deadlines'], {
      queryParams: {
        owner: d.owner === 'all' ? 'all' : null,
        period: d.period === 'soon' ? null : d.period,
        rule: d.rule || null,
        body: d.body || null,
      },
      queryParamsHandling: 'merge',
    });
  }

  protected sortBy(sort: string): void {
    void this.router.navigate(['/my-deadlines'], {
      queryParams: { sort: sort === 'dueOn' ? null : sort },
      queryParamsHandling: 'merge',
    });
  }
}
