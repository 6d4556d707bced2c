import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

export const SHOTS = 'dist/web-e2e/screenshots';

/** No WCAG 2.2 A or AA violations on the page as it stands. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(
    violations.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    ),
  ).toEqual([]);
}

/** Accessible, then a screenshot of the whole page. */
export async function checkAndShoot(page: Page, name: string): Promise<void> {
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Content Security Policy violations and script errors, collected for the whole journey. */
export function watchForViolations(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (
      m.type() === 'error' &&
      /Content Security Policy|Refused to/i.test(m.text())
    )
      problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

/** The demo account of each role the browser tests sign in as (README "Demo accounts"). */
export const DEMO_STAFF = {
  caseworker: 'casey@example.council',
  manager: 'morgan@example.council',
  auditor: 'ada@example.council',
  administrator: 'alex@example.council',
} as const;

export type DemoRole = keyof typeof DEMO_STAFF;

/** The demo accounts' password, as the global set-up gives it. */
export const demoPassword = (): string => process.env['WEB_E2E_PASSWORD'] ?? '';

/**
 * Signs in as the demo account of `role` (going to the sign-in page first unless already there)
 * and waits until the app has left the sign-in page for the role's start page.
 */
export async function signInAs(page: Page, role: DemoRole): Promise<void> {
  if (!/\/sign-in/.test(page.url())) await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(DEMO_STAFF[role]);
  await page.getByLabel('Password').fill(demoPassword());
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** Today in Europe/London, as the app counts it, moved by `days`: YYYY-MM-DD. */
export function londonDate(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
  }).format(new Date());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Types a date into the GOV.UK date input whose legend is `legend`. */
export async function fillDate(
  page: Page,
  legend: string,
  iso: string,
): Promise<void> {
  const [year, month, day] = iso.split('-');
  const group = page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year ?? '');
}

/** The three sizes every screen is looked at: a desktop, a 390 px phone, and a desktop at 200% zoom. */
export const SIZES = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: '390px', width: 390, height: 844 },
  // 200% zoom of a 1280 px window lays the page out in 640 CSS pixels, drawn twice as large.
  { name: 'zoom200', width: 640, height: 450, deviceScaleFactor: 2 },
] as const;

/**
 * At each of the three sizes: accessible (axe), nothing scrolls the whole page sideways, and a
 * full-page screenshot `<name>-<size>.png`. The viewport is put back to the desktop size after.
 * (The device scale factor cannot change on a live page, so "zoom200" is the 640 px layout.)
 */
export async function shootAtThreeSizes(
  page: Page,
  name: string,
): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await expectAccessible(page);
    const overflow = await page.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(
      overflow,
      `${name} scrolls sideways at ${size.name}`,
    ).toBeLessThanOrEqual(1);
    await page.screenshot({
      path: `${SHOTS}/${name}-${size.name}.png`,
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/**
 * A table at 390 px (issue 14, WCAG 1.4.10 Reflow): it stacks (each row a block, each cell a line
 * labelled with its column, inside the window, so the key columns stay visible), nothing scrolls
 * the whole page sideways (the root's scrollWidth is at most the window's width), the page is
 * accessible, and a full-page screenshot `<name>-390px-stacked.png`. The desktop size after.
 */
export async function expectStackedAt390(
  page: Page,
  table: Locator,
  name: string,
): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(sideways, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
  const cells = await table.locator('td[data-label]').evaluateAll((tds) =>
    tds.map((td) => {
      const box = td.getBoundingClientRect();
      return {
        label: td.getAttribute('data-label'),
        display: getComputedStyle(td).display,
        inside: box.left >= 0 && box.right <= window.innerWidth,
      };
    }),
  );
  expect(cells.length, `${name} has labelled cells`).toBeGreaterThan(0);
  for (const cell of cells)
    expect(cell, `${name}: the ${cell.label} cell at 390 px`).toEqual({
      ...cell,
      display: 'block',
      inside: true,
    });
  await expectAccessible(page);
  await page.screenshot({
    path: `${SHOTS}/${name}-390px-stacked.png`,
    fullPage: true,
  });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** An entry's check-your-answers page is showing. */
export async function expectCheckYourAnswers(page: Page): Promise<void> {
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'Check your answers before saving',
    }),
  ).toBeVisible();
}

/** On an entry's form: "Continue", then its check-your-answers page. */
export async function continueToCheck(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectCheckYourAnswers(page);
}
