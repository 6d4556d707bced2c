import { expect, type Page, test } from '@playwright/test';
import {
  expectAccessible,
  londonDate,
  SHOTS,
  shootAtThreeSizes,
  signInAs,
  watchForViolations,
} from './support/checks';

interface Detail {
  id: string;
  version: number;
  decisions: { id: string }[];
  appeals: { id: string; decisionId: string }[];
}

/** A write through the API in this browser's session, at the case's current version: the case as it then stands. */
async function write(
  page: Page,
  path: string,
  data: Record<string, unknown>,
  caseId?: string,
): Promise<Detail> {
  const session = await (await page.request.get('/api/auth/session')).json();
  const version = caseId
    ? (
        (await (
          await page.request.get(`/api/cases/${caseId}`)
        ).json()) as Detail
      ).version
    : undefined;
  const response = await page.request.post(path, {
    headers: { 'X-CSRF-Token': session.csrfToken },
    data: version === undefined ? data : { expectedVersion: version, ...data },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Detail;
}

/** The task list of a decision's route: each step's name and status. */
async function steps(page: Page, decision: string): Promise<string[][]> {
  const items = page
    .locator('.app-decision-route')
    .filter({ has: page.getByRole('heading', { name: decision }) })
    .locator('.govuk-task-list__item');
  return items.evaluateAll((rows) =>
    rows.map((row) => [
      row.querySelector('.govuk-task-list__name')?.textContent?.trim() ?? '',
      row.querySelector('.govuk-task-list__status')?.textContent?.trim() ?? '',
    ]),
  );
}

test('a case with two decisions shows each decision’s route, its deadlines and what can be recorded next on it', async ({
  page,
}) => {
  const violations = watchForViolations(page);

  // After sign-in, focus starts at the top of the page (its main content), not on a control left behind.
  await signInAs(page, 'caseworker');
  await expect(
    page.getByRole('heading', { level: 1, name: 'My deadlines' }),
  ).toBeVisible();
  expect(
    await page.evaluate(() => {
      const active = document.activeElement;
      return active?.id || active?.className || active?.tagName;
    }),
  ).toMatch(/main-content|govuk-skip-link|H1/);

  // The case, built through the API: a refusal to assess appealed (no mediation), then a decision
  // to cease the plan with a way forward meeting that names no decision (the latest before it, by
  // the history's order).
  const stamp = Date.now().toString(36).toUpperCase();
  const childName = `Route Two-Decisions ${stamp.toLowerCase()}`;
  const opened = await write(page, '/api/cases', {
    reference: `ROUTE-${stamp}`,
    childName,
    dateOfBirth: '2014-09-01',
  });
  const caseId = opened.id;
  const first = await write(
    page,
    `/api/cases/${caseId}/decisions`,
    {
      type: 'refuse_assessment',
      decisionDate: londonDate(-40),
      letterSent: londonDate(-39),
    },
    caseId,
  );
  const firstId = first.decisions[0]?.id ?? '';
  const appealed = await write(
    page,
    `/api/cases/${caseId}/appeals`,
    {
      decisionId: firstId,
      tribunalReference: `EH857/26/${String(Date.now() % 100_000).padStart(5, '0')}`,
      lodgedOn: londonDate(-20),
      confirmedUnusual: true,
    },
    caseId,
  );
  const appealId = appealed.appeals[0]?.id ?? '';
  await write(
    page,
    `/api/cases/${caseId}/appeals/${appealId}/registration`,
    { registeredOn: londonDate(-10), appealReceivedOn: londonDate(-9) },
    caseId,
  );
  await write(
    page,
    `/api/cases/${caseId}/decisions`,
    {
      type: 'cease_plan',
      decisionDate: londonDate(-5),
      letterSent: londonDate(-4),
    },
    caseId,
  );
  await write(
    page,
    `/api/cases/${caseId}/way-forward-meetings`,
    { requestedOn: londonDate(-3) },
    caseId,
  );

  await page.goto(`/cases/${caseId}`);
  await expect(
    page.getByRole('heading', { level: 1, name: childName }),
  ).toBeVisible();

  // Grouped by decision, newest first, each numbered in the order issued.
  const decisionHeadings = page.locator('.app-decision-route h2');
  await expect(decisionHeadings).toHaveText([
    /^Decision 2 of 2\s*To cease to maintain the EHC plan/,
    /^Decision 1 of 2\s*Not to carry out an EHC needs assessment/,
  ]);
  expect(await steps(page, 'Decision 2 of 2')).toEqual([
    ['Way forward meeting', 'In progress'],
    ['Mediation', 'Not started'],
    ['Appeal to the Tribunal', 'Not started'],
    ['The Tribunal’s orders', 'Not started'],
    ['The Tribunal’s recommendations', 'Not started'],
  ]);
  expect(await steps(page, 'Decision 1 of 2')).toEqual([
    ['Way forward meeting', 'Not started'],
    // The family went straight to appeal.
    ['Mediation', 'Not needed'],
    ['Appeal to the Tribunal', 'In progress'],
    ['The Tribunal’s orders', 'Not started'],
    ['The Tribunal’s recommendations', 'Not started'],
  ]);
  // Each decision's deadlines under it: the council's response under the first, the family's time
  // limits (who must act: the parent or young person, no caseworker) under the second.
  const [second, firstRoute] = [
    page.locator('.app-decision-route').nth(0),
    page.locator('.app-decision-route').nth(1),
  ];
  await expect(
    firstRoute.getByRole('heading', {
      level: 3,
      name: "Send the council's response to the appeal",
    }),
  ).toBeVisible();
  await expect(firstRoute.locator('.app-decision-route__next')).toContainText(
    "Due next: Send the council's response to the appeal",
  );
  await expect(
    second.getByRole('heading', {
      level: 3,
      name: 'Contact the mediation adviser',
    }),
  ).toBeVisible();
  await expect(
    second.getByRole('heading', {
      level: 3,
      name: "Send the council's response to the appeal",
    }),
  ).toHaveCount(0);
  await expect(second).toContainText('The parent or young person');
  await expect(page.getByText('Rules version')).toHaveCount(0);
  await shootAtThreeSizes(page, 'case-route');

  // Printing gives a clean summary: no header, navigation or buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(
    page.getByRole('button', { name: 'Record an entry' }),
  ).toBeHidden();
  await expect(page.locator('.moj-sub-navigation')).toBeHidden();
  await expect(decisionHeadings.first()).toBeVisible();
  const top = await page.evaluate(
    () =>
      document.querySelector('.app-identity-bar')?.getBoundingClientRect()
        .top ?? 999,
  );
  // The summary starts at the top of the first page, not after a blank one.
  expect(top).toBeLessThan(200);
  await page.screenshot({
    path: `${SHOTS}/case-route-print.png`,
    fullPage: true,
  });
  await page.emulateMedia({ media: 'screen' });

  // "Record an entry" is a real button: Space and Enter both open the menu.
  const menuHeading = page.getByRole('heading', {
    level: 1,
    name: 'What do you want to record?',
  });
  await page.getByRole('button', { name: 'Record an entry' }).focus();
  await page.keyboard.press('Space');
  await expect(menuHeading).toBeVisible();
  await page.goBack();
  await page.getByRole('button', { name: 'Record an entry' }).focus();
  await page.keyboard.press('Enter');
  await expect(menuHeading).toBeVisible();

  // The menu offers, per decision, what can happen next on its route.
  const group = (heading: RegExp) => page.locator('h2', { hasText: heading });
  await expect(group(/^Decision 2 of 2: To cease/)).toBeVisible();
  const optionsAfter = async (heading: RegExp) =>
    group(heading).evaluate((h2) => {
      const texts: string[] = [];
      for (
        let el = h2.nextElementSibling;
        el && el.tagName !== 'H2';
        el = el.nextElementSibling
      )
        el.querySelectorAll('a').forEach((a) =>
          texts.push(a.textContent?.trim() ?? ''),
        );
      return texts;
    });
  const secondOptions = await optionsAfter(/^Decision 2 of 2/);
  expect(secondOptions).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^The way forward meeting requested .* was held$/),
      'The family contacted the mediation adviser',
      'An appeal to the Tribunal',
    ]),
  );
  const firstOptions = await optionsAfter(/^Decision 1 of 2/);
  // An appeal is running against the first decision: no second appeal, but its next steps.
  expect(firstOptions).not.toContain('An appeal to the Tribunal');
  expect(firstOptions).toEqual(
    expect.arrayContaining([
      'The family contacted the mediation adviser',
      'The council sent its response',
      'How the appeal ended: the Tribunal’s decision, orders and recommendations',
    ]),
  );
  await expectAccessible(page);
  await shootAtThreeSizes(page, 'case-route-record-menu');

  // The history under a heading for each decision (the domain's decisionOf, grouped as the
  // deadlines tab groups them): the newest decision first, then the case itself; headings in order
  // (the tab's h2, each decision's h3, each entry's h4).
  await page.goto(`/cases/${caseId}/history`);
  const groups = page.locator('section.app-decision-route');
  await expect(groups).toHaveCount(3);
  await expect(groups.getByRole('heading', { level: 3 })).toHaveText([
    /^Decision 2 of 2\s+To cease to maintain the EHC plan/,
    /^Decision 1 of 2\s+Not to carry out an EHC needs assessment/,
    'The case itself: opening, contacts, notes',
  ]);
  await expect(
    groups.nth(1).getByRole('heading', { level: 4, name: /Appeal \S+ lodged/ }),
  ).toBeVisible();
  await expect(
    groups.nth(0).getByRole('heading', { level: 4, name: /Appeal \S+ lodged/ }),
  ).toHaveCount(0);
  await expect(
    groups.nth(2).getByRole('heading', { level: 4, name: /^Case opened/ }),
  ).toBeVisible();
  const levels = await page
    .locator('main')
    .locator('h1, h2, h3, h4')
    .evaluateAll((hs) => hs.map((h) => Number(h.tagName.slice(1))));
  levels.forEach((level, i) =>
    expect(
      level - (levels[i - 1] ?? 0),
      `heading ${i + 1}`,
    ).toBeLessThanOrEqual(1),
  );
  await shootAtThreeSizes(page, 'case-route-history-by-decision');

  // One decision at a time, when asked.
  const show = page.getByLabel('Show the entries of');
  const entries = page.locator('.moj-timeline__item');
  const all = await entries.count();
  await show.selectOption({ index: 1 }); // the newest decision
  await expect(entries).not.toHaveCount(all);
  await expect(entries.first()).toBeVisible();
  // The appeal is against the first decision: not among the second's entries, but among the first's.
  expect((await entries.allTextContents()).join(' ')).not.toMatch(
    /Appeal \S+ lodged/,
  );
  await show.selectOption({ index: 2 });
  await expect(
    entries.filter({ hasText: /Appeal \S+ lodged/ }).first(),
  ).toBeVisible();
  await shootAtThreeSizes(page, 'case-route-history-of-a-decision');
  expect(violations).toEqual([]);
});
