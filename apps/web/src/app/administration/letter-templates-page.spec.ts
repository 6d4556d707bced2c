import type { HttpTestingController } from '@angular/common/http/testing';
import {
  refuse,
  renderPage,
  settle,
  setUpHttpPage as setUp,
} from '../testing/http-page';
import type { LetterTemplateCheck, LetterTemplateVersion } from './admin-api';
import { LetterTemplatesPage, templatesByKind } from './letter-templates-page';

const version = (
  v: Partial<LetterTemplateVersion> & Pick<LetterTemplateVersion, 'version'>,
): LetterTemplateVersion => ({
  id: `t-${v.kind ?? 'decision_notice'}-${v.version}`,
  kind: 'decision_notice',
  filename: `notice-${v.version}.docx`,
  sha256: 'ab'.repeat(32),
  uploaded_at: '2026-11-02T10:15:00.000Z',
  uploaded_by: 'Alex Admin',
  published_at: null,
  published_by: null,
  ...v,
});

// Newest first per kind, as the API lists them.
const LISTED: LetterTemplateVersion[] = [
  version({ version: 3 }),
  version({
    version: 2,
    published_at: '2026-11-03T14:05:00.000Z',
    published_by: 'Alex Admin',
  }),
  version({
    version: 1,
    published_at: '2026-10-01T09:00:00.000Z',
    published_by: 'Sam Admin',
  }),
];

const CHECKED: LetterTemplateCheck = {
  id: 't-decision_notice-3',
  kind: 'decision_notice',
  version: 3,
  html: '<h2>Notice of a decision</h2>\n<p>Dear Jordan Example</p>',
  missingParts: [],
};

const render = (http: HttpTestingController) =>
  renderPage(LetterTemplatesPage, http, {
    answers: { '/api/letter-templates': LISTED },
  });

/** An element's text as read: white space collapsed. */
const text = (element: Element | null | undefined) =>
  element?.textContent?.replace(/\s+/g, ' ').trim();

/** Chooses a file as the browser would (jsdom cannot set an input's files). */
function choose(page: HTMLElement, file: File | undefined) {
  const input = page.querySelector('#file') as HTMLInputElement;
  Object.defineProperty(input, 'files', {
    value: file ? [file] : [],
    configurable: true,
  });
}

const docx = () =>
  new File(['PK fake'], 'notice.docx', {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });

const button = (page: HTMLElement, name: RegExp) =>
  [...page.querySelectorAll('button')].find((b) =>
    name.test(b.textContent ?? ''),
  ) as HTMLButtonElement;

describe('templatesByKind', () => {
  it('tells the version in use from the drafts that could replace it and the earlier ones', () => {
    const kinds = templatesByKind([
      ...LISTED,
      version({ kind: 'mediation_arranged', version: 1 }),
    ]);
    expect(kinds.map((k) => k.kind)).toEqual([
      'decision_notice',
      'recommendation_response',
      'concession_notice',
      'mediation_arranged',
      'order_compliance',
    ]);
    const [notice, , , mediation] = kinds;
    expect(notice.inUse?.version).toBe(2);
    expect(notice.drafts.map((d) => d.version)).toEqual([3]);
    expect(notice.earlier.map((d) => d.version)).toEqual([1]);
    // Nothing published: letters come from the default, and every upload is a draft.
    expect(mediation.inUse).toBeUndefined();
    expect(mediation.drafts.map((d) => d.version)).toEqual([1]);
  });

  it('never offers a draft older than the version in use', () => {
    const [notice] = templatesByKind([
      version({ version: 2, published_at: '2026-11-03T14:05:00.000Z' }),
      version({ version: 1 }),
    ]);
    expect(notice.drafts).toEqual([]);
    expect(notice.earlier.map((d) => d.version)).toEqual([1]);
  });
});

describe('the letter templates page', () => {
  it('lists each kind with the version letters are made from, who published it, and its drafts', async () => {
    const http = setUp();
    const { page } = await render(http);
    expect(page.querySelector('h1')?.textContent).toContain('Letter templates');
    const headings = [...page.querySelectorAll('h2.govuk-heading-m')].map((h) =>
      h.textContent?.trim(),
    );
    expect(headings).toEqual([
      'Notice of a decision',
      'Response to the Tribunal’s health and social care recommendations',
      'Notice to the Tribunal: the council will not oppose',
      'Mediation arranged',
      'Compliance with the Tribunal’s order',
      'Upload a new version',
    ]);
    expect(
      page
        .querySelector('[data-testid=in-use-decision_notice]')
        ?.textContent?.trim(),
    ).toBe(
      'Version 2 (notice-2.docx), published Tue 3 Nov 2026 at 14:05 by Alex Admin',
    );
    expect(
      page
        .querySelector('[data-testid=in-use-mediation_arranged]')
        ?.textContent?.trim(),
    ).toBe('The default template: no version has been published');
    expect(button(page, /Preview version 3/).textContent).toContain(
      'of Notice of a decision',
    );
    expect(text(page)).toContain(
      'Version 1 (notice-1.docx): published Thu 1 Oct 2026 at 10:00 by Sam Admin',
    );
    // Every id once: the radios' labels find their radios.
    const ids = [...page.querySelectorAll('[id]')].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Where the defaults are, as the API offers none to download.
    expect(page.querySelector('.govuk-details')?.textContent).toContain(
      'libs/server/src/lib/letters/templates/',
    );
    http.verify();
  });

  it('asks for the kind and the file, as GOV.UK marks fields in error, before sending anything', async () => {
    const http = setUp();
    const { fixture, page } = await render(http);
    button(page, /Upload as a draft/).click();
    await settle(fixture);
    const summary = page.querySelector('.govuk-error-summary');
    expect(summary?.querySelector('a[href="#kind"]')?.textContent).toBe(
      'Choose which letter the template is for',
    );
    expect(summary?.querySelector('a[href="#file"]')?.textContent).toBe(
      'Choose the Word document (.docx) of the template',
    );
    const file = page.querySelector('#file') as HTMLInputElement;
    expect(file.classList).toContain('govuk-file-upload--error');
    expect(file.getAttribute('aria-describedby')).toBe('file-hint file-error');
    expect(page.querySelector('#file-error')?.textContent?.trim()).toBe(
      'Error: Choose the Word document (.docx) of the template',
    );
    http.verify();
  });

  it('uploads the .docx for the kind chosen, then shows its preview and confirms the draft', async () => {
    const http = setUp();
    const { fixture, page } = await render(http);
    (page.querySelector('#kind') as HTMLInputElement).click();
    choose(page, docx());
    button(page, /Upload as a draft/).click();
    await settle(fixture);
    expect(button(page, /Upload as a draft/).disabled).toBe(true);
    const request = http.expectOne({
      method: 'POST',
      url: '/api/letter-templates/decision_notice',
    });
    const body = request.request.body as FormData;
    expect((body.get('file') as File).name).toBe('notice.docx');
    request.flush(CHECKED, { status: 201, statusText: 'Created' });
    await settle(fixture);
    http.expectOne('/api/letter-templates').flush(LISTED);
    await settle(fixture);

    expect(
      page.querySelector('.govuk-notification-banner__heading')?.textContent,
    ).toBe(
      'Version 3 of the template “Notice of a decision” uploaded as a draft: check its preview, then publish it',
    );
    // Uploading is in the security log, as every administrator's change: the banner says so.
    expect(
      page.querySelector('.govuk-notification-banner')?.textContent,
    ).toContain('The change is recorded in the security log.');
    expect(page.querySelector('#preview-heading')?.textContent).toBe(
      'Preview of version 3 of the template “Notice of a decision”',
    );
    expect(
      page.querySelector('[data-testid=template-preview]')?.innerHTML,
    ).toContain('<p>Dear Jordan Example</p>');
    expect(button(page, /Publish version 3/)).toBeTruthy();
    expect(page.querySelector('.govuk-error-summary')).toBeNull();
    http.verify();
  });

  it('shows the API’s refusal of the file in the summary and at the file', async () => {
    const http = setUp();
    const { fixture, page } = await render(http);
    (page.querySelector('#kind') as HTMLInputElement).click();
    choose(page, new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    button(page, /Upload as a draft/).click();
    await settle(fixture);
    const message =
      'This file is not a Word document (.docx) that can be read. Save it from Word as a .docx and upload it again.';
    refuse(http.expectOne('/api/letter-templates/decision_notice'), message);
    await settle(fixture);
    expect(
      page.querySelector('.govuk-error-summary a[href="#file"]')?.textContent,
    ).toBe(message);
    expect(page.querySelector('#file-error')?.textContent?.trim()).toBe(
      `Error: ${message}`,
    );
    expect(page.querySelector('#preview-heading')).toBeNull();
    expect(button(page, /Upload as a draft/).disabled).toBe(false);
    http.verify();
  });

  it('previews a draft from the list, then publishes it and confirms', async () => {
    const http = setUp();
    const { fixture, page } = await render(http);
    button(page, /Preview version 3/).click();
    await settle(fixture);
    http
      .expectOne({
        method: 'POST',
        url: '/api/letter-templates/versions/t-decision_notice-3/preview',
      })
      .flush(CHECKED);
    await settle(fixture);
    const heading = page.querySelector('#preview-heading') as HTMLElement;
    expect(heading.textContent).toContain('version 3');
    expect(page.querySelector('.govuk-notification-banner')).toBeNull();

    button(page, /Publish version 3/).click();
    await settle(fixture);
    http
      .expectOne({
        method: 'POST',
        url: '/api/letter-templates/versions/t-decision_notice-3/publish',
      })
      .flush(CHECKED);
    await settle(fixture);
    http.expectOne('/api/letter-templates').flush([
      {
        ...LISTED[0],
        published_at: '2026-12-04T11:00:00.000Z',
        published_by: 'Alex Admin',
      },
      ...LISTED.slice(1),
    ]);
    await settle(fixture);
    expect(
      page.querySelector('.govuk-notification-banner__heading')?.textContent,
    ).toBe(
      'Version 3 of the template “Notice of a decision” published: letters are made from it from now on',
    );
    expect(
      text(page.querySelector('.govuk-notification-banner__content p')),
    ).toBe('The change is recorded in the security log.');
    expect(
      page
        .querySelector('[data-testid=in-use-decision_notice]')
        ?.textContent?.trim(),
    ).toBe(
      'Version 3 (notice-3.docx), published Fri 4 Dec 2026 at 11:00 by Alex Admin',
    );
    expect(page.querySelector('#preview-heading')).toBeNull();
    http.verify();
  });

  it('never offers to publish a version that lacks a part the law requires', async () => {
    const http = setUp();
    const { fixture, page } = await render(http);
    button(page, /Preview version 3/).click();
    await settle(fixture);
    http
      .expectOne('/api/letter-templates/versions/t-decision_notice-3/preview')
      .flush({
        ...CHECKED,
        missingParts: [
          {
            id: 'appeal',
            name: 'the date by which to appeal',
            law: 'CFA 2014 s.51',
          },
        ],
      });
    await settle(fixture);
    expect(text(page.querySelector('.govuk-warning-text'))).toContain(
      'This version cannot be published: the template does not contain the date by which to appeal (CFA 2014 s.51).',
    );
    expect(button(page, /Publish version/)).toBeUndefined();
    http.verify();
  });

  it('shows a refusal to publish in the error summary', async () => {
    const http = setUp();
    const { fixture, page } = await render(http);
    button(page, /Preview version 3/).click();
    await settle(fixture);
    http
      .expectOne('/api/letter-templates/versions/t-decision_notice-3/preview')
      .flush(CHECKED);
    await settle(fixture);
    button(page, /Publish version 3/).click();
    await settle(fixture);
    const message =
      'Version 3 of the template “Notice of a decision” is already published.';
    refuse(
      http.expectOne(
        '/api/letter-templates/versions/t-decision_notice-3/publish',
      ),
      message,
    );
    await settle(fixture);
    expect(page.querySelector('.govuk-error-summary')?.textContent).toContain(
      message,
    );
    expect(page.querySelector('.govuk-notification-banner')).toBeNull();
    http.verify();
  });
});
