import type { DataSource } from 'typeorm';
import { connect, insertStaff, unique } from '../../testing/int-database';
import { NotificationRepository } from './notification.repository';
import { WorkerRepository } from './worker.repository';

describe('notifications and the worker’s own tables against PostgreSQL (NotificationRepository, WorkerRepository)', () => {
  let db: DataSource;
  let notifications: NotificationRepository;
  let worker: WorkerRepository;

  /** Notifications to `recipientId` whose email is due at instants in 2001 (oldest first), out of reach of other tests' emails. */
  async function dueEmails(recipientId: string, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const [row] = (await db.query(
        `INSERT INTO notification (recipient_id, kind, point, for_date, title, body, email_next_attempt_at)
         VALUES ($1, 'digest', 'digest', date '2001-01-01' + $2::int, $3, 'body', timestamptz '2001-01-01 00:00:00Z' + $2 * interval '1 second') RETURNING id`,
        [recipientId, i, `Digest ${i}`],
      )) as { id: string }[];
      ids.push(row!.id);
    }
    return ids;
  }

  beforeAll(async () => {
    db = await connect();
    notifications = new NotificationRepository(db);
    worker = new WorkerRepository(db);
  });
  afterAll(() => db.destroy());

  it('claims due emails oldest first for a lease, skipping those another worker holds, and marks each outcome', async () => {
    const recipient = await insertStaff(db, {
      team: unique('Team'),
      email: 'someone@example.org',
    });
    const [a, b, c] = await dueEmails(recipient, 3);
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    let claimed;
    try {
      await runner.query(
        `SELECT 1 FROM notification WHERE id = $1 FOR UPDATE`,
        [b],
      );
      claimed = await notifications.claimEmails(2, 60_000);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(claimed.map((m) => m.id)).toEqual([a, c]);
    expect(claimed[0]).toMatchObject({
      email: 'someone@example.org',
      attempts: 1,
      title: 'Digest 0',
    });
    // Leased: not due again until the lease ends (the one that was held is claimed now).
    const next = (await notifications.claimEmails(10, 60_000)).map((m) => m.id);
    expect(next).toContain(b);
    expect(next).not.toContain(a);
    await notifications.markEmailed(a!);
    await notifications.markFailed(c!, 0, 'SMTP said no');
    await notifications.putBack(b!, 0);
    const rows = (await db.query(
      `SELECT id, emailed_at IS NOT NULL AS emailed, email_attempts, email_last_error FROM notification WHERE id = ANY($1::uuid[]) ORDER BY for_date`,
      [[a, b, c]],
    )) as {
      id: string;
      emailed: boolean;
      email_attempts: number;
      email_last_error: string | null;
    }[];
    expect(rows).toEqual([
      { id: a, emailed: true, email_attempts: 1, email_last_error: null },
      { id: b, emailed: false, email_attempts: 0, email_last_error: null }, // put back untried: not an attempt
      {
        id: c,
        emailed: false,
        email_attempts: 1,
        email_last_error: 'SMTP said no',
      },
    ]);
    expect(
      (await notifications.forRecipient(recipient)).map((n) => n.id).sort(),
    ).toEqual([a, b, c].sort());
  });

  it('writes one digest per recipient and day, whatever the number of runs', async () => {
    const recipient = await insertStaff(db, {
      team: unique('Team'),
      email: null,
    });
    const digest = {
      recipientId: recipient,
      title: 'Overdue deadlines',
      body: 'body',
    };
    expect(await notifications.insertDigests('2001-02-03', [digest])).toBe(1);
    expect(await notifications.insertDigests('2001-02-03', [digest])).toBe(0);
    expect(await notifications.insertDigests('2001-02-03', [])).toBe(0);
    expect(
      (await notifications.digestSentTo('2001-02-03')).has(recipient),
    ).toBe(true);
    const [row] = (await db.query(
      `SELECT email_next_attempt_at FROM notification WHERE recipient_id = $1`,
      [recipient],
    )) as { email_next_attempt_at: Date | null }[];
    expect(row?.email_next_attempt_at).toBeNull(); // no email address: never emailed
  });

  it('claims a scheduled run once, and only a claim that is still current finishes it', async () => {
    const name = 'daily-digest';
    const due = await worker.dueRuns(new Date('2100-01-01T00:00:00Z'), 0);
    if (!due.some((r) => r.name === name))
      await db.query(
        `UPDATE scheduled_run SET next_run_at = now() - interval '1 minute', claimed_at = NULL WHERE name = $1`,
        [name],
      );
    const claimNo = await worker.claimRun(
      name,
      new Date('2100-01-01T00:00:00Z'),
    );
    expect(claimNo).toEqual(expect.any(Number));
    expect(
      await worker.claimRun(name, new Date('2100-01-01T00:00:00Z')),
    ).toBeUndefined();
    expect(await worker.stillClaimed(name, claimNo!)).toBe(true);
    expect(await worker.reclaimRun(name, claimNo! - 1)).toBeUndefined();
    const again = await worker.reclaimRun(name, claimNo!);
    expect(again).toBe(claimNo! + 1);
    expect(
      await worker.finishRun(
        name,
        claimNo!,
        new Date('2100-01-02T00:00:00Z'),
        '2100-01-01',
      ),
    ).toBe(false);
    expect(
      await worker.finishRun(
        name,
        again!,
        new Date('2100-01-02T00:00:00Z'),
        '2100-01-01',
      ),
    ).toBe(true);
    expect(await worker.stillClaimed(name, again!)).toBe(false);
  });

  it('keeps each worker’s heartbeat, and forgets it when the worker stops', async () => {
    const workerId = unique('worker');
    const beat = {
      workerId,
      host: 'int',
      pid: 1,
      startedAgoMs: 1000,
      tickAgoMs: 10,
      tickMs: 5,
      ticks: 1,
      tickError: null,
      tickErrorAgoMs: null,
      actionsDone: 0,
      actionDoneAgoMs: null,
      mailSent: 0,
      mailSentAgoMs: null,
      mailFailed: 0,
      mailError: null,
      mailErrorAgoMs: null,
    };
    await worker.writeHeartbeat(beat);
    await worker.writeHeartbeat({ ...beat, ticks: 2 });
    expect(
      await db.query(
        `SELECT ticks FROM worker_heartbeat WHERE worker_id = $1`,
        [workerId],
      ),
    ).toEqual([{ ticks: '2' }]); // bigint
    await worker.removeHeartbeat(workerId);
    expect(
      await db.query(`SELECT 1 FROM worker_heartbeat WHERE worker_id = $1`, [
        workerId,
      ]),
    ).toEqual([]);
  });
});
