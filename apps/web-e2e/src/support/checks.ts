import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const SHOTS = 'dist/web-e2e/screenshots';

/** No WCAG 2.2 A or AA violations on the page as it stands. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Content Security Policy violations and script errors, collected for the whole journey. */
export function watchForViolations(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

/** Signs in on the sign-in page with the run's demo password. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(process.env['WEB_E2E_PASSWORD'] ?? '');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Accessible, then a screenshot of the whole page. */
export async function checkAndShoot(page: Page, name: string): Promise<void> {
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}
