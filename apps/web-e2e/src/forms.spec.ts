import { expect, test } from '@playwright/test';
import { appealRegistered, openCaseThroughApi } from './support/case-api';
import {
  fillDate,
  shootAtThreeSizes,
  signInAs,
  watchForViolations,
  expectCheckYourAnswers,
} from './support/checks';

/*
 * A long entry asked a page at a time (issue 14: the appeal outcome form was 4,600 px tall): how
 * the appeal ended, then the orders, then the recommendations, each page checked before the next;
 * "Back" returns to the previous page with the answers kept; "Change" on the check page opens the
 * page of the answer. The case, to a registered appeal, is built through the API (support/case-api).
 */

test('the appeal outcome is recorded a page at a time: how it ended, the orders, the recommendations', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const violations = watchForViolations(page);
  await signInAs(page, 'caseworker');
  const c = await openCaseThroughApi(page, 'Pat Pages');
  const decided = await c.post('/decisions', {
    type: 'final_plan_content',
    decisionDate: '2026-01-05',
    letterSent: '2026-01-06',
    sections: ['F', 'I'],
  });
  const appealId = await appealRegistered(
    page,
    c,
    decided.decisions.at(-1)?.id ?? '',
    { sections: ['F'], healthAndSocialCareSought: true },
  );
  const { id: caseId, childName } = c;
  await page.goto(`/cases/${caseId}/record/appeal-outcome?appeal=${appealId}`);

  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('How the appeal ended');
  await page.getByLabel('Appeal allowed').check();
  await expect(page.locator('.govuk-caption-l')).toHaveText(
    'Record how the appeal ended: step 1 of 3',
  );
  // This page's answers are checked before the next page.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText(
    'Enter the date of the Tribunal’s decision or order',
  );
  await fillDate(
    page,
    'Date of the Tribunal’s decision or order',
    '2026-02-10',
  );
  await shootAtThreeSizes(page, 'forms-01-appeal-outcome-page-1');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(heading).toHaveText(
    'What the Tribunal ordered the council to do',
  );
  await expect(heading).toBeFocused();
  await page.getByRole('button', { name: 'Add an order' }).click();
  await page.getByLabel('Amend the EHC plan (sections B, F, I)').check();
  await page.getByLabel('What the order says').fill('Amend section F.');
  await shootAtThreeSizes(page, 'forms-02-appeal-outcome-page-2');
  // Back keeps the answers.
  await page.getByRole('link', { name: 'Back' }).click();
  await expect(heading).toHaveText('How the appeal ended');
  await expect(page.getByLabel('Appeal allowed')).toBeChecked();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByLabel('What the order says')).toHaveValue(
    'Amend section F.',
  );
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(heading).toHaveText(
    'The Tribunal’s health and social care recommendations',
  );
  await page.getByRole('button', { name: 'Add a recommendation' }).click();
  await page.getByLabel('G: health provision').check();
  await page.getByLabel('Integrated care board (ICB)').check();
  await page
    .getByLabel('The recommendation')
    .fill('Speech and language therapy review.');
  await shootAtThreeSizes(page, 'forms-03-appeal-outcome-page-3');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expectCheckYourAnswers(page);
  // "Change" opens the page of the answer.
  await page.getByRole('link', { name: 'Change order 1' }).click();
  await expect(heading).toHaveText(
    'What the Tribunal ordered the council to do',
  );
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: childName }),
  ).toBeVisible();
  await expect(page.locator('.govuk-notification-banner__heading')).toHaveText(
    'Outcome of the appeal recorded',
  );
  expect(violations).toEqual([]);
});
