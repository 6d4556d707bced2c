import type { DataSource } from 'typeorm';
import { connect, insertStaff, unique } from '../../testing/int-database';
import { Clock } from '../clock/clock';
import type { Actor } from '../identity/actor';
import { AccessLogService } from './access-log.service';
import { AuditLogRepository } from './audit-log.repository';
import { SecurityLogService } from './security-log.service';

const readAll = async (
  stream: NodeJS.ReadableStream,
): Promise<Record<string, unknown>[]> => {
  const rows: Record<string, unknown>[] = [];
  for await (const row of stream)
    rows.push(row as unknown as Record<string, unknown>);
  return rows;
};

/** What people can type or send, and PostgreSQL cannot store as it is (NUL) or a log must not show raw. */
const HOSTILE = `Robert'); DROP TABLE access_log;--\u0000\u001b[31m\u202e\ud800 ${'x'.repeat(20_000)}`;

describe('the append-only logs against PostgreSQL (AuditLogRepository, AccessLogService, SecurityLogService)', () => {
  let db: DataSource;
  let logs: AuditLogRepository;
  let actor: Actor;

  beforeAll(async () => {
    db = await connect();
    logs = new AuditLogRepository(db);
    const team = unique('Team');
    actor = {
      id: await insertStaff(db, {
        name: 'Avery Auditor',
        role: 'auditor',
        team,
      }),
      name: 'Avery Auditor',
      role: 'auditor',
      team,
    };
  });
  afterAll(() => db.destroy());

  it('writes the rows of reads answered at the same time in one statement, each committed before its caller goes on', async () => {
    const service = new AccessLogService(logs);
    const batch = unique('batch');
    const statements: string[] = [];
    const counted = db.query.bind(db);
    const spy = jest
      .spyOn(db, 'query')
      .mockImplementation((text: string, params?: unknown) => {
        statements.push(text);
        return counted(text, params as unknown[] | undefined);
      });
    try {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          service
            .recordRead(
              {
                method: 'GET',
                params: {},
                query: {},
                route: { path: '/api/cases' },
                headers: {},
                ip: '127.0.0.1',
                id: `${batch}-${i}`,
              },
              { action: 'case.list', purpose: 'case work' },
              actor,
              { result: [] },
            )
            .then(async () => {
              // Committed by the time the caller goes on.
              const [row] = (await counted(
                `SELECT count(*)::int AS n FROM access_log WHERE request_id = $1`,
                [`${batch}-${i}`],
              )) as { n: number }[];
              expect(row?.n).toBe(1);
            }),
        ),
      );
    } finally {
      spy.mockRestore();
    }
    const inserts = statements.filter((t) =>
      t.includes('INSERT INTO access_log'),
    );
    expect(inserts.length).toBeGreaterThanOrEqual(1);
    expect(inserts.length).toBeLessThan(40);
    const [{ n }] = (await db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE request_id LIKE $1`,
      [`${batch}-%`],
    )) as { n: number }[];
    expect(n).toBe(40);
  });

  it('fails every read whose row could not be written, and writes the next ones', async () => {
    const failing = new AuditLogRepository(db);
    const row = (requestId: string, caseId: string | null) => ({
      actorId: actor.id,
      actorName: actor.name,
      actorRole: actor.role,
      action: 'case.read',
      purpose: 'case work',
      reason: null,
      outcome: 'allowed' as const,
      status: null,
      caseId,
      detail: '{}',
      ip: null,
      requestId,
    });
    const id = unique('fail');
    const results = await Promise.allSettled([
      failing.insertAccess(row(`${id}-a`, null)),
      failing.insertAccess(row(`${id}-b`, 'not-a-uuid')),
      failing.insertAccess(row(`${id}-c`, null)),
    ]);
    // The first went alone; the two that waited shared a statement, and its failure is both of theirs.
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
    ]);
    await failing.insertAccess(row(`${id}-d`, null));
    const rows = (await db.query(
      `SELECT request_id FROM access_log WHERE request_id LIKE $1 ORDER BY id`,
      [`${id}-%`],
    )) as { request_id: string }[];
    expect(rows.map((r) => r.request_id)).toEqual([`${id}-a`, `${id}-d`]);
  });

  it('writes a read to the access log whatever the request held (NUL, escapes, lone surrogates, SQL, 20,000 characters)', async () => {
    const requestId = unique('req');
    await new AccessLogService(logs).recordRead(
      {
        method: 'POST',
        params: { id: '6f1c2a4e-8b1d-4c3e-9a7f-2d5b8e0c1a93', other: HOSTILE },
        query: { q: HOSTILE },
        body: { text: HOSTILE, [HOSTILE.slice(0, 40)]: 1 },
        route: { path: '/api/cases/:id' },
        headers: { 'x-access-reason': HOSTILE },
        ip: HOSTILE,
        id: requestId,
      },
      { action: 'case.read', purpose: HOSTILE },
      { ...actor, name: HOSTILE },
      { result: { total: 3, items: [] } },
    );
    const [row] = (await db.query(
      `SELECT actor_name, purpose, reason, outcome, case_id, detail, ip FROM access_log WHERE request_id = $1`,
      [requestId],
    )) as Record<string, unknown>[];
    expect(row).toBeDefined();
    expect(row?.['outcome']).toBe('allowed');
    expect(row?.['case_id']).toBe('6f1c2a4e-8b1d-4c3e-9a7f-2d5b8e0c1a93');
    for (const text of [
      row?.['actor_name'],
      row?.['purpose'],
      row?.['reason'],
      row?.['ip'],
      JSON.stringify(row?.['detail']),
    ]) {
      expect(typeof text).toBe('string');
      expect(text as string).not.toContain('\u0000');
      expect((text as string).length).toBeLessThanOrEqual(200_000);
    }
    expect((row?.['detail'] as { results: number }).results).toBe(3);
  });

  it('a security event written in a transaction that rolls back leaves no row; outside one, it is written', async () => {
    const subject = await insertStaff(db, { team: unique('Team') });
    const log = new SecurityLogService(logs);
    await expect(
      db.transaction(async (tx) => {
        await log.record(
          null,
          {
            event: 'user.changed',
            outcome: 'success',
            actor,
            subjectUserId: subject,
            detail: { note: HOSTILE },
          },
          tx,
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(
      await db.query(`SELECT 1 FROM security_log WHERE subject_user_id = $1`, [
        subject,
      ]),
    ).toEqual([]);
    await log.record(
      { headers: {}, ip: '198.51.100.7', id: 'r1' },
      {
        event: 'sign_in',
        outcome: 'failure',
        subjectUserId: subject,
        reason: HOSTILE,
        detail: { why: 'invalid' },
      },
    );
    const rows = (await db.query(
      `SELECT event, outcome, actor_id, ip, request_id, reason FROM security_log WHERE subject_user_id = $1`,
      [subject],
    )) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event: 'sign_in',
      outcome: 'failure',
      actor_id: null,
      ip: '198.51.100.7',
      request_id: 'r1',
    });
    expect(rows[0]?.['reason']).not.toContain('\u0000');
  });

  it('the logs are append-only: an UPDATE or DELETE is refused by the database', async () => {
    await expect(
      db.query(
        `UPDATE access_log SET purpose = 'changed' WHERE id = (SELECT max(id) FROM access_log)`,
      ),
    ).rejects.toThrow();
    await expect(
      db.query(
        `DELETE FROM security_log WHERE id = (SELECT max(id) FROM security_log)`,
      ),
    ).rejects.toThrow();
  });

  it('streams each log between two days in UK time, oldest first, for the auditors’ CSV', async () => {
    const today = Clock.londonDate(new Date());
    const access = await readAll(
      await logs.streamAccessLog({ from: today, to: today }),
    );
    expect(access.length).toBeGreaterThan(0);
    const ids = access.map((r) => BigInt(r['id'] as string));
    expect([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(ids);
    expect(
      await readAll(
        await logs.streamAccessLog({ from: '2001-01-01', to: '2001-01-02' }),
      ),
    ).toEqual([]);
    const security = await readAll(await logs.streamSecurityLog());
    expect(security.some((r) => r['event'] === 'sign_in')).toBe(true);
  });

  it('filters a page of each log, newest first, by person, case, outcome and UK days (one filter for the list and its CSV)', async () => {
    const team = unique('Team');
    const name = unique('Percy_100%');
    const reader: Actor = {
      id: await insertStaff(db, { name, role: 'caseworker', team }),
      name,
      role: 'caseworker',
      team,
    };
    const reference = unique('AUD');
    const [opened] = (await db.query(
      `INSERT INTO "case" (reference, child_name, date_of_birth, caseworker, team, stage, version, snapshot)
       VALUES ($1, 'Kim Filter', '2014-01-01', $2, $3, 'request', 1, '{}') RETURNING id`,
      [reference, name, team],
    )) as { id: string }[];
    const service = new AccessLogService(logs);
    const read = (outcome: 'allowed' | 'denied', caseId: string | null) =>
      service.record({
        actor: reader,
        action: 'case.read',
        purpose: 'case work',
        reason: null,
        outcome,
        status: outcome === 'denied' ? 404 : null,
        caseId,
        detail: { method: 'GET' },
        ip: null,
        requestId: null,
      });
    for (let i = 0; i < 3; i++) await read('allowed', opened!.id);
    await read('denied', opened!.id);
    await read('allowed', null);

    const all = await logs.listAccessLog({ person: name }, 1, 10);
    expect(all.rows).toHaveLength(5);
    expect(all.hasNextPage).toBe(false);
    const ids = all.rows.map((r) => Number(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    // The name's LIKE wildcards (`_`, `%`) match only themselves; any case.
    expect(
      (await logs.listAccessLog({ person: name.toUpperCase() }, 1, 10)).rows,
    ).toHaveLength(5);
    expect(
      (await logs.listAccessLog({ person: name.replace('_', 'x') }, 1, 10))
        .rows,
    ).toEqual([]);

    const ofCase = await logs.listAccessLog(
      { person: name, caseReference: reference },
      1,
      2,
    );
    expect(ofCase.rows).toHaveLength(2);
    expect(ofCase.hasNextPage).toBe(true);
    expect(ofCase.rows[0]).toMatchObject({ caseReference: reference });
    const second = await logs.listAccessLog(
      { person: name, caseReference: reference },
      2,
      2,
    );
    expect(second.rows).toHaveLength(2);
    expect(second.hasNextPage).toBe(false);

    const denied = await logs.listAccessLog(
      { caseReference: reference, outcome: 'denied' },
      1,
      10,
    );
    expect(denied.rows.map((r) => [r.outcome, r.status])).toEqual([
      ['denied', 404],
    ]);
    // The CSV: the same filter, oldest first.
    const csvRows = await readAll(
      await logs.streamAccessLog({ caseReference: reference }),
    );
    expect(csvRows.map((r) => r['id'])).toEqual(
      ofCase.rows
        .concat(second.rows)
        .map((r) => r.id)
        .reverse(),
    );

    // UK days: a row written just after midnight in London (23:30 UTC the day before, in summer).
    await db.query(
      `INSERT INTO security_log (event, outcome, actor_id, actor_name, actor_role, subject_user_id, detail, at)
       VALUES ('user.changed', 'success', NULL, 'Late Admin', 'administrator', $1, '{}', '2026-06-30T23:30:00Z')`,
      [reader.id],
    );
    const onFirstJuly = await logs.listSecurityLog(
      { person: name, from: '2026-07-01', to: '2026-07-01' },
      1,
      10,
    );
    expect(onFirstJuly.rows.map((r) => [r.event, r.subjectName])).toEqual([
      ['user.changed', name],
    ]);
    expect(
      (
        await logs.listSecurityLog(
          { person: name, from: '2026-06-30', to: '2026-06-30' },
          1,
          10,
        )
      ).rows,
    ).toEqual([]);
    expect(
      (await logs.listSecurityLog({ person: name, outcome: 'failure' }, 1, 10))
        .rows,
    ).toEqual([]);
  });
});
