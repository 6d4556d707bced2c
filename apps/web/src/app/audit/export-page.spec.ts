import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ExportJobView } from '@send/contracts';
import { Session } from '../core/session';
import { ExportPage, POLL_MS } from './export-page';
import { find } from '../shared/testing';

const job = (overrides: Partial<ExportJobView>): ExportJobView => ({
  id: 'x-1',
  scope: 'period',
  format: 'pdf',
  from: '2026-01-01',
  to: '2026-03-31',
  status: 'running',
  eventsTotal: 200,
  eventsRead: 80,
  eventsWritten: 60,
  percent: 40,
  cases: 7,
  requestedAt: '2026-03-02T09:00:00Z',
  ...overrides,
});

/** Waits (real time) until the page has asked for the export again. */
async function nextRequest(http: HttpTestingController) {
  for (let waited = 0; waited < 5 * POLL_MS; waited += 50) {
    const [request] = http.match('/api/exports/x-1');
    if (request) return request;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the page did not ask again');
}

describe('ExportPage', () => {
  it('shows the progress while the worker runs, asks again, then offers the download and the check', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    TestBed.inject(Session).signedIn({
      user: {
        id: 'u-ada',
        name: 'Ada Auditor',
        role: 'auditor',
        team: 'Internal audit',
      },
      csrfToken: 't',
      expiresAt: '2026-03-02T19:00:00Z',
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ExportPage);
    fixture.componentRef.setInput('exportId', 'x-1');
    fixture.detectChanges();
    (await nextRequest(http)).flush(job({}));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('h1')?.textContent).toBe(
      'Every case, Thu 1 Jan 2026 to Tue 31 Mar 2026',
    );
    const bar = find(element, '[role="progressbar"]');
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(element.textContent).toContain(
      '80 of 200 history events read and checked; 60 written, from 7 cases.',
    );
    expect(
      element.querySelector('.govuk-visually-hidden[role="status"]')
        ?.textContent,
    ).toBe('Export 40% done');

    (await nextRequest(http)).flush(
      job({
        status: 'done',
        percent: 100,
        eventsRead: 200,
        eventsWritten: 150,
        fileName: 'history-all-cases-2026-01-01-to-2026-03-31.pdf',
        fileSize: 52_300,
        sha256: 'ab'.repeat(32),
        expiresAt: '2026-03-03T09:00:05Z',
        verification: { casesChecked: 7, casesIntact: 7, broken: [] },
      }),
    );
    await fixture.whenStable();
    expect(element.querySelector('[role="progressbar"]')).toBeNull();
    const download = find<HTMLAnchorElement>(element, 'a[download]');
    expect(download.getAttribute('href')).toBe('/api/exports/x-1/file');
    expect(download.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Download history-all-cases-2026-01-01-to-2026-03-31.pdf (PDF, 52.3 kB)',
    );
    expect(element.textContent).toContain(
      'The stored history of every case (7) was checked',
    );

    // Finished: it stops asking.
    await new Promise((resolve) => setTimeout(resolve, 2 * POLL_MS));
    http.expectNone('/api/exports/x-1');
    http.verify();
  });
});
