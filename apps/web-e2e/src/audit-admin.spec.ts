import { expect, type Page, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  expectStackedAt390,
  fillDate,
  londonDate,
  shootAtThreeSizes,
  signInAs,
  watchForViolations,
} from './support/checks';

/*
 * Administrators' and auditors' everyday work: staff accounts, bank holidays and mediation providers
 * managed on screens of their own, every change confirmed and found again in the security log; the
 * access log filtered and downloaded as CSV. Each new screen is checked at three sizes.
 */

// The auditor's test finds what the administrator's test did: one after the other, the second
// skipped if the first fails (a new worker would draw new names).
test.describe.configure({ mode: 'serial' });

const suffix = randomUUID().slice(0, 6);
const accountName = `Robin Test ${suffix}`;
const providerName = `Harbour Mediation ${suffix}`;

/** A weekday in a year far ahead that is never a bank holiday (mid-July), different each run. */
function quietWeekday(): string {
  const year = 2040 + Math.floor(Math.random() * 40);
  const date = new Date(Date.UTC(year, 6, 15));
  const weekday = date.getUTCDay();
  if (weekday === 6) date.setUTCDate(17);
  if (weekday === 0) date.setUTCDate(16);
  return date.toISOString().slice(0, 10);
}

async function expectBanner(page: Page, text: string | RegExp): Promise<void> {
  await expect(page.locator('.govuk-notification-banner__heading')).toHaveText(
    text,
  );
}

test('an administrator adds a staff account and disables it', async ({
  page,
}) => {
  const violations = watchForViolations(page);
  await signInAs(page, 'administrator');
  await expect(page).toHaveURL(/\/administration$/);
  await expect(page.getByRole('link', { name: 'Queue board' })).toHaveAttribute(
    'href',
    '/api/admin/queues/',
  );
  await shootAtThreeSizes(page, 'admin-start');

  // Staff accounts: add one.
  await page.getByRole('link', { name: 'Staff accounts' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Staff accounts' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Add the account' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText(
    'Enter their full name',
  );
  // Each missing field is marked as GOV.UK marks it, described by its message, and linked from
  // the summary (the link moves to the field); the page in that state is accessible at each size.
  for (const [id, control, message] of [
    ['name', 'govuk-input--error', 'Enter their full name'],
    ['email', 'govuk-input--error', 'Enter their email address'],
    ['team', 'govuk-input--error', 'Enter their team'],
    ['role', 'govuk-select--error', 'Choose a role'],
  ] as const) {
    const field = page.locator(`#${id}`);
    await expect(field).toHaveClass(new RegExp(`\\b${control}\\b`));
    await expect(
      page.locator('.govuk-form-group--error').filter({ has: field }),
    ).toHaveCount(1);
    await expect(page.locator(`#${id}-error`)).toHaveText(`Error: ${message}`);
    await expect(field).toHaveAttribute(
      'aria-describedby',
      new RegExp(`(^| )${id}-error( |$)`),
    );
    await expect(field).toHaveAccessibleDescription(new RegExp(message));
    const link = page
      .locator('.govuk-error-summary')
      .getByRole('link', { name: message, exact: true });
    await expect(link).toHaveAttribute('href', `#${id}`);
  }
  await page
    .locator('.govuk-error-summary')
    .getByRole('link', { name: 'Choose a role' })
    .click();
  await expect(page.getByLabel('Role')).toBeFocused();
  await shootAtThreeSizes(page, 'admin-staff-accounts-errors');
  await page.getByLabel('Full name').fill(accountName);
  await page
    .getByLabel('Email address')
    .fill(`robin.${suffix}@example.council`);
  await page.getByLabel('Team').fill('SEND North');
  await page.getByLabel('Role').selectOption('caseworker');
  await page.getByRole('button', { name: 'Add the account' }).click();
  await expectBanner(page, `Staff account added for ${accountName}`);
  await expect(page.getByRole('link', { name: accountName })).toBeVisible();
  await shootAtThreeSizes(page, 'admin-staff-accounts');
  await expectStackedAt390(
    page,
    page.getByRole('table', { name: /^Staff accounts/ }),
    'admin-staff-accounts',
  );

  // Then disable it, from its own page.
  await page.getByRole('link', { name: accountName }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: accountName }),
  ).toBeVisible();
  await shootAtThreeSizes(page, 'admin-staff-account');
  await page.getByRole('button', { name: 'Disable the account' }).click();
  await expectBanner(page, `Staff account disabled for ${accountName}`);
  await expect(
    page.getByRole('button', { name: 'Enable the account' }),
  ).toBeVisible();

  expect(violations).toEqual([]);
});

test('an administrator adds a bank holiday and removes it', async ({
  page,
}) => {
  const violations = watchForViolations(page);
  await signInAs(page, 'administrator');
  // A date in a year of its own.
  const date = quietWeekday();
  await page.goto(`/administration/bank-holidays?year=${date.slice(0, 4)}`);
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: `Bank holidays ${date.slice(0, 4)}`,
    }),
  ).toBeVisible();
  await fillDate(page, 'Date', date);
  await page.getByLabel('Name of the holiday').fill('Extra bank holiday');
  await page
    .getByLabel('Why is it added?')
    .fill(`Announced on gov.uk (test ${suffix})`);
  await page.getByRole('button', { name: 'Add the bank holiday' }).click();
  await expectBanner(page, /^Bank holiday added: Extra bank holiday, /);
  await expect(
    page.getByRole('cell', { name: 'Extra bank holiday', exact: true }),
  ).toBeVisible();
  await shootAtThreeSizes(page, 'admin-bank-holidays');
  await expectStackedAt390(
    page,
    page.getByRole('table', { name: /^Bank holidays in/ }),
    'admin-bank-holidays',
  );

  // Then remove it again: the reason is asked for first.
  await page
    .getByRole('link', { name: /^Remove Extra bank holiday, / })
    .click();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: /^Remove .* as a bank holiday$/,
    }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Remove the bank holiday' }).click();
  const reason = page.getByLabel('Why is it removed?');
  await expect(reason).toHaveClass(/\bgovuk-textarea--error\b/);
  await expect(reason).toHaveAccessibleDescription(
    /Enter why the bank holiday is removed/,
  );
  await expect(
    page
      .locator('.govuk-error-summary')
      .getByRole('link', { name: 'Enter why the bank holiday is removed' }),
  ).toHaveAttribute('href', '#reason');
  await shootAtThreeSizes(page, 'admin-remove-bank-holiday-errors');
  await reason.fill(`Added by a test (test ${suffix})`);
  await page.getByRole('button', { name: 'Remove the bank holiday' }).click();
  await expectBanner(page, /^Bank holiday removed: .* is a working day$/);
  await expect(
    page.getByRole('cell', { name: 'Extra bank holiday', exact: true }),
  ).toHaveCount(0);

  expect(violations).toEqual([]);
});

test('an administrator adds a mediation provider', async ({ page }) => {
  const violations = watchForViolations(page);
  await signInAs(page, 'administrator');
  await page.goto('/administration/mediation-providers');
  await page.getByLabel('Name', { exact: true }).fill(providerName);
  await page
    .getByLabel('Email address (optional)')
    .fill('hello@harbour.example');
  await page.getByRole('button', { name: 'Add the provider' }).click();
  await expectBanner(page, `Mediation provider added: ${providerName}`);
  await expect(
    page.getByRole('link', { name: new RegExp(providerName) }),
  ).toBeVisible();
  await shootAtThreeSizes(page, 'admin-mediation-providers');
  await expectStackedAt390(
    page,
    page.getByRole('table', { name: /^Mediation providers/ }),
    'admin-mediation-providers',
  );
  expect(violations).toEqual([]);
});

test('an auditor filters the access log and downloads it', async ({ page }) => {
  const violations = watchForViolations(page);
  await signInAs(page, 'auditor');
  await page
    .getByRole('navigation', { name: 'Menu' })
    .getByRole('link', { name: 'Access log' })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Access log' }),
  ).toBeVisible();

  // Filter: the auditor's own reads today, allowed.
  const today = londonDate();
  await page.getByLabel('Person').fill('Ada Aud');
  await fillDate(page, 'From', today);
  await fillDate(page, 'To', today);
  await page.getByLabel('Outcome').selectOption('allowed');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/person=Ada(%20|\+)Aud/);
  await expect(page).toHaveURL(
    new RegExp(`from=${today}&to=${today}&outcome=allowed`),
  );
  const rows = page.locator('.app-log-table tbody tr');
  await expect(rows.first()).toContainText('Ada Auditor');
  await shootAtThreeSizes(page, 'audit-access-log');

  // The same filters as CSV: UK time, headers in words, a byte order mark for Excel.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Download these entries as CSV/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('access-log.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  expect(
    csv.startsWith('\ufeffEntry number,Date and time (UK time),Person,'),
  ).toBe(true);
  const lines = csv.trimEnd().split('\n');
  expect(lines.length).toBeGreaterThan(1);
  expect(lines[1]).toMatch(
    new RegExp(`^\\d+,${today} \\d{2}:\\d{2}:\\d{2},Ada Auditor,`),
  );

  // A date that is not real is refused on the page.
  await fillDate(page, 'From', '2026-02-30');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText(
    'The first day must be a real date',
  );

  expect(violations).toEqual([]);
});

test('an auditor finds the administrator’s changes in the security log', async ({
  page,
}) => {
  const violations = watchForViolations(page);
  await signInAs(page, 'auditor');
  // The account the administrator added, then disabled.
  const rows = page.locator('.app-log-table tbody tr');
  await page
    .getByRole('navigation', { name: 'Menu' })
    .getByRole('link', { name: 'Security log' })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Security log' }),
  ).toBeVisible();
  await page.getByLabel('Person').fill(accountName);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Staff account disabled');
  await expect(rows.nth(0)).toContainText('Alex Admin');
  await expect(rows.nth(1)).toContainText('Staff account added');
  await shootAtThreeSizes(page, 'audit-security-log');
  expect(violations).toEqual([]);
});
