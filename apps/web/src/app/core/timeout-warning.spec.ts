import {
  HttpClient,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { caseworkerSession } from '../testing/fixtures';
import { Session } from './session';
import { sessionInterceptor } from './session-interceptor';
import { countdownText, TimeoutWarning } from './timeout-warning';

const NOW = Date.parse('2026-03-02T09:00:00Z');

describe('the session timeout warning', () => {
  let http: HttpTestingController;
  let session: Session;

  beforeAll(() => {
    // jsdom has <dialog> but not its modal methods.
    HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
      this.removeAttribute('open');
    };
  });

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'sign-in', children: [] }]),
        provideHttpClient(withInterceptors([sessionInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    session = TestBed.inject(Session);
    // The server says the session ends in 30 minutes without use, and its clock is 1 minute ahead of this one.
    session.signedIn(
      caseworkerSession({
        idleExpiresAt: new Date(NOW + 31 * 60_000).toISOString(),
        expiresAt: new Date(NOW + 10 * 3_600_000).toISOString(),
      }),
      NOW + 60_000,
    );
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('says how long is left in words', () => {
    expect([
      countdownText(120_000),
      countdownText(65_000),
      countdownText(61_000),
      countdownText(1_000),
      countdownText(0),
    ]).toEqual([
      '2 minutes',
      '1 minute 5 seconds',
      '1 minute 1 second',
      '1 second',
      '0 seconds',
    ]);
  });

  it('opens two minutes before the idle end (on the server’s clock), counts down, and stays signed in on request', async () => {
    const fixture = TestBed.createComponent(TimeoutWarning);
    fixture.detectChanges();
    const dialog = (fixture.nativeElement as HTMLElement).querySelector(
      'dialog',
    )!;
    jest.advanceTimersByTime(27 * 60_000 + 59_000);
    expect(dialog.open).toBe(false);
    jest.advanceTimersByTime(2_000);
    fixture.detectChanges();
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute('aria-labelledby')).toBe('timeout-title');
    expect(dialog.querySelector('h2')?.textContent).toBe(
      'You’re about to be signed out',
    );
    expect(dialog.querySelector('strong')?.textContent).toBe(
      '1 minute 59 seconds',
    );
    expect(dialog.querySelector('[aria-live]')?.textContent).toBe(
      'We will sign you out in 2 minutes.',
    );
    jest.advanceTimersByTime(50_000);
    fixture.detectChanges();
    expect(dialog.querySelector('strong')?.textContent).toBe(
      '1 minute 9 seconds',
    );
    expect(dialog.querySelector('[aria-live]')?.textContent).toBe(
      'We will sign you out in 1 minute 20 seconds.',
    );

    const stay = [...dialog.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Stay signed in',
    )!;
    stay.click();
    const request = http.expectOne('/api/auth/session');
    request.flush(
      caseworkerSession({
        idleExpiresAt: new Date(NOW + 61 * 60_000).toISOString(),
        expiresAt: new Date(NOW + 10 * 3_600_000).toISOString(),
      }),
    );
    await Promise.resolve();
    await Promise.resolve();
    fixture.detectChanges();
    expect(dialog.open).toBe(false);
  });

  it('moves the warning on when any request to the API is answered', () => {
    const fixture = TestBed.createComponent(TimeoutWarning);
    fixture.detectChanges();
    jest.advanceTimersByTime(20 * 60_000);
    // Any page's request, answered through the interceptor.
    TestBed.inject(HttpClient).get('/api/cases').subscribe();
    http.expectOne('/api/cases').flush({ items: [], total: 0 });
    jest.advanceTimersByTime(10 * 60_000);
    fixture.detectChanges();
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('dialog')?.open,
    ).toBe(false);
  });

  it('signs out at the end and says why on the sign-in page, coming back afterwards', async () => {
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/sign-in?x=1');
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    Object.defineProperty(router, 'url', {
      get: () => '/cases/case-1/record/decision',
    });
    const fixture = TestBed.createComponent(TimeoutWarning);
    fixture.detectChanges();
    jest.advanceTimersByTime(30 * 60_000 + 1_000);
    await jest.runOnlyPendingTimersAsync();
    expect(session.user()).toBeUndefined();
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], {
      queryParams: {
        reason: 'timeout',
        returnTo: '/cases/case-1/record/decision',
      },
    });
  });
});
