import { expect, type Page, test } from '@playwright/test';
import pg from 'pg';
import {
  fillDate,
  londonDate,
  shootAtThreeSizes,
  signInAs,
} from './support/checks';

/** Calls the API in this browser's session (set-up the browser is not what is tested). */
async function apiPost(
  page: Page,
  path: string,
  data: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const session = await (await page.request.get('/api/auth/session')).json();
  const response = await page.request.post(`/api${path}`, {
    headers: { 'X-CSRF-Token': session.csrfToken },
    data,
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return response.status() === 204 ? {} : response.json();
}

/** A daily digest for the signed-in member of staff, written as the worker would (the worker is not what is tested). */
async function digestFor(page: Page): Promise<void> {
  const session = await (await page.request.get('/api/auth/session')).json();
  const client = new pg.Client({
    connectionString: process.env['WEB_E2E_DATABASE_URL'],
  });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO notification (recipient_id, kind, point, for_date, title, body)
       VALUES ($1, 'digest', 'digest', CURRENT_DATE - 400, 'Overdue deadlines', 'One of your deadlines is overdue.')
       ON CONFLICT DO NOTHING`,
      [session.user.id],
    );
  } finally {
    await client.end();
  }
}

/** A case with a decision and an appeal, opened through the API: its id, name and Tribunal reference. */
async function caseWithAppeal(page: Page) {
  const tag = Date.now().toString(36);
  const childName = `Rowan Records ${tag}`;
  const tribunalReference = `SE${String(Date.now() % 1000).padStart(3, '0')}/26/${String(Date.now() % 100_000).padStart(5, '0')}`;
  const opened = await apiPost(page, '/cases', {
    reference: `REC-${tag.toUpperCase()}`,
    childName,
    dateOfBirth: '2014-05-17',
  });
  const id = opened['id'] as string;
  const decided = await apiPost(page, `/cases/${id}/decisions`, {
    expectedVersion: opened['version'],
    type: 'final_plan_content',
    decisionDate: londonDate(-10),
    letterSent: londonDate(-9),
    sections: ['F', 'I'],
  });
  const decisionId = (decided['decisions'] as { id: string }[])[0]!.id;
  await apiPost(page, `/cases/${id}/appeals`, {
    expectedVersion: decided['version'],
    decisionId,
    tribunalReference,
    lodgedOn: londonDate(-1),
    // About the school named only (section I): no mediation certificate is needed (CFA 2014 s.55(2)).
    sections: ['I'],
  });
  return { id, childName, tribunalReference };
}

test('a caseworker uploads a document to an entry and adds a note, both on the timeline', async ({
  page,
}) => {
  await signInAs(page, 'caseworker');
  const c = await caseWithAppeal(page);

  // Documents: upload with the file picker to the entry it evidences, then listed and downloadable.
  await page.goto(`/cases/${c.id}/documents`);
  await expect(
    page.getByRole('heading', { name: 'Upload a document' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Upload document' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Select the entry the document evidences',
  );
  await page
    .getByLabel('Which entry does it evidence?')
    .selectOption({ index: 2 });
  await page.getByLabel('Upload a file').setInputFiles({
    name: 'decision letter.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  });
  await page.getByRole('button', { name: 'Upload document' }).click();
  const link = page
    .getByTestId('documents')
    .getByRole('link', { name: 'decision letter.pdf' });
  await expect(link).toBeVisible();
  const download = await page.request.get((await link.getAttribute('href'))!);
  expect(download.status()).toBe(200);
  expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await shootAtThreeSizes(page, 'records-documents');

  // A note: the form, then the note on the timeline (with the document on its entry).
  await page.goto(`/cases/${c.id}/history`);
  await page.getByRole('link', { name: 'Add a note' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Add a note' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText(
    'Select what the note is about',
  );
  await shootAtThreeSizes(page, 'records-note-errors');
  await page.getByLabel('Phone call').check();
  await fillDate(page, 'When did it happen?', londonDate(0));
  await page
    .getByLabel('Note', { exact: true })
    .fill('Mother phoned: she will bring the school report.');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(
    page.getByRole('heading', { name: 'Note: phone call' }),
  ).toBeVisible();
  // The history is grouped by decision: the note under the case itself, the document on the
  // decision's entry.
  const entries = page.locator('.moj-timeline__item');
  await expect(
    entries.filter({
      hasText: 'Mother phoned: she will bring the school report.',
    }),
  ).toBeVisible();
  await expect(
    entries.getByRole('link', { name: 'decision letter.pdf' }),
  ).toBeVisible();
});

test('a caseworker finds a case by its Tribunal reference, reads notifications and gets a calendar feed', async ({
  page,
}) => {
  await signInAs(page, 'caseworker');
  const c = await caseWithAppeal(page);

  // Search by the Tribunal reference: the result says why it matched.
  await page.goto('/cases');
  await page.getByLabel(/^Reference, name/).fill(c.tribunalReference);
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row').filter({ hasText: c.childName });
  await expect(row).toContainText(
    `Matched: Tribunal reference ${c.tribunalReference}`,
  );
  await shootAtThreeSizes(page, 'records-search-reason');

  // Notifications: the page, and the count in the header.
  await digestFor(page);
  await page.goto('/notifications');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Notifications' }),
  ).toBeVisible();
  await expect(page.getByTestId('header-notifications')).toBeVisible();
  await expect(page.getByTestId('header-notifications')).toContainText(
    /Notifications\s*\d+ unread/,
  );
  await shootAtThreeSizes(page, 'records-notifications');
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(
    page.getByRole('button', { name: 'Mark all as read' }),
  ).toBeHidden();
  await expect(page.getByTestId('header-notifications')).not.toContainText(
    'unread',
  );

  // The calendar feed: the address shown once, then turned off.
  await page
    .getByRole('link', { name: 'see your deadlines in your calendar' })
    .click();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'Your deadlines in your calendar',
    }),
  ).toBeVisible();
  await page
    .getByRole('button', { name: 'Get my calendar feed address' })
    .click();
  await expect(page.getByTestId('feed-url')).toContainText('/api/calendar/');
  await shootAtThreeSizes(page, 'records-calendar-feed');
  const url = new URL(
    (await page.getByTestId('feed-url').textContent())!.trim(),
  );
  expect((await page.request.get(url.pathname)).status()).toBe(200);
  await page.getByRole('button', { name: 'Turn off my calendar feed' }).click();
  await expect(page.getByRole('status')).toContainText('turned off');
  expect((await page.request.get(url.pathname)).status()).toBe(404);
});
