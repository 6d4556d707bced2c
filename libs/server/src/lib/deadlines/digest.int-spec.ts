import type { CaseEvent } from '@send/domain';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  caseWritePath,
  connect,
  deadlineActions,
  dueIn2001,
  fixedClock,
  insertActor,
  insertStaff,
  recordCase,
  unique,
  Y2001,
} from '../../testing/int-database';
import { StaffRepository } from '../auth/staff.repository';
import type { CaseCommandService } from '../cases/case-command.service';
import type { Actor } from '../identity/actor';
import { DigestService } from './digest.service';
import { NotificationRepository } from './notification.repository';
import { WorkerRepository } from './worker.repository';

/*
 * The daily digest against PostgreSQL, on cases recorded through the real write path and deadlines
 * marked overdue by the worker's real deadline action. Once a statutory duty's deadline has passed
 * unmet, its caseworker hears of it daily and the managers of the case's team as escalations, in
 * one message a person a working day: here a council's duty to decide on a request for an EHC needs
 * assessment within 6 weeks of receiving it (SEND Regs 2014 reg 5(1)). A family's own time limit
 * (to appeal within 2 months of the decision, SEND Regs 2014 reg 43(1)) is marked overdue too but
 * is nobody's duty on the staff, so no digest lists it. Staff who have left (inactive) hear nothing.
 */

/** Cases recorded on Tuesday 6 January 2026; the digest runs on Wednesday 4 March 2026 at 10:00. */
const recordedAt = fixedClock('2026-01-06T10:00:00Z');
const NOW = '2026-03-04T10:00:00Z';
const RUN = 'daily-digest' as const;

const requested = (
  receivedOn: string,
  requestId: string = randomUUID(),
): CaseEvent => ({ type: 'assessment.requested', requestId, receivedOn });

describe('the daily digest against PostgreSQL (DigestService)', () => {
  let db: DataSource;
  let commands: CaseCommandService;
  let notifications: NotificationRepository;
  let runs: WorkerRepository;
  let digests: DigestService;
  let team: string;
  let manager: Actor;
  let casey: Actor;
  let dana: Actor;
  let otherManager: Actor;
  let oli: Actor;
  const refs: Record<string, string> = {};
  const caseIds: string[] = [];

  async function newCase(label: string, who: Actor, events: CaseEvent[]) {
    refs[label] = unique('DIG');
    caseIds.push(
      await recordCase(
        commands,
        who,
        { reference: refs[label] as string, openedOn: '2025-11-03' },
        events,
      ),
    );
  }

  /** Claims the daily digest (its timer moved to 2001, out of reach of other tests') and runs it. */
  async function runDigest() {
    await db.query(
      `UPDATE scheduled_run SET next_run_at = timestamptz '2001-01-01 00:00:00Z', claimed_at = NULL WHERE name = $1`,
      [RUN],
    );
    const claimNo = await runs.claimRun(RUN, Y2001);
    expect(claimNo).toEqual(expect.any(Number));
    return { claimNo, result: await digests.run(RUN, claimNo as number) };
  }

  /** The digests of these people, by name. */
  async function digestsOf(...people: Actor[]) {
    const rows = (await db.query(
      `SELECT s.name, n.for_date::text AS "forDate", n.title, n.body, n.email_next_attempt_at IS NOT NULL AS "emailDue"
       FROM notification n JOIN staff_user s ON s.id = n.recipient_id
       WHERE n.kind = 'digest' AND n.recipient_id = ANY($1::uuid[]) ORDER BY s.name`,
      [people.map((p) => p.id)],
    )) as {
      name: string;
      forDate: string;
      title: string;
      body: string;
      emailDue: boolean;
    }[];
    return rows;
  }

  /** The lines of a digest's body that list deadlines, as `<case label>: <days> days overdue`. */
  const listed = (body: string) =>
    body
      .split('\n')
      .filter((l) => l.startsWith('- '))
      .map((l) => {
        const label = Object.keys(refs).find((k) =>
          l.includes(`case ${refs[k]}`),
        );
        return `${label}: ${l.match(/^- (\d+ days?) overdue/)?.[1]}`;
      });

  beforeAll(async () => {
    db = await connect();
    ({ commands } = await caseWritePath(db, recordedAt));
    notifications = new NotificationRepository(db);
    runs = new WorkerRepository(db);
    team = unique('Team');
    manager = await insertActor(db, 'Morgan Manager', 'manager', team);
    casey = await insertActor(db, 'Casey Worker', 'caseworker', team);
    dana = await insertActor(db, 'Dana Leaver', 'caseworker', team);
    otherManager = await insertActor(db, 'Olu Manager', 'manager');
    // A caseworker without an email address: the digest is in the app only.
    const oliId = await insertStaff(db, {
      name: 'Oli Worker',
      team: otherManager.team,
      email: null,
    });
    oli = {
      id: oliId,
      name: 'Oli Worker',
      role: 'caseworker',
      team: otherManager.team,
    };

    // 6 weeks from 22 December 2025: due Monday 2 February 2026.
    await newCase('A', casey, [requested('2025-12-22')]);
    // Due Monday 16 February.
    await newCase('B', casey, [requested('2026-01-05')]);
    // Decided on 6 January, within the 6 weeks: met, in no digest.
    await newCase('met', casey, [
      requested('2026-01-05', 'r1'),
      { type: 'assessment.agreed', requestId: 'r1', notifiedOn: '2026-01-06' },
    ]);
    // Due Friday 13 February; its caseworker has since left.
    await newCase('D', dana, [requested('2026-01-02')]);
    // The manager's own case: due Tuesday 17 February.
    await newCase('G', manager, [requested('2026-01-06')]);
    // A refusal to assess, letter sent 3 November 2025: the family's time to appeal passed on 3 January.
    await newCase('family', casey, [
      {
        type: 'decision.issued',
        decisionId: randomUUID(),
        decisionType: 'refuse_assessment',
        decisionDate: '2025-11-03',
        letterSent: '2025-11-03',
        sections: [],
      },
    ]);
    // Another team's: due 16 February.
    await newCase('F', oli, [requested('2026-01-05')]);

    await db.transaction((tx) =>
      new StaffRepository(db).disable(tx, dana.id as string),
    );

    // The worker's deadline action marks the deadlines past their date overdue.
    const { actions, deadlines, reminders, clock } = await deadlineActions(
      db,
      NOW,
    );
    const past = (
      (await db.query(
        `SELECT id FROM deadline WHERE case_id = ANY($1::uuid[]) AND status = 'open' AND due_on < '2026-03-04'`,
        [caseIds],
      )) as { id: string }[]
    ).map((r) => r.id);
    await dueIn2001(db, past);
    const claims = (await deadlines.claimDue(Y2001, 1000)).filter((c) =>
      past.includes(c.id),
    );
    expect(claims).toHaveLength(past.length);
    for (const claim of claims)
      expect(await actions.run(claim.id, claim.claim_no)).toMatchObject({
        markedOverdue: true,
      });
    digests = new DigestService(notifications, runs, clock, reminders);
  });
  afterAll(() => db.destroy());

  it('writes one digest a person: a caseworker’s own overdue deadlines, a manager’s team’s as escalations, the longest overdue first', async () => {
    const { result } = await runDigest();
    expect(result).toMatchObject({ outcome: 'done', date: '2026-03-04' });
    expect(result.written).toBeGreaterThanOrEqual(4);
    const written = await digestsOf(manager, casey, dana, otherManager, oli);
    expect(written.map((d) => d.name)).toEqual([
      'Casey Worker',
      'Morgan Manager',
      'Oli Worker',
      'Olu Manager',
    ]);
    const of = (name: string) => {
      const digest = written.find((d) => d.name === name);
      if (!digest) throw new Error(`no digest for ${name}`);
      return digest;
    };

    expect(of('Casey Worker')).toMatchObject({
      forDate: '2026-03-04',
      title: 'Overdue deadlines, Wed 4 Mar 2026: 2 overdue deadlines of yours',
      emailDue: true,
    });
    expect(listed(of('Casey Worker').body)).toEqual([
      'A: 30 days',
      'B: 16 days',
    ]);
    expect(of('Casey Worker').body).toContain(
      'Decide whether to carry out an EHC needs assessment',
    );
    expect(of('Casey Worker').body).not.toContain('Escalations');

    // The manager: their own case first, then the team's, including the leaver's, each with its caseworker.
    const morgan = of('Morgan Manager');
    expect(morgan.title).toBe(
      `Overdue deadlines, Wed 4 Mar 2026: 1 overdue deadline of yours; 3 escalations in ${team}`,
    );
    expect(listed(morgan.body)).toEqual([
      'G: 15 days',
      'A: 30 days',
      'D: 19 days',
      'B: 16 days',
    ]);
    expect(morgan.body).toContain(
      `case ${refs['D']} (caseworker: Dana Leaver)`,
    );
    expect(morgan.body).toContain(
      `Your team's dashboard: http://localhost:3000/dashboard`,
    );

    // Another team's manager hears of their own team only; a caseworker without email, in the app only.
    expect(listed(of('Olu Manager').body)).toEqual(['F: 16 days']);
    expect(of('Oli Worker')).toMatchObject({ emailDue: false });
    expect(listed(of('Oli Worker').body)).toEqual(['F: 16 days']);

    // Neither the family's time limit nor a duty met on time is in anyone's digest.
    for (const d of written) {
      expect(d.body).not.toContain(refs['family']);
      expect(d.body).not.toContain(refs['met']);
    }
    const familyMarked = (await db.query(
      `SELECT count(*)::int AS n FROM deadline d JOIN "case" c ON c.id = d.case_id
       WHERE c.reference = $1 AND d.status = 'overdue' AND d.duty_holder = 'family'`,
      [refs['family']],
    )) as { n: number }[];
    expect(familyMarked[0]?.n).toBeGreaterThan(0);
  });

  it('run again the same day, it writes nothing more: one digest a person a day', async () => {
    const before = await digestsOf(manager, casey, otherManager, oli);
    const { result } = await runDigest();
    expect(result).toEqual({ outcome: 'done', date: '2026-03-04', written: 0 });
    expect(await digestsOf(manager, casey, otherManager, oli)).toEqual(before);
  });

  it('a run whose claim is no longer current does nothing', async () => {
    const { claimNo } = await runDigest();
    expect(await digests.run(RUN, claimNo as number)).toEqual({
      outcome: 'stale',
      written: 0,
    });
    const [row] = (await db.query(
      `SELECT last_run_for::text AS "lastRunFor", claimed_at FROM scheduled_run WHERE name = $1`,
      [RUN],
    )) as { lastRunFor: string; claimed_at: Date | null }[];
    expect(row).toEqual({ lastRunFor: '2026-03-04', claimed_at: null });
    expect(
      (await notifications.digestSentTo('2026-03-04')).has(dana.id as string),
    ).toBe(false);
  });
});
