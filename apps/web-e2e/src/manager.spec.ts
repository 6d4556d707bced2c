import {
  type APIRequestContext,
  expect,
  request,
  test,
} from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  DEMO_STAFF,
  demoPassword,
  shootAtThreeSizes,
  signInAs,
  watchForViolations,
} from './support/checks';

/*
 * A manager's everyday work (issue 14) on the demo data: a drill-down sorted and filtered, the
 * appeals register's links and its outcome sort, a table downloaded as CSV, and moving a leaving
 * caseworker's cases to a colleague. The bulk reassignment's staff and cases are made through the
 * API (an administrator adds two caseworkers; the leaver opens two cases), so the demo cases other
 * specs read are left where they are.
 */

const BASE = () => process.env['WEB_E2E_BASE_URL'] ?? '';

/** A signed-in API client (its own cookies) and its CSRF token. */
async function apiAs(
  email: string,
  password = demoPassword(),
): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await request.newContext({ baseURL: BASE() });
  const res = await api.post('/api/auth/sign-in', {
    data: { email, password },
  });
  expect(res.status(), await res.text()).toBe(200);
  return { api, csrf: (await res.json()).csrfToken };
}

async function post(
  who: { api: APIRequestContext; csrf: string },
  path: string,
  data: unknown,
): Promise<Record<string, unknown>> {
  const res = await who.api.post(path, {
    data,
    headers: { 'x-csrf-token': who.csrf },
  });
  expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
  return res.status() === 204 ? {} : await res.json();
}

test('a manager sorts and filters a drill-down list, and downloads it as CSV', async ({
  page,
}) => {
  const violations = watchForViolations(page);
  await signInAs(page, 'manager');
  await expect(page).toHaveURL(/\/dashboard$/);

  // The dashboard's tables download as CSV, with the filters in force.
  const csvLink = page.getByRole('link', {
    name: 'Download the table by caseworker (CSV)',
  });
  await expect(csvLink).toHaveAttribute(
    'href',
    /^\/api\/reports\/deadlines\/by-caseworker\.csv\?/,
  );

  await page.getByRole('link', { name: /^\d+ overdue$/ }).click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(/^Overdue deadlines in SEND North: \d+$/);
  const total = Number((await heading.textContent())?.match(/(\d+)$/)?.[1]);
  expect(total).toBeGreaterThan(1);
  const table = page.getByRole('table', {
    name: new RegExp(`^${total} deadlines`),
  });
  await expect(table.getByRole('columnheader')).toHaveText([
    /Child and case/,
    /What is due/,
    /Due date/,
    /Days overdue/,
    'Status',
    /Caseworker/,
  ]);
  await shootAtThreeSizes(page, 'manager-drill-down');

  // Sorted by the server, most days overdue first, then fewest.
  const daysOverdue = async () =>
    (await table.locator('tbody tr td:nth-child(4)').allTextContents()).map(
      (t) => Number(t.trim()),
    );
  await table.getByRole('button', { name: /Days overdue/ }).click();
  await expect(page).toHaveURL(/sort=daysOverdue/);
  await expect(
    table.getByRole('columnheader', { name: /Days overdue/ }),
  ).toHaveAttribute('aria-sort', 'ascending');
  const ascending = await daysOverdue();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await table.getByRole('button', { name: /Days overdue/ }).click();
  await expect(page).toHaveURL(/sort=-daysOverdue/);
  await expect(
    table.getByRole('columnheader', { name: /Days overdue/ }),
  ).toHaveAttribute('aria-sort', 'descending');
  const descending = await daysOverdue();
  expect(descending).toEqual([...descending].sort((a, b) => b - a));

  // Filtered by caseworker: only their cases, and the heading says how many.
  await page.getByLabel('Caseworker').selectOption('Casey Worker');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/caseworker=Casey/);
  await expect(page).toHaveURL(/sort=-daysOverdue/);
  await expect(
    page.getByRole('link', { name: 'Remove this filter Casey Worker' }),
  ).toBeVisible();
  const mine = Number(
    (await heading.textContent())?.match(/: (\d+)$/)?.[1] ?? 'NaN',
  );
  expect(mine).toBeGreaterThan(0);
  expect(mine).toBeLessThanOrEqual(total);
  const filtered = page.getByRole('table', {
    name: new RegExp(`^${mine} deadlines`),
  });
  await expect(filtered.locator('tbody tr td:nth-child(6)')).toHaveText(
    Array(Math.min(mine, 50)).fill('Casey Worker'),
  );
  await shootAtThreeSizes(page, 'manager-drill-down-filtered');

  // The whole list as CSV: a byte order mark, headings in words, one row per deadline.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: `Download all ${mine} as CSV` }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('deadlines-overdue-send-north.csv');
  const bytes = readFileSync((await file.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').trim().split('\n');
  expect(lines[0]).toBe(
    'Case reference,Child,What is due,Responsible body,Due date,Status,Days overdue,Met on,Caseworker',
  );
  expect(lines).toHaveLength(mine + 1);
  expect(violations).toEqual([]);
});

test('the appeals register: numbers link to the list, the outcome sorts, the case opens, and it downloads', async ({
  page,
}) => {
  const violations = watchForViolations(page);
  await signInAs(page, 'manager');
  await page.goto('/appeals');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Appeals register' }),
  ).toBeVisible();
  const register = page.getByRole('table', { name: 'Appeals', exact: true });
  await expect(register.getByRole('columnheader')).toHaveText([
    /Child and case/,
    /Tribunal reference/,
    /Caseworker/,
    'Decision appealed',
    /Lodged/,
    /Response due/,
    /Hearing date/,
    /Stage/,
    /Outcome/,
  ]);

  // The Outcome column sorts by how the appeals ended: open ones first, ascending.
  await register.getByRole('button', { name: /Outcome/ }).click();
  await expect(page).toHaveURL(/sort=outcome&order=asc/);
  await expect(
    register.getByRole('columnheader', { name: /Outcome/ }),
  ).toHaveAttribute('aria-sort', 'ascending');
  const order = [
    'Not ended yet',
    'Lost',
    'Referred back',
    'Conceded',
    'Decision upheld',
    'Withdrawn or struck out',
  ];
  const results = (
    await register.locator('tbody tr td:last-child strong').allTextContents()
  ).map((t) => order.indexOf(t.trim()));
  expect(results).toEqual([...results].sort((a, b) => a - b));
  await shootAtThreeSizes(page, 'manager-appeals-register');

  // A number in the table by stage is a link to the appeals it counts.
  const byStage = page.getByRole('table', { name: 'By stage' });
  const stageLink = byStage.getByRole('link').first();
  const count = Number((await stageLink.textContent())?.match(/^\d+/)?.[0]);
  await stageLink.click();
  await expect(page).toHaveURL(/stage=/);
  await expect(page.getByRole('status').first()).toContainText(
    `${count} ${count === 1 ? 'appeal' : 'appeals'}`,
  );
  await expect(register.getByRole('row')).toHaveCount(count + 1);

  // The register as CSV, with the same filters.
  const href = await page
    .getByRole('link', { name: /^Download all \d+ as CSV$/ })
    .getAttribute('href');
  expect(href).toMatch(/^\/api\/reports\/appeals\.csv\?.*stage=/);
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).trim().split('\n')).toHaveLength(count + 1);

  // The child's name opens the case.
  const child = register.locator('tbody tr td:first-child a').first();
  const name = (await child.textContent())?.trim() ?? '';
  await child.click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  expect(violations).toEqual([]);
});

test("a manager moves a leaving caseworker's cases to a colleague: check your answers, then a confirmation", async ({
  page,
}) => {
  const violations = watchForViolations(page);
  // An administrator adds the leaver and the colleague; the leaver opens two cases.
  const admin = await apiAs(DEMO_STAFF.administrator);
  const suffix = randomUUID().slice(0, 6);
  const first = `Manager-e2e-${randomUUID()}`;
  const staff = async (name: string) =>
    (await post(admin, '/api/users', {
      name,
      email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.council`,
      role: 'caseworker',
      team: 'SEND North',
      password: first,
    })) as { id: string };
  const leaverName = `Lee Leaver ${suffix}`;
  const keeperName = `Kim Keeper ${suffix}`;
  await staff(leaverName);
  await staff(keeperName);
  const lee = await apiAs(
    `${leaverName.toLowerCase().replace(/\W+/g, '.')}@example.council`,
    first,
  );
  await post(lee, '/api/auth/password', {
    currentPassword: first,
    newPassword: `Changed-${randomUUID()}`,
  });
  const cases: { id: string; reference: string }[] = [];
  for (const child of ['Ada', 'Ben']) {
    cases.push(
      (await post(lee, '/api/cases', {
        reference: `MGR-${suffix}-${child}`,
        childName: `${child} Moving`,
        dateOfBirth: '2015-04-01',
      })) as { id: string; reference: string },
    );
  }

  await signInAs(page, 'manager');
  await page
    .getByRole('link', { name: "Move a caseworker's cases to others" })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Whose cases are moving?' }),
  ).toBeVisible();
  // Nothing chosen: the error summary says what to do.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Choose the caseworker whose cases are moving',
  );
  await page.getByLabel(leaverName).check();
  await shootAtThreeSizes(page, 'manager-reassign-leaver');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'Choose the cases and who takes them',
    }),
  ).toBeVisible();
  await expect(page.getByLabel(`Ada Moving, MGR-${suffix}-Ada`)).toBeChecked();
  await expect(page.getByLabel(`Ben Moving, MGR-${suffix}-Ben`)).toBeChecked();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Choose the caseworker who takes the cases',
  );
  await expect(page.getByRole('alert')).toContainText(
    'Enter why the cases are moving',
  );
  await shootAtThreeSizes(page, 'manager-reassign-cases-errors');
  await page.getByLabel('Caseworker', { exact: true }).selectOption(keeperName);
  await page
    .getByLabel('Why are the cases moving?')
    .fill(`${leaverName} left the council.`);
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'Check before you move the cases',
    }),
  ).toBeVisible();
  const answers = page.locator('.govuk-summary-list');
  await expect(answers).toContainText(leaverName);
  await expect(answers).toContainText('2 cases');
  await expect(answers).toContainText(`${keeperName} takes every case`);
  await expect(answers).toContainText(`${leaverName} left the council.`);
  await shootAtThreeSizes(page, 'manager-reassign-check');
  await page.getByRole('button', { name: 'Move the cases' }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: 'Cases moved' }),
  ).toBeVisible();
  await expect(page.locator('.govuk-panel__body')).toContainText(
    '2 cases and 0 open deadlines moved',
  );
  const moved = page.getByRole('table', { name: 'Where each case went' });
  await expect(moved.getByRole('row')).toHaveCount(3);
  await expect(moved).toContainText(keeperName);
  await shootAtThreeSizes(page, 'manager-reassign-done');

  // Each case is the colleague's now, and its history says why.
  for (const c of cases) {
    const detail = await (await page.request.get(`/api/cases/${c.id}`)).json();
    expect(detail.caseworker).toBe(keeperName);
  }
  const history = await (
    await page.request.get(`/api/cases/${cases[0]!.id}/history`)
  ).text();
  expect(history).toContain(`${leaverName} left the council.`);
  await admin.api.dispose();
  await lee.api.dispose();
  expect(violations).toEqual([]);
});
