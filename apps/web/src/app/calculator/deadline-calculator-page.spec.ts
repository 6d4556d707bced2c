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
import { DeadlineCalculatorPage } from './deadline-calculator-page';

const RULES = [
  {
    id: 'appeal.lodge',
    title: 'Last day to lodge an appeal with the SEND Tribunal',
    period: '2 months after the decision letter …',
    source: 'HESC Rules r.20(1)(c), r.12',
    facts: [
      {
        name: 'decisionLetterSent',
        label: 'Decision letter sent',
        required: true,
      },
      {
        name: 'certificateIssued',
        label: 'Mediation certificate issued',
        required: false,
      },
    ],
  },
  {
    id: 'recommendation.response',
    title: 'Respond to the health and social care recommendations',
    period: '5 weeks',
    source: 'Regs 6–7',
    facts: [],
  },
];

describe('DeadlineCalculatorPage', () => {
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

  it('asks for the rule’s dates (the optional ones marked), sends only those given, and shows the due date and how', async () => {
    const fixture = TestBed.createComponent(DeadlineCalculatorPage);
    fixture.componentRef.setInput('rule', 'appeal.lodge');
    fixture.detectChanges();
    http.expectOne('/api/rules').flush(RULES);
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    expect([...root.querySelectorAll('optgroup')].map((g) => g.label)).toEqual([
      'Appeals to the Tribunal',
      'Health and social care recommendations',
    ]);
    expect(
      [...root.querySelectorAll('legend')].map((l) => l.textContent),
    ).toEqual([
      'Decision letter sent',
      'Mediation certificate issued (optional)',
    ]);

    root.querySelector('form')!.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    expect(root.querySelector('.govuk-error-summary')?.textContent).toContain(
      'Enter the date: decision letter sent',
    );

    for (const [part, value] of [
      ['day', '1'],
      ['month', '10'],
      ['year', '2026'],
    ]) {
      const box = root.querySelector<HTMLInputElement>(
        `#facts-decisionLetterSent-${part}`,
      )!;
      box.value = value;
      box.dispatchEvent(new Event('input'));
    }
    root.querySelector('form')!.dispatchEvent(new Event('submit'));
    const calculation = http.expectOne('/api/deadlines/calculation');
    expect(calculation.request.body).toEqual({
      ruleId: 'appeal.lodge',
      facts: { decisionLetterSent: '2026-10-01' },
    });
    calculation.flush({
      ruleId: 'appeal.lodge',
      ruleTitle: RULES[0]!.title,
      rulesetVersion: '2026.1',
      dueOn: '2026-12-01',
      explanation: [
        'Decision letter sent Thu 1 Oct 2026; + 2 months = Tue 1 Dec 2026',
        'Due Tue 1 Dec 2026',
      ],
    });
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    expect(root.querySelector('.govuk-panel__title')?.textContent).toBe(
      'Due Tue 1 Dec 2026',
    );
    expect(root.querySelectorAll('ol li')).toHaveLength(2);
    expect(document.activeElement?.classList).toContain('govuk-panel');
  });
});
