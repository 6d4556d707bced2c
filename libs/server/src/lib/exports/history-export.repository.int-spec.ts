import type { HistoryExportEvent } from '@send/contracts';
import type { CaseEvent } from '@send/domain';
import type { DataSource } from 'typeorm';
import {
  caseWritePath,
  connect,
  fixedClock,
  insertActor,
  recordCase,
  unique,
} from '../../testing/int-database';
import { verifyHistory } from '../history/verify-chain';
import type { Actor } from '../identity/actor';
import {
  type ExportEventRow,
  type ExportExtent,
  HistoryExportRepository,
} from './history-export.repository';

/*
 * What an export reads of the history against PostgreSQL: for a case, its events by sequence; for
 * a period, the cases with an event in it, in reference order, each with its WHOLE stored history
 * (its hash chain is checked from the first event), streamed from a cursor. Every event's columns
 * as its hash covers them: checked by verifying the chain of what was read. The cases here are of
 * 2033, a year no other test records in, so a period of 2033 holds them alone.
 */

/** An instant with milliseconds: `recordedAt` is read as the ISO text the hash covers, to the millisecond. */
const NOW = '2033-06-01T10:00:00.456Z';
const clock = fixedClock(NOW);

/** The event as it was hashed: the row without its case's reference and child. */
const eventOf = (row: ExportEventRow): HistoryExportEvent =>
  Object.fromEntries(
    Object.entries(row).filter(
      ([k]) => k !== 'caseReference' && k !== 'childName',
    ),
  ) as unknown as HistoryExportEvent;

const requested = (receivedOn: string): CaseEvent =>
  ({
    type: 'assessment.requested',
    requestId: unique('request'),
    receivedOn,
  }) as CaseEvent;

describe('the history as an export reads it, against PostgreSQL (HistoryExportRepository)', () => {
  let db: DataSource;
  let history: HistoryExportRepository;
  let actor: Actor;
  /** Reference prefix of this run's cases: their reference order is the order of the letters after it. */
  const prefix = unique('HX');
  const cases: Record<'a' | 'b' | 'c' | 'd', string> = {
    a: '',
    b: '',
    c: '',
    d: '',
  };

  const caseExtent = (caseId: string): ExportExtent => ({
    scope: 'case',
    case_id: caseId,
    from_date: null,
    to_date: null,
  });
  const may2033: ExportExtent = {
    scope: 'period',
    case_id: null,
    from_date: '2033-05-01',
    to_date: '2033-05-31',
  };

  const readAll = async (extent: ExportExtent) => {
    const rows: ExportEventRow[] = [];
    const stream = await history.events(extent);
    try {
      for await (const row of stream) rows.push(row);
    } finally {
      stream.destroy();
    }
    return rows;
  };

  beforeAll(async () => {
    db = await connect();
    history = new HistoryExportRepository(db);
    const { commands } = await caseWritePath(db, clock);
    actor = await insertActor(db, 'Casey Worker');
    const open = (letter: string, openedOn: string, events: CaseEvent[] = []) =>
      recordCase(
        commands,
        actor,
        {
          reference: `${prefix}-${letter}`,
          openedOn,
          childName: `Child ${letter.toUpperCase()}`,
        },
        events,
      );
    // b and a opened in the period (a with a second event in it), c before it and nothing since,
    // d before it with an event in it.
    cases.b = await open('b', '2033-05-03');
    cases.a = await open('a', '2033-05-02', [requested('2033-05-20')]);
    cases.c = await open('c', '2033-04-01');
    cases.d = await open('d', '2033-04-02', [requested('2033-05-15')]);
  });
  afterAll(() => db.destroy());

  it('counts the events an export reads: a case’s, or the whole histories of the cases with an event in the period', async () => {
    expect(await history.eventsTotal(caseExtent(cases.a))).toBe(2);
    expect(await history.eventsTotal(caseExtent(cases.c))).toBe(1);
    // a (2), b (1), d (2, its event of April included); not c.
    expect(await history.eventsTotal(may2033)).toBe(5);
    expect(
      await history.eventsTotal({
        ...may2033,
        from_date: '2033-07-01',
        to_date: '2033-07-31',
      }),
    ).toBe(0);
  });

  it('reads a case’s events by sequence, every column its hash covers, with its case’s reference and child', async () => {
    const rows = await readAll(caseExtent(cases.d));
    expect(rows.map((r) => [r.sequence, r.type, r.businessDate])).toEqual([
      [1, 'case.opened', '2033-04-02'],
      [2, 'assessment.requested', '2033-05-15'],
    ]);
    const stored = (await db.query(
      `SELECT id, recorded_at FROM case_event WHERE case_id = $1 ORDER BY sequence`,
      [cases.d],
    )) as { id: string; recorded_at: Date }[];
    expect(rows[0]).toMatchObject({
      id: stored[0]?.id,
      caseId: cases.d,
      actorId: actor.id,
      actorName: 'Casey Worker',
      actorRole: 'caseworker',
      onBehalfOf: null,
      stageBefore: null,
      previousHash: null,
      caseReference: `${prefix}-d`,
      childName: 'Child D',
    });
    // The ISO text `Date.toISOString` writes, to the millisecond, made by PostgreSQL.
    expect(rows.map((r) => r.recordedAt)).toEqual(
      stored.map((s) => s.recorded_at.toISOString()),
    );
    expect(rows[0]?.recordedAt).toBe(NOW);
    expect(verifyHistory(rows.map(eventOf))).toEqual({
      valid: true,
      events: 2,
    });
  });

  it('reads a period’s cases in reference order, each with its whole history by sequence; not a case with no event in the period', async () => {
    const rows = await readAll(may2033);
    expect(rows.map((r) => [r.caseReference, r.sequence])).toEqual([
      [`${prefix}-a`, 1],
      [`${prefix}-a`, 2],
      [`${prefix}-b`, 1],
      [`${prefix}-d`, 1],
      [`${prefix}-d`, 2],
    ]);
    for (const caseId of [cases.a, cases.b, cases.d]) {
      const events = rows.filter((r) => r.caseId === caseId).map(eventOf);
      expect(verifyHistory(events).valid).toBe(true);
    }
  });

  it('gives its connection back to the pool when the stream is destroyed before its end', async () => {
    // More streams than the pool's connections (4), each left after its first row.
    for (let i = 0; i < 6; i++) {
      const stream = await history.events(may2033);
      expect(await stream[Symbol.asyncIterator]().next()).toMatchObject({
        done: false,
      });
      stream.destroy();
    }
    expect(await history.eventsTotal(caseExtent(cases.b))).toBe(1);
  });
});
