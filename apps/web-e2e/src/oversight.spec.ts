import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import {
  checkAndShoot,
  expectAccessible,
  signInAs,
  watchForViolations,
} from './support/checks';

/*
 * The manager's and the auditor's journeys on the demo data (apps/api/src/seed.ts: the five demo
 * cases and 18 months of history in two teams), with axe on every page and a screenshot at each step.
 */

/** The readable history CSV (libs/server/src/lib/history/readable-history.ts): headers in words. */
const CSV_HEADER =
  '\ufeffCase reference,Event number,What happened,Date it happened,Recorded at (UK time),Recorded by,';

test("a manager finds the overdue recommendation responses on the team's dashboard and drills down to the case", async ({
  page,
}) => {
  const violations = watchForViolations(page);
  await page.goto('/');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Sign in' }),
  ).toBeVisible();
  await signInAs(page, 'manager');

  // A manager starts on the dashboard of their team.
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Deadlines dashboard' }),
  ).toBeVisible();
  await expect(
    page.getByText('SEND North', { exact: true }).first(),
  ).toBeVisible();
  const menu = page.getByRole('navigation', { name: 'Menu' });
  await expect(menu.getByRole('link')).toHaveText([
    'Dashboard',
    'My deadlines',
    'Find a case',
    'All deadlines',
    'Appeals',
    'Deadline calculator',
  ]);
  await expect(menu.getByRole('link', { name: 'Dashboard' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(
    page.getByRole('table', {
      name: "Deadlines by caseworker (the case's caseworker)",
    }),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Deadlines by statutory rule' }),
  ).toBeVisible();
  // Compliance over time is made when scrolled to (a deferred view under the dashboard).
  await page
    .getByRole('heading', { level: 2, name: 'Compliance over time' })
    .scrollIntoViewIfNeeded();
  await expect(
    page.getByRole('heading', {
      level: 3,
      name: 'Responding to health and social care recommendations',
    }),
  ).toBeVisible();
  await expect(page.locator('svg[role="img"]')).toHaveCount(4);
  await expect(
    page.getByRole('table', {
      name: /^Responding to health and social care recommendations: deadlines by the month/,
    }),
  ).toBeVisible();
  await checkAndShoot(page, '10-manager-dashboard');

  // The MoJ filter: only what follows decisions about the content of the final plan.
  await page
    .getByLabel('Decision type')
    .selectOption({ label: 'Content of the final EHC plan' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/decisionType=final_plan_content/);
  await expect(
    page.getByRole('link', {
      name: 'Remove this filter Content of the final EHC plan',
    }),
  ).toBeVisible();
  await expect(
    page.getByText('decisions: Content of the final EHC plan', {
      exact: false,
    }),
  ).toBeVisible();
  await checkAndShoot(page, '11-manager-dashboard-filtered');
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).not.toHaveURL(/decisionType/);
  // The filtered numbers stay on screen ("Updating the dashboard…") until the new ones arrive: read those.
  await expect(
    page.getByText('decisions: Content of the final EHC plan', {
      exact: false,
    }),
  ).toHaveCount(0);
  await expect(page.getByText('Updating the dashboard…')).toHaveCount(0);

  // The table by rule: the overdue responses to the Tribunal's recommendations.
  const byRule = page.getByRole('table', {
    name: 'Deadlines by statutory rule',
  });
  const overdueResponses = byRule.getByRole('link', {
    name: /overdue: Respond to the health and social care recommendations/,
  });
  const count = Number(
    (await overdueResponses.textContent())?.match(/^\d+/)?.[0],
  );
  expect(count).toBeGreaterThanOrEqual(2);
  await overdueResponses.click();

  // The heading says what the list is ("Overdue deadlines in SEND North: 2"); the caption, which rule.
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: `Overdue deadlines in SEND North: ${count}`,
    }),
  ).toBeVisible();
  await expect(page.locator('.govuk-caption-l')).toHaveText(
    'Respond to the health and social care recommendations',
  );
  const list = page.getByRole('table', {
    name: new RegExp(`^${count} deadlines\\. Select a column heading`),
  });
  await expect(list.getByRole('row')).toHaveCount(count + 1);
  await expect(list.getByText('Overdue', { exact: true })).toHaveCount(count);
  // Oliver Bennett's case (a demo case decided 40 days ago): both recommendations unanswered after 5 weeks.
  await expect(list.getByRole('link', { name: 'Oliver Bennett' })).toHaveCount(
    2,
  );
  await checkAndShoot(page, '12-manager-overdue-recommendation-responses');

  await list.getByRole('link', { name: 'Oliver Bennett' }).first().click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Oliver Bennett' }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('heading', {
        level: 3,
        name: /Respond to the health and social care recommendations/,
      })
      .first(),
  ).toBeVisible();
  await expect(
    page.getByText('Overdue', { exact: true }).first(),
  ).toBeVisible();
  await checkAndShoot(page, '13-manager-case');

  // The appeals register: the appeals the council lost, by child's name.
  await menu.getByRole('link', { name: 'Appeals' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Appeals register' }),
  ).toBeVisible();
  await page
    .getByLabel('Outcome for the council')
    .selectOption({ label: 'Lost' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/result=lost/);
  const register = page.getByRole('table', { name: 'Appeals', exact: true });
  await expect(register.getByRole('row').nth(1)).toBeVisible();
  await expect(register.getByText('Not ended yet')).toHaveCount(0);
  await register.getByRole('button', { name: /Child and case/ }).click();
  await expect(page).toHaveURL(/sort=childName&order=asc/);
  await expect(
    register.getByRole('columnheader', { name: /Child and case/ }),
  ).toHaveAttribute('aria-sort', 'ascending');
  const names = await register
    .locator('tbody tr td:first-child a')
    .allTextContents();
  const byCode = (a: string, b: string) =>
    a.toLowerCase() < b.toLowerCase()
      ? -1
      : a.toLowerCase() > b.toLowerCase()
        ? 1
        : 0;
  expect(names).toEqual([...names].sort(byCode));
  await checkAndShoot(page, '14-manager-appeals-register');

  // The auditor's pages are not the manager's.
  await page.goto('/audit/exports');
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(violations).toEqual([]);
});

test("an auditor exports every case's history for a period, watches it run, downloads it and checks a history", async ({
  page,
}) => {
  const violations = watchForViolations(page);
  await page.goto('/');
  await signInAs(page, 'auditor');
  await expect(page).toHaveURL(/\/audit\/exports$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Export case histories' }),
  ).toBeVisible();
  await checkAndShoot(page, '20-auditor-exports');

  await page.getByRole('button', { name: 'Start the export' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Select what you want to export');
  await expect(summary).toContainText('Select a format');
  await checkAndShoot(page, '21-auditor-export-errors');

  // Every case's events from 1 January 2025 to today, as CSV.
  await page.getByLabel("Every case's events in a period").check();
  const today = new Date();
  const from = page.getByRole('group', { name: 'From', exact: true });
  await from.getByLabel('Day').fill('1');
  await from.getByLabel('Month').fill('1');
  await from.getByLabel('Year').fill('2025');
  const to = page.getByRole('group', { name: 'To', exact: true });
  await to.getByLabel('Day').fill(String(today.getDate()));
  await to.getByLabel('Month').fill(String(today.getMonth() + 1));
  await to.getByLabel('Year').fill(String(today.getFullYear()));
  await page.getByLabel('CSV', { exact: true }).check();
  await page.getByRole('button', { name: 'Start the export' }).click();

  // The worker makes it in the background; the page follows its progress.
  await expect(page).toHaveURL(/\/audit\/exports\/[0-9a-f-]{36}$/);
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: /^Every case, Wed 1 Jan 2025 to /,
    }),
  ).toBeVisible();
  const bar = page.getByRole('progressbar');
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), {
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  const seen = Number(await bar.getAttribute('aria-valuenow'));
  expect(seen).toBeLessThan(100);
  await expect(page.getByText(/history events read and checked/)).toBeVisible();
  await checkAndShoot(page, '22-auditor-export-in-progress');
  // It moves on (or finishes, and the bar gives way to the download).
  await expect
    .poll(
      async () =>
        Number(
          (await bar
            .getAttribute('aria-valuenow', { timeout: 1_000 })
            .catch(() => '100')) ?? 100,
        ),
      { timeout: 15_000 },
    )
    .toBeGreaterThan(seen);

  await expect(page.getByText('The export is ready')).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    page.getByText(/The stored history of every case \(\d+\) was checked/),
  ).toBeVisible();
  await checkAndShoot(page, '23-auditor-export-ready');
  const stated =
    (await page.getByText(/events from \d+ cases/).textContent()) ?? '';
  const [, events, cases] = stated.match(/(\d+) events from (\d+) cases/) ?? [];

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByRole('link', { name: /^Download history-all-cases-2025-01-01-to-/ })
      .click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^history-all-cases-2025-01-01-to-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.startsWith(CSV_HEADER)).toBe(true);
  const rows = parse(csv, { bom: true, columns: true }) as Record<
    string,
    string
  >[];
  // One row per event, of the cases the page counted.
  expect(rows.length).toBe(Number(events));
  const references = new Set(rows.map((r) => r['Case reference']));
  expect(references.size).toBe(Number(cases));
  expect(references.has('RUT-2026-0101')).toBe(true);
  for (const row of rows) {
    // 'Thu 1 Jan 2026': the day it happened, as a caseworker reads it.
    const happened = new Date(`${row['Date it happened']!.slice(4)} 12:00 UTC`);
    expect(happened >= new Date('2025-01-01T00:00:00Z')).toBe(true);
    // No cell a spreadsheet would run as a formula.
    for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@]/);
  }

  // The history of a case, checked from its page (reached through the appeals register).
  await page
    .getByRole('navigation', { name: 'Menu' })
    .getByRole('link', { name: 'Appeals' })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Appeals register' }),
  ).toBeVisible();
  await expect(
    page.getByText('All teams', { exact: true }).first(),
  ).toBeVisible();
  await expectAccessible(page);
  const appeals = page.getByRole('table', { name: 'Appeals', exact: true });
  await appeals.getByRole('button', { name: /Child and case/ }).click();
  await expect(
    appeals.getByRole('columnheader', { name: /Child and case/ }),
  ).toHaveAttribute('aria-sort', 'ascending');
  await appeals.getByRole('link', { name: 'Amira Khan' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Amira Khan' }),
  ).toBeVisible();
  // The check is on the case's History tab.
  await page
    .getByRole('navigation', { name: 'Case sections' })
    .getByRole('link', { name: 'History' })
    .click();
  await page.getByRole('button', { name: 'Check the history' }).click();
  const result = page
    .getByRole('status')
    .filter({ hasText: 'The history has not been altered' });
  await expect(result).toContainText(
    /All \d+ events match their hashes, and each links to the one before it/,
  );
  await checkAndShoot(page, '24-auditor-history-check');

  await page
    .getByRole('link', { name: 'Export the history (CSV, JSON or PDF)' })
    .click();
  await expect(page.getByLabel('Case reference')).toHaveValue('RUT-2026-0101');
  await expect(
    page.getByLabel('The complete history of one case'),
  ).toBeChecked();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Sign out' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Sign in' }),
  ).toBeVisible();
  expect(violations).toEqual([]);
});
