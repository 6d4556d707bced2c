import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed, DeferBlockState } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type {
  ComplianceReport,
  DeadlineBreakdownRow,
  DeadlineDashboard,
} from '@send/contracts';
import { Session } from '../core/session';
import { DashboardPage } from './dashboard-page';
import { find } from '../shared/testing';

const counts = {
  due: 4,
  metOnTime: 2,
  metLate: 1,
  missed: 1,
  pending: 0,
  percentOnTime: 50,
};
const row = (
  key: string,
  label: string,
  overdue: number,
  dueThisWeek = 0,
): DeadlineBreakdownRow => ({ key, label, overdue, dueThisWeek, ...counts });

const dashboard: DeadlineDashboard = {
  filters: {
    team: 'SEND North',
    from: '2025-04',
    to: '2026-03',
    decisionType: null,
  },
  today: '2026-03-02',
  weekEnds: '2026-03-08',
  dueThisWeek: 1,
  overdue: 3,
  open: 5,
  period: counts,
  byCaseworker: [
    row('Casey Worker', 'Casey Worker', 2, 1),
    row('Sam Okafor', 'Sam Okafor', 1),
  ],
  byRule: [
    row(
      'recommendation.response',
      'Respond to the health and social care recommendations',
      2,
    ),
  ],
  byResponsibleBody: [
    row('icb', 'Integrated care board (ICB)', 1),
    row('council_social_care', 'Council social care', 1),
  ],
  flaggedCases: [],
  teams: ['SEND North'],
};

const compliance: ComplianceReport = {
  filters: dashboard.filters,
  today: '2026-03-02',
  series: [
    {
      category: 'recommendation_responses',
      title: 'Responding to health and social care recommendations',
      months: [{ month: '2026-02', ...counts }],
      total: counts,
    },
  ],
};

/**
 * jsdom has no IntersectionObserver: here every element is in view at once, so that the deferred
 * view of compliance over time (`@defer (on viewport)`) renders as it does when scrolled to.
 */
class InViewObserver {
  constructor(private readonly callback: IntersectionObserverCallback) {}
  observe(target: Element): void {
    this.callback(
      [{ isIntersecting: true, target } as IntersectionObserverEntry],
      this as unknown as IntersectionObserver,
    );
  }
  unobserve(): void {
    return;
  }
  disconnect(): void {
    return;
  }
  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
}
globalThis.IntersectionObserver ??=
  InViewObserver as unknown as typeof IntersectionObserver;

describe('DashboardPage', () => {
  let http: HttpTestingController;

  async function render(role: 'manager' | 'auditor' = 'manager') {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    TestBed.inject(Session).signedIn({
      user: { id: 'u-m', name: 'Morgan Lee', role, team: 'SEND North' },
      csrfToken: 't',
      expiresAt: '2026-03-02T19:00:00Z',
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(DashboardPage);
    fixture.componentRef.setInput('decisionType', 'refuse_plan');
    fixture.detectChanges();
    const d = http.expectOne((r) => r.url === '/api/reports/deadlines');
    expect(d.request.params.get('decisionType')).toBe('refuse_plan');
    expect(d.request.params.has('team')).toBe(false);
    d.flush({
      ...dashboard,
      filters: { ...dashboard.filters, decisionType: 'refuse_plan' },
    });
    http
      .expectOne((r) => r.url === '/api/reports/compliance')
      .flush(compliance);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  afterEach(() => http.verify());

  it('shows the numbers of now, each linking to its deadlines with the filters in force', async () => {
    const { element } = await render();
    const stats = [...element.querySelectorAll('.app-stat')].map((s) =>
      [...s.children]
        .map((p) => p.textContent?.replace(/\s+/g, ' ').trim())
        .join(' | '),
    );
    expect(stats).toEqual([
      'Overdue | 3 overdue',
      'Due this week | 1 due this week | by Sun 8 Mar 2026',
      'Open, not yet due | 5 open, not yet due',
      'Met on time in the period | 50% met on time | 2 of 4 met or past their date',
    ]);
    expect(element.querySelector('.app-stat a')?.getAttribute('href')).toBe(
      '/dashboard/deadlines?team=SEND%20North&from=2025-04&to=2026-03&decisionType=refuse_plan&status=overdue',
    );
    expect(element.textContent).toContain(
      'Period April 2025 to March 2026; decisions: Not to issue an EHC plan.',
    );
  });

  it('links the overdue recommendation responses of the table by rule to their list', async () => {
    const { fixture, element } = await render();
    // Compliance over time is made when scrolled to (a deferred view).
    for (const block of await fixture.getDeferBlocks())
      await block.render(DeferBlockState.Complete);
    const link = [...element.querySelectorAll('a')].find((a) =>
      a.textContent?.includes(
        'overdue: Respond to the health and social care recommendations',
      ),
    );
    expect(link?.getAttribute('href')).toBe(
      '/dashboard/deadlines?team=SEND%20North&from=2025-04&to=2026-03&decisionType=refuse_plan&rule=recommendation.response&status=overdue',
    );
    expect(
      element.querySelectorAll('app-compliance-chart svg[role="img"]'),
    ).toHaveLength(1);
    expect(
      element.querySelector('.app-bar-list')?.getAttribute('aria-label'),
    ).toContain('by caseworker');
  });

  it('offers a manager no team to choose, and an auditor every team', async () => {
    const manager = await render('manager');
    expect(manager.element.querySelector('#filter-team')).toBeNull();
    expect(
      find<HTMLSelectElement>(manager.element, '#filter-decisionType').value,
    ).toBe('refuse_plan');
    const tags = [...manager.element.querySelectorAll('.moj-filter__tag')].map(
      (t) => t.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(tags).toContain('Remove this filter Not to issue an EHC plan');
    http.verify();
    TestBed.resetTestingModule();
    const auditor = await render('auditor');
    expect(
      [...auditor.element.querySelectorAll('#filter-team option')].map(
        (o) => o.textContent,
      ),
    ).toEqual(['All teams', 'SEND North']);
  });

  it('applies the filters chosen through the URL', async () => {
    const { element } = await render();
    const navigate = jest
      .spyOn(TestBed.inject(Router), 'navigate')
      .mockResolvedValue(true);
    const select = find<HTMLSelectElement>(element, '#filter-from');
    select.value = '2025-10';
    find<HTMLButtonElement>(element, '.moj-filter__options button').click();
    expect(navigate).toHaveBeenCalledWith([], {
      queryParams: {
        from: '2025-10',
        to: '2026-03',
        decisionType: 'refuse_plan',
      },
    });
  });
});
