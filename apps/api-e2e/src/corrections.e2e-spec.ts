import { type CaseEvent, replayCase } from '@send/domain';
import { api, eventually, sql } from './support/api';
import { issueDecision, lodgeAppeal, registerAppeal } from './support/steps';
import {
  caseEventCount,
  type Detail,
  type HistoryEvent,
  tribunalReference,
  Walk,
} from './support/walk';

/*
 * Corrections (a new event pointing to the one it corrects; the deadlines follow) and dry runs
 * (every check and the deadlines an entry would open, with nothing saved). The run's clock is
 * fixed at Mon 2 Mar 2026. Due dates worked out by hand from statutory-clock.md.
 */

interface Problem {
  status: number;
  detail: string;
}

/**
 * A case with a refusal to amend, an appeal lodged and registered; by default the council received it
 * Wed 25 Feb 2026. No mediation certificate is recorded: the caseworker confirms the appeal was lodged
 * without one (CFA 2014 s.55(3)).
 */
async function registeredAppeal(
  name: string,
  dates = {
    decisionDate: '2026-02-16',
    letterSent: '2026-02-17',
    lodgedOn: '2026-02-20',
    registeredOn: '2026-02-24',
    appealReceivedOn: '2026-02-25',
  },
): Promise<{ w: Walk; appealId: string }> {
  const w = await Walk.open(name, '2012-05-14');
  const decisionId = await issueDecision(w, {
    type: 'refuse_amend',
    decisionDate: dates.decisionDate,
    letterSent: dates.letterSent,
    sections: ['F'],
  });
  const { id: appealId } = await lodgeAppeal(w, {
    decisionId,
    lodgedOn: dates.lodgedOn,
    confirmedUnusual: true,
  });
  await registerAppeal(w, appealId, dates.registeredOn, dates.appealReceivedOn);
  return { w, appealId };
}

/** An appeal the council received Mon 5 Jan 2026: its response was due Mon 16 Feb 2026, before the run's today. */
const RECEIVED_IN_JANUARY = {
  decisionDate: '2025-11-17',
  letterSent: '2025-11-18',
  lodgedOn: '2025-12-15',
  registeredOn: '2026-01-02',
  appealReceivedOn: '2026-01-05',
};

const sequenceOf = (history: HistoryEvent[], type: string) =>
  history.find((e) => e.type === type)!.sequence;
const deadlineRows = async (caseId: string) =>
  Number(
    (await sql(`SELECT count(*) FROM deadline WHERE case_id = $1`, [caseId]))[0]
      .count,
  );
const eventIdAt = async (caseId: string, sequence: number) =>
  (
    await sql<{ id: string }>(
      `SELECT id FROM case_event WHERE case_id = $1 AND sequence = $2`,
      [caseId, sequence],
    )
  )[0]!.id;

async function storedSnapshotIsReplay(caseId: string): Promise<void> {
  const rows = await sql<{ type: string; payload: Record<string, unknown> }>(
    `SELECT type, payload FROM case_event WHERE case_id = $1 ORDER BY sequence`,
    [caseId],
  );
  const [stored] = await sql<{ snapshot: unknown }>(
    `SELECT snapshot FROM "case" WHERE id = $1`,
    [caseId],
  );
  expect(
    replayCase(rows.map((r) => ({ type: r.type, ...r.payload }) as CaseEvent)),
  ).toEqual(stored!.snapshot);
}

describe('dry runs: what an entry would do, with nothing saved', () => {
  it('answers 200 with the case as it would be, its new deadline explained, and writes nothing', async () => {
    const w = await Walk.open('Riley Dry-Run', '2013-02-02');
    const d = await w.post(
      '/decisions',
      {
        type: 'refuse_amend',
        decisionDate: '2026-02-16',
        letterSent: '2026-02-17',
        sections: ['F'],
      },
      'decision.issued',
    );
    const a = await w.post(
      '/appeals',
      {
        decisionId: d.decisions[0]!.id,
        tribunalReference: tribunalReference('26'),
        lodgedOn: '2026-02-20',
        confirmedUnusual: true,
      },
      'appeal.lodged',
    );
    const appealId = a.appeals[0]!.id;
    const before = {
      events: await caseEventCount(w.id, true),
      rows: await deadlineRows(w.id),
      deadlines: a.deadlines.length,
    };

    const preview = await api<Detail & { dryRun?: boolean }>(
      'POST',
      `/cases/${w.id}/appeals/${appealId}/registration`,
      {
        expectedVersion: w.version,
        registeredOn: '2026-02-24',
        appealReceivedOn: '2026-02-25',
        dryRun: true,
      },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.dryRun).toBe(true);
    expect(preview.body.version).toBe(w.version + 1);
    // HESC r.21, r.12: Wed 25 Feb 2026 + 30 Tribunal working days, skipping Good Friday 3 Apr and Easter Monday 6 Apr = Fri 10 Apr 2026.
    const response = preview.body.deadlines.find(
      (x) => x.ruleId === 'tribunal.la_response',
    )!;
    expect(response).toMatchObject({
      subjectId: appealId,
      dueOn: '2026-04-10',
      status: 'open',
    });
    expect(response.explanation.at(-1)).toContain('Fri 10 Apr 2026');

    // Nothing was saved: no event, no deadline row, the version unchanged.
    expect(await caseEventCount(w.id, true)).toBe(before.events);
    expect(await deadlineRows(w.id)).toBe(before.rows);
    const now = await api<Detail>('GET', `/cases/${w.id}`);
    expect(now.body.version).toBe(w.version);
    expect(now.body.deadlines).toHaveLength(before.deadlines);
    expect(now.body.deadlines.map((x) => x.ruleId)).not.toContain(
      'tribunal.la_response',
    );

    // The real write gives what the dry run showed.
    const saved = await w.post(
      `/appeals/${appealId}/registration`,
      { registeredOn: '2026-02-24', appealReceivedOn: '2026-02-25' },
      'appeal.registered',
    );
    expect(
      saved.deadlines.find((x) => x.ruleId === 'tribunal.la_response'),
    ).toMatchObject({ dueOn: '2026-04-10', status: 'open' });
  });

  it('refuses what the real write would refuse (out of order, stale version, bad dryRun), writing nothing', async () => {
    const { w, appealId } = await registeredAppeal('Riley Dry-Run-Refused');
    const before = await caseEventCount(w.id, true);
    const twice = await api<Problem>(
      'POST',
      `/cases/${w.id}/appeals/${appealId}/registration`,
      {
        expectedVersion: w.version,
        registeredOn: '2026-02-24',
        appealReceivedOn: '2026-02-25',
        dryRun: true,
      },
    );
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toContain('already recorded as registered');
    const stale = await api<Problem>(
      'POST',
      `/cases/${w.id}/appeals/${appealId}/hearing`,
      {
        expectedVersion: w.version - 1,
        hearingDate: '2026-06-01',
        dryRun: true,
      },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain('changed since you opened it');
    const notBoolean = await api<Problem>(
      'POST',
      `/cases/${w.id}/appeals/${appealId}/hearing`,
      { expectedVersion: w.version, hearingDate: '2026-06-01', dryRun: 'yes' },
    );
    expect(notBoolean.status).toBe(400);
    expect(notBoolean.body.detail).toContain('Dry run must be true or false');
    expect(await caseEventCount(w.id, true)).toBe(before);
  });
});

describe('corrections: a new event pointing to the one it corrects; the deadlines follow', () => {
  it('moves the council’s response deadline when the date it received the appeal is corrected', async () => {
    const { w, appealId } = await registeredAppeal('Avery Correction');
    const history = await w.history();
    const registration = sequenceOf(history, 'appeal.registered');
    const [original] = await sql<{ id: string }>(
      `SELECT id FROM case_event WHERE case_id = $1 AND sequence = $2`,
      [w.id, registration],
    );
    const oldDeadline = w.find('tribunal.la_response', appealId)!;
    // As if the worker had already timed its next action for the first reminder before Fri 10 Apr.
    await sql(
      `UPDATE deadline SET next_action_at = '2026-04-03T07:00:00Z' WHERE id = $1`,
      [oldDeadline.id],
    );

    const corrected = await w.post(
      `/events/${registration}/correction`,
      {
        changes: { appealReceivedOn: '2026-02-27' },
        reason:
          'The Tribunal’s letter shows the appeal reached the council on Friday 27 February.',
      },
      'event.corrected',
    );
    // Fri 27 Feb 2026 + 30 Tribunal working days, skipping Good Friday 3 Apr and Easter Monday 6 Apr = Tue 14 Apr 2026.
    w.expect('tribunal.la_response', appealId, {
      dueOn: '2026-04-14',
      status: 'open',
    });
    expect(
      corrected.deadlines.find((x) => x.ruleId === 'tribunal.la_response')!.id,
    ).toBe(oldDeadline.id); // the same deadline, moved
    expect(
      (corrected.appeals[0] as { appealReceivedOn?: string }).appealReceivedOn,
    ).toBe('2026-02-27');

    const [event] = await sql<{
      corrects_event_id: string;
      reason: string;
      summary: string;
      payload: Record<string, unknown>;
    }>(
      `SELECT corrects_event_id, reason, summary, payload FROM case_event WHERE case_id = $1 AND type = 'event.corrected'`,
      [w.id],
    );
    expect(event!.corrects_event_id).toBe(original!.id);
    expect(event!.reason).toContain('Friday 27 February');
    expect(event!.summary).toBe(
      `Correction to event ${registration}: date the council received the appeal: Wed 25 Feb 2026 → Fri 27 Feb 2026`,
    );
    expect(event!.payload).toMatchObject({
      changes: { appealReceivedOn: '2026-02-27' },
      previous: { appealReceivedOn: '2026-02-25' },
    });
    // The moved deadline is looked at again and timed from its new date: its first reminder, 10 working days before
    // Tue 14 Apr (Good Friday and Easter Monday skipped), is Fri 27 Mar 2026 at 08:00 (for 10 Apr it was Wed 25 Mar).
    await eventually(async () => {
      const [timed] = await sql<{ next: Date | null }>(
        `SELECT next_action_at AS next FROM deadline WHERE id = $1`,
        [oldDeadline.id],
      );
      return (
        timed?.next?.toISOString() === '2026-03-27T08:00:00.000Z' || undefined
      );
    });
    // The original event is untouched.
    const [kept] = await sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM case_event WHERE id = $1`,
      [original!.id],
    );
    expect(kept!.payload).toMatchObject({ appealReceivedOn: '2026-02-25' });
    await storedSnapshotIsReplay(w.id);
    expect(w.problems).toEqual([]);
  });

  it('shows a response met late once its date is corrected past the due date', async () => {
    const { w, appealId } = await registeredAppeal(
      'Avery Late-Response',
      RECEIVED_IN_JANUARY,
    );
    // HESC r.21, r.12: received Mon 5 Jan 2026 + 30 Tribunal working days (no holidays between) = Mon 16 Feb 2026.
    await w.post(
      `/appeals/${appealId}/response`,
      { sentOn: '2026-02-13' },
      'appeal.response_sent',
    );
    w.expect('tribunal.la_response', appealId, {
      dueOn: '2026-02-16',
      status: 'met',
      metOn: '2026-02-13',
      metOnTime: true,
    });
    const sent = sequenceOf(await w.history(), 'appeal.response_sent');
    // A date that has not come yet cannot be the date it was sent.
    await w.refused(
      `/events/${sent}/correction`,
      { changes: { sentOn: '2026-03-03' }, reason: 'Sent on 3 March.' },
      400,
      /is after today \(Mon 2 Mar 2026\): record it once it has happened/,
      'a date after today',
    );
    await w.post(
      `/events/${sent}/correction`,
      {
        changes: { sentOn: '2026-02-20' },
        reason: 'Sent on 20 February; 13 February was the draft.',
      },
      'event.corrected',
    );
    w.expect('tribunal.la_response', appealId, {
      dueOn: '2026-02-16',
      status: 'met',
      metOn: '2026-02-20',
      metOnTime: false,
    });
    await storedSnapshotIsReplay(w.id);
    expect(w.problems).toEqual([]);
  });

  it('moves the due date of a deadline already met when the fact it runs from is corrected: met on time becomes met late', async () => {
    const { w, appealId } = await registeredAppeal(
      'Avery Moved-After-Met',
      RECEIVED_IN_JANUARY,
    );
    // Received Mon 5 Jan 2026: due Mon 16 Feb 2026; sent Fri 13 Feb, on time.
    await w.post(
      `/appeals/${appealId}/response`,
      { sentOn: '2026-02-13' },
      'appeal.response_sent',
    );
    w.expect('tribunal.la_response', appealId, {
      dueOn: '2026-02-16',
      status: 'met',
      metOn: '2026-02-13',
      metOnTime: true,
    });
    const history = await w.history();
    const registration = sequenceOf(history, 'appeal.registered');
    const response = sequenceOf(history, 'appeal.response_sent');
    await w.post(
      `/events/${registration}/correction`,
      {
        changes: { registeredOn: '2025-12-19', appealReceivedOn: '2025-12-22' },
        reason:
          'The Tribunal registered the appeal and sent it before Christmas.',
      },
      'event.corrected',
    );
    // HESC r.21, r.12: received Mon 22 Dec 2025 + 30 Tribunal working days: Tue 23 and Wed 24 Dec (2), 25 Dec to
    // 1 Jan skipped, Fri 2 Jan (3), 5-9 Jan (8), 12-16 Jan (13), 19-23 Jan (18), 26-30 Jan (23), 2-6 Feb (28),
    // Mon 9 Feb (29), Tue 10 Feb (30) = Tue 10 Feb 2026. The response of Fri 13 Feb is now late.
    const d = w.expect('tribunal.la_response', appealId, {
      dueOn: '2026-02-10',
      status: 'met',
      metOn: '2026-02-13',
      metOnTime: false,
    });
    // The row still names the events that opened and met it, not the correction.
    const [row] = await sql<{
      opened_by_event_id: string;
      closed_by_event_id: string;
    }>(
      `SELECT opened_by_event_id, closed_by_event_id FROM deadline WHERE id = $1`,
      [d!.id],
    );
    expect(row).toEqual({
      opened_by_event_id: await eventIdAt(w.id, registration),
      closed_by_event_id: await eventIdAt(w.id, response),
    });
    await storedSnapshotIsReplay(w.id);
    expect(w.problems).toEqual([]);
  });

  it('refuses a correction the rest of the history contradicts, a field that cannot be corrected, and no reason, writing nothing', async () => {
    const { w } = await registeredAppeal('Avery Refused-Correction');
    const history = await w.history();
    const lodged = sequenceOf(history, 'appeal.lodged');
    const before = await caseEventCount(w.id, true);
    // The appeal was registered on Tue 24 Feb: it cannot have been lodged after that.
    await w.refused(
      `/events/${lodged}/correction`,
      { changes: { lodgedOn: '2026-02-26' }, reason: 'Typed wrongly.' },
      400,
      /no longer fits: The appeal cannot have been registered/,
      'a correction that later events contradict',
    );
    await w.refused(
      `/events/${lodged}/correction`,
      { changes: { appealId: 'x' }, reason: 'Typed wrongly.' },
      400,
      /'appealId' cannot be corrected/,
      'an id',
    );
    await w.refused(
      `/events/${lodged}/correction`,
      { changes: { lodgedOn: '2026-02-30' }, reason: 'Typed wrongly.' },
      400,
      /Check the date lodged: '2026-02-30' is not a real date/,
      'an impossible date',
    );
    await w.refused(
      `/events/${lodged}/correction`,
      { changes: { lodgedOn: '2026-02-19' } },
      400,
      /Reason/,
      'no reason',
    );
    await w.refused(
      `/events/99/correction`,
      { changes: { lodgedOn: '2026-02-19' }, reason: 'Typed wrongly.' },
      404,
      /has no event 99/,
      'no such event',
    );
    expect(await caseEventCount(w.id, true)).toBe(before);
    expect(w.problems).toEqual([]);
  });
});
