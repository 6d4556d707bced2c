import { randomUUID } from 'node:crypto';
import { api, users, sql, uniqueReference } from './support/api';

interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

const eventCount = async (caseId: string) =>
  Number(
    (
      await sql(`SELECT count(*) FROM case_event WHERE case_id = $1`, [caseId])
    )[0].count,
  );

async function openCase(): Promise<{ id: string; version: number }> {
  const res = await api('POST', '/cases', {
    reference: uniqueReference(),
    childName: 'Robin Test',
    dateOfBirth: '2012-02-29',
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe('bad input gets a clear 4xx and writes nothing', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'a missing field',
      { dateOfBirth: '2012-01-01' },
      'childName',
      'Child name',
    ],
    [
      'an impossible date',
      { childName: 'A', dateOfBirth: '2026-02-30' },
      'dateOfBirth',
      'real date written YYYY-MM-DD',
    ],
    [
      'a badly written date',
      { childName: 'A', dateOfBirth: '2026-2-3' },
      'dateOfBirth',
      'real date',
    ],
    [
      'a wrong type',
      { childName: 42, dateOfBirth: '2012-01-01' },
      'childName',
      'Child name must be a string',
    ],
    [
      'an unknown field',
      { childName: 'A', dateOfBirth: '2012-01-01', nhsNumber: '1' },
      'nhsNumber',
      'does not take "nhsNumber"',
    ],
    [
      'oversize text',
      { childName: 'x'.repeat(201), dateOfBirth: '2012-01-01' },
      'childName',
      'shorter than or equal to 200',
    ],
  ])('opening a case with %s', async (_name, body, field, message) => {
    const reference = uniqueReference();
    const res = await api<Problem>('POST', '/cases', { reference, ...body });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain(
      'application/problem+json',
    );
    expect(res.body.errors?.find((e) => e.field === field)?.message).toContain(
      message,
    );
    expect(
      await sql(`SELECT 1 FROM "case" WHERE reference = $1`, [reference]),
    ).toHaveLength(0);
  });

  it('refuses a duplicate reference with 409', async () => {
    const reference = uniqueReference();
    expect(
      (
        await api('POST', '/cases', {
          reference,
          childName: 'A',
          dateOfBirth: '2012-01-01',
        })
      ).status,
    ).toBe(201);
    const again = await api<Problem>('POST', '/cases', {
      reference,
      childName: 'B',
      dateOfBirth: '2012-01-01',
    });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain(
      `reference ${reference} already exists`,
    );
  });

  it('answers 400 for a malformed id and 404 for an unknown case', async () => {
    const malformed = await api<Problem>('GET', '/cases/not-an-id');
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toBe("'not-an-id' is not a valid case id.");
    const unknown = await api<Problem>('GET', `/cases/${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toMatch(/There is no case with id/);
  });

  it('refuses a wrong enum value, a stale version and an unknown decision, writing no event', async () => {
    const c = await openCase();
    const decision = {
      expectedVersion: 1,
      type: 'final_plan_content',
      decisionDate: '2026-01-05',
      letterSent: '2026-01-06',
    };

    const wrongEnum = await api<Problem>('POST', `/cases/${c.id}/decisions`, {
      ...decision,
      type: 'refuse_everything',
    });
    expect(wrongEnum.status).toBe(400);
    expect(wrongEnum.body.errors?.[0]?.message).toMatch(
      /^Type must be one of: refuse_assessment, /,
    );

    const inconsistent = await api<Problem>(
      'POST',
      `/cases/${c.id}/decisions`,
      { ...decision, letterSent: '2026-01-04' },
    );
    expect(inconsistent.status).toBe(400);
    expect(inconsistent.body.detail).toContain('cannot have been sent');

    const stale = await api<Problem>('POST', `/cases/${c.id}/decisions`, {
      ...decision,
      expectedVersion: 7,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain('changed since you opened it');

    const noDecision = await api<Problem>('POST', `/cases/${c.id}/appeals`, {
      expectedVersion: 1,
      decisionId: randomUUID(),
      tribunalReference: 'EH857/26/99999',
      lodgedOn: '2026-02-01',
    });
    // The case has no decision yet: the appeal comes too early (409), saying what to record first.
    expect(noDecision.status).toBe(409);
    expect(noDecision.body.detail).toContain(
      'record the decision being appealed',
    );

    const noRecommendation = await api<Problem>(
      'POST',
      `/cases/${c.id}/recommendations/${randomUUID()}/response`,
      {
        expectedVersion: 1,
        outcome: 'followed',
        sentOn: '2026-02-01',
        recipient: 'parent',
        sentTo: ['Parent or young person'],
      },
    );
    expect(noRecommendation.status).toBe(409);

    // The response must go to the parent or the young person (Recommendations Power Regs 2017 regs 6–7).
    const noRecipient = await api<Problem>(
      'POST',
      `/cases/${c.id}/recommendations/${randomUUID()}/response`,
      {
        expectedVersion: 1,
        outcome: 'followed',
        sentOn: '2026-02-01',
        sentTo: ['Council SEND team'],
      },
    );
    expect(noRecipient.status).toBe(400);
    expect(noRecipient.body.errors?.map((e) => e.field)).toEqual(['recipient']);
    expect(noRecipient.body.detail).toContain('parent or young_person');

    const noRecipients = await api<Problem>(
      'POST',
      `/cases/${c.id}/recommendations/${randomUUID()}/response`,
      {
        expectedVersion: 1,
        outcome: 'followed',
        sentOn: '2026-02-01',
        recipient: 'young_person',
        sentTo: [],
      },
    );
    expect(noRecipients.status).toBe(400);
    expect(noRecipients.body.detail).toContain(
      'Sent to must name at least one recipient',
    );

    expect(await eventCount(c.id)).toBe(1);
  });

  it('refuses the date of something that has happened when it is after today, saying so, and writes nothing', async () => {
    const c = await openCase();
    // The run's clock is fixed at Mon 2 Mar 2026: a letter sent on Tue 3 Mar has not been sent yet.
    const res = await api<Problem>('POST', `/cases/${c.id}/decisions`, {
      expectedVersion: 1,
      type: 'refuse_plan',
      decisionDate: '2026-03-02',
      letterSent: '2026-03-03',
    });
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe(
      'The date the letter was sent (Tue 3 Mar 2026) is after today (Mon 2 Mar 2026): record it once it has happened.',
    );
    expect(await eventCount(c.id)).toBe(1);
  });

  it('answers malformed JSON and an unknown filter with 400', async () => {
    const json = await api<Problem>('POST', '/cases', '{"reference": ');
    expect(json.status).toBe(400);
    const filter = await api<Problem>('GET', '/deadlines?filter=late');
    expect(filter.status).toBe(400);
    expect(filter.body.detail).toBe(
      'Filter must be one of: all, open, due_soon, overdue, outstanding, met, missed, cancelled',
    );
  });

  it('asks to sign in, ignores the old demo header, and refuses roles that may not write', async () => {
    const anonymous = await api<Problem>('GET', '/deadlines', undefined, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.detail).toContain('Sign in');
    const demoHeader = await api<Problem>(
      'GET',
      '/deadlines',
      undefined,
      null,
      { 'x-demo-user': users().caseworker },
    );
    expect(demoHeader.status).toBe(401);
    const auditor = await api<Problem>(
      'POST',
      '/cases',
      {
        reference: uniqueReference(),
        childName: 'A',
        dateOfBirth: '2012-01-01',
      },
      'auditor',
    );
    expect(auditor.status).toBe(403);
    expect((await api('GET', '/deadlines', undefined, 'auditor')).status).toBe(
      200,
    );
    expect(
      (await api('GET', '/deadlines', undefined, 'administrator')).status,
    ).toBe(403);
  });
});
