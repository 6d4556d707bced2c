import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { DeadlineView } from '@send/contracts';
import { Session } from '../core/session';
import { sessionInterceptor } from '../core/session-interceptor';
import { londonToday } from '../shared/dates';
import { DeadlineList } from './deadline-list';

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const today = londonToday();

const deadline = (overrides: Partial<DeadlineView>): DeadlineView => ({
  id: 'd1',
  caseId: 'case-1',
  caseReference: 'SEND-2026-0001',
  childName: 'Amelia Jones',
  ruleId: 'recommendation.response',
  ruleTitle: "Respond to the Tribunal's health and social care recommendations",
  rulesetVersion: '2026.1',
  dueOn: addDays(today, 3),
  explanation: [],
  status: 'open',
  displayStatus: 'due_soon',
  dutyHolder: 'icb',
  subjectId: 'rec-1',
  owner: 'Priya Shah',
  ...overrides,
});

describe('DeadlineList', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([sessionInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(Session).signedIn({
      user: {
        id: 'u-caseworker',
        name: 'Priya Shah',
        role: 'caseworker',
        team: 'SEND',
      },
      csrfToken: 'csrf-1',
      expiresAt: '2026-03-02T19:00:00Z',
      idleExpiresAt: '2026-03-02T09:30:00Z',
    });
  });

  afterEach(() => http.verify());

  function render(filter?: string) {
    const fixture = TestBed.createComponent(DeadlineList);
    if (filter) fixture.componentRef.setInput('filter', filter);
    // Not whenStable(): the app is not stable while a request is outstanding.
    fixture.detectChanges();
    return fixture;
  }

  it('loads the deadlines as the first caseworker and shows them in a table', async () => {
    const fixture = render();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('Loading deadlines');

    const request = http.expectOne((r) => r.url === '/api/deadlines');
    expect(request.request.params.get('filter')).toBe('outstanding');
    expect(request.request.headers.has('X-Demo-User')).toBe(false);
    request.flush([
      deadline({ responsibleBody: 'icb' }),
      deadline({
        id: 'd2',
        caseId: 'case-2',
        childName: 'Ben Carter',
        caseReference: 'SEND-2026-0002',
        ruleTitle: 'Issue the final plan',
        dueOn: addDays(today, -20),
        status: 'met',
        metOn: addDays(today, -21),
        metOnTime: true,
        owner: 'Sam Okafor',
      }),
    ]);
    await fixture.whenStable();

    expect(element.querySelector('h1')?.textContent).toBe('Deadlines');
    expect(element.querySelector('caption')?.textContent).toBe(
      'Outstanding deadlines (open or overdue)',
    );
    const rows = [...element.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) =>
        cell.textContent?.replace(/\s+/g, ' ').trim(),
      ),
    );
    expect(rows).toEqual([
      [
        'Amelia Jones SEND-2026-0001',
        "Respond to the Tribunal's health and social care recommendations Integrated care board (ICB)",
        expect.stringMatching(/^\w{3} \d{1,2} \w{3} \d{4}$/),
        'Due soon',
        'Priya Shah',
      ],
      [
        'Ben Carter SEND-2026-0002',
        'Issue the final plan',
        expect.any(String),
        'Met on time',
        'Sam Okafor',
      ],
    ]);
    expect(element.querySelector('tbody a')?.getAttribute('href')).toBe(
      '/cases/case-1',
    );
    expect(element.querySelector('.govuk-tag--yellow')?.textContent).toBe(
      'Due soon',
    );
    expect(
      element.querySelector('[aria-current="page"]')?.textContent?.trim(),
    ).toBe('Outstanding');
  });

  it('asks for the chosen filter and says what an empty list means', async () => {
    const fixture = render('overdue');
    http.expectOne('/api/deadlines?filter=overdue&limit=51&offset=0').flush([]);
    await fixture.whenStable();

    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('table')).toBeNull();
    expect(element.textContent).toContain(
      'Nothing is overdue: every deadline that has passed was met or cancelled.',
    );
    expect(
      element.querySelector('[aria-current="page"]')?.textContent?.trim(),
    ).toBe('Overdue');
  });

  it('says so when the deadlines cannot be loaded', async () => {
    const fixture = render();
    http
      .expectOne('/api/deadlines?filter=outstanding&limit=51&offset=0')
      .flush(null, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')
        ?.textContent,
    ).toContain('Sorry, there is a problem with the service');
  });

  it('shows 50 at a time, with a link to the next page when there are more, and the rows each page holds', async () => {
    const many = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) =>
        deadline({ id: `d${from + i}`, childName: `Child ${from + i}` }),
      );
    const first = render('all');
    http
      .expectOne('/api/deadlines?filter=all&limit=51&offset=0')
      .flush(many(51));
    await first.whenStable();
    const element = first.nativeElement as HTMLElement;
    expect(element.querySelectorAll('tbody tr')).toHaveLength(50);
    expect(element.querySelector('caption')?.textContent).toBe(
      'All deadlines, 1 to 50',
    );
    expect(element.querySelector('[rel="next"]')?.textContent).toContain(
      'Page 2',
    );
    expect(element.querySelector('[rel="prev"]')).toBeNull();

    const second = TestBed.createComponent(DeadlineList);
    second.componentRef.setInput('filter', 'all');
    second.componentRef.setInput('page', '2');
    second.detectChanges();
    http
      .expectOne('/api/deadlines?filter=all&limit=51&offset=50')
      .flush(many(3, 50));
    await second.whenStable();
    const page2 = second.nativeElement as HTMLElement;
    expect(page2.querySelector('caption')?.textContent).toBe(
      'All deadlines, 51 to 53',
    );
    expect(page2.querySelector('[rel="prev"]')?.textContent).toContain(
      'Page 1',
    );
    expect(page2.querySelector('[rel="next"]')).toBeNull();
  });
});
