import type { CaseEvent } from '@send/domain';
import type { DataSource } from 'typeorm';
import {
  caseWritePath,
  config,
  connect,
  deadlineActions,
  dueIn2001,
  fixedClock,
  insertActor,
  insertStaff,
  unique,
  Y2001,
} from '../../testing/int-database';
import type { Actor } from '../identity/actor';
import { StaffRepository } from '../auth/staff.repository';
import { SessionRepository } from '../auth/session.repository';
import { SessionService } from '../auth/session.service';
import type { CaseCommandService } from '../cases/case-command.service';
import { LedgerRepository } from '../cases/ledger.repository';
import { DeadlineRepository } from './deadline.repository';
import { DeadlineService } from './deadline.service';
import { MailPump } from './mail.pump';
import type { MailService } from './mail.service';
import { WorkerHeartbeat } from './worker-heartbeat';
import { WorkerRepository } from './worker.repository';

const decision = (
  decisionId: string,
  decisionDate = '2026-01-05',
): CaseEvent => ({
  type: 'decision.issued',
  decisionId,
  decisionType: 'final_plan_content',
  decisionDate,
  letterSent: decisionDate,
  sections: ['F', 'I'],
});

describe('deadlines against PostgreSQL: the ledger, the lists, and the worker timers (LedgerRepository, DeadlineRepository)', () => {
  let db: DataSource;
  let deadlines: DeadlineRepository;
  let ledger: LedgerRepository;
  let commands: CaseCommandService;
  let actor: Actor;
  const clock = fixedClock('2026-01-07T10:00:00Z');

  /** A case of `team` with one decision recorded: answers the case id and its deadline ids. */
  async function caseWithDeadlines(
    team = actor.team,
    who = actor,
  ): Promise<{ caseId: string; ids: string[] }> {
    const { caseId } = await commands.open(
      {
        type: 'case.opened',
        reference: unique('DL'),
        childName: 'Sam Example',
        dateOfBirth: '2016-05-01',
        caseworker: who.name,
        team,
        openedOn: '2026-01-05',
      },
      who,
    );
    await commands.record(caseId, decision('d1'), who, { expectedVersion: 1 });
    const ids = (await ledger.ledgerOf(db, caseId))
      .filter((d) => d.status === 'open')
      .map((d) => d.id);
    return { caseId, ids };
  }

  beforeAll(async () => {
    db = await connect();
    deadlines = new DeadlineRepository(db);
    ({ ledger, commands } = await caseWritePath(db, clock));
    actor = await insertActor(db, 'Dana Caseworker');
  });
  afterAll(() => db.destroy());

  it('writes the ledger rows of a case and reads them back typed (dates as YYYY-MM-DD, JSON as objects)', async () => {
    const { caseId, ids } = await caseWithDeadlines();
    expect(ids.length).toBeGreaterThan(0);
    const [d] = await ledger.ledgerOf(db, caseId);
    expect(d).toMatchObject({
      caseId,
      status: 'open',
      owner: actor.name,
      ownerId: actor.id,
      metOn: null,
      closedByEventId: null,
    });
    expect(d?.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Array.isArray(d?.explanation)).toBe(true);
    expect(Array.isArray(d?.extensions)).toBe(true);
    expect(typeof d?.facts).toBe('object');
    expect(d?.timingFrom).toBeInstanceOf(Date);
    expect(await ledger.caseIdOf(d!.id)).toBe(caseId);
    expect(
      await ledger.byRule(db, caseId, d!.ruleId, d!.subjectId),
    ).toMatchObject({ id: d!.id });
  });

  it('lists a team’s deadlines only, by due date, filtered and paged; the view names the team’s managers', async () => {
    const other = unique('Team');
    const colleague: Actor = {
      id: await insertStaff(db, { name: 'Other Worker', team: other }),
      name: 'Other Worker',
      role: 'caseworker',
      team: other,
    };
    await caseWithDeadlines();
    await caseWithDeadlines(other, colleague);
    await insertStaff(db, {
      name: 'Morgan Manager',
      role: 'manager',
      team: actor.team,
    });
    const service = new DeadlineService(
      deadlines,
      new StaffRepository(db),
      clock,
    );
    const mine = await service.list('outstanding', actor.team);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((d) => d.escalatesTo?.includes('Morgan Manager'))).toBe(
      true,
    );
    const dueDates = mine.map((d) => d.dueOn);
    expect([...dueDates].sort()).toEqual(dueDates);
    const theirs = await service.list('outstanding', other);
    expect(theirs.some((d) => mine.some((m) => m.id === d.id))).toBe(false);
    expect(await service.list('met', actor.team)).toEqual([]);
    const page = await service.list('all', actor.team, { limit: 1, offset: 1 });
    expect(page).toHaveLength(1);
    expect(page[0]?.id).toBe(mine[1]?.id);
    // Far in the future, every open deadline is overdue (by date, before any job marks it).
    const later = new DeadlineService(
      deadlines,
      new StaffRepository(db),
      fixedClock('2030-01-01T10:00:00Z'),
    );
    expect(
      (await later.list('overdue', actor.team)).map((d) => d.id).sort(),
    ).toEqual(mine.map((d) => d.id).sort());
    expect(
      (
        await later.list('outstanding', actor.team, {
          ownerId: colleague.id as string,
        })
      ).length,
    ).toBe(0);
  });

  it('claims due actions oldest first, skipping a row another transaction holds (FOR UPDATE SKIP LOCKED)', async () => {
    const { ids } = await caseWithDeadlines();
    const { ids: more } = await caseWithDeadlines();
    const all = [...ids, ...more];
    expect(all.length).toBeGreaterThanOrEqual(3);
    await dueIn2001(db, all);
    const before = await deadlines.inFlight();
    const [first] = await deadlines.claimDue(Y2001, 1);
    expect(first?.id).toBe(all[0]);
    // Another worker's transaction holds the next row: it is skipped, not waited for.
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT 1 FROM deadline WHERE id = $1 FOR UPDATE`, [
        all[1],
      ]);
      const [second] = await deadlines.claimDue(Y2001, 1);
      expect(second?.id).toBe(all[2]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await deadlines.inFlight()).toBe(before + 2);
    // A claim is a lease: only claims older than the grace are candidates for recovery.
    expect(
      (await deadlines.claimedBefore(60_000, 10_000)).some(
        (c) => c.id === first!.id,
      ),
    ).toBe(false);
    expect(
      (await deadlines.claimedBefore(0, 10_000)).some(
        (c) => c.id === first!.id,
      ),
    ).toBe(true);
    // Claiming again needs the current claim number: an old one does nothing.
    expect(
      await deadlines.reclaim([
        { id: first!.id, claim_no: first!.claim_no - 1 },
      ]),
    ).toEqual([]);
    const [again] = await deadlines.reclaim([
      { id: first!.id, claim_no: first!.claim_no },
    ]);
    expect(again).toEqual({ id: first!.id, claim_no: first!.claim_no + 1 });
    // Nothing due before 2001 once these are claimed; the rest still wait.
    expect(
      await deadlines.pendingBefore(new Date('2001-01-01T00:00:00Z')),
    ).toBe(false);
    // Finishing the action ends the claim and times the next one.
    await db.transaction(async (tx) => {
      const locked = await deadlines.lockForAction(tx, first!.id);
      expect(locked).toMatchObject({ id: first!.id, claimNo: again!.claim_no });
      expect(locked?.claimedAt).toBeInstanceOf(Date);
      await deadlines.finishAction(tx, first!.id, null);
    });
    expect(await deadlines.inFlight()).toBe(before + 1);
  });

  it('a deadline action past its date marks the deadline overdue and records the history event, once (DeadlineActionService)', async () => {
    const { caseId, ids } = await caseWithDeadlines();
    await dueIn2001(db, ids);
    const [claim] = await deadlines.claimDue(Y2001, 1);
    const { actions } = await deadlineActions(db, '2030-01-01T10:00:00Z');
    const result = await actions.run(claim!.id, claim!.claim_no);
    expect(result).toMatchObject({ outcome: 'done', markedOverdue: true });
    const [row] = (await db.query(
      `SELECT status, claimed_at FROM deadline WHERE id = $1`,
      [claim!.id],
    )) as { status: string; claimed_at: Date | null }[];
    expect(row).toEqual({ status: 'overdue', claimed_at: null });
    const history = (await db.query(
      `SELECT type FROM case_event WHERE case_id = $1 ORDER BY sequence`,
      [caseId],
    )) as { type: string }[];
    expect(history.map((e) => e.type)).toEqual([
      'case.opened',
      'decision.issued',
      'deadline.overdue',
    ]);
    // The same job again (its claim has ended) does nothing.
    expect(await actions.run(claim!.id, claim!.claim_no)).toMatchObject({
      outcome: 'stale',
    });
    expect(
      await actions.run('00000000-0000-4000-8000-000000000000', 1),
    ).toMatchObject({ outcome: 'gone' });
  });

  it('the calendar feed reads a member of staff’s open deadlines within their team', async () => {
    const { ids } = await caseWithDeadlines();
    const feed = await deadlines.openForOwner(actor.id as string, actor.team);
    expect(ids.every((id) => feed.some((d) => d.id === id))).toBe(true);
    expect(
      await deadlines.openForOwner(actor.id as string, unique('Elsewhere')),
    ).toEqual([]);
  });

  it('the session guard reads the team of a case, or of a deadline’s case, with the session in one query (SessionService.resume)', async () => {
    const { caseId, ids } = await caseWithDeadlines();
    const sessions = new SessionService(new SessionRepository(db), config());
    const cookie = (await sessions.start(actor.id as string, 'password'))!;
    const none = '00000000-0000-4000-8000-000000000000';
    const teamOf = async (about?: { caseId?: string; deadlineId?: string }) =>
      (await sessions.resume(cookie, about))?.scopeTeam;
    expect(await teamOf({ caseId })).toBe(actor.team);
    expect(await teamOf({ deadlineId: ids[0]! })).toBe(actor.team);
    expect(await teamOf({ caseId: none })).toBeNull();
    expect(await teamOf({ deadlineId: none })).toBeNull();
    // Not asked: not read.
    expect(await teamOf()).toBeUndefined();
    // No live session: nothing, whatever the case.
    expect(await sessions.resume('not-a-session', { caseId })).toBeUndefined();
  });

  it('a deadline action on its due day reminds the caseworker once, and the mail pump emails it (ReminderService, MailPump)', async () => {
    const { caseId, ids } = await caseWithDeadlines();
    const id = ids[0]!;
    // Staff are reminded of the deadlines the council (or the ICB, or social care) must meet.
    await db.query(
      `UPDATE deadline SET duty_holder = 'council' WHERE id = $1`,
      [id],
    );
    const first = (await ledger.ledgerOf(db, caseId)).find((d) => d.id === id);
    const dueOn = first!.dueOn;
    await dueIn2001(db, [id]);
    const [claim] = await deadlines.claimDue(Y2001, 1);
    expect(claim?.id).toBe(id);
    const at = `${dueOn}T11:00:00Z`; // 11:00 or 12:00 in London: after the 08:00 reminders
    const { actions, notifications, settings } = await deadlineActions(db, at);
    const result = await actions.run(claim!.id, claim!.claim_no);
    expect(result).toMatchObject({ outcome: 'done', markedOverdue: false });
    expect(result.reminders).toBeGreaterThanOrEqual(1);
    const mine = (await notifications.forRecipient(actor.id)).filter(
      (n) => n.deadlineId === id,
    );
    expect(mine.length).toBe(result.reminders);
    expect(
      mine.every(
        (n) =>
          n.kind === 'reminder' &&
          n.caseId === first!.caseId &&
          n.dueOn === dueOn,
      ),
    ).toBe(true);
    const sent: { id: string; to: string; subject: string }[] = [];
    const mail = {
      send: async (m: { id: string; to: string; subject: string }) =>
        void sent.push(m),
    } as unknown as MailService;
    const pump = new MailPump(
      notifications,
      mail,
      new WorkerHeartbeat(new WorkerRepository(db)),
      settings,
    );
    for (
      let round = 0;
      round < 20 && !mine.every((n) => sent.some((m) => m.id === n.id));
      round++
    )
      await pump.round();
    for (const n of mine)
      expect(sent.find((m) => m.id === n.id)).toMatchObject({
        subject: n.title,
        to: expect.stringContaining('@example.org'),
      });
    const emailed = (await notifications.forRecipient(actor.id)).filter(
      (n) => n.deadlineId === id,
    );
    expect(emailed.every((n) => n.emailed)).toBe(true);
  });
});
