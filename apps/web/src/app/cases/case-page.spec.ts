import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CaseDetail, HistoryEventView } from '@send/contracts';
import { Session } from '../core/session';
import { FlashMessage } from '../core/flash-message';
import { CasePage } from './case-page';

const detail: CaseDetail = {
  id: 'case-1',
  reference: 'SEND-2026-0001',
  childName: 'Amelia Jones',
  dateOfBirth: '2015-04-02',
  caseworker: 'Priya Shah',
  team: 'SEND North',
  stage: 'appeal_decided',
  version: 3,
  contacts: [],
  decisions: [],
  wayForwardMeetings: [],
  mediations: [],
  disagreementResolutions: [],
  appeals: [],
  orders: [],
  documents: [],
  recommendations: [
    { id: 'rec-1', appealId: 'a-1', section: 'G', responsibleBody: 'icb', text: 'Provide speech therapy.' },
    {
      id: 'rec-2',
      appealId: 'a-1',
      section: 'H1',
      responsibleBody: 'council_social_care',
      text: 'Provide short breaks.',
      response: { outcome: 'not_followed', reasons: 'Already provided.', sentOn: '2026-06-01', sentTo: ['Parent or young person'] },
    },
  ],
  deadlines: [
    {
      id: 'd-1',
      caseId: 'case-1',
      caseReference: 'SEND-2026-0001',
      childName: 'Amelia Jones',
      ruleId: 'recommendation.response',
      ruleTitle: "Respond to the Tribunal's health and social care recommendations",
      rulesetVersion: '2026.1',
      dueOn: '2099-07-06',
      explanation: ["Tribunal's decision: Mon 1 Jun 2099", 'Add 5 weeks: Mon 6 Jul 2099'],
      status: 'open',
      responsibleBody: 'icb',
      dutyHolder: 'icb',
      subjectId: 'rec-1',
      owner: 'Priya Shah',
    },
  ],
};

const history: HistoryEventView[] = [1, 2].map((sequence) => ({
  id: `e-${sequence}`,
  sequence,
  type: 'x',
  summary: sequence === 1 ? 'Case opened' : 'Appeal decided',
  businessDate: '2026-01-0' + sequence,
  recordedAt: '2026-07-01T13:05:00Z',
  actorName: 'Priya Shah',
  actorRole: 'caseworker',
  reason: sequence === 2 ? 'Tribunal decision received' : undefined,
  payload: {},
  hash: 'h',
  previousHash: null,
}));

describe('CasePage', () => {
  it('shows the case, its open deadlines, recommendations and history, and the success banner', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(Session).signedIn({ user: { id: 'u-1', name: 'Priya Shah', role: 'caseworker', team: 'SEND' }, csrfToken: 'csrf-1', expiresAt: '2026-03-02T19:00:00Z' });
    TestBed.inject(FlashMessage).set('Response recorded');
    const http = TestBed.inject(HttpTestingController);

    const fixture = TestBed.createComponent(CasePage);
    fixture.componentRef.setInput('id', 'case-1');
    fixture.detectChanges();
    http.expectOne('/api/cases/case-1').flush(detail);
    http.expectOne('/api/cases/case-1/history').flush(history);
    await fixture.whenStable();

    const element = fixture.nativeElement as HTMLElement;
    const text = (selector: string) =>
      [...element.querySelectorAll(selector)].map((e) => e.textContent?.replace(/\s+/g, ' ').trim());

    expect(text('h1')).toEqual(['Amelia Jones']);
    expect(text('h2')).toEqual(['Success', 'Open deadlines', 'Recommendations', 'History']);
    expect(text('.govuk-notification-banner__heading')).toEqual(['Response recorded']);
    expect(document.activeElement?.classList).toContain('govuk-notification-banner');
    expect(text('.govuk-summary-list__key').slice(0, 4)).toEqual(['Reference', 'Date of birth', 'Caseworker', 'Stage']);
    expect(text('.govuk-summary-list__value').slice(0, 4)).toEqual([
      'SEND-2026-0001',
      'Thu 2 Apr 2015',
      'Priya Shah',
      'Appeal decided',
    ]);
    expect(text('.govuk-details__summary-text')).toEqual(['How this date was worked out']);
    expect(text('.govuk-details__text li')).toEqual(detail.deadlines[0].explanation);
    expect(text('a[role="button"]')).toEqual(['Record the response']);
    expect(element.querySelector('a[role="button"]')?.getAttribute('href')).toBe(
      '/cases/case-1/recommendations/rec-1/response',
    );
    expect(element.textContent).toContain('Already provided.');
    expect(text('.moj-timeline__title')).toEqual(['Appeal decided', 'Case opened']);
    expect(text('.moj-timeline__date')[0]).toBe('Recorded Wed 1 Jul 2026 at 14:05');
    expect(text('button')).toEqual(['Download history (CSV)', 'Check the history']);
    http.verify();
  });
});
