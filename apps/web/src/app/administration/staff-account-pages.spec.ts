import type { HttpTestingController } from '@angular/common/http/testing';
import type { Type } from '@angular/core';
import type { StaffAccount } from '@send/contracts';
import {
  refuse,
  renderPage,
  settle,
  setUpHttpPage as setUp,
  submit,
} from '../testing/http-page';
import { StaffAccountPage } from './staff-account-page';
import { StaffAccountsPage } from './staff-accounts-page';

const robin: StaffAccount = {
  id: 'u-robin',
  name: 'Robin Test',
  role: 'caseworker',
  team: 'SEND North',
  email: 'robin@example.council',
  active: true,
  hasPassword: true,
  singleSignOnLinked: false,
  lockedUntil: null,
};

/** The page, its accounts loaded. */
const render = <T>(
  component: Type<T>,
  http: HttpTestingController,
  inputs: Record<string, unknown> = {},
) =>
  renderPage(component, http, {
    inputs,
    answers: { '/api/users/accounts': [robin] },
  });

const type = (page: HTMLElement, id: string, value: string) => {
  (page.querySelector(`#${id}`) as HTMLInputElement).value = value;
};

/** The field's GOV.UK error: its group and control marked, its message, and the control described by it. */
function expectFieldError(
  page: HTMLElement,
  id: string,
  controlClass: string,
  message: string,
) {
  const control = page.querySelector(`#${id}`) as HTMLElement;
  expect(control.classList).toContain(controlClass);
  expect(control.closest('.govuk-form-group')?.classList).toContain(
    'govuk-form-group--error',
  );
  expect(page.querySelector(`#${id}-error`)?.textContent?.trim()).toBe(
    `Error: ${message}`,
  );
  expect(control.getAttribute('aria-describedby')?.split(' ')).toContain(
    `${id}-error`,
  );
  expect(
    page
      .querySelector(`.govuk-error-summary a[href="#${id}"]`)
      ?.textContent?.trim(),
  ).toBe(message);
}

function expectNoFieldError(page: HTMLElement, id: string) {
  const control = page.querySelector(`#${id}`) as HTMLElement;
  expect(control.className).not.toMatch(/--error/);
  expect(control.closest('.govuk-form-group')?.classList).not.toContain(
    'govuk-form-group--error',
  );
  expect(page.querySelector(`#${id}-error`)).toBeNull();
}

describe('the staff accounts table', () => {
  it('stacks on a phone: each cell labelled with its column, the email only when there is one', async () => {
    const http = setUp();
    const { page } = await render(StaffAccountsPage, http);
    const table = page.querySelector('table');
    expect(table?.classList).toContain('app-table--stack');
    const labels = [...page.querySelectorAll('tbody td')].map((td) =>
      td.getAttribute('data-label'),
    );
    expect(labels).toEqual(['Name', 'Email', 'Role', 'Team', 'Status']);
  });
});

describe('the staff accounts page’s form to add one', () => {
  it('marks each missing field as GOV.UK does, the role select too, and sends nothing', async () => {
    const http = setUp();
    const { fixture, page } = await render(StaffAccountsPage, http);
    const role = page.querySelector('#role') as HTMLSelectElement;
    expect(role.tagName).toBe('SELECT');
    expect(role.getAttribute('aria-describedby')).toBeNull();
    expect(role.options[0]?.textContent).toBe('Choose a role');
    expect([...role.options].slice(1).map((o) => o.textContent)).toEqual([
      'SEND caseworker',
      'SEND manager',
      'Auditor',
      'Administrator',
    ]);
    expect(page.querySelectorAll('#role, #name, #team')).toHaveLength(3);

    await submit(fixture, page);
    expectFieldError(
      page,
      'name',
      'govuk-input--error',
      'Enter their full name',
    );
    expectFieldError(page, 'team', 'govuk-input--error', 'Enter their team');
    expectFieldError(page, 'role', 'govuk-select--error', 'Choose a role');
    expect(page.querySelector('#team')?.getAttribute('aria-describedby')).toBe(
      'team-hint team-error',
    );
    http.verify();
  });

  it('takes the errors away from the fields put right, and sends the role chosen', async () => {
    const http = setUp();
    const { fixture, page } = await render(StaffAccountsPage, http);
    await submit(fixture, page);
    type(page, 'name', 'Sam Test');
    type(page, 'email', 'sam@example.council');
    type(page, 'team', 'SEND South');
    await submit(fixture, page);
    expectNoFieldError(page, 'name');
    expectNoFieldError(page, 'team');
    expectFieldError(page, 'role', 'govuk-select--error', 'Choose a role');

    (page.querySelector('#role') as HTMLSelectElement).value = 'manager';
    await submit(fixture, page);
    expectNoFieldError(page, 'role');
    const request = http.expectOne('/api/users');
    expect(request.request.body).toEqual({
      name: 'Sam Test',
      email: 'sam@example.council',
      role: 'manager',
      team: 'SEND South',
    });
  });

  it('shows the API’s refusal of the role at the select', async () => {
    const http = setUp();
    const { fixture, page } = await render(StaffAccountsPage, http);
    type(page, 'name', 'Sam Test');
    type(page, 'email', 'sam@example.council');
    type(page, 'team', 'SEND South');
    (page.querySelector('#role') as HTMLSelectElement).value = 'auditor';
    await submit(fixture, page);
    const message = 'Choose a role a member of staff can have';
    refuse(http.expectOne('/api/users'), message, {
      errors: [{ field: 'role', message }],
    });
    await settle(fixture);
    expectFieldError(page, 'role', 'govuk-select--error', message);
    // What was chosen is kept.
    expect((page.querySelector('#role') as HTMLSelectElement).value).toBe(
      'auditor',
    );
  });
});

describe('a staff account’s form to change it', () => {
  it('shows the account’s name, role and team, the role with no empty choice', async () => {
    const http = setUp();
    const { page } = await render(StaffAccountPage, http, {
      userId: robin.id,
    });
    expect((page.querySelector('#name') as HTMLInputElement).value).toBe(
      'Robin Test',
    );
    expect((page.querySelector('#team') as HTMLInputElement).value).toBe(
      'SEND North',
    );
    const role = page.querySelector('#role') as HTMLSelectElement;
    expect(role.value).toBe('caseworker');
    expect([...role.options].map((o) => o.value)).toEqual([
      'caseworker',
      'manager',
      'auditor',
      'administrator',
    ]);
    expect(page.querySelectorAll('#role, #name, #team')).toHaveLength(3);
    expectNoFieldError(page, 'name');
    expectNoFieldError(page, 'role');
    expectNoFieldError(page, 'team');
  });

  it('marks an emptied name and team as GOV.UK does, and sends nothing', async () => {
    const http = setUp();
    const { fixture, page } = await render(StaffAccountPage, http, {
      userId: robin.id,
    });
    type(page, 'name', ' ');
    type(page, 'team', '');
    await submit(fixture, page);
    expectFieldError(
      page,
      'name',
      'govuk-input--error',
      'Enter their full name',
    );
    expectFieldError(page, 'team', 'govuk-input--error', 'Enter their team');
    expectNoFieldError(page, 'role');
    http.verify();
  });

  it('shows the API’s refusal of the role at the select, and sends only what changed', async () => {
    const http = setUp();
    const { fixture, page } = await render(StaffAccountPage, http, {
      userId: robin.id,
    });
    (page.querySelector('#role') as HTMLSelectElement).value = 'administrator';
    await submit(fixture, page);
    const request = http.expectOne(`/api/users/${robin.id}`);
    expect(request.request.body).toEqual({ role: 'administrator' });
    const message = 'You cannot make this account an administrator';
    refuse(request, message, { errors: [{ field: 'role', message }] });
    await settle(fixture);
    expectFieldError(page, 'role', 'govuk-select--error', message);
    expectNoFieldError(page, 'name');
  });
});

describe('resetting a staff account’s password', () => {
  it('shows the temporary password once, in the banner that confirms the reset', async () => {
    const http = setUp();
    const { fixture, page } = await render(StaffAccountPage, http, {
      userId: robin.id,
    });
    expect(page.querySelector('.govuk-caption-l')?.textContent?.trim()).toBe(
      'Staff account',
    );
    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Robin Test');
    const reset = [...page.querySelectorAll('button')].find((b) =>
      /Reset the password/.test(b.textContent ?? ''),
    ) as HTMLButtonElement;
    await submit(fixture, page, reset);
    http
      .expectOne({
        method: 'POST',
        url: `/api/users/${robin.id}/password-reset`,
      })
      .flush({
        temporaryPassword: 'plum-otter-ladder-94',
        expiresAt: '2099-03-02T18:00:00Z',
      });
    await settle(fixture);
    http.expectOne('/api/users/accounts').flush([robin]);
    await settle(fixture);
    const banner = page.querySelector('.govuk-notification-banner__content');
    expect(
      banner?.querySelector('.govuk-notification-banner__heading')?.textContent,
    ).toBe('Password reset for Robin Test');
    expect(banner?.querySelector('.app-temporary-password')?.textContent).toBe(
      'plum-otter-ladder-94',
    );
  });

  it('names no account that is not in the list', async () => {
    const http = setUp();
    const { page } = await render(StaffAccountPage, http, { userId: 'u-x' });
    expect(page.querySelector('h1')?.textContent?.trim()).toBe(
      'No such staff account',
    );
    expect(page.querySelector('.govuk-caption-l')).toBeNull();
  });
});
