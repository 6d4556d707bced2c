import { expect, test } from '@playwright/test';
import {
  expectAccessible,
  SHOTS,
  signInAs,
  watchForViolations,
} from './support/checks';

/*
 * The session-timeout warning (MoJ pattern): 2 minutes before a session ends for want of use (30
 * minutes), a modal dialog with a countdown; at the end, the sign-in page says why and brings the
 * person back. The page's clock is Playwright's, moved on by hand: nothing waits 28 minutes.
 */
test('a caseworker is warned before the session ends, and then signed out and brought back', async ({
  page,
}) => {
  const violations = watchForViolations(page);
  // Any answer from the API moves the session's end on (and closes the warning): the clock is moved
  // only once every request of the page has been answered, or a late one (the unread count asked at
  // each page change, on a busy machine) would close the warning the test is looking at.
  let inFlight = 0;
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
  page.on('request', (r) => {
    if (isApi(r.url())) inFlight++;
  });
  const answered = (r: { url(): string }) => {
    if (isApi(r.url())) inFlight--;
  };
  page.on('requestfinished', answered);
  page.on('requestfailed', answered);
  await page.clock.install();
  await signInAs(page, 'caseworker');
  await expect(
    page.getByRole('heading', { level: 1, name: 'My deadlines' }),
  ).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Menu' })
    .getByRole('link', { name: 'Find a case' })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Find a case' }),
  ).toBeVisible();

  const dialog = page.getByRole('dialog', {
    name: 'You’re about to be signed out',
  });
  await expect(dialog).toBeHidden();
  await expect.poll(() => inFlight).toBe(0);
  await page.waitForTimeout(250);
  // 28 minutes and a few seconds without a request: the warning opens.
  await page.clock.fastForward('28:05');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(
    /we will sign you out in 1 minute \d+ seconds?/,
  );
  await expect(
    dialog.getByRole('button', { name: 'Stay signed in' }),
  ).toBeFocused();
  await expectAccessible(page);
  await page.screenshot({
    path: `${SHOTS}/caseworker-40-timeout-warning.png`,
    fullPage: true,
  });

  // Left alone to the end: the sign-in page says why, and signing in comes back here.
  await page.clock.fastForward('02:00');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Sign in' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in\?reason=timeout&returnTo=%2Fcases/);
  await expectAccessible(page);
  await page.screenshot({
    path: `${SHOTS}/caseworker-41-signed-out-after-timeout.png`,
    fullPage: true,
  });
  expect(violations).toEqual([]);
});
