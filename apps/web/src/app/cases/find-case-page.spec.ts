import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Session } from '../core/session';
import { sessionInterceptor } from '../core/session-interceptor';
import { caseworkerSession } from '../testing/fixtures';
import { FindCasePage } from './find-case-page';

const summary = (n: number) => ({
  id: `c-${n}`,
  reference: `RUT-${n}`,
  childName: `Child ${n}`,
  dateOfBirth: '2014-05-17',
  caseworker: 'Priya Shah',
  team: 'SEND North',
  stage: 'open' as const,
  version: 1,
});

describe('FindCasePage', () => {
  let http: HttpTestingController;
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'cases', children: [] }]),
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

  it('lists the team’s cases until a search, then searches by POST (no names in the address) and pages', async () => {
    const fixture = TestBed.createComponent(FindCasePage);
    fixture.detectChanges();
    const recent = http.expectOne((r) => r.url === '/api/cases');
    expect(recent.request.params.get('limit')).toBe('20');
    recent.flush({ items: [summary(1)], total: 1 });
    await settle(fixture);
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('caption')?.textContent?.trim()).toBe(
      'Your team’s cases, most recently changed first',
    );

    const text = root.querySelector<HTMLInputElement>('#text')!;
    text.value = 'Khan';
    text.dispatchEvent(new Event('input'));
    root.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(fixture);
    const search = http.expectOne('/api/cases/search');
    expect(search.request.method).toBe('POST');
    expect(search.request.body).toEqual({ text: 'Khan', limit: 20, offset: 0 });
    search.flush({
      items: Array.from({ length: 20 }, (_, i) => summary(i)),
      total: 45,
    });
    await settle(fixture);
    expect(root.querySelector('caption')?.textContent?.trim()).toBe(
      '45 cases found',
    );
    expect(root.querySelector('.app-pagination-position')?.textContent).toBe(
      'Page 1 of 3',
    );

    fixture.componentRef.setInput('page', '2');
    await settle(fixture);
    expect(http.expectOne('/api/cases/search').request.body).toEqual({
      text: 'Khan',
      limit: 20,
      offset: 20,
    });
  });

  it('asks for something to search for, and says when nothing matches', async () => {
    const fixture = TestBed.createComponent(FindCasePage);
    fixture.detectChanges();
    http
      .expectOne((r) => r.url === '/api/cases')
      .flush({ items: [], total: 0 });
    await settle(fixture);
    const root = fixture.nativeElement as HTMLElement;
    expect(root.textContent).toContain('Your team has no cases yet.');
    root.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(fixture);
    expect(root.querySelector('.govuk-error-summary')?.textContent).toContain(
      'Enter a reference or name, or a date of birth',
    );

    for (const [id, value] of [
      ['day', '17'],
      ['month', '5'],
      ['year', '2014'],
    ]) {
      const box = root.querySelector<HTMLInputElement>(`#dateOfBirth-${id}`)!;
      box.value = value;
      box.dispatchEvent(new Event('input'));
    }
    root.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle(fixture);
    http.expectOne('/api/cases/search').flush({ items: [], total: 0 });
    await settle(fixture);
    expect(root.querySelector('h2')?.textContent).toBe('No cases found');
  });
});
