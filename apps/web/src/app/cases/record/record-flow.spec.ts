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
import type { CaseDetail, LetterPreview } from '@send/contracts';
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
  /** Opens a form of the case `withCase` at `url` (after /cases/case-1/record/). */
  async function openFormOf(url: string, withCase: CaseDetail): Promise<void> {
    void harness.navigateByUrl(`/cases/case-1/record/${url}`);
    await settle();
    http.expectOne('/api/cases/case-1').flush(withCase);
    http.expectOne('/api/cases/case-1/history').flush(history);
    await settle();
  }

  /** Continue to "Check your answers" (the dry run at `path`), then 'Preview the letter': the request as sent, answered with `reply`. */
  async function previewFromCheckAnswers(
    path: string,
    withCase: CaseDetail,
    letter: Record<string, unknown>,
    reply: Partial<LetterPreview>,
  ): Promise<void> {
    await click('button', 'Continue');
    http.expectOne(path).flush({ ...withCase, dryRun: true });
    await settle();
    expect(text(page(), 'h1')).toEqual(['Check your answers before saving']);
    expect(text(page(), 'h2')).toContain('Or issue the letter');
    await click('button', 'Preview the letter');
    const preview = http.expectOne('/api/cases/case-1/letters/preview');
    expect(preview.request.body).toEqual({ expectedVersion: 2, ...letter });
    preview.flush({
      kind: letter['kind'],
      templateId: null,
      text: 'Dear Alex',
      html: '<p>Dear Alex: the letter.</p>',
      deadlines: [],
      met: [],
      missingParts: [],
      ...reply,
    });
    await settle();
  }

  /** 'Issue the letter': the same request, answered with the case after the entry of `eventType`; the page says it is recorded (`confirmation` 3) and links the PDF. */
  async function issueFromCheckAnswers(
    letter: Record<string, unknown>,
    after: CaseDetail,
    eventType: string,
    confirmation: string,
    form: string,
  ): Promise<void> {
    await click('button', 'Issue the letter');
    const issue = http.expectOne('/api/cases/case-1/letters');
    expect(issue.request.method).toBe('POST');
    expect(issue.request.body).toEqual({ expectedVersion: 2, ...letter });
    issue.flush({
      letterId: 'l-1',
      eventSequence: 3,
      docxDocumentId: 'doc-w',
      pdfDocumentId: 'doc-p',
      templateId: null,
      case: { ...after, version: 5 },
    });
    await settle();
    // The case as it is after, with the history read again.
    http
      .expectOne('/api/cases/case-1/history')
      .flush([...history, historyEvent(3, { type: eventType })]);
    await settle();
    expect(text(page(), '.govuk-panel__title')).toEqual(['Letter issued']);
    expect(text(page(), '.govuk-panel__body')).toEqual([`${confirmation} 3`]);
    expect(
      [...page().querySelectorAll('a')].map((a) => a.getAttribute('href')),
    ).toContain('/api/cases/case-1/documents/doc-p');
    expect(TestBed.inject(Router).url).toContain(`/record/${form}/check`);
  }

  const appeal = {
    id: 'a-1',
    decisionId: 'dec-1',
    tribunalReference: 'EH857/26/00001',
    lodgedOn: '2026-01-20',
  };
  /** The case with the appeal lodged, not yet ended. */
  const appealed = caseDetail({
    ...detail,
    appeals: [appeal],
  } as Partial<CaseDetail>);

  function type(selector: string, value: string): void {
    const input = page().querySelector<HTMLTextAreaElement>(selector)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  it('issues the response to a recommendation with its letter from "Check your answers": the letter previewed with the deadline it meets, then issued, which records the entry', async () => {
    const withRecommendation = caseDetail({
      ...detail,
      appeals: [
        { ...appeal, outcome: 'decided_allowed', decisionDate: '2026-02-10' },
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
    await openFormOf(
      'recommendation-response?recommendation=rec-1',
      withRecommendation,
    );
    page().querySelector<HTMLInputElement>('#outcome-not_followed')!.click();
    await settle();
    type('#reasons', 'Already provided by the school.');
    typeDate('sentOn', '27', '2', '2026');
    page().querySelector<HTMLInputElement>('#recipient')!.click();
    await settle();
    const response = {
      recommendationId: 'rec-1',
      outcome: 'not_followed',
      reasons: 'Already provided by the school.',
      sentOn: '2026-02-27',
      recipient: 'parent',
      sentTo: ['Parent'],
    };
    const letter = {
      kind: 'recommendation_response',
      recommendationResponse: response,
    };
    await previewFromCheckAnswers(
      '/api/cases/case-1/recommendations/rec-1/response',
      withRecommendation,
      letter,
      {
        html: '<p>Dear Alex: we will not follow the recommendation.</p>',
        met: [
          {
            title: 'Respond to the Tribunal’s recommendation',
            dueOn: '2026-03-17',
            explanation: 'Tribunal decision Tue 10 Feb 2026 + 5 weeks',
          },
        ],
      },
    );
    expect(text(page(), 'h2')).toContain('The deadlines this letter meets');
    expect(text(page(), 'h2')).not.toContain('The deadlines this letter opens');
    expect(page().textContent).toContain('Tue 17 Mar 2026');
    expect(
      page().querySelector('[data-testid="letter-preview"]')?.textContent,
    ).toBe('Dear Alex: we will not follow the recommendation.');

    await issueFromCheckAnswers(
      letter,
      withRecommendation,
      'recommendation.responded',
      'The response is recorded as entry',
      'recommendation-response',
    );
  });

  it('issues compliance with an order with its letter from "Check your answers" (issue = record, SEND Regs reg 44)', async () => {
    const withOrder = caseDetail({
      ...detail,
      appeals: [
        { ...appeal, outcome: 'decided_allowed', decisionDate: '2026-02-10' },
      ],
      orders: [
        {
          id: 'o-1',
          appealId: 'a-1',
          type: 'assess',
          duties: [{ ruleId: 'order.assess.notify' }],
        },
      ],
    } as Partial<CaseDetail>);
    await openFormOf(
      'order-compliance?order=o-1&duty=order.assess.notify',
      withOrder,
    );
    typeDate('compliedOn', '20', '2', '2026');
    type('#evidence', 'Letter to the parent: re-assessment started.');
    await settle();
    const letter = {
      kind: 'order_compliance',
      orderCompliance: {
        orderId: 'o-1',
        ruleId: 'order.assess.notify',
        compliedOn: '2026-02-20',
        evidence: 'Letter to the parent: re-assessment started.',
      },
    };
    await previewFromCheckAnswers(
      '/api/cases/case-1/orders/o-1/compliance',
      withOrder,
      letter,
      {
        met: [
          {
            title: 'Tell the family the assessment will be carried out',
            dueOn: '2026-02-24',
            explanation: 'Order Tue 10 Feb 2026 + 2 weeks',
          },
        ],
      },
    );
    expect(text(page(), 'h2')).toContain('The deadlines this letter meets');
    expect(page().textContent).toContain('Tue 24 Feb 2026');
    await issueFromCheckAnswers(
      letter,
      withOrder,
      'order.complied',
      'The compliance is recorded as entry',
      'order-compliance',
    );
  });

  it('issues the mediation arrangements with their letter from "Check your answers" (issue = record, SEND Regs regs 36–37)', async () => {
    const requested = caseDetail({
      ...detail,
      mediations: [
        {
          ...detail.mediations[0]!,
          choice: 'requested',
          laInformedOn: '2026-01-12',
        },
      ],
    } as Partial<CaseDetail>);
    await openFormOf('mediation-arranged?mediation=m-1', requested);
    typeDate('arrangedOn', '20', '1', '2026');
    typeDate('mediationDate', '5', '2', '2026');
    await settle();
    const letter = {
      kind: 'mediation_arranged',
      mediationArranged: {
        mediationId: 'm-1',
        arrangedOn: '2026-01-20',
        mediationDate: '2026-02-05',
      },
    };
    await previewFromCheckAnswers(
      '/api/cases/case-1/mediations/m-1/arranged',
      requested,
      letter,
      {},
    );
    expect(
      page().querySelector('[data-testid="letter-preview"]')?.textContent,
    ).toBe('Dear Alex: the letter.');
    await issueFromCheckAnswers(
      letter,
      requested,
      'mediation.arranged',
      'The arrangements are recorded as entry',
      'mediation-arranged',
    );
  });

  it('issues a concession with its notice from "Check your answers" (SEND Regs reg 45)', async () => {
    await openFormOf('appeal-outcome?appeal=a-1', appealed);
    page()
      .querySelector<HTMLInputElement>('#outcome-conceded_before_response')!
      .click();
    await settle();
    typeDate('decisionDate', '16', '2', '2026');
    typeDate('laNotifiedTribunalOn', '16', '2', '2026');
    await click('button', 'Continue');
    expect(text(page(), 'h1')).toEqual([
      'What the Tribunal ordered the council to do',
    ]);
    const letter = {
      kind: 'concession_notice',
      appealOutcome: {
        appealId: 'a-1',
        outcome: 'conceded_before_response',
        decisionDate: '2026-02-16',
        laNotifiedTribunalOn: '2026-02-16',
        orders: [],
      },
    };
    await previewFromCheckAnswers(
      '/api/cases/case-1/appeals/a-1/outcome',
      appealed,
      letter,
      {},
    );
    await issueFromCheckAnswers(
      letter,
      appealed,
      'appeal.decided',
      'The concession is recorded as entry',
      'appeal-outcome',
    );
  });

  it('offers no letter on "Check your answers" for an appeal that ended otherwise than by a concession (the Tribunal’s own decision or order)', async () => {
    await openFormOf('appeal-outcome?appeal=a-1', appealed);
    page().querySelector<HTMLInputElement>('#outcome')!.click();
    await settle();
    typeDate('decisionDate', '16', '2', '2026');
    await click('button', 'Continue');
    await click('button', 'Continue');
    http
      .expectOne('/api/cases/case-1/appeals/a-1/outcome')
      .flush({ ...appealed, dryRun: true });
    await settle();
    expect(text(page(), 'h1')).toEqual(['Check your answers before saving']);
    expect(text(page(), 'h2')).not.toContain('Or issue the letter');
    expect(text(page(), 'button')).not.toContain('Preview the letter');
  });
});
