import { expect, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  shootAtThreeSizes,
  signInAs,
  watchForViolations,
} from './support/checks';

/*
 * The administrator's letter templates (README "Letters"): a Word document uploaded as a new draft
 * version of a kind, previewed filled with the demo case, published and listed as the version
 * letters are made from; a file that is not a Word document refused, the API's words in the error
 * summary and at the field. Each state is checked at three sizes.
 *
 * The kind is "Mediation arranged", which the letters spec does not issue; the file is the
 * service's own default template for it, so letters made from the new version read as before.
 */

const DEFAULT_TEMPLATE = join(
  process.cwd(),
  'libs/server/src/lib/letters/templates/mediation_arranged.docx',
);
const KIND = 'Mediation arranged';

async function openTemplates(page: Page): Promise<void> {
  await signInAs(page, 'administrator');
  await expect(page).toHaveURL(/\/administration$/);
  await page.getByRole('link', { name: 'Letter templates' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Letter templates' }),
  ).toBeVisible();
  // Loaded: every kind is listed with the version letters are made from.
  await expect(page.getByTestId('in-use-mediation_arranged')).toBeVisible();
}

test('an administrator uploads a template, previews it and publishes it', async ({
  page,
}) => {
  const violations = watchForViolations(page);
  await openTemplates(page);
  await shootAtThreeSizes(page, 'admin-letter-templates');

  await page
    .getByRole('group', { name: 'Which letter is it for?' })
    .getByLabel(KIND, { exact: true })
    .check();
  await page.getByLabel('Upload the template').setInputFiles({
    name: 'mediation_arranged.docx',
    mimeType:
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: readFileSync(DEFAULT_TEMPLATE),
  });
  await page.getByRole('button', { name: 'Upload as a draft' }).click();
  const banner = page.locator('.govuk-notification-banner__heading');
  await expect(banner).toHaveText(
    new RegExp(
      `^Version \\d+ of the template “${KIND}” uploaded as a draft: check its preview, then publish it$`,
    ),
  );
  const version = Number(/^Version (\d+)/.exec(await banner.innerText())?.[1]);

  // The preview: the default template filled with the demo case, nothing missing.
  await expect(
    page.getByRole('heading', {
      level: 2,
      name: `Preview of version ${version} of the template “${KIND}”`,
    }),
  ).toBeVisible();
  await expect(page.getByTestId('template-preview')).toContainText('mediation');
  await expect(page.locator('.govuk-warning-text')).toHaveCount(0);
  // The new draft is listed, and can be previewed again from the list.
  await expect(
    page.getByRole('button', {
      name: `Preview version ${version} of ${KIND}`,
    }),
  ).toBeVisible();
  await shootAtThreeSizes(page, 'admin-letter-template-preview');

  await page
    .getByRole('button', { name: `Publish version ${version}` })
    .click();
  await expect(banner).toHaveText(
    `Version ${version} of the template “${KIND}” published: letters are made from it from now on`,
  );
  await expect(page.getByTestId('in-use-mediation_arranged')).toHaveText(
    new RegExp(
      `^\\s*Version ${version} \\(mediation_arranged\\.docx\\), published .* by Alex Admin\\s*$`,
    ),
  );
  await expect(
    page.getByRole('button', { name: `Preview version ${version} of ${KIND}` }),
  ).toHaveCount(0);
  await shootAtThreeSizes(page, 'admin-letter-templates-published');

  expect(violations).toEqual([]);
});

test('a file that is not a Word document is refused, with the API’s words', async ({
  page,
}) => {
  const violations = watchForViolations(page);
  await openTemplates(page);
  await page
    .getByRole('group', { name: 'Which letter is it for?' })
    .getByLabel(KIND, { exact: true })
    .check();
  await page.getByLabel('Upload the template').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Dear {childName}, this is not a Word document.\n'),
  });
  await page.getByRole('button', { name: 'Upload as a draft' }).click();
  const message =
    'This file is not a Word document (.docx) that can be read. Save it from Word as a .docx and upload it again.';
  const link = page
    .locator('.govuk-error-summary')
    .getByRole('link', { name: message });
  await expect(link).toHaveAttribute('href', '#file');
  const field = page.getByLabel('Upload the template');
  await expect(field).toHaveClass(/\bgovuk-file-upload--error\b/);
  await expect(field).toHaveAccessibleDescription(
    new RegExp(message.slice(0, 40).replace(/[.()]/g, '\\$&')),
  );
  await link.click();
  await expect(field).toBeFocused();
  await expect(page.locator('.govuk-notification-banner')).toHaveCount(0);
  await expect(page.locator('#preview-heading')).toHaveCount(0);
  await shootAtThreeSizes(page, 'admin-letter-templates-errors');

  expect(violations).toEqual([]);
});
