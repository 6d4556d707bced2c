import type { DataSource } from 'typeorm';
import {
  caseWritePath,
  connect,
  fixedClock,
  insertActor,
  unique,
} from '../../testing/int-database';
import type { Actor } from '../identity/actor';
import { BulkReassignmentService } from './bulk-reassignment.service';
import { CaseCommandService } from './case-command.service';
import { ReassignmentRepository } from './reassignment.repository';

describe('bulk reassignment against PostgreSQL (ReassignmentRepository, BulkReassignmentService)', () => {
  let db: DataSource;
  let repo: ReassignmentRepository;
  let commands: CaseCommandService;
  let service: BulkReassignmentService;
  let team: string;
  let leaver: Actor;
  let keeper: Actor;
  let manager: Actor;
  const clock = fixedClock('2026-03-02T10:00:00Z');

  async function caseOf(who: Actor, decisionDate: string): Promise<string> {
    const { caseId } = await commands.open(
      {
        type: 'case.opened',
        reference: unique('RA'),
        childName: 'Sam Example',
        dateOfBirth: '2016-05-01',
        caseworker: who.name,
        team,
        openedOn: '2025-12-01',
      },
      who,
    );
    await commands.record(
      caseId,
      {
        type: 'decision.issued',
        decisionId: 'd1',
        decisionType: 'final_plan_content',
        decisionDate,
        letterSent: decisionDate,
        sections: ['F'],
      },
      who,
      { expectedVersion: 1 },
    );
    return caseId;
  }

  beforeAll(async () => {
    db = await connect();
    repo = new ReassignmentRepository(db);
    ({ commands } = await caseWritePath(db, clock));
    service = new BulkReassignmentService(db, repo, commands, clock);
    team = unique('Team');
    leaver = await insertActor(db, 'Lee Leaver', 'caseworker', team);
    keeper = await insertActor(db, 'Kim Keeper', 'caseworker', team);
    manager = await insertActor(db, 'Mo Manager', 'manager', team);
  });
  afterAll(() => db.destroy());

  it("reads a member of staff's cases in the team with their live deadlines, and the team's staff", async () => {
    const a = await caseOf(leaver, '2025-12-01');
    await caseOf(keeper, '2025-12-01');
    const held = await repo.heldCases(leaver.id!, team, '2026-03-02');
    expect(held.map((c) => c.id)).toEqual([a]);
    const live = await repo.liveDeadlines(db.manager, [a]);
    expect(held[0]).toMatchObject({ open_deadlines: live, version: 2 });
    // The family's time limits (to appeal, to contact the adviser) are live but are not the council's overdue duties.
    expect(held[0]!.overdue_deadlines).toBe(0);
    expect(held[0]!.next_due_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(
      await repo.heldCases(leaver.id!, unique('Team'), '2026-03-02'),
    ).toEqual([]);
    expect((await repo.teamStaff(team)).map((s) => s.name)).toEqual([
      'Kim Keeper',
      'Lee Leaver',
      'Mo Manager',
    ]);
    expect(await repo.staff(leaver.id!)).toMatchObject({
      name: 'Lee Leaver',
      team,
      active: true,
    });
  });

  it('moves every case in one transaction, or none', async () => {
    const a = await caseOf(leaver, '2026-01-05');
    const b = await caseOf(keeper, '2026-01-05');
    await expect(
      service.move(manager, {
        fromStaffUserId: leaver.id!,
        caseIds: [a, b],
        staffUserId: manager.id!,
        reason: 'Lee has left.',
      }),
    ).rejects.toThrow(/no longer Lee Leaver's/);
    const [row] = (await db.query(
      `SELECT caseworker_id FROM "case" WHERE id = $1`,
      [a],
    )) as { caseworker_id: string }[];
    expect(row!.caseworker_id).toBe(leaver.id);

    const moved = await service.move(manager, {
      fromStaffUserId: leaver.id!,
      caseIds: [a],
      staffUserId: keeper.id!,
      reason: 'Lee has left.',
    });
    expect(moved.moved).toEqual([
      expect.objectContaining({ caseId: a, to: 'Kim Keeper', sequence: 3 }),
    ]);
    const owners = (await db.query(
      `SELECT DISTINCT owner_id FROM deadline WHERE case_id = $1 AND status IN ('open', 'overdue')`,
      [a],
    )) as { owner_id: string }[];
    expect(owners).toEqual([{ owner_id: keeper.id }]);
  });
});
