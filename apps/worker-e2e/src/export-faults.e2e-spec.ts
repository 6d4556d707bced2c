import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import {
  createDatabase,
  DedicatedRedis,
  dropDatabase,
  eventually,
  freePort,
  group,
  hasRedisServer,
  type Proc,
  type ProcGroup,
  signedInHeaders,
  sql,
  startProcess,
  WORKERS,
} from './support/harness';

/*
 * Auditors' exports when the export folder fails, the way it happens in production: a disk that
 * fills up while the file is being written (a small tmpfs mounted as EXPORT_DIR), a folder the
 * worker may not write to (a read-only mount: the tests run as root, whom file permissions do not
 * stop), and a worker that dies in the middle of an export while Redis loses its job. The worker,
 * the API, PostgreSQL and a dedicated redis-server are all real; nothing is mocked. Two worker processes
 * run at once, as a council runs several: an export is written by one of them, once.
 */

const NOW = '2026-03-02T09:00:00Z'; // Mon 2 Mar 2026

/** Mounts a tmpfs of `size` at a new folder (read-only with `ro`); answers undefined where mounting is not permitted. */
function mountTmpfs(size: string, ro = false): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'send-export-fault-'));
  const mounted = spawnSync(
    'mount',
    [
      '-t',
      'tmpfs',
      '-o',
      `size=${size},mode=0700${ro ? ',ro' : ''}`,
      'tmpfs',
      dir,
    ],
    { stdio: 'ignore' },
  );
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return dir;
}
function unmount(dir: string): void {
  spawnSync('umount', [dir], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}

const probe = hasRedisServer ? mountTmpfs('64k') : undefined;
if (probe) unmount(probe);
const canMount = probe !== undefined;
if (!hasRedisServer)
  console.warn(
    'export fault tests skipped: redis-server is not installed (Debian: apt-get install -y redis-server)',
  );
else if (!canMount)
  console.warn(
    'export fault tests skipped: mounting a tmpfs is not permitted here (run as root, or with CAP_SYS_ADMIN)',
  );
const describeIfPossible =
  hasRedisServer && canMount ? describe : describe.skip;

interface ExportView {
  id: string;
  status: string;
  percent: number;
  eventsTotal: number | null;
  eventsRead: number;
  error?: string;
  fileSize?: number;
}

describeIfPossible(
  'exports when the export folder fails (real worker, API, PostgreSQL and redis-server)',
  () => {
    const redisServer = new DedicatedRedis();
    let redis: Redis;
    let db: string;
    const prefix = `exportfault-${Date.now().toString(36)}`;
    const procs: Proc[] = [];
    const mounts: string[] = [];
    let api: { base: string; p: Proc };
    let auditor: Record<string, string>;
    let caseworker: Record<string, string>;
    let big: { reference: string; events: number };
    let small: { reference: string };

    const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: db,
      REDIS_URL: redisServer.url,
      REDIS_PREFIX: prefix,
      CLOCK_NOW: NOW,
      OUTBOX_POLL_MS: '100',
      MAIL_DIR: mkdtempSync(join(tmpdir(), 'send-export-fault-mail-')),
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_MS: '5000',
      WEB_DIST: '',
      ...extra,
    });
    /** The workers (WORKERS processes) on the export folder `exportDir`. */
    const worker = (exportDir: string, extra: Record<string, string> = {}) =>
      group(
        Array.from({ length: WORKERS }, () => {
          const p = startProcess(
            'dist/apps/worker/main.js',
            env({ EXPORT_DIR: exportDir, ...extra }),
          );
          procs.push(p);
          return p;
        }),
      );
    const alive = (w: ProcGroup) => w.running();

    const call = async <T = any>(
      headers: Record<string, string>,
      method: string,
      path: string,
      body?: unknown,
    ) => {
      const res = await fetch(`${api.base}${path}`, {
        method,
        headers,
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as T };
    };
    const startExport = async (format: string, reference: string) => {
      const res = await call<ExportView>(auditor, 'POST', '/exports', {
        scope: 'case',
        format,
        caseReference: reference,
      });
      expect(res.status).toBe(202);
      return res.body.id;
    };
    const exportView = async (id: string) =>
      (await call<ExportView>(auditor, 'GET', `/exports/${id}`)).body;
    const settled = (id: string) =>
      eventually(
        async () => {
          const view = await exportView(id);
          return view.status === 'done' || view.status === 'failed'
            ? view
            : undefined;
        },
        90_000,
        `export ${id} to finish or fail`,
      );

    /** Makes the export housekeeping due now (its timer is a `scheduled_run` row; the clock is fixed). */
    const housekeepingDue = () =>
      sql(
        db,
        `UPDATE scheduled_run SET next_run_at = 'epoch' WHERE name = 'export-housekeeping' AND claimed_at IS NULL`,
      );

    /**
     * Deadline work goes on: a case recorded through the API whose recommendation responses were
     * due Mon 9 Feb 2026 (Tribunal decision Mon 5 Jan 2026) has them marked overdue by the worker.
     */
    async function deadlineWorkGoesOn(): Promise<void> {
      const opened = await call(caseworker, 'POST', '/cases', {
        reference: `EF-${Date.now().toString(36)}`,
        childName: 'Dee Line',
        dateOfBirth: '2013-06-30',
      });
      expect(opened.status).toBe(201);
      const id = opened.body.id as string;
      const decided = await call(caseworker, 'POST', `/cases/${id}/decisions`, {
        expectedVersion: 1,
        type: 'amended_plan_content',
        decisionDate: '2025-06-02',
        letterSent: '2025-06-03',
        sections: ['F', 'I'],
      });
      const appealed = await call(caseworker, 'POST', `/cases/${id}/appeals`, {
        expectedVersion: 2,
        decisionId: decided.body.decisions[0].id,
        tribunalReference: `EH857/26/${String(Date.now() % 1e5).padStart(5, '0')}`,
        lodgedOn: '2025-07-28',
        confirmedUnusual: true, // no mediation certificate recorded (s.55(3)): confirmed, as the API asks
      });
      const outcome = await call(
        caseworker,
        'POST',
        `/cases/${id}/appeals/${appealed.body.appeals[0].id}/outcome`,
        {
          expectedVersion: 3,
          outcome: 'decided_partly_allowed',
          decisionDate: '2026-01-05',
          recommendations: [
            {
              section: 'G',
              responsibleBody: 'icb',
              text: 'Occupational therapy assessment and programme.',
            },
          ],
        },
      );
      expect(outcome.status).toBe(201);
      // Recorded now, the response deadline was already past, so its overdue marking would wait for
      // the grace given to histories entered after the fact (the end of the next working day). Time
      // it as if it had been recorded on the day of the Tribunal's decision: then it is overdue now.
      await sql(
        db,
        `UPDATE deadline SET timing_from = '2026-01-05T12:00:00Z', next_action_at = '2026-03-02T08:00:00Z'
         WHERE case_id = $1 AND rule_id = 'recommendation.response'`,
        [id],
      );
      await eventually(
        async () =>
          (
            await sql(
              db,
              `SELECT 1 FROM deadline WHERE case_id = $1 AND rule_id = 'recommendation.response' AND status = 'overdue'`,
              [id],
            )
          ).length === 1,
        90_000,
        'the recommendation response marked overdue',
      );
    }

    beforeAll(async () => {
      await redisServer.start();
      redis = redisServer.client();
      db = await createDatabase('send_export_fault');
      const staff = await sql<{ id: string; role: string }>(
        db,
        `INSERT INTO staff_user (name, role, team, email) VALUES
         ('Ada Auditor', 'auditor', 'Internal audit', 'ada@council.example'),
         ('Casey Worker', 'caseworker', 'SEND North', 'casey@council.example')
       RETURNING id, role`,
      );
      // A case with a long history (about 1 kB of CSV per event: whatever the format, megabytes, many
      // times what the export reads from the database in one round trip, so that a disk filling up
      // stops it part of the way through), and a small one. Inserted with SQL for speed: their hashes
      // do not chain, which the export reports and which does not matter here.
      const events = 12_000;
      big = { reference: `BIG-${Date.now().toString(36)}`, events };
      small = { reference: `SMALL-${Date.now().toString(36)}` };
      for (const [reference, count] of [
        [big.reference, events],
        [small.reference, 3],
      ] as const) {
        await sql(
          db,
          `WITH c AS (INSERT INTO "case" (reference, child_name, date_of_birth, caseworker, team, stage, version, snapshot)
                    VALUES ($1, 'Jamie Test', '2013-06-30', 'Casey Worker', 'SEND North', 'opened', $2, '{}') RETURNING id)
         INSERT INTO case_event (id, case_id, sequence, type, payload_version, payload, actor_name, actor_role, business_date,
                                 recorded_at, summary, stage_after, correlation_id, hash)
         SELECT gen_random_uuid(), c.id, g, 'case.note', 1, jsonb_build_object('note', repeat(md5(g::text), 8)), 'Casey Worker', 'caseworker',
                '2026-02-02', now(), 'Note ' || g || ': ' || repeat(md5((g * 7)::text) || ' ', 6), 'opened', gen_random_uuid(), md5(g::text)
         FROM c, generate_series(1, $2::int) g`,
          [reference, count],
        );
      }
      const port = await freePort();
      const p = startProcess(
        'dist/apps/api/main.js',
        env({ PORT: String(port), HOST: '127.0.0.1' }),
      );
      procs.push(p);
      api = { base: `http://127.0.0.1:${port}/api`, p };
      await eventually(
        () =>
          fetch(`${api.base}/auth/options`).then(
            (r) => r.ok,
            () => false,
          ),
        60_000,
        'the API to start',
      );
      auditor = await signedInHeaders(
        db,
        api.base,
        staff.find((s) => s.role === 'auditor')!.id,
      );
      caseworker = await signedInHeaders(
        db,
        api.base,
        staff.find((s) => s.role === 'caseworker')!.id,
      );
    });

    afterEach(async () => {
      // The API lives for the whole file; workers only for their test.
      await Promise.all(
        procs.filter((p) => p !== api?.p).map((p) => p.stop('SIGKILL')),
      );
      procs.splice(0, procs.length, ...procs.filter((p) => p === api?.p));
      for (const dir of mounts.splice(0)) unmount(dir);
      // Nothing a test left unfinished is picked up by the next one's worker.
      await sql(
        db,
        `UPDATE export_job SET status = 'failed', error = 'left by an earlier test' WHERE status IN ('queued', 'running')`,
      );
      await redis.flushall();
    });

    afterAll(async () => {
      await Promise.all(procs.splice(0).map((p) => p.stop('SIGKILL')));
      redis?.disconnect();
      await redisServer.stop();
      if (db) await dropDatabase(db).catch(() => undefined);
    });

    it('a disk that fills up during the export: each format fails with "the export folder is full", the partial file is removed, and the worker carries on', async () => {
      const dir = mountTmpfs('256k');
      expect(dir).toBeDefined();
      mounts.push(dir!);
      const freeAtStart = statfsSync(dir!).bavail;
      const w = worker(dir!);

      for (const format of ['csv', 'json', 'pdf']) {
        const id = await startExport(format, big.reference);
        const view = await settled(id);
        expect(view).toMatchObject({
          status: 'failed',
          eventsTotal: big.events,
        });
        expect(view.error).toMatch(/^The export folder is full/);
        expect(view.error).toMatch(/start the export again/i);
        // It failed part of the way through: the file had been growing until the disk was full.
        expect(view.eventsRead).toBeGreaterThan(0);
        expect(view.eventsRead).toBeLessThan(big.events);
        expect(readdirSync(dir!)).toEqual([]);
        expect(statfsSync(dir!).bavail).toBe(freeAtStart);
        const [row] = await sql<{ error: string; finished_at: Date | null }>(
          db,
          `SELECT error, finished_at FROM export_job WHERE id = $1`,
          [id],
        );
        expect(row).toMatchObject({
          error: view.error,
          finished_at: expect.any(Date),
        });
        expect(alive(w)).toBe(true);
      }

      // The same worker still exports what fits, and still does its deadline work.
      const fits = await settled(await startExport('csv', small.reference));
      expect(fits.status).toBe('done');
      expect(readdirSync(dir!)).toEqual([`${fits.id}.csv`]);
      // Written once, by one of the two workers.
      const [fitted] = await sql<{ attempts: number }>(
        db,
        `SELECT attempts FROM export_job WHERE id = $1`,
        [fits.id],
      );
      expect(fitted!.attempts).toBe(1);
      await deadlineWorkGoesOn();
      expect(alive(w)).toBe(true);
    });

    it('a folder the worker may not write to (read-only): the export fails saying so, and neither the worker nor a restarted one dies', async () => {
      const dir = mountTmpfs('1m', true);
      expect(dir).toBeDefined();
      mounts.push(dir!);
      let w = worker(dir!);
      const id = await startExport('csv', small.reference);
      const view = await settled(id);
      expect(view.status).toBe('failed');
      expect(view.error).toMatch(
        /^The service is not allowed to write to the export folder/,
      );
      expect(alive(w)).toBe(true);

      // A folder that does not exist and cannot be made (inside the read-only one) says so too.
      await w.stop();
      w = worker(join(dir!, 'exports'));
      const missing = await settled(await startExport('json', small.reference));
      expect(missing.status).toBe('failed');
      expect(missing.error).toMatch(
        /^The export folder is missing and could not be made/,
      );
      await deadlineWorkGoesOn();
      expect(alive(w)).toBe(true);
      expect((await exportView(id)).status).toBe('failed');
    });

    it('Redis flushed while the workers run: the housekeeping, timed in PostgreSQL, still finds an export whose job was lost and makes it, with no restart', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'send-export-fault-'));
      try {
        const w = worker(dir);
        await deadlineWorkGoesOn();
        await redis.flushall();
        // An export PostgreSQL holds as queued ten minutes ago whose job Redis no longer has.
        const [row] = await sql<{ id: string }>(
          db,
          `INSERT INTO export_job (id, requested_by, requested_by_name, scope, format, case_id, case_reference, updated_at, requested_at)
           SELECT gen_random_uuid(), s.id, s.name, 'case', 'json', c.id, c.reference, now() - interval '10 minutes', now() - interval '10 minutes'
           FROM staff_user s, "case" c WHERE s.role = 'auditor' AND c.reference = $1
           RETURNING id`,
          [small.reference],
        );
        await housekeepingDue();
        const done = await settled(row!.id);
        expect(done.status).toBe('done');
        expect(readdirSync(dir)).toEqual([`${row!.id}.json`]);
        expect(alive(w)).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a worker killed in the middle of an export whose job Redis then lost: the housekeeping runs it again, or fails it once it has been cut short three times', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'send-export-fault-'));
      try {
        // Slowed down so that it is still running when the worker is killed.
        let w = worker(dir, { EXPORT_ROWS_PER_SECOND: '300' });
        const id = await startExport('json', big.reference);
        await eventually(
          async () => {
            const view = await exportView(id);
            return view.status === 'running' && view.eventsRead > 0;
          },
          60_000,
          'the export to be under way',
        );
        await w.stop('SIGKILL');
        expect(readdirSync(dir)).toEqual([`${id}.json.part`]);
        await redis.flushall();
        // As if the worker had died ten minutes ago: the export has made no progress since.
        await sql(
          db,
          `UPDATE export_job SET updated_at = now() - interval '10 minutes' WHERE id = $1`,
          [id],
        );
        expect((await exportView(id)).status).toBe('running');

        w = worker(dir);
        await housekeepingDue();
        const done = await settled(id);
        expect(done.status).toBe('done');
        expect(readdirSync(dir)).toEqual([`${id}.json`]);
        const [row] = await sql<{ attempts: number }>(
          db,
          `SELECT attempts FROM export_job WHERE id = $1`,
          [id],
        );
        expect(row!.attempts).toBe(2);
        await w.stop();

        // Cut short again and again: after the third time it is failed, with its partial file removed.
        w = worker(dir, { EXPORT_ROWS_PER_SECOND: '300' });
        const again = await startExport('csv', big.reference);
        await eventually(
          async () => (await exportView(again)).eventsRead > 0,
          60_000,
          'the second export to be under way',
        );
        await w.stop('SIGKILL');
        await redis.flushall();
        await sql(
          db,
          `UPDATE export_job SET updated_at = now() - interval '10 minutes', attempts = 3 WHERE id = $1`,
          [again],
        );
        w = worker(dir);
        await housekeepingDue();
        const failed = await settled(again);
        expect(failed.status).toBe('failed');
        expect(failed.error).toMatch(/^The export was interrupted/);
        // The housekeeping removes the partial file once it has marked the export failed (marking it
        // is what makes the export its own to clean up), so the file may outlive the status briefly.
        await eventually(
          async () =>
            readdirSync(dir).filter((f) => f.startsWith(again)).length === 0,
          10_000,
          'the failed export’s partial file to be removed',
        );
        expect(alive(w)).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
