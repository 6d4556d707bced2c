import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { homeRedirect, roleGuard } from '../core/role-guard';
import { Session } from '../core/session';
import { signedInOnlyGuard } from '../core/signed-in-guard';
import { caseworkerSession } from '../testing/fixtures';
import { ChangePasswordPage } from './change-password-page';

@Component({ template: '' })
class Blank {}

function setUp(passwordChangeRequired: boolean) {
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
          path: 'my-deadlines',
          component: Blank,
          canActivate: [roleGuard('caseworker', 'manager')],
        },
        {
          path: 'cases/:id',
          component: Blank,
          canActivate: [roleGuard('caseworker')],
        },
        {
          path: 'change-password',
          component: ChangePasswordPage,
          canActivate: [signedInOnlyGuard],
        },
        { path: 'sign-in', component: Blank },
      ]),
    ],
  });
  TestBed.inject(Session).signedIn(
    caseworkerSession({ passwordChangeRequired }),
  );
  return {
    router: TestBed.inject(Router),
    http: TestBed.inject(HttpTestingController),
  };
}

async function render(router: Router, url: string) {
  await router.navigateByUrl(url);
  const fixture = TestBed.createComponent(ChangePasswordPage);
  fixture.componentRef.setInput(
    'returnTo',
    new URLSearchParams(router.url.split('?')[1] ?? '').get('returnTo') ??
      undefined,
  );
  fixture.detectChanges();
  await fixture.whenStable();
  return fixture;
}

const type = (element: HTMLElement, id: string, value: string) => {
  (element.querySelector(`#${id}`) as HTMLInputElement).value = value;
};

describe('a password an administrator set must be changed first', () => {
  it('sends every page to Change your password, then back to where the person was going', async () => {
    const { router } = setUp(true);
    await router.navigateByUrl('/');
    expect(router.url).toBe('/change-password');
    await router.navigateByUrl('/cases/c-1');
    expect(router.url).toBe('/change-password?returnTo=%2Fcases%2Fc-1');
  });

  it('lets a session without a pending change go where it asked', async () => {
    const { router } = setUp(false);
    await router.navigateByUrl('/my-deadlines');
    expect(router.url).toBe('/my-deadlines');
  });

  it('sends the current and the new password, then goes on to the page asked for', async () => {
    const { router, http } = setUp(true);
    const fixture = await render(router, '/cases/c-1');
    const page: HTMLElement = fixture.nativeElement;
    expect(page.textContent).toContain(
      'An administrator set the password you signed in with',
    );
    type(page, 'currentPassword', 'k7mqp-x2vhz-9rdta-4wnse');
    type(page, 'newPassword', 'kestrel violin harbour morning');
    (page.querySelector('button[type=submit]') as HTMLButtonElement).click();
    const request = http.expectOne('/api/auth/password');
    expect(request.request.body).toEqual({
      currentPassword: 'k7mqp-x2vhz-9rdta-4wnse',
      newPassword: 'kestrel violin harbour morning',
    });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    expect(TestBed.inject(Session).passwordChangeRequired()).toBe(false);
    expect(router.url).toBe('/cases/c-1');
  });

  it('shows what the API refused, by field, in the error summary', async () => {
    const { router, http } = setUp(true);
    const fixture = await render(router, '/');
    const page: HTMLElement = fixture.nativeElement;
    type(page, 'currentPassword', 'k7mqp-x2vhz-9rdta-4wnse');
    type(page, 'newPassword', 'qwerty123456');
    (page.querySelector('button[type=submit]') as HTMLButtonElement).click();
    const message =
      'newPassword is one of the most common passwords, which attackers try first: choose another';
    http.expectOne('/api/auth/password').flush(
      {
        type: 'about:blank',
        title: 'The request has a problem',
        status: 400,
        detail: message,
        errors: [{ field: 'newPassword', message }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    fixture.detectChanges();
    expect(page.querySelector('.govuk-error-summary')?.textContent).toContain(
      'Your new password is one of the most common passwords',
    );
    expect(page.querySelector('#newPassword-error')?.textContent).toContain(
      'Your new password is one of the most common passwords',
    );
    expect(router.url).toBe('/change-password');
  });

  it('asks for both passwords before sending anything', async () => {
    const { router, http } = setUp(true);
    const fixture = await render(router, '/');
    const page: HTMLElement = fixture.nativeElement;
    (page.querySelector('button[type=submit]') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(page.querySelector('#currentPassword-error')?.textContent).toContain(
      'Enter the password you signed in with',
    );
    expect(page.querySelector('#newPassword-error')?.textContent).toContain(
      'Enter a new password',
    );
    http.verify();
  });
});
