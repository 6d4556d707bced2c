import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { Session } from '../core/session';
import { ExportsPage } from './exports-page';
import { find } from '../shared/testing';

describe('ExportsPage', () => {
  let http: HttpTestingController;

  async function render(caseReference?: string) {
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
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ExportsPage);
    if (caseReference)
      fixture.componentRef.setInput('caseReference', caseReference);
    fixture.detectChanges();
    http.expectOne('/api/exports').flush([]);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  const submit = async (
    fixture: { detectChanges(): void; whenStable(): Promise<unknown> },
    element: HTMLElement,
  ) => {
    find<HTMLButtonElement>(element, 'button[type="submit"]').click();
    fixture.detectChanges();
    await fixture.whenStable();
  };

  afterEach(() => http.verify());

  it('says what to choose when nothing is chosen', async () => {
    const { fixture, element } = await render();
    expect(element.textContent).toContain('You have not exported anything yet');
    await submit(fixture, element);
    const summary = [
      ...element.querySelectorAll('.govuk-error-summary__list a'),
    ].map((a) => [a.textContent?.trim(), a.getAttribute('href')]);
    expect(summary).toEqual([
      ['Select what you want to export', '#scope'],
      ['Select a format', '#format'],
    ]);
  });

  it('checks the dates of a period the GOV.UK way', async () => {
    const { fixture, element } = await render();
    find<HTMLInputElement>(element, '#scope-period').click();
    fixture.detectChanges();
    const type = (id: string, value: string) =>
      (find<HTMLInputElement>(element, `#${id}`).value = value);
    type('from-day', '31');
    type('from-month', '2');
    type('from-year', '2026');
    type('to-day', '1');
    find<HTMLInputElement>(element, '#format-pdf').click();
    await submit(fixture, element);
    expect(
      [...element.querySelectorAll('.govuk-error-message')].map((e) =>
        e.textContent?.trim(),
      ),
    ).toEqual([
      'Error: The first day must be a real date',
      'Error: The last day must include a day, month and year',
    ]);
  });

  it('starts an export of the case it was sent from, then shows its page', async () => {
    const { fixture, element } = await render('RUT-2026-0101');
    expect(find<HTMLInputElement>(element, '#scope').checked).toBe(true);
    expect(find<HTMLInputElement>(element, '#caseReference').value).toBe(
      'RUT-2026-0101',
    );
    find<HTMLInputElement>(element, '#format-json').click();
    const navigate = jest
      .spyOn(TestBed.inject(Router), 'navigate')
      .mockResolvedValue(true);
    find<HTMLButtonElement>(element, 'button[type="submit"]').click();
    const request = http.expectOne('/api/exports');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      scope: 'case',
      format: 'json',
      caseReference: 'RUT-2026-0101',
    });
    request.flush(
      { id: 'x-1', status: 'queued' },
      { status: 202, statusText: 'Accepted' },
    );
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/audit/exports', 'x-1']);
  });

  it("shows the server's answer against the field it names", async () => {
    const { fixture, element } = await render('RUT-9999');
    find<HTMLInputElement>(element, '#format').click();
    find<HTMLButtonElement>(element, 'button[type="submit"]').click();
    http.expectOne('/api/exports').flush(
      {
        type: 'about:blank',
        title: 'The request has a problem',
        status: 400,
        detail: 'There is no case with the reference RUT-9999',
        errors: [
          {
            field: 'caseReference',
            message: 'There is no case with the reference RUT-9999',
          },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    fixture.detectChanges();
    expect(
      element.querySelector('#caseReference-error')?.textContent?.trim(),
    ).toBe('Error: There is no case with the reference RUT-9999');
    expect(
      element
        .querySelector('.govuk-error-summary__list a')
        ?.getAttribute('href'),
    ).toBe('#caseReference');
  });
});
