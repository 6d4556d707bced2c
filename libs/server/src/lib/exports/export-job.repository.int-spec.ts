import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { connect, insertStaff, unique } from '../../testing/int-database';
import { toExportView } from './export-job';
import { ExportJobRepository } from './export-job.repository';

describe('export records against PostgreSQL (ExportJobRepository)', () => {
  let db: DataSource;
  let jobs: ExportJobRepository;
  let auditor: string;

  const newJob = async (
    overrides: Partial<Parameters<ExportJobRepository['insert']>[0]> = {},
  ) => {
    const id = randomUUID();
    await jobs.insert({
      id,
      requestedBy: auditor,
      requestedByName: 'Avery Auditor',
      scope: 'period',
      format: 'csv',
      caseId: null,
      caseReference: null,
      fromDate: '2026-01-01',
      toDate: '2026-01-31',
      ...overrides,
    });
    return id;
  };

  beforeAll(async () => {
    db = await connect();
    jobs = new ExportJobRepository(db);
    auditor = await insertStaff(db, { role: 'auditor', team: unique('Audit') });
  });
  afterAll(() => db.destroy());

  it('records an export as queued, for its auditor only (another’s is not found)', async () => {
    const id = await newJob();
    const row = await jobs.getFor(id, auditor);
    expect(row).toMatchObject({
      id,
      status: 'queued',
      scope: 'period',
      from_date: '2026-01-01',
      to_date: '2026-01-31',
      attempts: 0,
      expired: false,
    });
    expect(toExportView(row!)).toMatchObject({
      id,
      status: 'queued',
      percent: 0,
      from: '2026-01-01',
      to: '2026-01-31',
    });
    const other = await insertStaff(db, {
      role: 'auditor',
      team: unique('Audit'),
    });
    expect(await jobs.getFor(id, other)).toBeUndefined();
    expect((await jobs.recentFor(auditor)).map((j) => j.id)).toContain(id);
  });

  it('follows an export from claim to done: progress, total, file, and expiry', async () => {
    const id = await newJob();
    expect(await jobs.claim(id)).toBe(true);
    await jobs.setTotal(id, 10);
    await jobs.saveProgress(id, { read: 4, written: 4, cases: 1 });
    expect(toExportView((await jobs.get(id))!)).toMatchObject({
      status: 'running',
      percent: 40,
      eventsTotal: 10,
    });
    await jobs.markDone(id, {
      ttlHours: 24,
      read: 10,
      written: 9,
      cases: 2,
      fileName: 'history.csv',
      size: 1234,
      sha256: 'f'.repeat(64),
      verification: { chainsVerified: 2, chainsBroken: 0 } as never,
    });
    const done = (await jobs.get(id))!;
    expect(toExportView(done)).toMatchObject({
      status: 'done',
      percent: 100,
      eventsWritten: 9,
      cases: 2,
      fileName: 'history.csv',
      fileSize: 1234,
    });
    expect(await jobs.claim(id)).toBe(false); // finished: nothing to do
    expect(await jobs.markFailed(id, 'too late')).toBe(false);
    await db.query(
      `UPDATE export_job SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [id],
    );
    expect((await jobs.expiredFiles(10_000)).map((j) => j.id)).toContain(id);
    await jobs.markExpired(id);
    expect((await jobs.get(id))?.status).toBe('expired');
  });

  it('fails an export (once) and finds the stale ones the housekeeping must look at', async () => {
    const id = await newJob();
    expect(await jobs.markFailed(id, 'The export failed.')).toBe(true);
    expect(await jobs.markFailed(id, 'again')).toBe(false);
    expect((await jobs.get(id))?.error).toBe('The export failed.');
    const stale = await newJob();
    await db.query(
      `UPDATE export_job SET requested_at = now() - interval '1 hour' WHERE id = $1`,
      [stale],
    );
    expect((await jobs.stale(10, 10_000)).map((j) => j.id)).toContain(stale);
    expect((await jobs.stale(120, 10_000)).map((j) => j.id)).not.toContain(
      stale,
    );
    const notQueued = await newJob();
    await jobs.markNotQueued(notQueued);
    expect((await jobs.get(notQueued))?.status).toBe('failed');
  });

  it('finds the case of an export by its reference, whatever the letter case', async () => {
    const reference = unique('EXP').toUpperCase();
    const [row] = (await db.query(
      `INSERT INTO "case" (id, reference, child_name, date_of_birth, caseworker, team, stage, version, snapshot) VALUES ($1, $2, 'C', '2015-01-01', 'x', 't', 'request', 1, '{}') RETURNING id`,
      [randomUUID(), reference],
    )) as { id: string }[];
    expect(await jobs.caseByReference(reference.toLowerCase())).toEqual({
      id: row!.id,
      reference,
    });
    expect(await jobs.caseByReference(unique('none'))).toBeUndefined();
  });
});
