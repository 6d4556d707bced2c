import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { App } from './app';
import { Session } from './core/session';
import { sessionInterceptor } from './core/session-interceptor';

describe('App', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideRouter([{ path: 'sign-in', children: [] }]),
        provideHttpClient(withInterceptors([sessionInterceptor])),
        provideHttpClientTesting(),
      ],
    });
  });

  it('has a skip link and header, names who is signed in, and signs out on the server with the CSRF token', async () => {
    TestBed.inject(Session).signedIn({
      user: { id: 'u-1', name: 'Priya Shah', role: 'caseworker', team: 'SEND' },
      csrfToken: 'csrf-1',
      expiresAt: '2099-03-02T19:00:00Z',
      idleExpiresAt: '2099-03-02T09:30:00Z',
    });
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const http = TestBed.inject(HttpTestingController);

    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('.govuk-skip-link')?.textContent).toBe(
      'Skip to main content',
    );
    expect(element.querySelector('header')?.textContent).toContain(
      'SEND disagreements',
    );
    expect(element.querySelector('.app-signed-in')?.textContent).toContain(
      'Priya Shah',
    );
    expect(element.querySelector('#acting-user')).toBeNull();
    expect(
      [...element.querySelectorAll('.govuk-service-navigation__link')].map(
        (a) => a.textContent?.trim(),
      ),
    ).toEqual([
      'My deadlines',
      'Find a case',
      'All deadlines',
      'Deadline calculator',
    ]);
    expect(element.querySelector('app-timeout-warning dialog')).not.toBeNull();

    (
      element.querySelector(
        '.app-signed-in a[href="/sign-in"]',
      ) as HTMLAnchorElement
    ).click();
    const signOut = http.expectOne('/api/auth/sign-out');
    expect(signOut.request.method).toBe('POST');
    expect(signOut.request.headers.get('X-CSRF-Token')).toBe('csrf-1');
    signOut.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(TestBed.inject(Session).user()).toBeUndefined();
    expect(TestBed.inject(Router).url).toBe('/sign-in');
    fixture.detectChanges();
    expect(element.querySelector('.app-signed-in')).toBeNull();
    expect(element.querySelector('.govuk-service-navigation__link')).toBeNull();
    expect(element.querySelector('app-timeout-warning')).toBeNull();
    http.verify();
  });
});
