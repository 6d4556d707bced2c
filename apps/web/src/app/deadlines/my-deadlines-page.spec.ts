import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { Session } from '../core/session';
import { sessionInterceptor } from '../core/session-interceptor';
import { addDays, londonToday } from '../shared/dates';
import { caseworkerSession, deadlineView } from '../testing/fixtures';
import { MyDeadlinesPage, periodQuery } from './my-deadlines-page';

describe('My deadlines', () => {
  it('turns each period into the server’s query, weeks running Monday to Sunday', () => {
    const wednesday = '2026-03-04';
    expect(periodQuery('soon', wednesday)).toEqual({
      filter: 'outstanding',
      dueTo: '2026-03-15',
    });
    expect(periodQuery('this-week', wednesday)).toEqual({
      filter: 'open',
      dueFrom: '2026-03-04',
      dueTo: '2026-03-08',
    });
    expect(periodQuery('next-week', wednesday)).toEqual({
      filter: 'open',
      dueFrom: '2026-03-09',
      dueTo: '2026-03-15',
    });
    expect(periodQuery('this-week', '2026-03-08')).toEqual({
      filter: 'open',
      dueFrom: '2026-03-08',
      dueTo: '2026-03-08',
    });
    expect(periodQuery('overdue', wednesday)).toEqual({ filter: 'overdue' });
  });

  describe('the page', () => {
    let http: HttpTestingController;
    beforeEach(() => {
      TestBed.configureTestingModule({
        providers: [
          provideRouter([]),
          provideHttpClient(withInterceptors([sessionInterceptor])),
          provideHttpClientTesting(),
        ],
      });
      TestBed.inject(Session).signedIn(caseworkerSession());
      http = TestBed.inject(HttpTestingController);
    });
    afterEach(() => http.verify());

    const settle = async (fixture: { detectChanges(): void }) => {
      await new Promise((r) => setTimeout(r));
      fixture.detectChanges();
    };

    it('asks for mine, overdue or due by next Sunday, soonest first; counts them; sorts by a header', async () => {
      const fixture = TestBed.createComponent(MyDeadlinesPage);
      fixture.detectChanges();
      http.expectOne('/api/rules').flush([
        {
          id: 'appeal.lodge',
          title: 'Last day to lodge an appeal with the SEND Tribunal',
          period: '',
          source: '',
          facts: [],
        },
      ]);
      const request = http.expectOne((r) => r.url === '/api/deadlines');
      const today = londonToday();
      expect(
        Object.fromEntries(
          request.request.params
            .keys()
            .map((k) => [k, request.request.params.get(k)]),
        ),
      ).toEqual({
        filter: 'outstanding',
        dueTo: periodQuery('soon', today).dueTo,
        owner: 'me',
        sort: 'dueOn',
        limit: '500',
      });
      request.flush([
        deadlineView({
          id: 'a',
          dueOn: addDays(today, -3),
          status: 'overdue',
          displayStatus: 'overdue',
          dutyHolder: 'council',
          ruleId: 'mediation.arrange',
        }),
        deadlineView({ id: 'b', dueOn: today, displayStatus: 'due_soon' }),
        deadlineView({
          id: 'c',
          dueOn: addDays(today, -40),
          status: 'overdue',
          displayStatus: 'overdue',
        }),
      ]);
      await settle(fixture);
      const root = fixture.nativeElement as HTMLElement;
      expect(root.querySelector('h1')?.textContent).toBe('My deadlines');
      expect(root.querySelector('.govuk-body-l')?.textContent?.trim()).toMatch(
        /^1 overdue, 1 due this week and 0 due next week\.$/,
      );
      expect(
        [...root.querySelectorAll('th')].map((th) => [
          th.textContent?.trim(),
          th.getAttribute('aria-sort'),
        ]),
      ).toEqual([
        ['Child and case', 'none'],
        ['What is due', 'none'],
        ['Due date', 'ascending'],
        ['Status', null],
      ]);
      expect(
        [...root.querySelectorAll('tbody .govuk-tag')].map(
          (t) => t.textContent,
        ),
      ).toEqual(['Overdue', 'Due soon', 'Passed']);
      expect(root.textContent).toContain(
        'Also 1 of the family’s time limits went by',
      );

      const navigate = jest
        .spyOn(TestBed.inject(Router), 'navigate')
        .mockResolvedValue(true);
      root.querySelectorAll<HTMLButtonElement>('th button')[2]!.click();
      expect(navigate).toHaveBeenCalledWith(['/my-deadlines'], {
        queryParams: { sort: '-dueOn' },
        queryParamsHandling: 'merge',
      });
    });

    it('shows the team’s with the owner column, and says what to try when nothing matches', async () => {
      const fixture = TestBed.createComponent(MyDeadlinesPage);
      fixture.componentRef.setInput('owner', 'all');
      fixture.componentRef.setInput('period', 'overdue');
      fixture.detectChanges();
      http.expectOne('/api/rules').flush([]);
      const request = http.expectOne((r) => r.url === '/api/deadlines');
      expect(request.request.params.get('owner')).toBe('all');
      expect(request.request.params.get('filter')).toBe('overdue');
      request.flush([]);
      await settle(fixture);
      const root = fixture.nativeElement as HTMLElement;
      expect(root.querySelector('h1')?.textContent).toBe('My team’s deadlines');
      expect(
        [...root.querySelectorAll('.moj-filter__tag')].map((t) =>
          t.textContent?.replace(/\s+/g, ' ').trim(),
        ),
      ).toEqual([
        'Remove this filter Everyone’s in my team',
        'Remove this filter Overdue',
      ]);
      expect(root.textContent).toContain(
        'No open deadlines fall in this period.',
      );
    });
  });
});
