import { expect, type Page, test } from '@playwright/test';
import {
  expectAccessible,
  fillDate,
  londonDate,
  SHOTS,
  signInAs,
  watchForViolations,
  continueToCheck,
} from './support/checks';

/** A screenshot of the whole page, named for the step. */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/caseworker-${name}.png`, fullPage: true });

/** From the case page: "Record an entry", then the entry to record. */
async function startEntry(page: Page, option: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Record an entry' }).click();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'What do you want to record?',
    }),
  ).toBeVisible();
  await page.getByRole('link', { name: option }).click();
}

/** On the check page: "Save", then the case page with the success banner. */
async function save(
  page: Page,
  banner: string,
  childName: string,
): Promise<void> {
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: childName }),
  ).toBeVisible();
  await expect(page.locator('.govuk-notification-banner__heading')).toHaveText(
    banner,
  );
}

/** A new case opened through the form, by whoever is signed in: its name and id. */
async function openNewCase(
  page: Page,
  name: string,
  referencePrefix: string,
  dateOfBirth: string,
): Promise<{ childName: string; caseId: string }> {
  await page.goto('/cases/new');
  const childName = `${name} ${Date.now().toString(36)}`;
  await page
    .getByLabel('Council reference')
    .fill(`${referencePrefix}-${Date.now().toString(36).toUpperCase()}`);
  await page.getByLabel('Name of the child or young person').fill(childName);
  await fillDate(page, 'Date of birth', dateOfBirth);
  await page.getByRole('button', { name: 'Open the case' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: childName }),
  ).toBeVisible();
  return {
    childName,
    caseId: new URL(page.url()).pathname.split('/')[2] ?? '',
  };
}

/** A decision recorded through the API in this browser's session (as a colleague, or set-up the form does not test). */
async function recordDecisionThroughApi(
  page: Page,
  caseId: string,
  data: Record<string, unknown>,
): Promise<void> {
  const session = await (await page.request.get('/api/auth/session')).json();
  const current = await (await page.request.get(`/api/cases/${caseId}`)).json();
  const response = await page.request.post(`/api/cases/${caseId}/decisions`, {
    headers: { 'X-CSRF-Token': session.csrfToken },
    data: { expectedVersion: current.version, ...data },
  });
  expect(response.status()).toBe(201);
}

/** The card of the check page about one deadline. */
const changeCard = (page: Page, title: string) =>
  page.locator('.app-deadline-change').filter({ hasText: title });

test('a caseworker opens a case and records a refusal to assess, mediation declined, the certificate and the appeal', async ({
  page,
}) => {
  const violations = watchForViolations(page);
  const childName = `Robin Journey ${Date.now().toString(36)}`;
  const reference = `E2E-${Date.now().toString(36).toUpperCase()}`;
  const tribunalReference = `EH857/26/${String(Date.now() % 100_000).padStart(5, '0')}`;
  // The family's dates, back from today: the certificate's month ends after the letter's two months,
  // so recording it moves the appeal deadline. No deadline falls before today, so the deadline
  // monitor has nothing to mark overdue (which would change the case between the steps).
  const decided = londonDate(-52);
  const letterSent = londonDate(-50);
  const contacted = londonDate(-45);
  const declined = londonDate(-2);
  const certificate = londonDate(-1);
  const lodged = londonDate(0);

  await signInAs(page, 'caseworker');
  await expect(
    page.getByRole('heading', { level: 1, name: 'My deadlines' }),
  ).toBeVisible();
  await expect(page.getByRole('table')).toBeVisible();
  await expectAccessible(page);
  await shot(page, '01-my-deadlines');

  // Find a case, then open a new one.
  await page.getByRole('link', { name: 'Find a case' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Find a case' }),
  ).toBeVisible();
  await page.getByLabel(/^Reference, name/).fill(childName);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(
    page.getByRole('heading', { name: 'No cases found' }),
  ).toBeVisible();
  await expectAccessible(page);
  await shot(page, '02-find-a-case-none-found');

  await page.getByRole('link', { name: 'Open a new case' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Open a case' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Open the case' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Enter the council reference',
  );
  await expectAccessible(page);
  await shot(page, '03-open-a-case-errors');
  await page.getByLabel('Council reference').fill(reference);
  await page.getByLabel('Name of the child or young person').fill(childName);
  await fillDate(page, 'Date of birth', '2016-09-14');
  await page.getByRole('button', { name: 'Open the case' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: childName }),
  ).toBeVisible();
  await expect(page.locator('.govuk-notification-banner__heading')).toHaveText(
    'Case opened',
  );
  await expect(page.locator('.app-identity-bar')).toContainText(reference);
  await expectAccessible(page);
  await shot(page, '04-case-opened');

  // The family's contact: the email is checked as the API would, and the case shows who they are.
  await startEntry(page, 'A parent, carer or other contact');
  await page.getByLabel('Full name').fill('Jo Journey');
  await page
    .getByLabel('How are they related to the child or young person?')
    .fill('Mother');
  await page.getByLabel('Email address (optional)').fill('jo.journey');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Enter an email address in the correct format',
  );
  await expectAccessible(page);
  await shot(page, '04a-contact-form-error');
  await page
    .getByLabel('Email address (optional)')
    .fill('jo.journey@example.org');
  await page.getByLabel('Telephone number (optional)').fill('01572 722577');
  await continueToCheck(page);
  await expect(page.getByText('jo.journey@example.org')).toBeVisible();
  await save(page, 'Contact added', childName);
  const people = page.locator('.app-people');
  await expect(people).toContainText('Jo Journey');
  await expect(people).toContainText('Mother');
  await expect(people).toContainText('Casey Worker');
  await expectAccessible(page);
  await shot(page, '04b-contact-added');

  // The decision: a refusal to assess. The form says what the law requires.
  await startEntry(page, 'A decision the council issued');
  await expect(
    page.getByText('2 months to contact the mediation adviser'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Select what the council decided',
  );
  await expectAccessible(page);
  await shot(page, '05-decision-form-errors');
  await page.getByLabel('Not to carry out an EHC needs assessment').check();
  await fillDate(page, 'Date of the decision', decided);
  await fillDate(page, 'Date the decision letter was sent', letterSent);
  for (const item of [
    'mediation adviser',
    'right to appeal',
    'time limits for appealing',
    'Disagreement resolution',
  ]) {
    await page.getByLabel(new RegExp(item)).check();
  }
  await page
    .getByLabel('Why the council made the decision')
    .fill(
      'The evidence does not show the child may need special educational provision.',
    );
  await continueToCheck(page);
  await expect(
    changeCard(page, 'Last day to lodge an appeal with the SEND Tribunal'),
  ).toContainText('New');
  await expect(changeCard(page, 'Contact the mediation adviser')).toContainText(
    'New',
  );
  await expectAccessible(page);
  await shot(page, '06-decision-check-answers');
  await save(page, 'Decision recorded', childName);
  await expectAccessible(page);
  await shot(page, '07-decision-recorded');

  // The family contacts the mediation adviser.
  await startEntry(page, 'The family contacted the mediation adviser');
  await page.getByLabel('Global Mediation').check();
  await fillDate(
    page,
    'Date the family contacted the mediation adviser',
    contacted,
  );
  await page
    .getByRole('group', { name: 'Is health provision in issue?' })
    .getByLabel('No')
    .check();
  await page
    .getByRole('group', { name: 'Is social care provision in issue?' })
    .getByLabel('No')
    .check();
  await expectAccessible(page);
  await shot(page, '08-mediation-adviser-form');
  await continueToCheck(page);
  await expect(changeCard(page, 'Contact the mediation adviser')).toContainText(
    'met by this entry',
  );
  await expectAccessible(page);
  await shot(page, '09-mediation-adviser-check-answers');
  await save(page, 'Contact with the mediation adviser recorded', childName);

  // Mediation declined: the certificate is due in 3 working days.
  await startEntry(page, 'The family declined mediation');
  await expect(page.getByText('within 3 working days')).toBeVisible();
  await fillDate(page, 'Date the family told the mediation adviser', declined);
  await continueToCheck(page);
  await expect(
    changeCard(page, 'Issue the certificate: mediation declined'),
  ).toContainText('New');
  await expectAccessible(page);
  await shot(page, '10-mediation-declined-check-answers');
  await save(page, 'Mediation declined recorded', childName);

  // The information-only certificate: the appeal deadline moves to a month after it.
  await startEntry(page, /Mediation certificate: mediation information given/);
  await expect(
    page.getByText(
      'A certificate moves the appeal deadline to 1 month after it',
    ),
  ).toBeVisible();
  await fillDate(page, 'Date the certificate was issued', certificate);
  await expectAccessible(page);
  await shot(page, '11-certificate-form');
  await continueToCheck(page);
  const appealCard = changeCard(
    page,
    'Last day to lodge an appeal with the SEND Tribunal',
  );
  await expect(appealCard).toContainText('Moves');
  await expect(appealCard).toContainText(/Moves from .+ to .+/);
  await expect(appealCard).toContainText('Mediation certificate issued');
  await expect(
    changeCard(page, 'Issue the certificate: mediation declined'),
  ).toContainText('met by this entry');
  await expectAccessible(page);
  await shot(page, '12-certificate-check-answers-appeal-deadline-moves');
  await save(page, 'Mediation certificate recorded', childName);

  // The appeal, lodged today: it meets the appeal deadline.
  await startEntry(page, 'An appeal to the Tribunal');
  await page.getByLabel('Tribunal reference').fill('EH857-26');
  await fillDate(page, 'Date the appeal was lodged', lodged);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Enter the Tribunal reference in the form EH857/26/00123',
  );
  await expectAccessible(page);
  await shot(page, '13-appeal-form-error');
  await page.getByLabel('Tribunal reference').fill(tribunalReference);
  await page.getByLabel('The parent').check();
  await continueToCheck(page);
  await expect(
    changeCard(page, 'Last day to lodge an appeal with the SEND Tribunal'),
  ).toContainText('met by this entry');
  await expectAccessible(page);
  await shot(page, '14-appeal-check-answers');
  await save(page, 'Appeal recorded', childName);
  await expect(page.locator('.app-identity-bar')).toContainText(
    'Appeal lodged',
  );
  await expect(
    page.getByText(`Appeal ${tribunalReference} lodged`),
  ).toBeVisible();
  await expectAccessible(page);
  await shot(page, '15-appeal-recorded');

  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(page.locator('.moj-timeline__item')).toHaveCount(7);
  await expectAccessible(page);
  await shot(page, '16-history');

  expect(violations).toEqual([]);
});

test('a save that meets someone else’s change says what changed, keeps the answers and saves on the second try', async ({
  page,
}) => {
  const violations = watchForViolations(page);
  await signInAs(page, 'caseworker');
  const { childName, caseId } = await openNewCase(
    page,
    'Sky Conflict',
    'E2E-C',
    '2013-01-20',
  );

  await startEntry(page, 'A referral to disagreement resolution');
  await fillDate(page, 'Date of the referral', londonDate(-3));
  await page
    .getByLabel('What is the disagreement about?')
    .fill('Transport to school');
  await continueToCheck(page);

  // Meanwhile a colleague records a decision on the same case (the same session, through the API).
  await recordDecisionThroughApi(page, caseId, {
    type: 'refuse_plan',
    decisionDate: londonDate(-2),
    letterSent: londonDate(-1),
  });

  await page.getByRole('button', { name: 'Save' }).click();
  const banner = page.locator('#conflict-banner');
  await expect(banner).toContainText(
    'This case changed since you opened it, so nothing was saved',
  );
  await expect(banner).toContainText(
    'Decision issued: not to issue an EHC plan',
  );
  await expect(page.getByText('Transport to school')).toBeVisible();
  await expectAccessible(page);
  await shot(page, '20-conflict-on-save');
  await save(page, 'Referral to disagreement resolution recorded', childName);
  expect(violations).toEqual([]);
});

test('the deadline calculator works out a due date on the server, with its explanation', async ({
  page,
}) => {
  const violations = watchForViolations(page);
  await signInAs(page, 'caseworker');
  await page.getByRole('link', { name: 'Deadline calculator' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Deadline calculator' }),
  ).toBeVisible();
  await page.getByLabel('Which deadline?').selectOption('appeal.lodge');
  await fillDate(page, 'Decision letter sent', '2026-10-01');
  await fillDate(page, 'Mediation certificate issued (optional)', '2026-11-29');
  await page.getByRole('button', { name: 'Calculate' }).click();
  await expect(
    page.getByRole('heading', { name: 'Due Mon 4 Jan 2027' }),
  ).toBeVisible();
  await expect(page.getByText(/first working day after 1 Jan/)).toBeVisible();
  await expectAccessible(page);
  await shot(page, '30-deadline-calculator');

  // My deadlines, the team's, filtered to what is overdue.
  await page.getByRole('link', { name: 'My deadlines' }).click();
  await page.getByLabel('Everyone’s in my team').check();
  await page.getByRole('radio', { name: 'Overdue', exact: true }).check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'My team’s deadlines' }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: /Remove this filter\s+Overdue/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: /Due date/ }).click();
  await expect(
    page.getByRole('columnheader', { name: /Due date/ }),
  ).toHaveAttribute('aria-sort', 'descending');
  await expectAccessible(page);
  await shot(page, '31-team-deadlines-overdue');
  expect(violations).toEqual([]);
});

test('a manager reassigns a case to a caseworker of the team, and its open deadlines go with it', async ({
  page,
}) => {
  const violations = watchForViolations(page);
  await signInAs(page, 'manager');
  const { childName, caseId } = await openNewCase(
    page,
    'Ash Reassigned',
    'E2E-R',
    '2014-05-02',
  );

  // A decision with its deadlines, recorded through the API (the journey above does it through forms).
  await recordDecisionThroughApi(page, caseId, {
    type: 'refuse_assessment',
    decisionDate: londonDate(-3),
    letterSent: londonDate(-2),
  });
  await page.reload();

  await startEntry(page, 'Reassign the case to another caseworker');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Reassign the case' }),
  ).toBeVisible();
  await expect(
    page.getByText(
      'Every open deadline on the case moves to the new caseworker (2 now)',
    ),
  ).toBeVisible();
  // Only the team's caseworkers and managers, not the one who owns it now.
  const who = page.getByRole('group', { name: 'Who will own the case?' });
  await expect(who.getByRole('radio')).toHaveCount(2);
  await expect(who.getByLabel('Morgan Lee')).toHaveCount(0);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Select who will own the case',
  );
  await who.getByLabel('Sam Okafor').check();
  await page
    .getByLabel('Why is the case being reassigned?')
    .fill('Caseload balanced across the team');
  await expectAccessible(page);
  await shot(page, '50-reassignment-form');
  await continueToCheck(page);
  await expect(
    page.locator('.govuk-summary-list').getByText('Sam Okafor').first(),
  ).toBeVisible();
  await expectAccessible(page);
  await save(page, 'Case reassigned', childName);
  await expect(page.locator('.app-people')).toContainText(
    'Sam Okafor, SEND North',
  );
  await expectAccessible(page);
  await shot(page, '51-case-reassigned');

  const after = await (await page.request.get(`/api/cases/${caseId}`)).json();
  const open = after.deadlines.filter(
    (d: { status: string }) => d.status === 'open',
  );
  expect(open).toHaveLength(2);
  expect(open.map((d: { owner: string }) => d.owner)).toEqual([
    'Sam Okafor',
    'Sam Okafor',
  ]);
  expect(violations).toEqual([]);
});
