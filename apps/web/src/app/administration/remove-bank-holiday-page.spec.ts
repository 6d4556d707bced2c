import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { FlashMessage } from '../core/flash-message';
import {
  refuse,
  renderPage,
  settle,
  setUpHttpPage,
  submit as submitForm,
} from '../testing/http-page';
import { RemoveBankHolidayPage } from './remove-bank-holiday-page';

@Component({ template: '' })
class Blank {}

async function render() {
  const http = setUpHttpPage([
    { path: 'administration/bank-holidays', component: Blank },
  ]);
  const { fixture, page } = await renderPage(RemoveBankHolidayPage, http, {
    inputs: { date: '2026-05-04' },
  });
  return { fixture, page, http, router: TestBed.inject(Router) };
}

const reasonBox = (page: HTMLElement) =>
  page.querySelector('#reason') as HTMLTextAreaElement;

const removeButton = (page: HTMLElement) =>
  page.querySelector('button[type=submit]') as HTMLButtonElement;

const submit = (fixture: Parameters<typeof settle>[0], page: HTMLElement) =>
  submitForm(fixture, page, removeButton(page));

describe('removing a bank holiday', () => {
  it('asks why, as GOV.UK marks a field in error, before sending anything', async () => {
    const { fixture, page, http } = await render();
    expect(page.querySelector('h1')?.textContent).toContain(
      'Remove Mon 4 May 2026 as a bank holiday',
    );
    // The frame of every administrator's page; back (and Cancel) to the list of the date's year.
    expect(page.querySelector('app-admin-page')).not.toBeNull();
    for (const link of ['.govuk-back-link', '.govuk-button-group a'])
      expect(page.querySelector(link)?.getAttribute('href')).toBe(
        '/administration/bank-holidays?year=2026',
      );
    const reason = reasonBox(page);
    expect(reason.tagName).toBe('TEXTAREA');
    expect(reason.rows).toBe(3);
    expect(reason.getAttribute('aria-describedby')).toBe('reason-hint');
    expect(page.querySelectorAll('#reason')).toHaveLength(1);

    reason.value = '   ';
    await submit(fixture, page);
    expect(reason.classList).toContain('govuk-textarea--error');
    expect(reason.closest('.govuk-form-group')?.classList).toContain(
      'govuk-form-group--error',
    );
    expect(reason.getAttribute('aria-describedby')).toBe(
      'reason-hint reason-error',
    );
    expect(page.querySelector('#reason-error')?.textContent?.trim()).toBe(
      'Error: Enter why the bank holiday is removed',
    );
    expect(
      page.querySelector('.govuk-error-summary a[href="#reason"]')?.textContent,
    ).toBe('Enter why the bank holiday is removed');
    http.verify();
  });

  it('sends the reason, busy meanwhile, then confirms on the list of that year', async () => {
    const { fixture, page, http, router } = await render();
    reasonBox(page).value = ' Entered in error ';
    await submit(fixture, page);
    expect(removeButton(page).disabled).toBe(true);
    const request = http.expectOne({
      method: 'DELETE',
      url: '/api/bank-holidays/2026-05-04',
    });
    expect(request.request.body).toEqual({ reason: 'Entered in error' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(router.url).toBe('/administration/bank-holidays?year=2026');
    expect(TestBed.inject(FlashMessage).take()).toBe(
      'Bank holiday removed: Mon 4 May 2026 is a working day',
    );
  });

  it('shows the API’s refusal at the reason, and the button works again', async () => {
    const { fixture, page, http, router } = await render();
    reasonBox(page).value = 'Entered in error';
    await submit(fixture, page);
    const message = 'The reason must be at most 500 characters';
    refuse(http.expectOne('/api/bank-holidays/2026-05-04'), message, {
      errors: [{ field: 'reason', message }],
    });
    await settle(fixture);
    expect(page.querySelector('#reason-error')?.textContent?.trim()).toBe(
      `Error: ${message}`,
    );
    expect(reasonBox(page).value).toBe('Entered in error');
    expect(removeButton(page).disabled).toBe(false);
    expect(router.url).toBe('/');
  });

  it('shows a refusal about something else in the summary only', async () => {
    const { fixture, page, http } = await render();
    reasonBox(page).value = 'Entered in error';
    await submit(fixture, page);
    refuse(
      http.expectOne('/api/bank-holidays/2026-05-04'),
      '4 May 2026 is not a bank holiday',
      { status: 404 },
    );
    await settle(fixture);
    expect(page.querySelector('.govuk-error-summary')?.textContent).toContain(
      '4 May 2026 is not a bank holiday',
    );
    expect(page.querySelector('#reason-error')).toBeNull();
  });
});
