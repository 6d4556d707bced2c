import { expect, test } from '@playwright/test';
import {
  DEMO_STAFF,
  demoPassword,
  expectAccessible,
  SHOTS,
  watchForViolations,
  continueToCheck,
  expectCheckYourAnswers,
} from './support/checks';

test('a caseworker signs in, finds a recommendation that is due, records the response and signs out', async ({
  page,
}) => {
  const violations = watchForViolations(page);
  await page.goto('/deadlines');
  // Not signed in: the sign-in page, coming back to the deadlines afterwards.
  await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fdeadlines/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Sign in' }),
  ).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/00-sign-in.png`, fullPage: true });

  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Enter your email address',
  );
  await expect(page.getByRole('alert')).toContainText('Enter your password');
  await expectAccessible(page);

  await page.getByLabel('Email address').fill(DEMO_STAFF.caseworker);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Enter a correct email address and password',
  );
  await expectAccessible(page);
  await page.screenshot({
    path: `${SHOTS}/00-sign-in-error.png`,
    fullPage: true,
  });

  await page.getByLabel('Password').fill(demoPassword());
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Deadlines' }),
  ).toBeVisible();
  await expect(page.getByText('Casey Worker (SEND caseworker)')).toBeVisible();
  const table = page.getByRole('table');
  await expect(
    table.getByRole('link', { name: /Oliver Bennett/ }).first(),
  ).toBeVisible();
  await expect(table.getByText('Overdue').first()).toBeVisible();
  await expect(table.getByText('Due soon').first()).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/01-deadlines.png`, fullPage: true });

  await page.getByRole('link', { name: 'Overdue', exact: true }).click();
  await expect(page).toHaveURL(/filter=overdue/);
  await expect(table.getByRole('link', { name: /Amira Khan/ })).toHaveCount(0);
  await page.getByRole('link', { name: 'Outstanding', exact: true }).click();
  await expect(page).not.toHaveURL(/filter=/);

  await table
    .getByRole('link', { name: /Amira Khan/ })
    .first()
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Amira Khan' }),
  ).toBeVisible();
  await expect(
    page.getByText('How this date was worked out').first(),
  ).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/02-case.png`, fullPage: true });

  await page
    .getByRole('button', { name: 'Record the response' })
    .first()
    .click();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'Record the response to a recommendation',
    }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('There is a problem');
  await expectAccessible(page);
  await page.screenshot({
    path: `${SHOTS}/03-response-errors.png`,
    fullPage: true,
  });

  await page.getByLabel('Not followed').check();
  await page
    .getByLabel('Reasons')
    .fill(
      'The therapy recommended is already provided by the school nursing service.',
    );
  const today = new Date();
  await page.getByLabel('Day').fill(String(today.getDate()));
  await page.getByLabel('Month').fill(String(today.getMonth() + 1));
  await page.getByLabel('Year').fill(String(today.getFullYear()));
  await page.getByLabel('Parent', { exact: true }).check();
  // Check your answers, with the deadline preview from the dry run; reloading keeps the answers.
  await continueToCheck(page);
  await page.reload();
  await expectCheckYourAnswers(page);
  await expect(page.getByText('Not followed')).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'What this does to the deadlines' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: 'Amira Khan' }),
  ).toBeVisible();
  await expect(page.getByText('Response recorded')).toBeVisible();
  await expect(
    page.getByText(
      /Response to recommendation sent to the parent .*: not followed/,
    ),
  ).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({
    path: `${SHOTS}/04-response-recorded.png`,
    fullPage: true,
  });

  // Signing out ends the session on the server: going back shows the sign-in page again.
  await page.getByRole('link', { name: 'Sign out' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Sign in' }),
  ).toBeVisible();
  await page.goto('/deadlines');
  await expect(page).toHaveURL(/\/sign-in/);
  expect(violations).toEqual([]);
});
