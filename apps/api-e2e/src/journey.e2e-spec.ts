import { parse } from 'csv-parse/sync';
import { type CaseEvent, replayCase } from '@send/domain';
import { Queue } from 'bullmq';
import { api, eventually, sql, uniqueReference } from './support/api';

// The run's clock is fixed at Mon 2 Mar 2026 (global-setup.mjs).

interface Detail {
  id: string;
  version: number;
  decisions: { id: string }[];
  appeals: { id: string }[];
  recommendations: {
    id: string;
    responsibleBody: string;
    response?: { outcome: string };
  }[];
  deadlines: {
    id: string;
    ruleId: string;
    subjectId: string;
    dueOn: string;
    status: string;
    explanation: string[];
    metOnTime?: boolean;
    responsibleBody?: string;
  }[];
}

/** Records a case through to the Tribunal's decision with one health and one social care recommendation. */
async function caseWithRecommendations(
  tribunalDecision: string,
): Promise<Detail> {
  const opened = await api<Detail>('POST', '/cases', {
    reference: uniqueReference(),
    childName: 'Jamie Test',
    dateOfBirth: '2013-06-30',
  });
  expect(opened.status).toBe(201);
  const id = opened.body.id;
  const decided = await api<Detail>('POST', `/cases/${id}/decisions`, {
    expectedVersion: 1,
    type: 'amended_plan_content',
    decisionDate: '2025-06-02',
    letterSent: '2025-06-03',
    sections: ['F', 'I'],
  });
  expect(decided.status).toBe(201);
  const appealed = await api<Detail>('POST', `/cases/${id}/appeals`, {
    expectedVersion: 2,
    decisionId: decided.body.decisions[0]!.id,
    tribunalReference: `EH857/26/${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`,
    lodgedOn: '2025-07-28',
    // No mediation certificate is recorded on this case: the caseworker confirms that is what happened (CFA 2014 s.55(3)).
    confirmedUnusual: true,
  });
  expect(appealed.status).toBe(201);
  const outcome = await api<Detail>(
    'POST',
    `/cases/${id}/appeals/${appealed.body.appeals[0]!.id}/outcome`,
    {
      expectedVersion: 3,
      outcome: 'decided_partly_allowed',
      decisionDate: tribunalDecision,
      recommendations: [
        {
          section: 'G',
          responsibleBody: 'icb',
          text: 'Occupational therapy assessment and programme.',
        },
        {
          section: 'H1',
          responsibleBody: 'council_social_care',
          text: 'Short breaks provision.',
        },
      ],
    },
  );
  expect(outcome.status).toBe(201);
  return outcome.body;
}

function deadlineQueue(): Queue {
  const url = new URL(process.env['E2E_REDIS_URL']!);
  return new Queue('deadlines', {
    prefix: process.env['E2E_REDIS_PREFIX']!,
    connection: {
      host: url.hostname,
      port: Number(url.port || 6379),
      db: Number(url.pathname.slice(1) || 0),
    },
  });
}

describe('the walking-skeleton journey', () => {
  const queue = deadlineQueue();
  afterAll(() => queue.close());

  it('opens a 5-week response deadline per recommendation, with its explanation, in the same transaction', async () => {
    const c = await caseWithRecommendations('2026-02-02'); // Mon 2 Feb 2026
    expect(c.version).toBe(4);
    const responses = c.deadlines.filter(
      (d) => d.ruleId === 'recommendation.response',
    );
    expect(responses).toHaveLength(2);
    for (const d of responses) {
      expect(d).toMatchObject({ dueOn: '2026-03-09', status: 'open' });
      expect(d.explanation[0]).toBe(
        'Tribunal decision Mon 2 Feb 2026; + 5 weeks = Mon 9 Mar 2026',
      );
    }
    expect(responses.map((d) => d.responsibleBody).sort()).toEqual([
      'council_social_care',
      'icb',
    ]);
    // Recorded now, in the same transaction: reminders are timed from this moment. The 5-day point (Mon 2 Mar 08:00)
    // was before it, so the worker times each for its 1-day point, Fri 6 Mar 08:00.
    const timed = await sql<{ timing_from: Date }>(
      `SELECT timing_from FROM deadline WHERE id = ANY($1)`,
      [responses.map((d) => d.id)],
    );
    expect(timed.map((r) => r.timing_from.toISOString())).toEqual([
      '2026-03-02T09:00:00.000Z',
      '2026-03-02T09:00:00.000Z',
    ]);
    await eventually(async () => {
      const rows = await sql<{ next: Date | null }>(
        `SELECT next_action_at AS next FROM deadline WHERE id = ANY($1)`,
        [responses.map((d) => d.id)],
      );
      return (
        rows.every(
          (r) => r.next?.toISOString() === '2026-03-06T08:00:00.000Z',
        ) || undefined
      );
    });

    const dueSoon = await api<{ id: string }[]>(
      'GET',
      '/deadlines?filter=due_soon',
    );
    expect(dueSoon.body.map((d) => d.id)).toEqual(
      expect.arrayContaining(responses.map((d) => d.id)),
    );
  });

  it('marks a deadline overdue (after the grace for a history recorded late) with a history event, and a late response shows as late', async () => {
    const c = await caseWithRecommendations('2026-01-05'); // due Mon 9 Feb 2026: already past on 2 Mar
    const responseIds = c.deadlines
      .filter((d) => d.ruleId === 'recommendation.response')
      .map((d) => d.id);
    // Shown overdue at once, but recorded after the fact: marked overdue only from 00:00 Wed 4 Mar (after the next working day).
    expect(
      c.deadlines
        .filter((d) => responseIds.includes(d.id))
        .map((d) => d.status),
    ).toEqual(['overdue', 'overdue']);
    await eventually(async () => {
      const rows = await sql<{ next: Date | null; status: string }>(
        `SELECT next_action_at AS next, status FROM deadline WHERE id = ANY($1)`,
        [responseIds],
      );
      return (
        rows.every(
          (r) =>
            r.status === 'open' &&
            r.next?.toISOString() === '2026-03-04T00:00:00.000Z',
        ) || undefined
      );
    });
    // Had it been recorded on the day of the Tribunal's decision, it would be marked now.
    await sql(
      `UPDATE deadline SET timing_from = '2026-01-05T12:00:00Z', next_action_at = '2026-01-05T12:00:00Z' WHERE id = ANY($1)`,
      [responseIds],
    );
    const overdueEvents = await eventually(async () => {
      const h = await api<
        {
          type: string;
          summary: string;
          actorName: string;
          payload: { ruleId?: string };
        }[]
      >('GET', `/cases/${c.id}/history`);
      const found = h.body.filter(
        (e) =>
          e.type === 'deadline.overdue' &&
          e.payload.ruleId === 'recommendation.response',
      );
      return found.length === 2 ? found : undefined;
    });
    expect(overdueEvents[0]).toMatchObject({ actorName: 'Deadline monitor' });
    expect(overdueEvents[0]!.summary).toContain('was due Mon 9 Feb 2026');
    const rows = await sql(
      `SELECT status, next_action_at FROM deadline WHERE id = ANY($1)`,
      [responseIds],
    );
    expect(rows).toEqual([
      { status: 'overdue', next_action_at: null },
      { status: 'overdue', next_action_at: null },
    ]);

    const overdue = await api<{ id: string }[]>(
      'GET',
      '/deadlines?filter=overdue',
    );
    expect(overdue.body.map((d) => d.id)).toEqual(
      expect.arrayContaining(responseIds),
    );

    // A late response still meets the deadline, and shows it was late.
    const current = await api<Detail>('GET', `/cases/${c.id}`);
    const rec = current.body.recommendations[0]!;
    const late = await api<Detail>(
      'POST',
      `/cases/${c.id}/recommendations/${rec.id}/response`,
      {
        expectedVersion: current.body.version,
        outcome: 'followed',
        sentOn: '2026-02-20',
        recipient: 'parent',
        sentTo: ['Parent or young person'],
      },
    );
    expect(late.status).toBe(201);
    expect(
      late.body.deadlines.find((d) => d.subjectId === rec.id),
    ).toMatchObject({ status: 'met', metOnTime: false });
  });

  it('closes the deadline when the response is recorded in time; a late job of its last claim then does nothing', async () => {
    const c = await caseWithRecommendations('2026-02-16'); // due Mon 23 Mar 2026
    const rec = c.recommendations.find((r) => r.responsibleBody === 'icb')!;
    const deadline = c.deadlines.find((d) => d.subjectId === rec.id)!;
    // The worker times it for its first reminder, 10 working days before: Mon 9 Mar 2026, 08:00.
    const row = async () =>
      (
        await sql<{
          next: Date | null;
          claimed: Date | null;
          claim_no: number;
        }>(
          `SELECT next_action_at AS next, claimed_at AS claimed, claim_no FROM deadline WHERE id = $1`,
          [deadline.id],
        )
      )[0]!;
    await eventually(
      async () =>
        ((await row()).next?.toISOString() === '2026-03-09T08:00:00.000Z' &&
          (await row()).claimed === null) ||
        undefined,
    );
    const { claim_no: lastClaim } = await row();

    const responded = await api<Detail>(
      'POST',
      `/cases/${c.id}/recommendations/${rec.id}/response`,
      {
        expectedVersion: c.version,
        outcome: 'not_followed',
        reasons:
          'The occupational therapy programme is already provided through the school.',
        sentOn: '2026-03-02',
        recipient: 'parent',
        sentTo: ['Parent or young person', 'Council SEND team'],
      },
    );
    expect(responded.status).toBe(201);
    expect(
      responded.body.deadlines.find((d) => d.id === deadline.id),
    ).toMatchObject({ status: 'met', metOnTime: true });
    expect((await row()).next).toBeNull(); // closed: nothing left to do

    // Redis hands back a job of the last claim (say after a restart with an old snapshot): it re-reads the row and does nothing.
    await queue.add(
      'deadline.action',
      { deadlineId: deadline.id, claimNo: lastClaim },
      { jobId: `late-${deadline.id}` },
    );
    const result = await eventually(async () => {
      const j = await queue.getJob(`late-${deadline.id}`);
      return j && (await j.getState()) === 'completed'
        ? j.returnvalue
        : undefined;
    });
    expect(result).toBe('stale');
    const history = await api<{ type: string }[]>(
      'GET',
      `/cases/${c.id}/history`,
    );
    expect(history.body.map((e) => e.type)).not.toContain('deadline.overdue');
  });

  it('keeps a hash-chained, append-only history that exports as CSV', async () => {
    const c = await caseWithRecommendations('2026-02-23');
    const history = await api<
      {
        sequence: number;
        hash: string;
        previousHash: string | null;
        type: string;
      }[]
    >('GET', `/cases/${c.id}/history`);
    // The deadline monitor may append deadline.overdue events in between (the family's 2025 deadlines
    // were past before the appeal closed them); the chain covers those too.
    expect(history.body.map((e) => e.sequence)).toEqual(
      history.body.map((_, i) => i + 1),
    );
    expect(
      history.body.map((e) => e.type).filter((t) => t !== 'deadline.overdue'),
    ).toEqual([
      'case.opened',
      'decision.issued',
      'appeal.lodged',
      'appeal.decided',
    ]);
    expect(history.body[0]!.previousHash).toBeNull();
    for (let i = 1; i < history.body.length; i++)
      expect(history.body[i]!.previousHash).toBe(history.body[i - 1]!.hash);

    await expect(
      sql(`UPDATE case_event SET summary = 'edited' WHERE case_id = $1`, [
        c.id,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql(`DELETE FROM case_event WHERE case_id = $1`, [c.id]),
    ).rejects.toThrow(/append-only/);

    const csv = await api('GET', `/cases/${c.id}/history.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // For people to read (readable-history.ts): headers in words; a row per event.
    const rows = parse(csv.text, { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(csv.text.split('\n')[0]).toMatch(
      /^(\ufeff)?Case reference,Event number,What happened,Date it happened,Recorded at \(UK time\),/,
    );
    expect(rows).toHaveLength(history.body.length);
  });

  it('serves the OpenAPI document and a health check', async () => {
    const docs = await api<{ paths: Record<string, unknown> }>(
      'GET',
      '/docs-json',
      undefined,
      null,
    );
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/cases',
        '/api/deadlines',
        '/api/cases/{id}/recommendations/{recommendationId}/response',
      ]),
    );
    const health = await api('GET', '/health', undefined, 'administrator');
    expect(health.body).toMatchObject({
      status: 'ok',
      info: { postgres: { status: 'up' }, redis: { status: 'up' } },
    });
  });
});

describe('the stored snapshot', () => {
  it('is what replaying the stored history through the domain reducer gives', async () => {
    const c = await caseWithRecommendations('2026-02-09');
    const rec = c.recommendations[0]!;
    await api('POST', `/cases/${c.id}/recommendations/${rec.id}/response`, {
      expectedVersion: c.version,
      outcome: 'partly_followed',
      reasons: 'Part of the programme is already in place.',
      sentOn: '2026-03-02',
      recipient: 'parent',
      sentTo: ['Parent or young person'],
    });
    const rows = await sql<{ type: string; payload: Record<string, unknown> }>(
      `SELECT type, payload FROM case_event WHERE case_id = $1 ORDER BY sequence`,
      [c.id],
    );
    const [stored] = await sql<{ snapshot: unknown }>(
      `SELECT snapshot FROM "case" WHERE id = $1`,
      [c.id],
    );
    const events = rows.map(
      (r) => ({ type: r.type, ...r.payload }) as CaseEvent,
    );
    expect(replayCase(events)).toEqual(stored!.snapshot);
  });
});
