import { BadRequestException, ConflictException } from '@nestjs/common';
import { CaseRuleError } from '@send/domain';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  caseWritePath,
  connect,
  fixedClock,
  insertActor,
  recordCase,
  unique,
} from '../../testing/int-database';
import type { Actor } from '../identity/actor';
import type { CaseCommandService } from './case-command.service';
import {
  HistoryLoadService,
  MAX_HISTORY_ENTRIES,
} from './history-load.service';

/*
 * Loading a case's past in one go (a council moving off spreadsheets, or entries that reach the
 * system after the fact) against PostgreSQL: each entry is checked by the domain as the single-entry
 * endpoints check it, in order, in ONE transaction, so that either the whole batch is recorded or
 * none of it, the case's opening included. Here a request for an EHC needs assessment, which the
 * council must decide within 6 weeks of receiving (SEND Regs 2014 reg 5(1)), extended under an
 * exception of reg 5(4); a deadline already past when loaded is timed from the load, so that it is
 * not escalated before the caseworker has entered the rest.
 */

/** Monday 2 March 2026, 10:00 in London (GMT). */
const NOW = '2026-03-02T10:00:00Z';
const clock = fixedClock(NOW);

describe('loading a case’s history in one transaction against PostgreSQL (HistoryLoadService)', () => {
  let db: DataSource;
  let commands: CaseCommandService;
  let load: HistoryLoadService;
  let actor: Actor;

  /** A request received on `receivedOn`, and the entries that follow it, with the request's id. */
  const requestEntries = (receivedOn: string, requestId = randomUUID()) => ({
    requestId,
    requested: { type: 'assessment.requested', requestId, receivedOn },
    extended: (toDueOn: string) => ({
      type: 'deadline.extended',
      ruleId: 'assessment.decide',
      subjectId: requestId,
      toDueOn,
      ground: 'exceptional_personal_circumstances',
      reason: 'The family were abroad for a bereavement',
      agreedBy: 'Morgan Manager',
      extendedOn: '2026-02-10',
    }),
  });

  const caseByReference = async (reference: string) =>
    (await db.query(
      `SELECT id, version, caseworker, team FROM "case" WHERE reference = $1`,
      [reference],
    )) as { id: string; version: number; caseworker: string; team: string }[];

  const eventsOf = async (caseId: string) =>
    (await db.query(
      `SELECT sequence, type, reason, payload FROM case_event WHERE case_id = $1 ORDER BY sequence`,
      [caseId],
    )) as {
      sequence: number;
      type: string;
      reason: string | null;
      payload: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    db = await connect();
    const path = await caseWritePath(db, clock);
    commands = path.commands;
    load = new HistoryLoadService(
      db,
      path.commands,
      path.queries,
      clock,
      path.ledger,
    );
    actor = await insertActor(db, 'Casey Worker');
  });
  afterAll(() => db.destroy());

  it('imports a case with its past: opened on its first entry’s date, each entry recorded as loaded, an extension resolved against the deadline an earlier entry opened', async () => {
    const reference = unique('IMP');
    const r = requestEntries('2026-01-05');
    const detail = await load.importCase(
      {
        reference,
        childName: '  Robin Example ',
        dateOfBirth: '2015-09-01',
        entries: [
          {
            type: 'contact.added',
            contactId: randomUUID(),
            name: 'Jo Example',
            relationship: 'Parent',
            addedOn: '2026-01-07',
          },
          r.requested,
          r.extended('2026-03-16'),
        ],
      },
      actor,
    );
    expect(detail).toMatchObject({
      reference,
      childName: 'Robin Example',
      caseworker: 'Casey Worker',
      team: actor.team,
      // An extension changes no fact of the case: it does not move the version on (no open form goes stale).
      version: 3,
    });
    const events = await eventsOf(detail.id);
    expect(events.map((e) => [e.type, e.reason])).toEqual([
      ['case.opened', null],
      ['contact.added', 'Case history loaded'],
      ['assessment.requested', 'Case history loaded'],
      ['deadline.extended', 'Case history loaded'],
    ]);
    expect(events[0]?.payload['openedOn']).toBe('2026-01-05');
    // 6 weeks from 5 January is 16 February; extended to 16 March under reg 5(4).
    expect(events[3]?.payload).toMatchObject({
      fromDueOn: '2026-02-16',
      toDueOn: '2026-03-16',
    });
    const [deadline] = (await db.query(
      `SELECT status, due_on::text AS "dueOn", timing_from AS "timingFrom" FROM deadline
       WHERE case_id = $1 AND rule_id = 'assessment.decide'`,
      [detail.id],
    )) as { status: string; dueOn: string; timingFrom: Date }[];
    expect(deadline).toEqual({
      status: 'open',
      dueOn: '2026-03-16',
      timingFrom: new Date(NOW),
    });
  });

  it('a batch refused at one entry records nothing: not the entries before it, not even the case', async () => {
    const reference = unique('IMP');
    const r = requestEntries('2026-01-05');
    const refused = load.importCase(
      {
        reference,
        childName: 'Robin Example',
        dateOfBirth: '2015-09-01',
        entries: [
          r.requested,
          // Agreed to assess before the request arrived.
          {
            type: 'assessment.agreed',
            requestId: r.requestId,
            notifiedOn: '2026-01-02',
          },
        ],
      },
      actor,
    );
    await expect(refused).rejects.toThrow(CaseRuleError);
    await expect(refused).rejects.toThrow(
      /^Nothing was recorded\. Entry 2 \(assessment\.agreed\): /,
    );
    expect(await caseByReference(reference)).toEqual([]);

    // An extension that does not move the date later, found only once the earlier entry opened it.
    const late = requestEntries('2026-01-05');
    const notLater = load.importCase(
      {
        reference,
        childName: 'Robin Example',
        dateOfBirth: '2015-09-01',
        entries: [late.requested, late.extended('2026-02-16')],
      },
      actor,
    );
    await expect(notLater).rejects.toMatchObject({
      status: 400,
      message:
        'Nothing was recorded. Entry 2 (deadline.extended): toDueOn must be after the current due date (2026-02-16).',
    });
    expect(await caseByReference(reference)).toEqual([]);
  });

  it('refuses entries that are not entries of a case’s history, saying which and why, before touching the database', async () => {
    const reference = unique('IMP');
    const input = (entries: unknown[]) => ({
      reference,
      childName: 'Robin Example',
      dateOfBirth: '2015-09-01',
      entries,
    });
    const malformed = load.importCase(
      input([
        {
          type: 'assessment.requested',
          requestId: 'R-1',
          receivedOn: '5/1/2026',
        },
        { type: 'case.closed', closedOn: '2026-01-06' },
      ]),
      actor,
    );
    await expect(malformed).rejects.toThrow(BadRequestException);
    const message = await malformed.catch((e: Error) => e.message);
    expect(message).toMatch(/^Nothing was recorded\. /);
    expect(message).toContain(
      'entry 1 (assessment.requested): requestId must be a UUID',
    );
    expect(message).toContain(
      'entry 1 (assessment.requested): receivedOn must be a date written YYYY-MM-DD',
    );
    expect(message).toContain('entry 2 (case.closed)');
    await expect(load.importCase(input([]), actor)).rejects.toThrow(
      /at least one entry/,
    );
    const r = requestEntries('2026-01-05');
    await expect(
      load.importCase(
        input(
          Array.from({ length: MAX_HISTORY_ENTRIES + 1 }, () => r.requested),
        ),
        actor,
      ),
    ).rejects.toThrow(/at most 500 entries/);
    expect(await caseByReference(reference)).toEqual([]);
  });

  it('a dry run answers the case as it would be and keeps nothing, not even its reference; a reference in use is refused (409)', async () => {
    const reference = unique('IMP');
    const r = requestEntries('2026-01-05');
    const input = {
      reference,
      childName: 'Robin Example',
      dateOfBirth: '2015-09-01',
      entries: [r.requested],
    };
    const preview = await load.importCase(input, actor, true);
    expect(preview).toMatchObject({ dryRun: true, reference, version: 2 });
    expect(preview.assessmentRequests).toHaveLength(1);
    expect(await caseByReference(reference)).toEqual([]);
    await load.importCase(input, actor);
    await expect(load.importCase(input, actor)).rejects.toThrow(
      ConflictException,
    );
    expect(await caseByReference(reference)).toHaveLength(1);
  });

  it('adds entries to an existing case on the version the caller saw, with the reason given; on a version that has moved on, none', async () => {
    const reference = unique('IMP');
    const caseId = await recordCase(commands, actor, {
      reference,
      openedOn: '2026-01-05',
    });
    const r = requestEntries('2026-01-05');
    const detail = await load.record(
      caseId,
      1,
      [r.requested, r.extended('2026-03-20')],
      actor,
      false,
      'Paper file scanned in',
    );
    expect(detail.version).toBe(2);
    expect(
      (await eventsOf(caseId)).slice(1).map((e) => [e.type, e.reason]),
    ).toEqual([
      ['assessment.requested', 'Paper file scanned in'],
      ['deadline.extended', 'Paper file scanned in'],
    ]);
    const other = requestEntries('2026-01-12');
    await expect(
      load.record(caseId, 1, [other.requested], actor),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(
        /^Nothing was recorded\. Entry 1 \(assessment\.requested\): /,
      ),
    });
    expect(await eventsOf(caseId)).toHaveLength(3);
    expect((await caseByReference(reference))[0]?.version).toBe(2);
  });
});
