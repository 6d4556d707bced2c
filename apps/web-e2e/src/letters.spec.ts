import { expect, type Page, test } from '@playwright/test';
import {
  appealRegistered,
  issueAndDownloadPdf,
  openCaseThroughApi,
} from './support/case-api';
import {
  checkAndShoot,
  fillDate,
  shootAtThreeSizes,
  signInAs,
  watchForViolations,
  continueToCheck,
} from './support/checks';

/*
 * Issuing a decision notice (issue = record, issue 15): the caseworker gives the decision, sees
 * the letter and the deadlines it opens, and issues it; the stored PDF's first page is rendered to
 * PNG with poppler's pdftoppm for the screenshots. The case is opened through the API: the browser
 * is tested on the letter, not on opening a case.
 */
test('a caseworker previews and issues the notice of a decision, and the PDF is stored with the entry', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const violations = watchForViolations(page);
  await signInAs(page, 'caseworker');
  const c = await openCaseThroughApi(page, 'Robin Letter', '2015-03-02');
  await c.post('/contacts', { name: 'Alex Letter', relationship: 'parent' });

  await page.goto(`/cases/${c.id}`);
  await page
    .getByRole('link', { name: 'Issue the notice of a decision' })
    .click();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'Issue the notice of a decision',
    }),
  ).toBeVisible();
  await page
    .getByLabel('Decision', { exact: true })
    .selectOption({ label: 'Not to carry out a re-assessment' });
  // The dates are checked on the page first, as on every form: a letter dated before the decision is refused.
  await fillDate(page, 'Date of the decision', '2026-01-06');
  await fillDate(page, 'Date of the letter', '2026-01-05');
  await page.getByRole('button', { name: 'Preview the letter' }).click();
  const message =
    'Date of the letter must be the same as or after the date of the decision';
  await expect(
    page.locator('.govuk-error-summary').getByRole('link', { name: message }),
  ).toHaveAttribute('href', '#letterSent-day');
  await expect(
    page.getByRole('group', { name: 'Date of the letter', exact: true }),
  ).toHaveAccessibleDescription(new RegExp(message));
  await expect(page.getByTestId('letter-preview')).toHaveCount(0);
  await shootAtThreeSizes(page, 'letters-00-decision-notice-date-error');

  await fillDate(page, 'Date of the decision', '2026-01-05');
  await fillDate(page, 'Date of the letter', '2026-01-06');
  await page.getByRole('button', { name: 'Preview the letter' }).click();
  await expect(page.locator('.govuk-error-summary')).toHaveCount(0);
  const preview = page.getByTestId('letter-preview');
  await expect(preview).toContainText(
    'The last day to appeal is Fri 6 Mar 2026',
  );
  await expect(preview).toContainText('Dear Alex Letter');
  await expect(
    page.getByRole('heading', { name: 'The deadlines this letter opens' }),
  ).toBeVisible();
  await shootAtThreeSizes(page, 'letters-01-decision-notice-preview');

  // Issued; the stored PDF, its first page as an image.
  const text = await issueAndDownloadPdf(
    page,
    'letters-03-decision-notice-pdf-page-1',
  );
  await shootAtThreeSizes(page, 'letters-02-decision-notice-issued');
  expect(text).toContain('Date: Tue 6 Jan 2026');
  expect(text).toContain('The last day to appeal is Fri 6 Mar 2026');
  expect(violations).toEqual([]);
});

/** A case through the API to the Tribunal's decision with one health recommendation (section G, the ICB). */
async function recommendationMade(
  page: Page,
  childName: string,
  parentName: string,
) {
  const c = await openCaseThroughApi(page, childName, '2015-03-02');
  await c.post('/contacts', { name: parentName, relationship: 'parent' });
  const decided = await c.post('/decisions', {
    type: 'refuse_reassessment',
    decisionDate: '2026-01-05',
    letterSent: '2026-01-06',
  });
  const appealId = await appealRegistered(
    page,
    c,
    decided.decisions.at(-1)?.id ?? '',
  );
  const tribunal = (await c.detail()).appeals.at(-1)?.tribunalReference ?? '';
  const allowed = await c.post(`/appeals/${appealId}/outcome`, {
    outcome: 'decided_allowed',
    decisionDate: '2026-02-10',
    orderSentOn: '2026-02-11',
    orders: [
      { orderType: 'assess', details: 'Carry out an EHC needs re-assessment.' },
    ],
    recommendations: [
      {
        section: 'G',
        responsibleBody: 'icb',
        text: 'Speech and language therapy review.',
      },
    ],
  });
  return {
    c,
    tribunal,
    recommendationId: allowed.recommendations.at(-1)?.id ?? '',
  };
}

/*
 * The letter of an entry recorded earlier (issue 15): the council's response to the Tribunal's
 * health and social care recommendations, made from the entry in the history, issued, and recorded
 * as sent by post. The case, to the response, is built through the API.
 */
test('a caseworker makes the response to the recommendations as a letter from the history, issues it and records it as posted', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const violations = watchForViolations(page);
  await signInAs(page, 'caseworker');
  const { c, tribunal, recommendationId } = await recommendationMade(
    page,
    'Jo Response',
    'Sam Response',
  );
  await c.post(`/recommendations/${recommendationId}/response`, {
    outcome: 'not_followed',
    reasons: 'A review by the school’s therapist is already booked.',
    sentOn: '2026-02-20',
    recipient: 'parent',
    sentTo: ['Sam Response'],
  });

  // From the history: the entry offers its letter.
  await page.goto(`/cases/${c.id}/history`);
  const responseEntry = page
    .locator('.moj-timeline__item')
    .filter({ hasText: 'Response to recommendation sent to the parent' })
    .first();
  await responseEntry.getByRole('link', { name: /^Make the letter/ }).click();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'Make the letter: Response to the Tribunal’s health and social care recommendations',
    }),
  ).toBeVisible();
  const preview = page.getByTestId('letter-preview');
  await expect(preview).toContainText(
    `In appeal ${tribunal} the Tribunal, on Tue 10 Feb 2026`,
  );
  await expect(preview).toContainText(
    'A review by the school’s therapist is already booked.',
  );
  await shootAtThreeSizes(page, 'letters-04-recommendation-response-preview');

  const text = await issueAndDownloadPdf(
    page,
    'letters-05-recommendation-response-pdf-page-1',
  );
  expect(text).toContain('Date: Fri 20 Feb 2026');
  expect(text).toContain(
    'A review by the school’s therapist is already booked.',
  );

  // Sent by post: recorded on the case.
  await page.getByLabel('By post (I have posted it, or will today)').check();
  await page.getByRole('button', { name: 'Record that it was posted' }).click();
  await expect(
    page.getByText('The letter is recorded as sent by post'),
  ).toBeVisible();
  await shootAtThreeSizes(page, 'letters-06-recommendation-response-sent');
  const history = await (
    await page.request.get(`/api/cases/${c.id}/history`)
  ).json();
  expect(history.at(-1)).toMatchObject({ type: 'letter.sent' });
  expect(violations).toEqual([]);
});

/*
 * Issue = record for the response to the recommendations: from "Check your answers" of the
 * response form, the letter is previewed in the browser with the deadline it meets (the 5 weeks of
 * Recommendations Power Regs 2017 reg 6), then issued, which records the response and stores the
 * letter (Word and PDF) with it.
 */
test('a caseworker issues the response to a recommendation with its letter from check your answers, which records the response', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const violations = watchForViolations(page);
  await signInAs(page, 'caseworker');
  const { c, tribunal } = await recommendationMade(
    page,
    'Kit Response',
    'Lou Response',
  );
  const due = (await c.detail()).deadlines.find(
    (d) => d.ruleId === 'recommendation.response',
  )?.dueOn;

  await page.goto(`/cases/${c.id}`);
  await page.getByRole('button', { name: 'Record the response' }).click();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'Record the response to a recommendation',
    }),
  ).toBeVisible();
  await page.getByLabel('Partly followed').check();
  await page
    .getByLabel('Reasons')
    .fill(
      'The review is offered; weekly therapy is already provided by the school.',
    );
  await fillDate(page, 'Date the response was sent', '2026-02-27');
  await page.getByLabel('Parent', { exact: true }).check();
  await continueToCheck(page);
  await expect(
    page.getByRole('heading', { name: 'Or issue the letter' }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Preview the letter' }).click();
  const preview = page.getByTestId('letter-preview');
  await expect(preview).toContainText(
    `In appeal ${tribunal} the Tribunal, on Tue 10 Feb 2026`,
  );
  await expect(preview).toContainText('Date: Fri 27 Feb 2026');
  await expect(preview).toContainText(
    'The review is offered; weekly therapy is already provided by the school.',
  );
  const met = page.getByRole('heading', {
    name: 'The deadlines this letter meets',
  });
  await expect(met).toBeVisible();
  // The 5 weeks from the Tribunal's decision, as the clock counted them.
  const dueText = new Date(`${due}T12:00:00Z`)
    .toLocaleDateString('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    })
    .replace(/,/g, '');
  await expect(met.locator('xpath=following-sibling::dl[1]')).toContainText(
    dueText,
  );
  // Nothing is recorded by the preview.
  expect(
    (await c.detail()).recommendations.at(-1)?.response,
    'no response recorded before the letter is issued',
  ).toBeUndefined();
  await shootAtThreeSizes(
    page,
    'letters-07-recommendation-response-issue-preview',
  );

  const text = await issueAndDownloadPdf(
    page,
    'letters-08-recommendation-response-issued-pdf-page-1',
  );
  await expect(page.locator('.govuk-panel__body')).toContainText(
    'The response is recorded as entry',
  );
  await shootAtThreeSizes(page, 'letters-09-recommendation-response-issued');
  expect(text).toContain('Date: Fri 27 Feb 2026');
  expect(text).toContain(
    'The review is offered; weekly therapy is already provided by the school.',
  );
  const after = await c.detail();
  expect(after.recommendations.at(-1)?.response).toMatchObject({
    outcome: 'partly_followed',
    sentOn: '2026-02-27',
    recipient: 'parent',
  });
  expect(
    after.deadlines.find((d) => d.ruleId === 'recommendation.response'),
  ).toMatchObject({ status: 'met', metOn: '2026-02-27', dueOn: due });
  expect(violations).toEqual([]);
});

/*
 * Issue = record for compliance with an order: from "Check your answers" of the compliance form,
 * the letter telling the family the council did what the Tribunal ordered (SEND Regs 2014 reg 44)
 * is previewed with the duty it meets, then issued, which records the compliance with the letter.
 */
test('a caseworker issues the letter of compliance with an order from check your answers, which records the compliance', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const violations = watchForViolations(page);
  await signInAs(page, 'caseworker');
  const { c } = await recommendationMade(page, 'Ash Order', 'Bo Order');
  const order = (await c.detail()).orders.at(-1);
  const duty = 'order.assess.notify';
  await page.goto(
    `/cases/${c.id}/record/order-compliance?order=${order?.id}&duty=${duty}`,
  );
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'Record that the council complied with an order',
    }),
  ).toBeVisible();
  await fillDate(page, 'Date the council complied', '2026-02-20');
  await page
    .getByLabel('What shows the council complied')
    .fill('Letter to the parent: re-assessment started.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(
    page.getByRole('heading', { name: 'Or issue the letter' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Preview the letter' }).click();
  const preview = page.getByTestId('letter-preview');
  await expect(preview).toContainText('Date: Fri 20 Feb 2026');
  await expect(preview).toContainText(
    'Letter to the parent: re-assessment started.',
  );
  await expect(
    page.getByRole('heading', { name: 'The deadlines this letter meets' }),
  ).toBeVisible();
  // Nothing is recorded by the preview.
  expect(
    (await c.detail()).orders.at(-1)?.duties.find((d) => d.ruleId === duty)
      ?.compliedOn,
  ).toBeUndefined();
  await checkAndShoot(page, 'letters-10-order-compliance-preview-desktop');

  const text = await issueAndDownloadPdf(
    page,
    'letters-11-order-compliance-pdf-page-1',
  );
  await expect(page.locator('.govuk-panel__body')).toContainText(
    'The compliance is recorded as entry',
  );
  await checkAndShoot(page, 'letters-12-order-compliance-issued-desktop');
  expect(text).toContain('Date: Fri 20 Feb 2026');
  expect(text).toContain('We did it on Fri 20 Feb 2026');
  const after = await c.detail();
  expect(
    after.orders.at(-1)?.duties.find((d) => d.ruleId === duty),
  ).toMatchObject({
    compliedOn: '2026-02-20',
    evidence: 'Letter to the parent: re-assessment started.',
  });
  expect(violations).toEqual([]);
});
