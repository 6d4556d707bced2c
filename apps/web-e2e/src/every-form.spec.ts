import { expect, type Page, test } from '@playwright/test';
import {
  type CaseThroughApi,
  openCaseThroughApi,
  tribunalReference,
} from './support/case-api';
import { londonDate, signInAs, watchForViolations } from './support/checks';
import { continueAndSave, fillEntryForm } from './support/fill-form';

/*
 * Every entry form, filled in and saved through the browser (issue 14: "fill in every form the
 * app has"), beyond the journeys that test some of them step by step. Each route's case is opened
 * through the API to the point where the form applies; then each form of the route is answered as
 * a caseworker would (`fillEntryForm`: every question answered, the first choice unless a test says
 * otherwise), checked and saved, and the case page must say it was recorded. A form that refuses
 * its answers fails the test with the form's own error message.
 */

/** Yesterday: after everything the API recorded (early 2026), and not in the future. */
const DAY = londonDate(-1);

/** A new case of Casey's (opened through the API), with a contact and a decision of `type`. */
async function openCase(page: Page, type: string): Promise<CaseThroughApi> {
  const c = await openCaseThroughApi(page, 'Eve Forms', '2013-04-05');
  await c.post('/contacts', { name: 'Kim Forms', relationship: 'parent' });
  await c.post('/decisions', {
    type,
    decisionDate: '2026-01-05',
    letterSent: '2026-01-06',
    ...(type.endsWith('plan_content') ? { sections: ['F', 'I'] } : {}),
  });
  return c;
}

/** Opens a form by its address, answers it and saves it. */
async function record(
  page: Page,
  caseId: string,
  kind: string,
  params: Record<string, string>,
  banner: string,
  answers: Record<string, string> = {},
): Promise<void> {
  const query = new URLSearchParams(params).toString();
  await page.goto(`/cases/${caseId}/record/${kind}${query ? `?${query}` : ''}`);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(
    /cannot be recorded|Loading/,
  );
  await fillEntryForm(page, DAY, answers);
  await continueAndSave(page, banner);
}

test.describe('every entry form, answered and saved in the browser', () => {
  test.setTimeout(300_000);

  test('mediation with health in issue: way forward meeting, adviser, request, ICB told, arranged, held, agreement, item done, ICB response, certificate', async ({
    page,
  }) => {
    const violations = watchForViolations(page);
    await signInAs(page, 'caseworker');
    const c = await openCase(page, 'amended_plan_content');
    const decision = (await c.detail()).decisions.at(-1)?.id ?? '';
    await record(
      page,
      c.id,
      'way-forward-requested',
      {},
      'Way forward meeting request recorded',
    );
    const meeting = (await c.detail()).wayForwardMeetings.at(-1)?.id ?? '';
    await record(
      page,
      c.id,
      'way-forward-held',
      { meeting },
      'Way forward meeting recorded',
    );
    await record(
      page,
      c.id,
      'mediation-adviser-contacted',
      { decision },
      'Contact with the mediation adviser recorded',
      {
        'Is health provision in issue?': 'Yes',
      },
    );
    const mediation = (await c.detail()).mediations.at(-1)?.id ?? '';
    await record(
      page,
      c.id,
      'mediation-requested',
      { mediation },
      'Request for mediation recorded',
    );
    await record(
      page,
      c.id,
      'mediation-health-notified',
      { mediation },
      'Notice to the integrated care board recorded',
    );
    await record(
      page,
      c.id,
      'mediation-arranged',
      { mediation },
      'Mediation arrangements recorded',
    );
    await record(
      page,
      c.id,
      'mediation-held',
      { mediation },
      'Mediation meeting recorded',
    );
    await record(
      page,
      c.id,
      'mediation-agreement',
      { mediation },
      'Mediation agreement recorded',
    );
    const item =
      (await c.detail()).mediations.at(-1)?.agreementItems.at(-1)?.id ?? '';
    expect(item).toBeTruthy();
    await record(
      page,
      c.id,
      'agreement-item-completed',
      { mediation, item },
      'Agreed item recorded as done',
    );
    await record(
      page,
      c.id,
      'mediation-health-response',
      { mediation },
      'Response of the integrated care board recorded',
    );
    await record(
      page,
      c.id,
      'certificate',
      { mediation, kind: 'mediation_concluded' },
      'Mediation certificate recorded',
    );
    expect(violations).toEqual([]);
  });

  test('an appeal: registered, response sent, hearing listed, then compliance with an order', async ({
    page,
  }) => {
    const violations = watchForViolations(page);
    await signInAs(page, 'caseworker');
    const c = await openCase(page, 'final_plan_content');
    const decision = (await c.detail()).decisions.at(-1)?.id ?? '';
    await c.post('/appeals', {
      decisionId: decision,
      tribunalReference: tribunalReference(),
      lodgedOn: '2026-01-20',
      appellant: 'parent',
      sections: ['I'],
    });
    const appeal = (await c.detail()).appeals.at(-1)?.id ?? '';
    await record(
      page,
      c.id,
      'appeal-registered',
      { appeal },
      'Registration of the appeal recorded',
    );
    await record(
      page,
      c.id,
      'appeal-response-sent',
      { appeal },
      'Response to the appeal recorded',
    );
    await record(
      page,
      c.id,
      'hearing-listed',
      { appeal },
      'Hearing date recorded',
    );
    await c.post(`/appeals/${appeal}/outcome`, {
      outcome: 'decided_allowed',
      decisionDate: DAY,
      orders: [
        { orderType: 'name_school_only', details: 'Name Riverside Academy.' },
      ],
      recommendations: [],
    });
    const order = (await c.detail()).orders.at(-1);
    if (!order) throw new Error('The outcome recorded no order');
    await record(
      page,
      c.id,
      'order-compliance',
      { order: order.id, duty: order.duties[0]?.ruleId ?? '' },
      'Compliance with the order recorded',
    );
    expect(violations).toEqual([]);
  });

  test('mediation not arranged in time, then its certificate; mediation withdrawn; an appeal lodged through its form', async ({
    page,
  }) => {
    const violations = watchForViolations(page);
    await signInAs(page, 'caseworker');
    const a = await openCase(page, 'cease_plan');
    let decision = (await a.detail()).decisions.at(-1)?.id ?? '';
    await record(
      page,
      a.id,
      'mediation-adviser-contacted',
      { decision },
      'Contact with the mediation adviser recorded',
    );
    let mediation = (await a.detail()).mediations.at(-1)?.id ?? '';
    await record(
      page,
      a.id,
      'mediation-requested',
      { mediation },
      'Request for mediation recorded',
    );
    await record(
      page,
      a.id,
      'mediation-not-arranged',
      { mediation },
      'Mediation not arranged recorded',
    );
    await record(
      page,
      a.id,
      'certificate',
      { mediation, kind: 'mediation_not_arranged' },
      'Mediation certificate recorded',
    );
    await record(page, a.id, 'appeal-lodged', { decision }, 'Appeal recorded', {
      'Tribunal reference': tribunalReference(),
    });

    const b = await openCase(page, 'refuse_amend');
    decision = (await b.detail()).decisions.at(-1)?.id ?? '';
    await record(
      page,
      b.id,
      'mediation-adviser-contacted',
      { decision },
      'Contact with the mediation adviser recorded',
    );
    mediation = (await b.detail()).mediations.at(-1)?.id ?? '';
    await record(
      page,
      b.id,
      'mediation-requested',
      { mediation },
      'Request for mediation recorded',
    );
    await record(
      page,
      b.id,
      'mediation-withdrawn',
      { mediation },
      'Withdrawal from mediation recorded',
    );
    expect(violations).toEqual([]);
  });

  test('disagreement resolution, an assessment and a draft plan, a review, a phase transfer, a correction and an extension', async ({
    page,
  }) => {
    const violations = watchForViolations(page);
    await signInAs(page, 'caseworker');
    const c = await openCase(page, 'refuse_assessment');
    await record(
      page,
      c.id,
      'resolution-referred',
      {},
      'Referral to disagreement resolution recorded',
    );
    const resolution =
      (await c.detail()).disagreementResolutions.at(-1)?.id ?? '';
    await record(
      page,
      c.id,
      'resolution-meeting',
      { resolution },
      'Disagreement resolution meeting recorded',
    );
    await record(
      page,
      c.id,
      'resolution-concluded',
      { resolution },
      'End of disagreement resolution recorded',
    );
    await record(
      page,
      c.id,
      'assessment-requested',
      {},
      'Request for an assessment recorded',
    );
    const request = (await c.detail()).assessmentRequests.at(-1)?.id ?? '';
    await record(
      page,
      c.id,
      'assessment-agreed',
      { request },
      'Decision to assess recorded',
    );
    await record(page, c.id, 'draft-plan-served', {}, 'Draft plan recorded');
    const draft = (await c.detail()).draftPlans.at(-1)?.id ?? '';
    await record(
      page,
      c.id,
      'draft-plan-comments',
      { draft },
      "Family's comments recorded",
    );
    const open = (await c.detail()).deadlines.find(
      (d) => d.status !== 'met' && d.dutyHolder !== 'family',
    );
    await record(page, c.id, 'review-meeting', {}, 'Review meeting recorded');
    const review = (await c.detail()).reviews.at(-1)?.id ?? '';
    await record(
      page,
      c.id,
      'review-amendments-proposed',
      { review },
      'Proposed amendments recorded',
    );
    await record(page, c.id, 'phase-transfer', {}, 'Phase transfer recorded');
    // A correction of the contact (entry 2): the form starts from the entry as recorded.
    await page.goto(`/cases/${c.id}/record/correction?sequence=2`);
    await page.getByLabel('Name', { exact: true }).fill('Kim Forms-Jones');
    await fillEntryForm(page, DAY);
    await continueAndSave(page, 'Correction recorded');
    if (!open) throw new Error('The case has no open duty to extend');
    const later = new Date(`${open.dueOn}T12:00:00Z`);
    later.setUTCDate(later.getUTCDate() + 14);
    await record(
      page,
      c.id,
      'extension',
      { deadline: open.id },
      'Extension recorded',
      { 'New due date': later.toISOString().slice(0, 10) },
    );
    expect(violations).toEqual([]);
  });
});
