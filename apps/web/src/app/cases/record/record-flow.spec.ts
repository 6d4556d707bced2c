import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  provideRouter,
  Router,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { CaseDetail } from '@send/contracts';
import { FlashMessage } from '../../core/flash-message';
import { Session } from '../../core/session';
import { sessionInterceptor } from '../../core/session-interceptor';
import {
  caseDetail,
  caseworkerSession,
  deadlineView,
  historyEvent,
} from '../../testing/fixtures';
import { caseRoutes } from '../cases.routes';

/*
 * The whole of recording an entry, through the router and against a fake API: the form, its
 * checks, the dry run, "Check your answers" with the deadline changes, Save, and a conflict.
 */

const detail = caseDetail({
  version: 2,
  decisions: [
    {
      id: 'dec-1',
      type: 'refuse_assessment',
      decisionDate: '2026-01-05',
      letterSent: '2026-01-06',
      sections: [],
    },
  ],
  mediations: [
    {
      id: 'm-1',
      decisionId: 'dec-1',
      providerName: 'Global Mediation',
      adviserContactedOn: '2026-01-10',
      healthInIssue: false,
      socialCareInIssue: false,
      choice: 'declined',
      agreementItems: [],
      certificates: [],
    },
  ],
  deadlines: [
    deadlineView({
      id: 'd-appeal',
      dueOn: '2026-03-06',
      explanation: ['Letter + 2 months'],
    }),
    deadlineView({
      id: 'd-cert',
      ruleId: 'mediation.certificate_declined',
      ruleTitle: 'Issue the certificate: mediation declined',
      subjectId: 'm-1',
      dueOn: '2026-01-14',
      dutyHolder: 'mediation_adviser',
    }),
  ],
});
const history = [historyEvent(1), historyEvent(2, { type: 'decision.issued' })];

/** The case as the certificate would leave it: the appeal deadline moved, the certificate's met. */
const afterCertificate = (base: CaseDetail, version: number): CaseDetail => ({
  ...base,
  version,
  deadlines: [
    deadlineView({
      id: 'd-appeal',
      dueOn: '2026-04-07',
      explanation: [
        'Certificate issued Sat 7 Mar 2026; + 1 month = Tue 7 Apr 2026',
      ],
    }),
    {
      ...base.deadlines[1]!,
      status: 'met',
      metOn: '2026-01-13',
      metOnTime: true,
    },
  ],
});

const text = (root: HTMLElement, selector: string) =>
  [...root.querySelectorAll(selector)].map((e) =>
    e.textContent?.replace(/\s+/g, ' ').trim(),
  );

describe('recording an entry: form, dry run, check your answers, save', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  const page = () => harness.routeNativeElement as HTMLElement;

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

  /** Lets promises and timers run and the page render (not whenStable: a request may be outstanding). */
  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r));
      harness.detectChanges();
    }
  }

  async function openForm(): Promise<void> {
    void harness.navigateByUrl(
      '/cases/case-1/record/certificate?mediation=m-1&kind=information_only',
    );
    await settle();
    http.expectOne('/api/cases/case-1').flush(detail);
    http.expectOne('/api/cases/case-1/history').flush(history);
    await settle();
  }

  function typeDate(
    prefix: string,
    day: string,
    month: string,
    year: string,
  ): void {
    for (const [part, value] of [
      ['day', day],
      ['month', month],
      ['year', year],
    ]) {
      const input = page().querySelector<HTMLInputElement>(
        `#${prefix}-${part}`,
      )!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
  }

  async function click(selector: string, label: string): Promise<void> {
    const button = [...page().querySelectorAll<HTMLElement>(selector)].find(
      (b) => b.textContent?.trim() === label,
    );
    if (!button) throw new Error(`no ${label}`);
    button.click();
    await settle();
  }

  it('says what the law requires, checks the answers, shows the deadlines the dry run gives, and saves', async () => {
    await openForm();
    expect(text(page(), 'h1')).toEqual([
      'Record the mediation certificate: mediation information given; mediation declined or not pursued',
    ]);
    expect(page().querySelector('.app-law')?.textContent).toContain(
      'A certificate moves the appeal deadline to 1 month after it',
    );

    await click('button', 'Continue');
    expect(text(page(), '.govuk-error-summary li')).toEqual([
      'Enter the date the certificate was issued',
    ]);
    http.expectNone(() => true);

    typeDate('issuedOn', '7', '3', '2026');
    await click('button', 'Continue');
    const dryRun = http.expectOne(
      '/api/cases/case-1/mediations/m-1/certificates',
    );
    expect(dryRun.request.body).toEqual({
      kind: 'information_only',
      issuedOn: '2026-03-07',
      expectedVersion: 2,
      dryRun: true,
    });
    expect(dryRun.request.headers.get('X-CSRF-Token')).toBe('csrf-1');
    dryRun.flush({ ...afterCertificate(detail, 2), dryRun: true });
    await settle();

    expect(TestBed.inject(Router).url).toBe(
      '/cases/case-1/record/certificate/check?mediation=m-1&kind=information_only',
    );
    expect(text(page(), 'h1')).toEqual(['Check your answers before saving']);
    expect(
      text(page(), '.govuk-summary-list__row .govuk-summary-list__key'),
    ).toContain('Date the certificate was issued');
    expect(
      text(page(), '.app-deadline-change .govuk-summary-card__title'),
    ).toEqual([
      'Moves Last day to lodge an appeal with the SEND Tribunal',
      'Met Issue the certificate: mediation declined',
    ]);
    expect(page().textContent).toContain(
      'Moves from Fri 6 Mar 2026 to Tue 7 Apr 2026',
    );
    expect(page().textContent).toContain(
      'Certificate issued Sat 7 Mar 2026; + 1 month = Tue 7 Apr 2026',
    );

    await click('button', 'Save');
    const save = http.expectOne(
      '/api/cases/case-1/mediations/m-1/certificates',
    );
    expect(save.request.body).toEqual({
      kind: 'information_only',
      issuedOn: '2026-03-07',
      expectedVersion: 2,
    });
    save.flush(afterCertificate(detail, 3));
    await settle();
    http
      .expectOne('/api/cases/case-1/history')
      .flush([
        ...history,
        historyEvent(3, { summary: 'Mediation certificate issued' }),
      ]);
    await settle();
    expect(TestBed.inject(Router).url).toBe('/cases/case-1');
    expect(text(page(), '.govuk-notification-banner__heading')).toEqual([
      'Mediation certificate recorded',
    ]);
    expect(TestBed.inject(FlashMessage).take()).toBeUndefined();
  });

  it('keeps the answers when someone else saved first, says what they added, checks again and saves', async () => {
    await openForm();
    typeDate('issuedOn', '7', '3', '2026');
    await click('button', 'Continue');
    http
      .expectOne('/api/cases/case-1/mediations/m-1/certificates')
      .flush({ ...afterCertificate(detail, 2), dryRun: true });
    await settle();

    await click('button', 'Save');
    http.expectOne('/api/cases/case-1/mediations/m-1/certificates').flush(
      {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        detail: 'This case has changed since you opened it.',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    const moved = { ...detail, version: 3 };
    http.expectOne('/api/cases/case-1').flush(moved);
    http.expectOne('/api/cases/case-1/history').flush([
      ...history,
      historyEvent(3, {
        summary: 'Contact added: Sara Khan (Mother)',
        actorName: 'Sam Okafor',
      }),
    ]);
    await settle();
    const again = http.expectOne(
      '/api/cases/case-1/mediations/m-1/certificates',
    );
    expect(again.request.body).toEqual({
      kind: 'information_only',
      issuedOn: '2026-03-07',
      expectedVersion: 3,
      dryRun: true,
    });
    again.flush({ ...afterCertificate(moved, 3), dryRun: true });
    await settle();

    const banner = page().querySelector('#conflict-banner');
    expect(banner?.textContent).toContain(
      'This case changed since you opened it, so nothing was saved',
    );
    expect(banner?.textContent).toContain('Contact added: Sara Khan (Mother)');
    expect(banner?.textContent).toContain('Sam Okafor');
    expect(document.activeElement).toBe(banner);
    expect(page().textContent).toContain('Sat 7 Mar 2026');

    await click('button', 'Save');
    const saved = http.expectOne(
      '/api/cases/case-1/mediations/m-1/certificates',
    );
    expect(saved.request.body.expectedVersion).toBe(3);
    saved.flush(afterCertificate(moved, 4));
    await settle();
    http.expectOne('/api/cases/case-1/history').flush(history);
    await settle();
    expect(TestBed.inject(Router).url).toBe('/cases/case-1');
  });

  async function toCheckAnswers(): Promise<void> {
    await openForm();
    typeDate('issuedOn', '7', '3', '2026');
    await click('button', 'Continue');
    http
      .expectOne('/api/cases/case-1/mediations/m-1/certificates')
      .flush({ ...afterCertificate(detail, 2), dryRun: true });
    await settle();
  }

  it('an entry saved whose case the API could not read back (500, saved: true): goes to the case, read again, as saved', async () => {
    await toCheckAnswers();
    await click('button', 'Save');
    http.expectOne('/api/cases/case-1/mediations/m-1/certificates').flush(
      {
        type: 'about:blank',
        title: 'Saved, but the case could not be shown',
        status: 500,
        detail:
          "Your entry was saved: it is entry 3 in the case's history, and the case is now at version 3. …",
        saved: true,
        caseId: 'case-1',
        sequence: 3,
        version: 3,
      },
      { status: 500, statusText: 'Internal Server Error' },
    );
    await settle();
    http.expectOne('/api/cases/case-1').flush(afterCertificate(detail, 3));
    http
      .expectOne('/api/cases/case-1/history')
      .flush([
        ...history,
        historyEvent(3, { summary: 'Mediation certificate issued' }),
      ]);
    await settle();
    expect(TestBed.inject(Router).url).toBe('/cases/case-1');
    expect(text(page(), '.govuk-notification-banner__heading')).toEqual([
      'Mediation certificate recorded',
    ]);
    expect(page().textContent).not.toContain('Nothing was saved');
  });

  it('a 500 that does not say whether the entry was saved does not claim that nothing was', async () => {
    await toCheckAnswers();
    await click('button', 'Save');
    http.expectOne('/api/cases/case-1/mediations/m-1/certificates').flush(
      {
        type: 'about:blank',
        title: 'Something went wrong',
        status: 500,
        detail: 'Something went wrong on our side.',
      },
      { status: 500, statusText: 'Internal Server Error' },
    );
    await settle();
    expect(text(page(), '.govuk-error-summary li')[0]).toContain(
      'Your entry may have been saved: open the case to check before you save it again.',
    );
    expect(page().textContent).not.toContain('Nothing was saved');

    await click('button', 'Save');
    http.expectOne('/api/cases/case-1/mediations/m-1/certificates').flush(
      {
        type: 'about:blank',
        title: 'Something went wrong',
        status: 500,
        detail: 'Something went wrong on our side and nothing was saved.',
        saved: false,
      },
      { status: 500, statusText: 'Internal Server Error' },
    );
    await settle();
    expect(text(page(), '.govuk-error-summary li')[0]).toContain(
      'Nothing was saved; your answers are kept.',
    );
  });

  it('shows the API’s reason when the entry is not allowed yet, on the form, keeping the answers', async () => {
    await openForm();
    typeDate('issuedOn', '7', '3', '2026');
    await click('button', 'Continue');
    http.expectOne('/api/cases/case-1/mediations/m-1/certificates').flush(
      {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        detail:
          'A certificate of this kind is already recorded for this mediation.',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    http.expectOne('/api/cases/case-1').flush(detail);
    http.expectOne('/api/cases/case-1/history').flush(history);
    await settle();
    expect(text(page(), '.govuk-error-summary li')).toEqual([
      'A certificate of this kind is already recorded for this mediation.',
    ]);
    expect(page().querySelector<HTMLInputElement>('#issuedOn-day')?.value).toBe(
      '7',
    );
    expect(TestBed.inject(Router).url).toContain('/record/certificate?');
  });

  it('does not offer reassignment to a caseworker who types its address (only a manager sees the team)', async () => {
    void harness.navigateByUrl('/cases/case-1/record/reassignment');
    await settle();
    http.expectOne('/api/cases/case-1').flush(detail);
    http.expectOne('/api/cases/case-1/history').flush(history);
    await settle();
    http.expectNone('/api/users');
    expect(text(page(), 'h1')).toEqual(['This cannot be recorded here']);
  });

  it('lists the team for a manager: the caseworkers and managers other than the case’s caseworker', async () => {
    TestBed.inject(Session).signedIn(
      caseworkerSession({
        user: {
          id: 'u-m',
          name: 'Morgan Lee',
          role: 'manager',
          team: 'SEND North',
        },
      }),
    );
    void harness.navigateByUrl('/cases/case-1/record/reassignment');
    await settle();
    http.expectOne('/api/cases/case-1').flush(detail);
    http.expectOne('/api/cases/case-1/history').flush(history);
    await settle();
    http.expectOne('/api/users').flush([
      { id: 'u-1', name: 'Priya Shah', role: 'caseworker', team: 'SEND North' },
      { id: 'u-m', name: 'Morgan Lee', role: 'manager', team: 'SEND North' },
      { id: 'u-2', name: 'Sam Okafor', role: 'caseworker', team: 'SEND North' },
    ]);
    await settle();
    expect(text(page(), 'h1')).toEqual(['Reassign the case']);
    expect(text(page(), '.govuk-radios__label')).toEqual([
      'Morgan Lee',
      'Sam Okafor',
    ]);
  });
  it('issues the response to a recommendation with its letter from "Check your answers": the letter previewed with the deadline it meets, then issued, which records the entry', async () => {
    const withRecommendation = caseDetail({
      ...detail,
      appeals: [
        {
          id: 'a-1',
          decisionId: 'dec-1',
          tribunalReference: 'EH857/26/00001',
          lodgedOn: '2026-01-20',
          outcome: 'decided_allowed',
          decisionDate: '2026-02-10',
        },
      ],
      recommendations: [
        {
          id: 'rec-1',
          appealId: 'a-1',
          section: 'G',
          responsibleBody: 'icb',
          text: 'Provide speech therapy.',
        },
      ],
    } as Partial<CaseDetail>);
    void harness.navigateByUrl(
      '/cases/case-1/record/recommendation-response?recommendation=rec-1',
    );
    await settle();
    http.expectOne('/api/cases/case-1').flush(withRecommendation);
    http.expectOne('/api/cases/case-1/history').flush(history);
    await settle();
    page().querySelector<HTMLInputElement>('#outcome-not_followed')!.click();
    await settle();
    const reasons = page().querySelector<HTMLTextAreaElement>('#reasons')!;
    reasons.value = 'Already provided by the school.';
    reasons.dispatchEvent(new Event('input'));
    typeDate('sentOn', '27', '2', '2026');
    page().querySelector<HTMLInputElement>('#recipient')!.click();
    await settle();
    await click('button', 'Continue');
    http
      .expectOne('/api/cases/case-1/recommendations/rec-1/response')
      .flush({ ...withRecommendation, dryRun: true });
    await settle();
    expect(text(page(), 'h1')).toEqual(['Check your answers before saving']);
    expect(text(page(), 'h2')).toContain('Or issue the letter');

    await click('button', 'Preview the letter');
    const response = {
      recommendationId: 'rec-1',
      outcome: 'not_followed',
      reasons: 'Already provided by the school.',
      sentOn: '2026-02-27',
      recipient: 'parent',
      sentTo: ['Parent'],
    };
    const preview = http.expectOne('/api/cases/case-1/letters/preview');
    expect(preview.request.body).toEqual({
      kind: 'recommendation_response',
      expectedVersion: 2,
      recommendationResponse: response,
    });
    preview.flush({
      kind: 'recommendation_response',
      templateId: null,
      text: 'Dear Alex',
      html: '<p>Dear Alex: we will not follow the recommendation.</p>',
      deadlines: [],
      met: [
        {
          title: 'Respond to the Tribunal’s recommendation',
          dueOn: '2026-03-17',
          explanation: 'Tribunal decision Tue 10 Feb 2026 + 5 weeks',
        },
      ],
      missingParts: [],
    });
    await settle();
    expect(text(page(), 'h2')).toContain('The deadlines this letter meets');
    expect(text(page(), 'h2')).not.toContain('The deadlines this letter opens');
    expect(page().textContent).toContain('Tue 17 Mar 2026');
    expect(
      page().querySelector('[data-testid="letter-preview"]')?.textContent,
    ).toBe('Dear Alex: we will not follow the recommendation.');

    await click('button', 'Issue the letter');
    const issue = http.expectOne('/api/cases/case-1/letters');
    expect(issue.request.method).toBe('POST');
    expect(issue.request.body).toEqual({
      kind: 'recommendation_response',
      expectedVersion: 2,
      recommendationResponse: response,
    });
    issue.flush({
      letterId: 'l-1',
      eventSequence: 3,
      docxDocumentId: 'doc-w',
      pdfDocumentId: 'doc-p',
      templateId: null,
      case: {
        ...withRecommendation,
        version: 5,
        recommendations: [
          {
            ...withRecommendation.recommendations[0]!,
            response: {
              outcome: 'not_followed',
              reasons: 'Already provided by the school.',
              sentOn: '2026-02-27',
              recipient: 'parent',
              sentTo: ['Parent'],
            },
          },
        ],
      },
    });
    await settle();
    // The case as it is after, with the history read again.
    http
      .expectOne('/api/cases/case-1/history')
      .flush([
        ...history,
        historyEvent(3, { type: 'recommendation.responded' }),
      ]);
    await settle();
    expect(text(page(), '.govuk-panel__title')).toEqual(['Letter issued']);
    expect(text(page(), '.govuk-panel__body')).toEqual([
      'The response is recorded as entry 3',
    ]);
    expect(
      [...page().querySelectorAll('a')].map((a) => a.getAttribute('href')),
    ).toContain('/api/cases/case-1/documents/doc-p');
    expect(TestBed.inject(Router).url).toContain(
      '/record/recommendation-response/check',
    );
  });
});
