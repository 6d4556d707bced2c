import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { FlashMessage } from '../core/flash-message';
import { Session } from '../core/session';
import { sessionInterceptor } from '../core/session-interceptor';
import {
  caseDetail,
  caseworkerSession,
  historyEvent,
} from '../testing/fixtures';
import { caseRoutes } from './cases.routes';

const detail = caseDetail({
  stage: 'appeal_decided',
  version: 3,
  recommendations: [
    {
      id: 'rec-1',
      appealId: 'a-1',
      section: 'G',
      responsibleBody: 'icb',
      text: 'Provide speech therapy.',
    },
    {
      id: 'rec-2',
      appealId: 'a-1',
      section: 'H1',
      responsibleBody: 'council_social_care',
      text: 'Provide short breaks.',
      response: {
        outcome: 'not_followed',
        reasons: 'Already provided.',
        sentOn: '2026-06-01',
        sentTo: ['Parent or young person'],
      },
    },
  ],
});

const history = [
  historyEvent(1, { summary: 'Case opened' }),
  historyEvent(2, {
    type: 'decision.issued',
    summary: 'Decision issued',
    reason: 'Panel decision',
  }),
  historyEvent(3, {
    type: 'event.corrected',
    summary: 'Correction to event 2: letter sent',
    payload: {
      correctsSequence: 2,
      correctsType: 'decision.issued',
      changes: {},
      previous: {},
    },
  }),
];

const text = (root: HTMLElement, selector: string) =>
  [...root.querySelectorAll(selector)].map((e) =>
    e.textContent?.replace(/\s+/g, ' ').trim(),
  );

describe('CasePage (the case layout and its tabs)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [{ path: 'cases', children: caseRoutes }],
          withComponentInputBinding(),
        ),
        provideHttpClient(withInterceptors([sessionInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    TestBed.inject(Session).signedIn(caseworkerSession());
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  async function open(url: string) {
    const navigation = harness.navigateByUrl(url);
    await new Promise((r) => setTimeout(r));
    harness.detectChanges();
    http.expectOne('/api/cases/case-1').flush(detail);
    http.expectOne('/api/cases/case-1/history').flush(history);
    await navigation;
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  it('shows the identity bar, the sections, the open deadlines, recommendations and latest entries, and the success banner', async () => {
    TestBed.inject(FlashMessage).set('Response recorded');
    const page = await open('/cases/case-1');

    expect(text(page, 'h1')).toEqual(['Amelia Jones']);
    expect(text(page, '.app-identity-bar__facts dt')).toEqual([
      'Reference',
      'Date of birth',
      'Stage',
      'Open deadlines',
      'Next due',
    ]);
    expect(text(page, '.app-identity-bar__facts dd')).toEqual([
      'SEND-2026-0001',
      'Thu 2 Apr 2015',
      'Appeal decided',
      '2',
      'Tue 5 May 2099: Last day to lodge an appeal with the SEND Tribunal',
    ]);
    expect(text(page, '.moj-sub-navigation__link')).toEqual([
      'Overview',
      'Deadlines (2 open)',
      'History',
      'Documents (0)',
    ]);
    expect(
      page
        .querySelector('.moj-sub-navigation__link[aria-current="page"]')
        ?.textContent?.trim(),
    ).toBe('Overview');
    expect(text(page, 'h2')).toEqual([
      'Success',
      'Open deadlines',
      'Recommendations',
      'People',
      'Latest entries',
    ]);
    expect(text(page, '.govuk-notification-banner__heading')).toEqual([
      'Response recorded',
    ]);
    expect(document.activeElement?.classList).toContain(
      'govuk-notification-banner',
    );
    expect(text(page, '.govuk-details__summary-text')).toEqual([
      'How this date was worked out',
      'How this date was worked out',
    ]);
    expect(text(page, 'a[role="button"]')).toEqual([
      'Record an entry',
      'Record the response',
    ]);
    expect(
      page.querySelector(
        'a[href="/cases/case-1/record/recommendation-response?recommendation=rec-1"]',
      ),
    ).not.toBeNull();
    expect(page.textContent).toContain('Already provided.');
    expect(text(page, '.moj-timeline__title')).toEqual([
      'Correction to event 2: letter sent',
      'Decision issued',
      'Case opened',
    ]);
    expect(text(page, '.moj-timeline__date')[0]).toBe(
      'Recorded Wed 1 Jul 2026 at 14:05',
    );
  });

  it('links a correction and the entry it corrects, both ways, on the history tab, with the download', async () => {
    const page = await open('/cases/case-1/history');
    expect(text(page, 'h2')).toEqual(['History']);
    const [correction, corrected] = [
      ...page.querySelectorAll('.moj-timeline__item'),
    ] as HTMLElement[];
    expect(correction?.id).toBe('entry-3');
    expect(correction?.textContent).toContain('Corrects entry 2');
    expect(correction?.querySelector('a')?.getAttribute('href')).toBe(
      '/cases/case-1/history#entry-2',
    );
    expect(corrected?.textContent?.replace(/\s+/g, ' ')).toContain(
      'Corrected by entry 3',
    );
    expect(corrected?.textContent).toContain('Reason: Panel decision');
    expect(text(page, 'button')).toEqual([
      'Download history (CSV)',
      'Check the history',
    ]);
    expect(text(page, '.govuk-button-group a')).toEqual([
      'Add a note',
      'Correct an entry',
    ]);
  });

  it('lists every deadline on the deadlines tab, with a way to extend the open ones', async () => {
    const page = await open('/cases/case-1/deadlines');
    expect(text(page, 'h2')).toEqual(['Open', 'Met']);
    expect(
      page.querySelector(
        'a[href="/cases/case-1/record/extension?deadline=d-1"]',
      )?.textContent,
    ).toContain('Extend');
    expect(page.textContent).toContain(
      'No deadline on this case has been met yet.',
    );
  });

  it('says so when the case is not in the team (404)', async () => {
    const navigation = harness.navigateByUrl('/cases/case-1');
    await new Promise((r) => setTimeout(r));
    harness.detectChanges();
    http.expectOne('/api/cases/case-1').flush(
      {
        status: 404,
        title: 'Not found',
        detail: 'No case',
        type: 'about:blank',
      },
      { status: 404, statusText: 'Not Found' },
    );
    http
      .expectOne('/api/cases/case-1/history')
      .flush(null, { status: 404, statusText: 'Not Found' });
    await navigation;
    await harness.fixture.whenStable();
    expect(text(harness.routeNativeElement as HTMLElement, 'h1')).toEqual([
      'Case not found',
    ]);
  });
});
