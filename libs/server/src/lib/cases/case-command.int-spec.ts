import { type Calendar, type CaseEvent, correctionOf } from '@send/domain';
import type { DataSource } from 'typeorm';
import {
  caseWritePath,
  config,
  connect,
  fixedClock,
  insertActor,
  insertStaff,
  unique,
} from '../../testing/int-database';
import type { Actor } from '../identity/actor';
import { StaffRepository } from '../auth/staff.repository';
import { DeadlineRepository } from '../deadlines/deadline.repository';
import { type DeadlineRecord, LedgerRepository } from './ledger.repository';
import { DeadlineService } from '../deadlines/deadline.service';
import { eventHash } from '../history/event-hash';
import { CaseCommandService } from './case-command.service';
import { CaseQueryService } from './case-query.service';
import { type CasePageRow, CaseRepository } from './case.repository';

const clock = fixedClock('2026-01-07T10:00:00Z');
const decision: CaseEvent = {
  type: 'decision.issued',
  decisionId: 'd1',
  decisionType: 'final_plan_content',
  decisionDate: '2026-01-05',
  letterSent: '2026-01-06',
  sections: ['F', 'I'],
};
// About the school named only (section I): no mediation certificate is needed.
const lodged: CaseEvent = {
  type: 'appeal.lodged',
  appealId: 'a1',
  decisionId: 'd1',
  tribunalReference: 'EH123/26/00001',
  lodgedOn: '2026-01-07',
  sections: ['I'],
};

describe('the case write path against PostgreSQL (CaseCommandService, CaseRepository, LedgerRepository)', () => {
  let db: DataSource;
  let calendar: Calendar;
  let cases: CaseRepository;
  let deadlines: LedgerRepository;
  let commands: CaseCommandService;
  let actor: Actor;

  const open = async (team = actor.team) =>
    (
      await commands.open(
        {
          type: 'case.opened',
          reference: unique('INT'),
          childName: 'Alex Example',
          dateOfBirth: '2015-04-02',
          caseworker: actor.name,
          team,
          openedOn: '2026-01-05',
        },
        actor,
      )
    ).caseId;
  /** The case page's reads, over the repositories. */
  const caseQueries = () =>
    new CaseQueryService(
      new DeadlineService(
        new DeadlineRepository(db),
        new StaffRepository(db),
        clock,
      ),
      cases,
    );
  const events = (caseId: string) =>
    db.query(
      `SELECT sequence, type, previous_hash, hash FROM case_event WHERE case_id = $1 ORDER BY sequence`,
      [caseId],
    ) as Promise<
      {
        sequence: number;
        type: string;
        previous_hash: string | null;
        hash: string;
      }[]
    >;

  beforeAll(async () => {
    db = await connect();
    ({
      calendar,
      cases,
      ledger: deadlines,
      commands,
    } = await caseWritePath(db, clock));
    actor = await insertActor(db, 'Casey Worker');
  });
  afterAll(() => db.destroy());

  it('opens a case: the case row at version 1 and its first history event, hashed, with no previous hash', async () => {
    const id = await open();
    const c = await cases.byId(id);
    expect(c).toMatchObject({
      id,
      version: 1,
      caseworker: 'Casey Worker',
      caseworkerId: actor.id,
      team: actor.team,
      dateOfBirth: '2015-04-02',
    });
    expect(c?.snapshot.reference).toBe(c?.reference);
    const [first, ...rest] = await events(id);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      sequence: 1,
      type: 'case.opened',
      previous_hash: null,
    });
    expect(first?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a second case with the same reference', async () => {
    const id = await open();
    const c = await cases.byId(id);
    await expect(
      commands.open(
        {
          type: 'case.opened',
          reference: c!.reference,
          childName: 'B',
          dateOfBirth: '2015-01-01',
          caseworker: 'x',
          team: actor.team,
          openedOn: '2026-01-05',
        },
        actor,
      ),
    ).rejects.toMatchObject({
      status: 409,
    });
  });

  it('records an event: the case, its chained history event and its deadline ledger rows together', async () => {
    const id = await open();
    const recorded = await commands.record(id, decision, actor, {
      expectedVersion: 1,
    });
    expect(recorded).toMatchObject({ sequence: 2, version: 2 });
    const [first, second] = await events(id);
    expect(second).toMatchObject({
      sequence: 2,
      type: 'decision.issued',
      previous_hash: first?.hash,
    });
    const stored = await db.query(
      `SELECT * FROM case_event WHERE case_id = $1 AND sequence = 2`,
      [id],
    );
    expect(stored).toHaveLength(1);
    const ledger = await deadlines.ledgerOf(db, id);
    expect(ledger.length).toBeGreaterThan(0);
    for (const d of ledger) {
      expect(d).toMatchObject({
        caseId: id,
        owner: 'Casey Worker',
        ownerId: actor.id,
        openedByEventId: recorded.eventId,
      });
      expect(d.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (d.status === 'open') expect(d.nextActionAt).toEqual(clock.now());
    }
    // Recording it again is checked against the history: the same decision cannot be issued twice.
    await expect(
      commands.record(id, decision, actor, { expectedVersion: 2 }),
    ).rejects.toThrow();
  });

  it('reads what a case holds in one statement exactly as their own reads give them (times as Dates)', async () => {
    const id = await open();
    await commands.record(id, decision, actor, { expectedVersion: 1 });
    const byId = <T extends { id: string }>(rows: T[]) =>
      [...rows].sort((a, b) => a.id.localeCompare(b.id));
    const read = await cases.holdings(db, id);
    expect(read.history).toEqual(await cases.history(db, id));
    expect(read.documents).toEqual([]);
    expect(read.escalatesTo).toEqual([]);
    expect(read.ledger.length).toBeGreaterThan(0);
    expect(byId(read.ledger)).toEqual(byId(await deadlines.ledgerOf(db, id)));
    expect(read.ledger[0]?.timingFrom).toBeInstanceOf(Date);
  });

  it('answers the hash the history was written with (eventHash over the stored content)', async () => {
    const id = await open();
    const [row] = (await db.query(
      `SELECT id, case_id, sequence, type, payload_version, payload, actor_id, actor_name, actor_role, on_behalf_of, business_date::text AS business_date,
              recorded_at, summary, reason, stage_before, stage_after, correlation_id, corrects_event_id, previous_hash, hash
       FROM case_event WHERE case_id = $1`,
      [id],
    )) as Record<string, unknown>[];
    expect(
      eventHash({
        id: row!['id'] as string,
        caseId: id,
        sequence: 1,
        type: row!['type'] as string,
        payloadVersion: row!['payload_version'] as number,
        payload: row!['payload'] as Record<string, unknown>,
        actorId: row!['actor_id'] as string,
        actorName: row!['actor_name'] as string,
        actorRole: row!['actor_role'] as string,
        onBehalfOf: null,
        businessDate: row!['business_date'] as string,
        recordedAt: (row!['recorded_at'] as Date).toISOString(),
        summary: row!['summary'] as string,
        reason: null,
        stageBefore: null,
        stageAfter: row!['stage_after'] as string,
        correlationId: row!['correlation_id'] as string,
        correctsEventId: null,
        previousHash: null,
      }),
    ).toBe(row!['hash']);
  });

  it('rolls back the case change and its history event when a later write of the same transaction fails', async () => {
    const id = await open();
    class FailingLedger extends LedgerRepository {
      override async insertAll(): Promise<DeadlineRecord[]> {
        throw new Error('the disk is full');
      }
    }
    const failing = new CaseCommandService(
      db,
      cases,
      new FailingLedger(db),
      clock,
      calendar,
    );
    await expect(
      failing.record(id, decision, actor, { expectedVersion: 1 }),
    ).rejects.toThrow('the disk is full');
    expect((await cases.byId(id))?.version).toBe(1);
    expect((await cases.byId(id))?.snapshot.decisions ?? []).toEqual([]);
    expect(await events(id)).toHaveLength(1);
    expect(await deadlines.ledgerOf(db, id)).toEqual([]);
  });

  it('refuses a stale version (409) and writes nothing', async () => {
    const id = await open();
    await expect(
      commands.record(id, decision, actor, { expectedVersion: 7 }),
    ).rejects.toMatchObject({ status: 409 });
    expect(await events(id)).toHaveLength(1);
  });

  it('answers 404 for a case that does not exist', async () => {
    await expect(
      commands.record(
        '00000000-0000-4000-8000-000000000000',
        decision,
        actor,
        {},
      ),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('a dry run reads its own writes inside the transaction, then leaves nothing', async () => {
    const id = await open();
    const preview = await commands.dryRun(
      id,
      decision,
      actor,
      { expectedVersion: 1 },
      async (tx) => ({
        version: (await cases.byId(id, tx))?.version,
        deadlines: (await deadlines.ledgerOf(tx, id)).length,
      }),
    );
    expect(preview.version).toBe(2);
    expect(preview.deadlines).toBeGreaterThan(0);
    expect((await cases.byId(id))?.version).toBe(1);
    expect(await deadlines.ledgerOf(db, id)).toEqual([]);
  });

  it('the case page reads the case, its appeals and its deadlines (CaseQueryService over the repositories)', async () => {
    const id = await open();
    await commands.record(id, decision, actor, { expectedVersion: 1 });
    await commands.record(id, lodged, actor, { expectedVersion: 2 });
    const queries = caseQueries();
    const detail = await queries.detail(id);
    expect(detail).toMatchObject({ id, version: 3, team: actor.team });
    expect(detail.appeals).toHaveLength(1);
    expect(detail.appeals[0]).toMatchObject({
      decisionId: 'd1',
      tribunalReference: 'EH123/26/00001',
    });
    expect(detail.deadlines.length).toBeGreaterThan(0);
    expect(
      detail.deadlines.every(
        (d) => d.caseId === id && d.caseReference === detail.reference,
      ),
    ).toBe(true);
    // Which decision each deadline follows from: the domain's decisionOf over the stored history.
    expect([...new Set(detail.deadlines.map((d) => d.decisionId))]).toEqual([
      'd1',
    ]);
    expect((await cases.page(id))?.history).toEqual([
      expect.objectContaining({ type: 'case.opened' }),
      expect.objectContaining({
        type: 'decision.issued',
        payload: expect.objectContaining({ decisionId: 'd1' }),
      }),
      expect.objectContaining({ type: 'appeal.lodged' }),
    ]);
    expect(detail.documents).toEqual([]);
    // Each deadline escalates to the team's active managers, by name, read with the deadlines.
    const managers = ['Zed Manager', 'Ann Manager'];
    for (const name of managers)
      await insertStaff(db, { name, role: 'manager', team: actor.team });
    await insertStaff(db, {
      name: 'Other Manager',
      role: 'manager',
      team: unique('Team'),
    });
    expect(
      new Set(
        (await queries.detail(id)).deadlines.map((d) =>
          (d.escalatesTo ?? []).join(),
        ),
      ),
    ).toEqual(new Set(['Ann Manager,Zed Manager']));
    // A document as the page shows it: its time to the millisecond, as Date.toISOString writes it.
    const [event] = (await db.query(
      `SELECT id FROM case_event WHERE case_id = $1 AND sequence = 2`,
      [id],
    )) as { id: string }[];
    await db.query(
      `INSERT INTO document (id, case_id, event_id, event_sequence, filename, content_type, size, sha256, content, uploaded_at, uploaded_by)
       VALUES (gen_random_uuid(), $1, $2, 2, 'letter.pdf', 'application/pdf', 3, 'abc', '\\x010203', '2026-01-07 10:00:00.123987+00', 'Int Tester')`,
      [id, event?.id],
    );
    expect((await queries.detail(id)).documents).toEqual([
      {
        id: expect.any(String),
        eventSequence: 2,
        filename: 'letter.pdf',
        contentType: 'application/pdf',
        size: 3,
        sha256: 'abc',
        uploadedAt: '2026-01-07T10:00:00.123Z',
      },
    ]);
    await expect(
      queries.detail('00000000-0000-4000-8000-000000000000'),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('a write answers the case exactly as reading it back would (RecordedEvent.page): opened, decided, appealed, corrected, moved to another team, with a document', async () => {
    const queries = caseQueries();
    const otherTeam = unique('Team');
    for (const [name, team] of [
      ['Ann Lead', actor.team],
      ['Bo Lead', actor.team],
      ['Cy Lead', otherTeam],
    ] as const)
      await insertStaff(db, { name, role: 'manager', team });
    const same = async (recorded: { caseId: string; page: CasePageRow }) =>
      expect(queries.detailOf(recorded.page)).toEqual(
        await queries.detail(recorded.caseId),
      );
    const opened = await commands.open(
      {
        type: 'case.opened',
        reference: unique('INT'),
        childName: 'Alex Example',
        dateOfBirth: '2015-04-02',
        caseworker: actor.name,
        team: actor.team,
        openedOn: '2026-01-05',
      },
      actor,
    );
    await same(opened);
    const id = opened.caseId;
    const decided = await commands.record(id, decision, actor, {
      expectedVersion: 1,
    });
    expect(decided.page.ledger.length).toBeGreaterThan(0);
    await same(decided);
    await same(
      await commands.record(id, lodged, actor, { expectedVersion: 2 }),
    );
    // A document on the decision's event: the next write reads it with the rest under the lock.
    await db.query(
      `INSERT INTO document (id, case_id, event_id, event_sequence, filename, content_type, size, sha256, content, uploaded_at, uploaded_by)
       VALUES (gen_random_uuid(), $1, $2, 2, 'letter.pdf', 'application/pdf', 3, 'abc', '\\x010203', '2026-01-07 10:00:00.123987+00', 'Int Tester')`,
      [id, decided.eventId],
    );
    // A correction of the letter's date moves the deadlines it opened: rows updated, not inserted.
    const corrected = await commands.record(
      id,
      correctionOf(
        await commands.historyOf(db.manager, id),
        2,
        { letterSent: '2026-01-07' },
        '2026-01-07',
      ),
      actor,
      { expectedVersion: 3 },
    );
    expect(corrected.page.documents).toHaveLength(1);
    const dueOf = (page: CasePageRow) =>
      new Map(page.ledger.map((d) => [d.id, d.dueOn]));
    const before = dueOf(decided.page);
    expect(
      [...dueOf(corrected.page)].filter(
        ([id, due]) => before.has(id) && before.get(id) !== due,
      ).length,
    ).toBeGreaterThan(0);
    await same(corrected);
    // To another team: its deadlines now escalate to that team's managers.
    const moved = await commands.record(
      id,
      {
        type: 'case.reassigned',
        caseworker: 'Other Worker',
        team: otherTeam,
        reassignedOn: '2026-01-07',
      },
      actor,
      { expectedVersion: corrected.version },
    );
    expect(moved.page.escalatesTo).toEqual(['Cy Lead']);
    await same(moved);
  });

  it('config is the apps own (defaults applied)', () => {
    expect(config().SESSION_IDLE_MINUTES).toBeGreaterThan(0);
  });
});
