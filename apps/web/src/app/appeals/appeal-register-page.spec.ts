import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { AppealRegister } from '@send/contracts';
import { Session } from '../core/session';
import { AppealRegisterPage } from './appeal-register-page';
import { find } from '../shared/testing';

const register: AppealRegister = {
  items: [
    {
      caseId: 'c-1',
      caseReference: 'RUT-2026-0101',
      childName: 'Amira Khan',
      team: 'SEND North',
      caseworker: 'Casey Worker',
      appealId: 'a-1',
      tribunalReference: 'EH857/26/00101',
      decisionType: 'final_plan_content',
      sections: ['B', 'F', 'I'],
      lodgedOn: '2026-01-10',
      stage: 'ended',
      outcome: 'decided_allowed',
      result: 'lost',
      decisionDate: '2026-02-20',
    },
  ],
  total: 1,
  counts: {
    total: 1,
    byStage: [{ key: 'ended', label: 'Ended', count: 1 }],
    byOutcome: [{ key: 'decided_allowed', label: 'Allowed', count: 1 }],
    byResult: [{ key: 'lost', label: 'Lost', count: 1 }],
    byDecisionType: [
      {
        key: 'final_plan_content',
        label: 'Content of the final EHC plan',
        total: 1,
        open: 0,
        lost: 1,
        referredBack: 0,
        conceded: 0,
        upheld: 0,
        endedWithoutDecision: 0,
      },
    ],
    bySection: [],
  },
  teams: ['SEND North'],
};

describe('AppealRegisterPage', () => {
  async function render(inputs: Record<string, string> = {}) {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    TestBed.inject(Session).signedIn({
      user: {
        id: 'u-m',
        name: 'Morgan Lee',
        role: 'manager',
        team: 'SEND North',
      },
      csrfToken: 't',
      expiresAt: '2026-03-02T19:00:00Z',
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AppealRegisterPage);
    for (const [k, v] of Object.entries(inputs))
      fixture.componentRef.setInput(k, v);
    fixture.detectChanges();
    const request = http.expectOne((r) => r.url === '/api/reports/appeals');
    request.flush(register);
    await fixture.whenStable();
    http.verify();
    return { request, element: fixture.nativeElement as HTMLElement };
  }

  it('asks the server to sort and page, newest lodged first by default, and marks the sorted column', async () => {
    const { request, element } = await render();
    expect(request.request.params.get('sort')).toBe('lodgedOn');
    expect(request.request.params.get('order')).toBe('desc');
    expect(request.request.params.get('offset')).toBe('0');
    const sorts = [...element.querySelectorAll('th[aria-sort]')].map((th) => [
      th.textContent?.replace(/[↕▲▼\s]+/g, ' ').trim(),
      th.getAttribute('aria-sort'),
    ]);
    expect(sorts).toEqual([
      ['Child and case', 'none'],
      ['Tribunal reference', 'none'],
      ['Caseworker', 'none'],
      ['Lodged', 'descending'],
      ['Response due', 'none'],
      ['Hearing date', 'none'],
      ['Stage', 'none'],
      ['Outcome', 'none'],
    ]);
    const cells = [...element.querySelectorAll('tbody tr:last-child td')];
    expect(element.textContent).toContain('Content of the final EHC plan');
    expect(cells).toBeDefined();
  });

  it('sorts by another column, then turns the order round', async () => {
    const { element } = await render({
      sort: 'childName',
      order: 'asc',
      page: '2',
    });
    expect(
      element.querySelector('th[aria-sort="ascending"]')?.textContent,
    ).toContain('Child and case');
    const navigate = jest
      .spyOn(TestBed.inject(Router), 'navigate')
      .mockResolvedValue(true);
    const buttons = [
      ...element.querySelectorAll<HTMLButtonElement>('th[aria-sort] button'),
    ];
    buttons[0]?.click();
    expect(navigate).toHaveBeenLastCalledWith([], {
      queryParams: { sort: 'childName', order: 'desc', page: null },
      queryParamsHandling: 'merge',
    });
    buttons[3]?.click();
    expect(navigate).toHaveBeenLastCalledWith([], {
      queryParams: { sort: 'lodgedOn', order: 'desc', page: null },
      queryParamsHandling: 'merge',
    });
    // The Outcome column sorts by the outcome (how the appeal ended), open ones first.
    buttons[7]?.click();
    expect(navigate).toHaveBeenLastCalledWith([], {
      queryParams: { sort: 'outcome', order: 'asc', page: null },
      queryParamsHandling: 'merge',
    });
  });

  it('makes every number a link to the appeals it counts', async () => {
    const { element } = await render();
    const links = [...element.querySelectorAll('table a')].map((a) =>
      a.getAttribute('href'),
    );
    expect(links).toEqual(
      expect.arrayContaining([
        '/?decisionType=final_plan_content',
        '/?decisionType=final_plan_content&result=lost',
        '/?stage=ended',
        '/?outcome=decided_allowed',
      ]),
    );
    expect(
      element
        .querySelector('a[download]')
        ?.getAttribute('href')
        ?.startsWith('/api/reports/appeals.csv?'),
    ).toBe(true);
  });

  it('shows how each appeal ended for the council, and links to the case', async () => {
    const { element } = await render();
    const row = find(
      [...element.querySelectorAll('tbody')].at(-1) ?? element,
      'tr',
    );
    expect(
      [...row.querySelectorAll('td')].map((td) =>
        td.textContent?.replace(/\s+/g, ' ').trim(),
      ),
    ).toEqual([
      'Amira Khan RUT-2026-0101',
      'EH857/26/00101',
      'Casey Worker',
      'Content of the final EHC plan Sections B, F, I',
      'Sat 10 Jan 2026',
      '–',
      '–',
      'Ended',
      'Lost Allowed, Fri 20 Feb 2026',
    ]);
    expect(row.querySelector('a')?.getAttribute('href')).toBe('/cases/c-1');
  });
});
