import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { LetterPreview } from '@send/contracts';
import { londonToday } from '../../shared/dates';
import { caseDetail } from '../../testing/fixtures';
import { CaseStore } from '../case-store';
import { IssueDecisionNoticePage } from './issue-decision-notice-page';

async function render() {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      CaseStore,
    ],
  });
  const store = TestBed.inject(CaseStore);
  store.caseId.set('case-1');
  store.detail.set(caseDetail({ version: 4 }));
  const fixture = TestBed.createComponent(IssueDecisionNoticePage);
  fixture.detectChanges();
  await fixture.whenStable();
  return {
    fixture,
    page: fixture.nativeElement as HTMLElement,
    http: TestBed.inject(HttpTestingController),
  };
}

/** Types a date (YYYY-MM-DD) into the three boxes of the date input `id`, as a person would. */
function typeDate(page: HTMLElement, id: string, iso: string) {
  const [year, month, day] = iso.split('-');
  for (const [part, value] of [
    ['day', String(Number(day))],
    ['month', String(Number(month))],
    ['year', year ?? ''],
  ] as const) {
    const box = page.querySelector(`#${id}-${part}`) as HTMLInputElement;
    box.value = value;
    box.dispatchEvent(new Event('input'));
  }
}

async function previewButton(
  fixture: { whenStable(): Promise<unknown>; detectChanges(): void },
  page: HTMLElement,
) {
  const button = [...page.querySelectorAll('button')].find(
    (b) => b.textContent?.trim() === 'Preview the letter',
  ) as HTMLButtonElement;
  button.click();
  await fixture.whenStable();
  fixture.detectChanges();
}

const summaryLinks = (page: HTMLElement) =>
  [...page.querySelectorAll('.govuk-error-summary a')].map((a) => [
    a.getAttribute('href'),
    a.textContent?.trim(),
  ]);

const PREVIEW: LetterPreview = {
  html: '<p>Dear Alex</p>',
  deadlines: [],
  missingParts: [],
} as unknown as LetterPreview;

describe('issuing the notice of a decision', () => {
  it('asks the decision from a select with no empty choice, and each date with the GOV.UK date input', async () => {
    const { page } = await render();
    const select = page.querySelector('#decision-type') as HTMLSelectElement;
    expect(select.value).toBe('refuse_assessment');
    expect(select.options).toHaveLength(7);
    expect([...select.options].every((o) => o.value)).toBe(true);
    expect(
      [...page.querySelectorAll('fieldset legend')].map((l) =>
        l.textContent?.trim(),
      ),
    ).toEqual(['Date of the decision', 'Date of the letter']);
    for (const id of ['decisionDate', 'letterSent'])
      for (const part of ['day', 'month', 'year'])
        expect(
          page.querySelector(`label[for="${id}-${part}"]`)?.textContent,
        ).toBe(part.charAt(0).toUpperCase() + part.slice(1));
    expect(page.querySelector('#letterSent-hint')?.textContent).toContain(
      'The day it is sent to the family. The family’s time limits count from it.',
    );
  });

  it('says what is missing, at each date and in the summary, and makes no letter', async () => {
    const { fixture, page, http } = await render();
    await previewButton(fixture, page);
    expect(summaryLinks(page)).toEqual([
      ['#decisionDate-day', 'Enter the date of the decision'],
      ['#letterSent-day', 'Enter the date of the letter'],
    ]);
    const fieldset = page.querySelector('#decisionDate')
      ?.parentElement as HTMLElement;
    expect(fieldset.getAttribute('aria-describedby')).toBe(
      'decisionDate-hint decisionDate-error',
    );
    expect(page.querySelector('#decisionDate-day')?.classList).toContain(
      'govuk-input--error',
    );
    http.verify();
  });

  it('checks the dates as every entry form does: a real date, not in the future, the letter not before the decision', async () => {
    const { fixture, page, http } = await render();
    typeDate(page, 'decisionDate', '2026-02-30');
    typeDate(page, 'letterSent', '2099-01-06');
    await previewButton(fixture, page);
    expect(summaryLinks(page).map(([, message]) => message)).toEqual([
      'Date of the decision must be a real date',
      'Date of the letter must be today or in the past',
    ]);

    typeDate(page, 'decisionDate', '2026-01-06');
    typeDate(page, 'letterSent', '2026-01-05');
    await previewButton(fixture, page);
    expect(summaryLinks(page)).toEqual([
      [
        '#letterSent-day',
        'Date of the letter must be the same as or after the date of the decision',
      ],
    ]);
    http.verify();
  });

  it('makes the letter of the decision chosen and its dates, then issues the same', async () => {
    const { fixture, page, http } = await render();
    const select = page.querySelector('#decision-type') as HTMLSelectElement;
    select.value = 'refuse_reassessment';
    select.dispatchEvent(new Event('change'));
    typeDate(page, 'decisionDate', '2026-01-05');
    typeDate(page, 'letterSent', londonToday());
    await previewButton(fixture, page);
    expect(page.querySelector('.govuk-error-summary')).toBeNull();
    const expected = {
      kind: 'decision_notice',
      expectedVersion: 4,
      decision: {
        type: 'refuse_reassessment',
        decisionDate: '2026-01-05',
        letterSent: londonToday(),
      },
    };
    const preview = http.expectOne('/api/cases/case-1/letters/preview');
    expect(preview.request.body).toEqual(expected);
    preview.flush(PREVIEW);
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    fixture.detectChanges();

    const issue = [...page.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Issue the letter',
    ) as HTMLButtonElement;
    issue.click();
    const request = http.expectOne('/api/cases/case-1/letters');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual(expected);
  });
});
