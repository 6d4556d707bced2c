import { type CaseEvent, replayCase } from '@send/domain';
import { Queue } from 'bullmq';
import { api, eventually, sql, uniqueReference } from './support/api';

// The run's clock is fixed at Mon 2 Mar 2026 (global-setup.mjs).

interface Detail {
  id: string;
  version: number;
  decisions: { id: string }[];
  appeals: { id: string }[];
  recommendations: { id: string; responsibleBody: string; response?: { outcome: string } }[];
  deadlines: { id: string; ruleId: string; subjectId: string; dueOn: string; status: string; explanation: string[]; metOnTime?: boolean; responsibleBody?: string }[];
}

/** Records a case through to the Tribunal's decision with one health and one social care recommendation. */
async function caseWithRecommendations(tribunalDecision: string): Promise<Detail> {
  const opened = await api<Detail>('POST', '/cases', { reference: uniqueReference(), childName: 'Jamie Test', dateOfBirth: '2013-06-30' });
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
  });
  expect(appealed.status).toBe(201);
  const outcome = await api<Detail>('POST', `/cases/${id}/appeals/${appealed.body.appeals[0]!.id}/outcome`, {
    expectedVersion: 3,
    outcome: 'decided_partly_allowed',
    decisionDate: tribunalDecision,
    recommendations: [
      { section: 'G', responsibleBody: 'icb', text: 'Occupational therapy assessment and programme.' },
      { section: 'H1', responsibleBody: 'council_social_care', text: 'Short breaks provision.' },
    ],
  });
  expect(outcome.status).toBe(201);
  return outcome.body;
}

function deadlineQueue(): Queue {
  const url = new URL(process.env['E2E_REDIS_URL']!);
  return new Queue('deadlines', {
    prefix: process.env['E2E_REDIS_PREFIX']!,
    connection: { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0) },
  });
}

describe('the walking-skeleton journey', () => {
  const queue = deadlineQueue();
  afterAll(() => queue.close());

  it('opens a 5-week response deadline per recommendation, with its explanation, in the same transaction', async () => {
    const c = await caseWithRecommendations('2026-02-02'); // Mon 2 Feb 2026
    expect(c.version).toBe(4);
    const responses = c.deadlines.filter((d) => d.ruleId === 'recommendation.response');
    expect(responses).toHaveLength(2);
    for (const d of responses) {
      expect(d).toMatchObject({ dueOn: '2026-03-09', status: 'open' });
      expect(d.explanation[0]).toBe('Tribunal decision Mon 2 Feb 2026; + 5 weeks = Mon 9 Mar 2026');
    }
    expect(responses.map((d) => d.responsibleBody).sort()).toEqual(['council_social_care', 'icb']);
    const outbox = await sql(`SELECT payload FROM outbox WHERE payload->>'deadlineId' = ANY($1)`, [responses.map((d) => d.id)]);
    expect(outbox).toHaveLength(2);

    const dueSoon = await api<{ id: string }[]>('GET', '/deadlines?filter=due_soon');
    expect(dueSoon.body.map((d) => d.id)).toEqual(expect.arrayContaining(responses.map((d) => d.id)));
  });

  it('marks a deadline overdue when its job fires with no response, and appends that to the history', async () => {
    const c = await caseWithRecommendations('2026-01-05'); // due Mon 9 Feb 2026: already past on 2 Mar
    const overdueEvents = await eventually(async () => {
      const h = await api<{ type: string; summary: string; actorName: string; payload: { ruleId?: string } }[]>(
        'GET',
        `/cases/${c.id}/history`,
      );
      // (The family's older deadlines of this case may pass overdue too, depending on timing.)
      const found = h.body.filter((e) => e.type === 'deadline.overdue' && e.payload.ruleId === 'recommendation.response');
      return found.length === 2 ? found : undefined;
    });
    expect(overdueEvents[0]).toMatchObject({ actorName: 'Deadline monitor' });
    expect(overdueEvents[0]!.summary).toContain('was due Mon 9 Feb 2026');
    const rows = await sql(`SELECT status FROM deadline WHERE case_id = $1 AND rule_id = 'recommendation.response'`, [c.id]);
    expect(rows.map((r) => r.status)).toEqual(['overdue', 'overdue']);

    const overdue = await api<{ id: string }[]>('GET', '/deadlines?filter=overdue');
    const responseIds = c.deadlines.filter((d) => d.ruleId === 'recommendation.response').map((d) => d.id);
    expect(overdue.body.map((d) => d.id)).toEqual(expect.arrayContaining(responseIds));

    // A late response still meets the deadline, and shows it was late.
    const current = await api<Detail>('GET', `/cases/${c.id}`);
    const rec = current.body.recommendations[0]!;
    const late = await api<Detail>('POST', `/cases/${c.id}/recommendations/${rec.id}/response`, {
      expectedVersion: current.body.version,
      outcome: 'followed',
      sentOn: '2026-02-20',
      sentTo: ['Parent or young person'],
    });
    expect(late.status).toBe(201);
    expect(late.body.deadlines.find((d) => d.subjectId === rec.id)).toMatchObject({ status: 'met', metOnTime: false });
  });

  it('closes the deadline when the response is recorded in time, and its job then does nothing', async () => {
    const c = await caseWithRecommendations('2026-02-16'); // due Mon 23 Mar 2026
    const rec = c.recommendations.find((r) => r.responsibleBody === 'icb')!;
    const deadline = c.deadlines.find((d) => d.subjectId === rec.id)!;
    const jobId = `deadline-check.${deadline.id}.2026-03-23`;
    const job = await eventually(() => queue.getJob(jobId)); // relayed from the outbox after commit
    expect(await job.getState()).toBe('delayed');

    const responded = await api<Detail>('POST', `/cases/${c.id}/recommendations/${rec.id}/response`, {
      expectedVersion: c.version,
      outcome: 'not_followed',
      reasons: 'The occupational therapy programme is already provided through the school.',
      sentOn: '2026-03-02',
      sentTo: ['Parent or young person', 'Council SEND team'],
    });
    expect(responded.status).toBe(201);
    expect(responded.body.deadlines.find((d) => d.id === deadline.id)).toMatchObject({ status: 'met', metOnTime: true });

    await job.promote(); // make the timer fire now
    const result = await eventually(async () => {
      const j = await queue.getJob(jobId);
      return j && (await j.getState()) === 'completed' ? j.returnvalue : undefined;
    });
    expect(result).toBe('no_longer_open');
    const history = await api<{ type: string }[]>('GET', `/cases/${c.id}/history`);
    expect(history.body.map((e) => e.type)).not.toContain('deadline.overdue');
  });

  it('keeps a hash-chained, append-only history that exports as CSV', async () => {
    const c = await caseWithRecommendations('2026-02-23');
    const history = await api<{ sequence: number; hash: string; previousHash: string | null; type: string }[]>(
      'GET',
      `/cases/${c.id}/history`,
    );
    // The deadline monitor may append deadline.overdue events in between (the family's 2025 deadlines
    // were past before the appeal closed them); the chain covers those too.
    expect(history.body.map((e) => e.sequence)).toEqual(history.body.map((_, i) => i + 1));
    expect(history.body.map((e) => e.type).filter((t) => t !== 'deadline.overdue')).toEqual([
      'case.opened',
      'decision.issued',
      'appeal.lodged',
      'appeal.decided',
    ]);
    expect(history.body[0]!.previousHash).toBeNull();
    for (let i = 1; i < history.body.length; i++) expect(history.body[i]!.previousHash).toBe(history.body[i - 1]!.hash);

    await expect(sql(`UPDATE case_event SET summary = 'edited' WHERE case_id = $1`, [c.id])).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM case_event WHERE case_id = $1`, [c.id])).rejects.toThrow(/append-only/);

    const csv = await api('GET', `/cases/${c.id}/history.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('sequence,type,summary,businessDate,recordedAt,actorName,actorRole,reason,payload,previousHash,hash');
    expect(lines).toHaveLength(history.body.length + 1);
  });

  it('serves the OpenAPI document and a health check', async () => {
    const docs = await api<{ paths: Record<string, unknown> }>('GET', '/docs-json', undefined, null);
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/cases', '/api/deadlines', '/api/cases/{id}/recommendations/{recommendationId}/response']),
    );
    const health = await api('GET', '/health', undefined, null);
    expect(health.body).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, redis: { status: 'up' } } });
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
      sentTo: ['Parent or young person'],
    });
    const rows = await sql<{ type: string; payload: Record<string, unknown> }>(
      `SELECT type, payload FROM case_event WHERE case_id = $1 ORDER BY sequence`,
      [c.id],
    );
    const [stored] = await sql<{ snapshot: unknown }>(`SELECT snapshot FROM "case" WHERE id = $1`, [c.id]);
    const events = rows.map((r) => ({ type: r.type, ...r.payload }) as CaseEvent);
    expect(replayCase(events)).toEqual(stored!.snapshot);
  });
});
