import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SHOTS,
  shootAtThreeSizes,
  signIn,
  watchForViolations,
} from './support/checks';

/*
 * Issuing a decision notice (issue = record, issue 15): the caseworker gives the decision, sees
 * the letter and the deadlines it opens, and issues it; the stored PDF's first page is rendered to
 * PNG with poppler's pdftoppm for the screenshots. The case is opened through the API: the browser
 * is tested on the letter, not on opening a case.
 */
test('a caseworker previews and issues the notice of a decision, and the PDF is stored with the entry', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const violations = watchForViolations(page);
  await signIn(page, 'casey@example.council');
  const session = await (await page.request.get('/api/auth/session')).json();
  const headers = { 'X-CSRF-Token': session.csrfToken };
  const childName = `Robin Letter ${Date.now().toString(36)}`;
  const opened = await page.request.post('/api/cases', {
    headers,
    data: {
      reference: `LTR-${Date.now().toString(36).toUpperCase()}`,
      childName,
      dateOfBirth: '2015-03-02',
    },
  });
  expect(opened.status()).toBe(201);
  const c = await opened.json();
  const contact = await page.request.post(`/api/cases/${c.id}/contacts`, {
    headers,
    data: {
      expectedVersion: c.version,
      name: 'Alex Letter',
      relationship: 'parent',
    },
  });
  expect(contact.status()).toBe(201);

  await page.goto(`/cases/${c.id}`);
  await page
    .getByRole('link', { name: 'Issue the notice of a decision' })
    .click();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'Issue the notice of a decision',
    }),
  ).toBeVisible();
  await page
    .getByLabel('Decision', { exact: true })
    .selectOption({ label: 'Not to carry out a re-assessment' });
  await page.getByLabel('Date of the decision').fill('2026-01-05');
  await page.getByLabel('Date of the letter').fill('2026-01-06');
  await page.getByRole('button', { name: 'Preview the letter' }).click();
  const preview = page.getByTestId('letter-preview');
  await expect(preview).toContainText(
    'The last day to appeal is Fri 6 Mar 2026',
  );
  await expect(preview).toContainText('Dear Alex Letter');
  await expect(
    page.getByRole('heading', { name: 'The deadlines this letter opens' }),
  ).toBeVisible();
  await shootAtThreeSizes(page, 'letters-01-decision-notice-preview');

  await page.getByRole('button', { name: 'Issue the letter' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Letter issued' }),
  ).toBeVisible({ timeout: 120_000 });
  await shootAtThreeSizes(page, 'letters-02-decision-notice-issued');

  // The stored PDF, its first page as an image.
  const href = await page
    .getByRole('link', { name: 'Download the letter (PDF)' })
    .getAttribute('href');
  const pdf = await page.request.get(href!);
  expect(pdf.status()).toBe(200);
  const bytes = await pdf.body();
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const dir = mkdtempSync(join(tmpdir(), 'letters-web-'));
  try {
    writeFileSync(join(dir, 'letter.pdf'), bytes);
    const text = execFileSync('pdftotext', [join(dir, 'letter.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ' ');
    expect(text).toContain('Date: Tue 6 Jan 2026');
    expect(text).toContain('The last day to appeal is Fri 6 Mar 2026');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      join(dir, 'letter.pdf'),
      `${SHOTS}/letters-03-decision-notice-pdf-page-1`,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(violations).toEqual([]);
});
