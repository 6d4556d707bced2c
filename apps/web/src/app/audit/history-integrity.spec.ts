import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { HistoryIntegrity } from './history-integrity';
import { find } from '../shared/testing';

describe('HistoryIntegrity', () => {
  async function check(result: object) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(HistoryIntegrity);
    fixture.componentRef.setInput('caseId', 'case-1');
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    find(element, 'button').click();
    fixture.detectChanges();
    expect(element.querySelector('[role="status"]')?.textContent).toContain(
      'Checking the history',
    );
    TestBed.inject(HttpTestingController)
      .expectOne('/api/cases/case-1/history/verification')
      .flush(result);
    await fixture.whenStable();
    return (
      element
        .querySelector('[role="status"]')
        ?.textContent?.replace(/\s+/g, ' ')
        .trim() ?? ''
    );
  }

  it('says in words that an intact history was not altered', async () => {
    expect(await check({ valid: true, events: 12 })).toMatch(
      /^The history has not been altered\. All 12 events match their hashes, and each links to the one before it: nothing was changed or removed after it was recorded\. Checked \w{3} \d+ \w{3} \d{4} at \d\d:\d\d\.$/,
    );
  });

  it('names the first event that does not match', async () => {
    const text = await check({
      valid: false,
      events: 12,
      firstMismatch: {
        sequence: 3,
        id: 'e-3',
        problem:
          'its content does not match its hash: it was changed after it was recorded',
      },
    });
    expect(text).toContain(
      'Warning The history has been altered. Event 3 of 12 does not match: its content does not match its hash: it was changed after it was recorded.',
    );
    expect(text).toContain('Event id: e-3.');
  });
});
