import { NotFoundException } from '@nestjs/common';
import type { HistoryEventView, HistoryExportEvent } from '@send/contracts';
import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import {
  caseWritePath,
  connect,
  fixedClock,
  insertActor,
  recordCase,
  unique,
} from '../../testing/int-database';
import type { CaseCommandService } from '../cases/case-command.service';
import type { Actor } from '../identity/actor';
import { eventHash } from './event-hash';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';
import { verifyHistory } from './verify-chain';

/*
 * A case's history against PostgreSQL: the events recorded through the real write path are
 * hash-chained (each event's SHA-256 covers its content and the hash of the one before), so that an
 * investigator or the Local Government and Social Care Ombudsman can rely on the record being the
 * one made at the time. The chain verifies for an untouched case; an event altered behind the
 * application's back is reported at its own sequence, and one whose hash was recomputed too breaks
 * the link of the next. The CSV (for people) and the JSON (for `verify-history`, offline) hold every
 * event.
 */

const clock = fixedClock('2026-03-02T10:00:00Z');
/** A rationale a spreadsheet would run as a formula: the CSV must show it as text. */
const FORMULA = '=HYPERLINK("http://example.net","click")';

const text = async (stream: Readable): Promise<string> => {
  let all = '';
  for await (const chunk of stream) all += String(chunk);
  return all;
};

describe('a case’s history, its hash chain and its CSV and JSON against PostgreSQL (HistoryService)', () => {
  let db: DataSource;
  let history: HistoryService;
  let commands: CaseCommandService;
  let actor: Actor;

  /** A case with a contact, a decision (rationale given) and the family's contact with the mediation adviser: 4 events. */
  async function newCase(): Promise<{ caseId: string; reference: string }> {
    const reference = unique('HIS');
    const decisionId = randomUUID();
    const caseId = await recordCase(
      commands,
      actor,
      { reference, openedOn: '2026-02-02', childName: 'Alex Example' },
      [
        {
          type: 'contact.added',
          contactId: randomUUID(),
          name: 'Jo Example',
          relationship: 'Parent',
          email: 'jo@example.net',
          addedOn: '2026-02-02',
        },
        {
          type: 'decision.issued',
          decisionId,
          decisionType: 'refuse_assessment',
          decisionDate: '2026-02-09',
          letterSent: '2026-02-10',
          sections: [],
          rationale: FORMULA,
        },
        {
          type: 'mediation.adviser_contacted',
          mediationId: randomUUID(),
          decisionId,
          providerName: 'Example Mediation',
          contactedOn: '2026-02-16',
          healthInIssue: false,
          socialCareInIssue: false,
        },
      ],
    );
    return { caseId, reference };
  }

  /** Changes an event's row as someone with the database's owner rights could: triggers off, in one transaction. */
  async function tamper(sql: string, params: unknown[]): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query(sql, params);
    });
  }

  const exported = async (caseId: string) =>
    JSON.parse(await text((await history.historyJson(caseId)).stream)) as {
      caseId: string;
      reference: string;
      events: HistoryExportEvent[];
    };

  beforeAll(async () => {
    db = await connect();
    ({ commands } = await caseWritePath(db, clock));
    history = new HistoryService(new HistoryRepository(db));
    actor = await insertActor(db, 'Casey Worker');
  });
  afterAll(() => db.destroy());

  it('the chain of an untouched case verifies, event by event, from 1 with no gap', async () => {
    const { caseId } = await newCase();
    expect(await history.verify(caseId)).toEqual({ valid: true, events: 4 });
    const events = await history.history(caseId);
    expect(events.map((e) => [e.sequence, e.type])).toEqual([
      [1, 'case.opened'],
      [2, 'contact.added'],
      [3, 'decision.issued'],
      [4, 'mediation.adviser_contacted'],
    ]);
    expect(events[0]?.previousHash).toBeNull();
    for (let i = 1; i < events.length; i++)
      expect(events[i]?.previousHash).toBe(events[i - 1]?.hash);
    // Paged: after event 2, at most one.
    expect(
      (await history.history(caseId, { after: 2, limit: 1 })).map(
        (e) => e.sequence,
      ),
    ).toEqual([3]);
  });

  it('the history is append-only: an UPDATE or a DELETE through the database is refused', async () => {
    const { caseId } = await newCase();
    await expect(
      db.query(
        `UPDATE case_event SET payload = '{}'::jsonb WHERE case_id = $1 AND sequence = 3`,
        [caseId],
      ),
    ).rejects.toThrow(/case_event is append-only: UPDATE is not allowed/);
    await expect(
      db.query(`DELETE FROM case_event WHERE case_id = $1 AND sequence = 4`, [
        caseId,
      ]),
    ).rejects.toThrow(/case_event is append-only: DELETE is not allowed/);
    expect(await history.verify(caseId)).toEqual({ valid: true, events: 4 });
  });

  it('an event altered directly in SQL is reported as broken at its own sequence, online and in the exported JSON', async () => {
    const { caseId } = await newCase();
    // The decision's date moved a week later, as if to make a late decision look on time.
    await tamper(
      `UPDATE case_event SET payload = jsonb_set(payload, '{decisionDate}', '"2026-02-16"') WHERE case_id = $1 AND sequence = 3`,
      [caseId],
    );
    const result = await history.verify(caseId);
    expect(result).toMatchObject({
      valid: false,
      events: 4,
      firstMismatch: {
        sequence: 3,
        problem: expect.stringMatching(/content does not match its hash/),
      },
    });
    const json = await exported(caseId);
    expect(verifyHistory(json.events)).toEqual(result);
  });

  it('an altered event whose hash was recomputed breaks the link of the next event; a removed event leaves a gap', async () => {
    const { caseId } = await newCase();
    const [, second] = (await exported(caseId)).events;
    const altered = {
      ...(second as HistoryExportEvent),
      payload: { ...second?.payload, email: 'someone.else@example.net' },
    };
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { hash, ...content } = altered;
    await tamper(
      `UPDATE case_event SET payload = $2::jsonb, hash = $3 WHERE case_id = $1 AND sequence = 2`,
      [caseId, JSON.stringify(altered.payload), eventHash(content)],
    );
    expect(await history.verify(caseId)).toMatchObject({
      valid: false,
      events: 4,
      firstMismatch: {
        sequence: 3,
        problem: expect.stringMatching(/link to the previous event/),
      },
    });

    const other = await newCase();
    await tamper(`DELETE FROM case_event WHERE case_id = $1 AND sequence = 2`, [
      other.caseId,
    ]);
    expect(await history.verify(other.caseId)).toMatchObject({
      valid: false,
      events: 3,
      firstMismatch: {
        sequence: 3,
        problem: expect.stringMatching(/an event is missing/),
      },
    });
  });

  it('the JSON holds every event with every hashed field, and verifies offline', async () => {
    const { caseId, reference } = await newCase();
    const json = await exported(caseId);
    expect(json).toMatchObject({ caseId, reference });
    expect(json.events.map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
    expect(verifyHistory(json.events)).toEqual({ valid: true, events: 4 });
    const stored = await history.history(caseId);
    expect(json.events.map((e) => e.hash)).toEqual(stored.map((e) => e.hash));
  });

  it('the CSV has a row for every event, in words, with its hash, and a rationale shown as text, never run as a formula', async () => {
    const { caseId, reference } = await newCase();
    const csv = await history.historyCsv(caseId);
    expect(csv.reference).toBe(reference);
    const rows = parse(await text(csv.stream), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    const stored = await history.history(caseId);
    expect(rows.map((r) => r['Event number'])).toEqual(['1', '2', '3', '4']);
    expect(rows.map((r) => r['Hash (SHA-256)'])).toEqual(
      stored.map((e) => e.hash),
    );
    expect(rows.every((r) => r['Case reference'] === reference)).toBe(true);
    expect(rows[2]).toMatchObject({
      'Event type (code)': 'decision.issued',
      'Date it happened': 'Mon 9 Feb 2026',
      'Recorded by': 'Casey Worker',
      'Decision rationale': `'${FORMULA}`,
    });
    expect(rows[2]?.['Other details']).toContain(
      'Decision type: Not to carry out an EHC needs assessment',
    );
  });

  it('answers 404 for a case that does not exist', async () => {
    const nobody = randomUUID();
    await expect(history.verify(nobody)).rejects.toThrow(NotFoundException);
    await expect(history.historyCsv(nobody)).rejects.toThrow(NotFoundException);
    await expect(history.history(nobody)).rejects.toThrow(NotFoundException);
    await expect(history.historyJson(nobody)).rejects.toThrow(
      NotFoundException,
    );
  });

  it('the page (one statement) shows each event as stored: times to the millisecond, no empty reason, [] past the end', async () => {
    const { caseId } = await newCase();
    const stored = (await db.query(
      `SELECT id, sequence, type, summary, business_date AS "businessDate", recorded_at AS "recordedAt",
              actor_name AS "actorName", actor_role AS "actorRole", reason, corrects_event_id AS "correctsEventId",
              payload, hash, previous_hash AS "previousHash"
       FROM case_event WHERE case_id = $1 ORDER BY sequence`,
      [caseId],
    )) as (HistoryEventView & {
      recordedAt: Date;
      reason: string | null;
      correctsEventId: string | null;
    })[];
    expect(await history.history(caseId)).toStrictEqual(
      stored.map(({ reason, correctsEventId, ...e }) => ({
        ...e,
        recordedAt: e.recordedAt.toISOString(),
        ...(reason ? { reason } : {}),
        ...(correctsEventId ? { correctsEventId } : {}),
      })),
    );
    expect(await history.history(caseId, { after: 4 })).toEqual([]);
    // The id as stored, whatever case the caller wrote it in.
    expect((await exported(caseId.toUpperCase())).caseId).toBe(caseId);
  });
});
