import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { Role } from '@send/contracts';
import { homeRedirect, roleGuard } from './role-guard';
import { homeFor, navigationFor } from './roles';
import { Session } from './session';

@Component({ template: '' })
class Blank {}

describe('roles', () => {
  it('gives each role its own navigation and start page', () => {
    expect(navigationFor('caseworker').map((i) => i.label)).toEqual([
      'My deadlines',
      'Find a case',
      'All deadlines',
      'Deadline calculator',
    ]);
    expect(navigationFor('manager').map((i) => i.label)).toEqual([
      'Dashboard',
      'My deadlines',
      'Find a case',
      'All deadlines',
      'Appeals',
      'Deadline calculator',
    ]);
    expect(navigationFor('auditor').map((i) => i.link)).toEqual([
      '/audit/exports',
      '/audit/access-log',
      '/audit/security-log',
      '/dashboard',
      '/appeals',
      '/cases',
      '/deadlines',
    ]);
    expect(navigationFor('administrator').map((i) => i.link)).toEqual([
      '/administration',
    ]);
    expect(navigationFor(undefined)).toEqual([]);
    expect([
      homeFor('manager'),
      homeFor('auditor'),
      homeFor('caseworker'),
      homeFor('administrator'),
    ]).toEqual([
      '/dashboard',
      '/audit/exports',
      '/my-deadlines',
      '/administration',
    ]);
  });
});

describe('roleGuard and homeRedirect', () => {
  function setUp(role?: Role) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          {
            path: '',
            pathMatch: 'full',
            canActivate: [homeRedirect],
            children: [],
          },
          {
            path: 'dashboard',
            component: Blank,
            canActivate: [roleGuard('manager', 'auditor')],
          },
          { path: 'my-deadlines', component: Blank },
          { path: 'audit/exports', component: Blank },
          { path: 'sign-in', component: Blank },
        ]),
      ],
    });
    if (role)
      TestBed.inject(Session).signedIn({
        user: { id: 'u', name: 'Someone', role, team: 'SEND North' },
        csrfToken: 't',
        expiresAt: '2026-03-02T19:00:00Z',
      });
    return TestBed.inject(Router);
  }

  it('lets the roles named in, and sends anyone else to their own start page', async () => {
    const router = setUp('manager');
    await router.navigateByUrl('/dashboard');
    expect(router.url).toBe('/dashboard');
    await router.navigateByUrl('/');
    expect(router.url).toBe('/dashboard');
  });

  it('sends a caseworker from the dashboard to their deadlines', async () => {
    const router = setUp('caseworker');
    await router.navigateByUrl('/dashboard');
    expect(router.url).toBe('/my-deadlines');
  });

  it('asks the server for the session after a page load, and without one shows the sign-in page and comes back', async () => {
    const router = setUp();
    const http = TestBed.inject(HttpTestingController);
    const navigation = router.navigateByUrl('/dashboard');
    await new Promise((resolve) => setTimeout(resolve));
    http
      .expectOne('/api/auth/session')
      .flush(null, { status: 401, statusText: 'Unauthorized' });
    await navigation;
    expect(router.url).toBe('/sign-in?returnTo=%2Fdashboard');
    http.verify();
  });
});
