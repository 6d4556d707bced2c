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
  deadlineView,
  historyEvent,
} from '../testing/fixtures';
import { caseRoutes } from './cases.routes';

const DECISION =
  'Not to carry out an EHC needs assessment, letter sent Thu 5 Mar 2099';

const detail = caseDetail({
  stage: 'appeal_decided',
  version: 3,
  // The API says which decision each deadline follows from (the domain's decisionOf).
  deadlines: [
    deadlineView({ decisionId: 'dec-1' }),
    deadlineView({
      id: 'd-2',
      ruleId: 'mediation.contact_adviser',
      ruleTitle: 'Contact the mediation adviser',
      explanation: ['+ 2 months'],
      decisionId: 'dec-1',
    }),
    deadlineView({
      id: 'd-3',
      ruleId: 'order.amend_plan',
      ruleTitle: 'Amend the EHC plan',
      dutyHolder: 'council',
      subjectId: 'o-1',
      status: 'met',
      metOn: '2026-05-01',
      decisionId: 'dec-1',
    }),
  ],
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
    payload: {
      decisionId: 'dec-1',
      decisionType: 'refuse_assessment',
      decisionDate: '2099-03-03',
      letterSent: '2099-03-04',
      sections: [],
    },
  }),
  historyEvent(3, {
    type: 'event.corrected',
    summary: 'Correction to event 2: letter sent',
    payload: {
      correctsSequence: 2,
      correctsType: 'decision.issued',
      changes: { letterSent: '2099-03-05' },
      previous: { letterSent: '2099-03-04' },
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

  async function open(url: string, with_ = { detail, history }) {
    const navigation = harness.navigateByUrl(url);
    await new Promise((r) => setTimeout(r));
    harness.detectChanges();
    http.expectOne('/api/cases/case-1').flush(with_.detail);
    http.expectOne('/api/cases/case-1/history').flush(with_.history);
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
      `Decision 1 of 1 ${DECISION}`,
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
    // The decision's route as a task list: nothing started yet, the family's time limits running.
    expect(text(page, '.govuk-task-list__name')).toEqual([
      'Way forward meeting',
      'Mediation',
      'Appeal to the Tribunal',
      'The Tribunal’s orders',
      'The Tribunal’s recommendations',
    ]);
    expect(text(page, '.govuk-task-list__status')).toEqual(
      Array(5).fill('Not started'),
    );
    expect(text(page, '.govuk-task-list__hint')).toEqual([
      'Contact the mediation adviser: due Tue 5 May 2099',
      'Last day to lodge an appeal with the SEND Tribunal: due Tue 5 May 2099',
    ]);
    expect(text(page, '.app-decision-route__next')).toEqual([
      'Due next: Last day to lodge an appeal with the SEND Tribunal, Tue 5 May 2099',
    ]);
    // A family's time limit says who must act, with no caseworker; no rule-set version is shown.
    expect(
      text(page, '.app-case-deadline .govuk-summary-list__key'),
    ).not.toContain('Caseworker');
    expect(page.textContent).toContain('The parent or young person');
    expect(page.textContent).not.toContain('Rules version');
    expect(page.textContent).toContain('1 met or closed');
    // "Record an entry" is a real button (Enter and Space work), leading to the record menu.
    const record = [...page.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Record an entry',
    );
    expect(record?.getAttribute('type')).toBe('button');
    expect(text(page, 'a[role="button"]')).toEqual(['Record the response']);
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
      'Record an entry',
      'Download history (CSV)',
      'Check the history',
    ]);
    expect(text(page, '.govuk-button-group a')).toEqual([
      'Add a note',
      'Correct an entry',
    ]);
  });

  it('shows the history under a heading for each decision, newest first, then the case itself, and one decision at a time when asked', async () => {
    const decision = (id: string, letterSent: string, sequence: number) =>
      historyEvent(sequence, {
        type: 'decision.issued',
        summary: `Decision ${id}`,
        payload: {
          decisionId: id,
          decisionType: 'refuse_assessment',
          decisionDate: letterSent,
          letterSent,
          sections: [],
        },
      });
    const page = await open('/cases/case-1/history', {
      detail: caseDetail({
        decisions: [
          {
            id: 'dec-1',
            type: 'refuse_assessment',
            decisionDate: '2099-03-03',
            letterSent: '2099-03-05',
            sections: [],
          },
          {
            id: 'dec-2',
            type: 'refuse_assessment',
            decisionDate: '2099-09-01',
            letterSent: '2099-09-02',
            sections: [],
          },
        ],
      }),
      history: [
        historyEvent(1, { summary: 'Case opened' }),
        decision('dec-1', '2099-03-05', 2),
        historyEvent(3, {
          type: 'mediation.adviser_contacted',
          summary: 'Family contacted the mediation adviser',
          payload: { mediationId: 'm-1', decisionId: 'dec-1' },
        }),
        decision('dec-2', '2099-09-02', 4),
        historyEvent(5, {
          type: 'note.recorded',
          summary: 'Note',
          payload: { noteId: 'n-1', kind: 'phone_call', text: 'Phoned.' },
        }),
      ],
    });
    const select = page.querySelector<HTMLSelectElement>('#history-decision')!;
    expect(text(page, '#history-decision option')).toEqual([
      'Every decision, and the case',
      'Decision 2 of 2: Not to carry out an EHC needs assessment, letter sent Wed 2 Sep 2099',
      'Decision 1 of 2: Not to carry out an EHC needs assessment, letter sent Thu 5 Mar 2099',
      'The case itself (no decision): opening, contacts, notes',
    ]);
    const entries = () =>
      [...page.querySelectorAll('.moj-timeline__item')].map((e) => e.id);
    // Each decision's entries under its heading (h3, under the tab's h2; the entries' h4), as the
    // deadlines tab groups the deadlines: the newest decision first, then what follows from none.
    expect(text(page, 'h2, h3')).toEqual([
      'History',
      'Has the history been altered?',
      'Decision 2 of 2 Not to carry out an EHC needs assessment, letter sent Wed 2 Sep 2099',
      'Decision 1 of 2 Not to carry out an EHC needs assessment, letter sent Thu 5 Mar 2099',
      'The case itself: opening, contacts, notes',
    ]);
    const grouped = [...page.querySelectorAll('section')].map((section) => ({
      heading: section
        .querySelector(`#${section.getAttribute('aria-labelledby')}`)
        ?.tagName.toLowerCase(),
      entries: [...section.querySelectorAll('.moj-timeline__item')].map(
        (e) => `${e.id} ${e.querySelector('h4')?.textContent?.trim()}`,
      ),
    }));
    expect(grouped).toEqual([
      { heading: 'h3', entries: ['entry-4 Decision dec-2'] },
      {
        heading: 'h3',
        entries: [
          'entry-3 Family contacted the mediation adviser',
          'entry-2 Decision dec-1',
        ],
      },
      {
        heading: 'h3',
        entries: ['entry-5 Note: phone call', 'entry-1 Case opened'],
      },
    ]);
    for (const [value, shown] of [
      ['dec-1', ['entry-3', 'entry-2']],
      ['dec-2', ['entry-4']],
      ['none', ['entry-5', 'entry-1']],
    ] as const) {
      select.value = value;
      select.dispatchEvent(new Event('change'));
      harness.detectChanges();
      expect(entries()).toEqual(shown);
    }
  });

  it('lists every deadline on the deadlines tab by decision, open first, with a way to extend the open ones', async () => {
    const page = await open('/cases/case-1/deadlines');
    expect(text(page, 'h2')).toEqual([`Decision 1 of 1 ${DECISION}`]);
    expect(text(page, '.app-case-deadline h3')).toEqual([
      'Last day to lodge an appeal with the SEND Tribunal',
      'Contact the mediation adviser',
      'Amend the EHC plan',
    ]);
    expect(text(page, '.app-case-deadline .govuk-summary-list__key')).toContain(
      'Caseworker',
    );
    expect(
      page.querySelector(
        'a[href="/cases/case-1/record/extension?deadline=d-1"]',
      )?.textContent,
    ).toContain('Extend');
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
