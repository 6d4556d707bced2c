import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { Session } from '../core/session';
import { londonToday } from '../shared/dates';
import { CaseDeadlines } from './case-deadlines';
import { CaseStore } from './case-store';
import { isOutstanding } from '@send/domain';

/** Every deadline of the case: open (soonest first), then met, then cancelled. */
@Component({
  selector: 'app-case-deadlines-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CaseDeadlines],
  template: `
    <h2 class="govuk-heading-m">Open</h2>
    <app-case-deadlines [deadlines]="open()" [today]="today" [canExtend]="canExtend()" />
    <h2 class="govuk-heading-m">Met</h2>
    <app-case-deadlines [deadlines]="met()" [today]="today" empty="No deadline on this case has been met yet." />
    @if (missed().length) {
      <h2 class="govuk-heading-m">Missed</h2>
      <app-case-deadlines [deadlines]="missed()" [today]="today" />
    }
    @if (cancelled().length) {
      <h2 class="govuk-heading-m">No longer apply</h2>
      <app-case-deadlines [deadlines]="cancelled()" [today]="today" />
    }
  `,
})
export class CaseDeadlinesTab {
  private readonly store = inject(CaseStore);
  private readonly session = inject(Session);
  protected readonly today = londonToday();
  protected readonly canExtend = computed(() =>
    ['caseworker', 'manager'].includes(this.session.user()?.role ?? ''),
  );

  private readonly all = computed(() =>
    [...(this.store.current()?.deadlines ?? [])].sort((a, b) =>
      a.dueOn.localeCompare(b.dueOn),
    ),
  );
  protected readonly open = computed(() => this.all().filter(isOutstanding));
  protected readonly met = computed(() =>
    this.all().filter((d) => d.status === 'met'),
  );
  protected readonly missed = computed(() =>
    this.all().filter((d) => d.status === 'missed'),
  );
  protected readonly cancelled = computed(() =>
    this.all().filter((d) => d.status === 'cancelled'),
  );
}
