import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { CaseDetail } from '@send/contracts';
import { Session } from '../core/session';
import { FlashMessage } from '../core/flash-message';
import { RecommendationResponsePage } from './recommendation-response-page';

const CASE_URL = '/api/cases/case-1';
const POST_URL = `${CASE_URL}/recommendations/rec-1/response`;

const caseDetail = (version: number): CaseDetail => ({
  id: 'case-1',
  reference: 'SEND-2026-0001',
  childName: 'Amelia Jones',
  dateOfBirth: '2015-04-02',
  caseworker: 'Priya Shah',
  team: 'SEND North',
  stage: 'appeal_decided',
  version,
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
  ],
  deadlines: [],
});

describe('RecommendationResponsePage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(Session).signedIn({ user: { id: 'u-1', name: 'Priya Shah', role: 'caseworker', team: 'SEND' }, csrfToken: 'csrf-1', expiresAt: '2026-03-02T19:00:00Z', idleExpiresAt: '2026-03-02T09:30:00Z' });
  });

  afterEach(() => http.verify());

  async function render() {
    const fixture = TestBed.createComponent(RecommendationResponsePage);
    fixture.componentRef.setInput('id', 'case-1');
    fixture.componentRef.setInput('recommendationId', 'rec-1');
    fixture.detectChanges();
    http.expectOne(CASE_URL).flush(caseDetail(3));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const input = (selector: string) => element.querySelector(selector) as HTMLInputElement;
    const type = (selector: string, value: string) => {
      input(selector).value = value;
      input(selector).dispatchEvent(new Event('input'));
    };
    const submit = () => {
      (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
      fixture.detectChanges();
    };
    return { fixture, element, input, type, submit };
  }

  it('shows the error summary, linked to the fields, and focuses it', async () => {
    const { fixture, element, input, submit } = await render();
    expect(element.querySelector('h1')?.textContent).toBe('Record the response to a recommendation');
    input('#outcome-not-followed').click();
    submit();
    await fixture.whenStable();

    const summary = element.querySelector('.govuk-error-summary') as HTMLElement;
    expect([...summary.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent])).toEqual([
      ['#reasons', 'Enter the reasons for not following the recommendation'],
      ['#sentOn-day', 'Enter the date the response was sent'],
      ['#sentTo', 'Select whether the response was sent to the parent or the young person'],
    ]);
    expect(document.activeElement).toBe(summary);
    expect(input('#reasons').getAttribute('aria-describedby')).toBe('reasons-hint reasons-error');
    expect(element.querySelector('#sentOn-error')?.textContent).toContain('Enter the date the response was sent');
  });

  it('after a 409 keeps what was typed, reloads the case and saves with the new version', async () => {
    const { fixture, element, input, type, submit } = await render();
    input('#outcome').click();
    type('#sentOn-day', '1');
    type('#sentOn-month', '6');
    type('#sentOn-year', '2026');
    input('#sentTo').click();
    submit();

    const first = http.expectOne(POST_URL);
    expect(first.request.body).toEqual({
      expectedVersion: 3,
      outcome: 'followed',
      sentOn: '2026-06-01',
      recipient: 'parent',
      sentTo: ['Parent'],
    });
    first.flush(
      { type: 'about:blank', title: 'Conflict', status: 409, detail: 'The case changed since you opened it.' },
      { status: 409, statusText: 'Conflict' },
    );
    fixture.detectChanges();
    http.expectOne(CASE_URL).flush(caseDetail(4));
    await fixture.whenStable();

    expect(element.querySelector('.govuk-error-summary')?.textContent).toContain('The case changed since you opened it.');
    expect(input('#sentOn-year').value).toBe('2026');

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    submit();
    const second = http.expectOne(POST_URL);
    expect(second.request.body.expectedVersion).toBe(4);
    second.flush(caseDetail(5));
    await fixture.whenStable();

    expect(navigate).toHaveBeenCalledWith(['/cases', 'case-1']);
    expect(TestBed.inject(FlashMessage).take()).toBe('Response recorded');
  });
});
