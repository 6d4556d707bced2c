import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';
import {
  createDatabase,
  DedicatedRedis,
  dropDatabase,
  eventually,
  freePort,
  hasRedisServer,
  jobsPresent,
  type Proc,
  seedDeadlines,
  signedInHeaders,
  sleep,
  sql,
  startProcess,
} from './support/harness';

// Mon 2 Mar 2026, 09:00 London: a deadline due Mon 9 Mar has its "5 working days before" reminder due now.
const NOW = '2026-03-02T09:00:00Z';
const REMINDER_TODAY = '2026-03-09';
const LATER = '2026-06-30';

const describeWithRedis = hasRedisServer ? describe : describe.skip;
if (!hasRedisServer) console.warn('worker-e2e skipped: redis-server is not installed (Debian: apt-get install -y redis-server)');

/**
 * A real SMTP server on loopback that keeps what it receives. `refuse`, asked about each message
 * offered (numbered from 1), makes it answer "451 try again later" instead.
 */
async function startSmtp(refuse: (attempt: number) => boolean = () => false): Promise<{ url: string; mails: string[]; close: () => Promise<void> }> {
  const mails: string[] = [];
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      const attempt = ++attempts;
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuse(attempt)) return done(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        mails.push(Buffer.concat(chunks).toString('utf8'));
        done();
      });
    },
  });
  // A worker killed mid-session resets its connection: that is the test's doing, not a failure.
  server.on('error', () => undefined);
  const port = await freePort();
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

describeWithRedis('deadlines that cannot be lost (real PostgreSQL, a dedicated redis-server)', () => {
  const redisServer = new DedicatedRedis();
  let redis: Redis;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const procs: Proc[] = [];
  const databases: string[] = [];

  beforeAll(async () => {
    await redisServer.start();
    redis = redisServer.client();
    smtp = await startSmtp();
  });
  afterEach(async () => {
    await Promise.all(procs.splice(0).map((p) => p.stop('SIGKILL')));
    // A test that failed with Redis stopped must not fail the ones after it.
    if (!redisServer.running) await redisServer.start();
  });
  afterAll(async () => {
    redis?.disconnect();
    await smtp?.close();
    await redisServer.stop();
    for (const db of databases) await dropDatabase(db).catch(() => undefined);
  });

  /** Every timer is back waiting for its next point (the sweep's scheduler adds one more delayed job). */
  async function idle(prefix: string, timers: number): Promise<boolean> {
    const [delayed, waiting, active] = await Promise.all([
      redis.zcard(`${prefix}:deadlines:delayed`),
      redis.llen(`${prefix}:deadlines:wait`),
      redis.llen(`${prefix}:deadlines:active`),
    ]);
    return delayed >= timers && waiting === 0 && active === 0;
  }

  async function system(label: string) {
    const db = await createDatabase(`send_fault_${label}`);
    databases.push(db);
    const prefix = `fault-${label}-${Date.now().toString(36)}`;
    const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: db,
      REDIS_URL: redisServer.url,
      REDIS_PREFIX: prefix,
      CLOCK_NOW: NOW,
      OUTBOX_POLL_MS: '100',
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_MS: '5000',
      WEB_DIST: '',
      ...extra,
    });
    const worker = (extra: Record<string, string> = {}) => {
      const p = startProcess('dist/apps/worker/main.js', env(extra));
      procs.push(p);
      return p;
    };
    const apiProcess = async (extra: Record<string, string> = {}) => {
      const port = await freePort();
      const p = startProcess('dist/apps/api/main.js', env({ PORT: String(port), HOST: '127.0.0.1', ...extra }));
      procs.push(p);
      const base = `http://127.0.0.1:${port}/api`;
      await eventually(() => fetch(`${base}/auth/options`).then((r) => r.ok, () => false), 30_000, 'API to start');
      return { p, base };
    };
    const count = async (query: string, params: unknown[] = []) => Number((await sql<{ n: string }>(db, query, params))[0]!.n);
    const mailsTo = (address: string) => smtp.mails.filter((m) => m.includes(`To: ${address}`)).length;
    return { db, prefix, worker, apiProcess, count, mailsTo };
  }

  it('10,000 open deadlines: after FLUSHALL and a worker restart every timer is back and no reminder happens twice', async () => {
    const s = await system('flush');
    const due = await seedDeadlines(s.db, 200, REMINDER_TODAY);
    const later = await seedDeadlines(s.db, 9_800, LATER);
    const mailsBefore = smtp.mails.length;

    let w = s.worker();
    await eventually(async () => (await jobsPresent(redis, s.prefix, later.ids, LATER)) === 9_800, 60_000, 'timers for 9,800 deadlines');
    await eventually(async () => (await s.count(`SELECT count(*) AS n FROM notification WHERE emailed_at IS NOT NULL`)) === 200, 60_000, '200 reminders emailed');
    await w.stop();

    await redis.flushall();
    expect(await jobsPresent(redis, s.prefix, later.ids, LATER)).toBe(0);

    w = s.worker();
    await eventually(async () => (await jobsPresent(redis, s.prefix, later.ids, LATER)) === 9_800, 60_000, 'timers re-created');
    await eventually(async () => (await jobsPresent(redis, s.prefix, due.ids, REMINDER_TODAY)) === 200, 60_000, 'due timers re-created');
    // The 200 timers due today ran again (they are back to waiting for their next point); their effect did not repeat.
    await eventually(async () => idle(s.prefix, 10_000), 60_000, 'all timers delayed');
    await sleep(500);
    expect(await s.count(`SELECT count(*) AS n FROM notification`)).toBe(200);
    expect(await s.count(`SELECT count(DISTINCT (deadline_id, recipient_id, point, for_date)) AS n FROM notification`)).toBe(200);
    expect(smtp.mails.length - mailsBefore).toBe(200);
    await w.stop();
  });

  it('a worker killed (SIGKILL) in the middle of processing: the jobs run again and each effect happens once', async () => {
    const s = await system('kill');
    const { ids } = await seedDeadlines(s.db, 400, REMINDER_TODAY);
    const w = s.worker({ WORKER_CONCURRENCY: '20' });
    await eventually(async () => (await s.count(`SELECT count(*) AS n FROM notification`)) > 0, 60_000, 'the first reminder');
    await w.stop('SIGKILL');
    const done = await s.count(`SELECT count(*) AS n FROM notification`);
    expect(done).toBeLessThan(400); // it really was cut short

    s.worker();
    await eventually(async () => (await s.count(`SELECT count(*) AS n FROM notification`)) === 400, 90_000, 'every reminder after restart');
    await eventually(async () => idle(s.prefix, 400), 60_000, 'every timer re-timed');
    expect(await s.count(`SELECT count(DISTINCT deadline_id) AS n FROM notification WHERE deadline_id = ANY($1::uuid[])`, [ids])).toBe(400);
    expect(await s.count(`SELECT count(*) - count(DISTINCT deadline_id) AS n FROM notification`)).toBe(0);
  });

  it('Redis down: the API still accepts writes (the outbox holds them) and the worker catches up when Redis returns', async () => {
    const s = await system('down');
    await seedDeadlines(s.db, 1, LATER); // staff
    const [caseworker] = await sql<{ id: string }>(s.db, `SELECT id FROM staff_user WHERE name = 'Casey Worker'`);
    const { base } = await s.apiProcess();
    const first = s.worker();
    await sleep(1000);
    await redisServer.stop();

    const headers = await signedInHeaders(s.db, base, caseworker!.id);
    const opened = await fetch(`${base}/cases`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ reference: `RD-${Date.now()}`, childName: 'Redis Down', dateOfBirth: '2013-06-30' }),
    });
    expect(opened.status).toBe(201);
    const c = (await opened.json()) as { id: string };
    const decided = await fetch(`${base}/cases/${c.id}/decisions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ expectedVersion: 1, type: 'refuse_assessment', decisionDate: '2026-02-25', letterSent: '2026-02-26', sections: [] }),
    });
    expect(decided.status).toBe(201);
    const pending = await s.count(`SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL`);
    expect(pending).toBeGreaterThan(0);
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(503);

    // While Redis is down the relay fails fast: no transaction of the worker stays open holding
    // outbox rows locked. And SIGTERM stops the worker at once, cleanly.
    await sleep(2_500);
    expect(
      await s.count(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start < now() - interval '2 seconds'`,
      ),
    ).toBe(0);
    const asked = Date.now();
    await first.stop('SIGTERM');
    expect(Date.now() - asked).toBeLessThan(3_000);
    expect(await first.exited).toEqual({ code: 0, signal: null });
    // A worker started while Redis is still down catches up once it returns.
    s.worker();
    await sleep(1500);

    await redisServer.start();
    await eventually(async () => (await s.count(`SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL`)) === 0, 60_000, 'the outbox relayed');
    const deadlines = await sql<{ id: string; due_on: string }>(s.db, `SELECT id, due_on::text AS due_on FROM deadline WHERE case_id = $1`, [c.id]);
    expect(deadlines.length).toBeGreaterThan(0);
    for (const d of deadlines) expect(await redis.exists(`${s.prefix}:deadlines:deadline-check.${d.id}.${d.due_on}`)).toBe(1);
  });

  it('two workers at once: one reminder per deadline per point in time', async () => {
    const s = await system('two');
    await seedDeadlines(s.db, 300, REMINDER_TODAY);
    const mailsBefore = smtp.mails.length;
    s.worker();
    s.worker();
    await eventually(async () => (await s.count(`SELECT count(*) AS n FROM notification WHERE emailed_at IS NOT NULL`)) === 300, 60_000, '300 reminders');
    await eventually(async () => idle(s.prefix, 300), 60_000, 'timers re-timed');
    await sleep(1000);
    expect(await s.count(`SELECT count(*) AS n FROM notification`)).toBe(300);
    expect(await s.count(`SELECT count(*) - count(DISTINCT (deadline_id, point, for_date)) AS n FROM notification`)).toBe(0);
    expect(smtp.mails.length - mailsBefore).toBe(300);
  });

  it('time travel: a recommendation response passes overdue, escalates to the manager, then is met late and shows as late', async () => {
    const s = await system('travel');
    await seedDeadlines(s.db, 1, LATER); // staff: Casey Worker (caseworker) and Morgan Lee (manager), SEND North
    const [staff] = await sql<{ worker: string; manager: string }>(
      s.db,
      `SELECT (SELECT id FROM staff_user WHERE name = 'Casey Worker') AS worker, (SELECT id FROM staff_user WHERE name = 'Morgan Lee') AS manager`,
    );
    let api = await s.apiProcess();
    const sessions = new Map<string, Record<string, string>>();
    const call = async (method: string, path: string, body?: unknown, as = staff!.worker) => {
      if (!sessions.has(as)) sessions.set(as, await signedInHeaders(s.db, api.base, as));
      const res = await fetch(`${api.base}${path}`, {
        method,
        headers: sessions.get(as)!,
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    // Tribunal decision Mon 2 Feb 2026: the 5-week responses are due Mon 9 Mar 2026.
    const opened = await call('POST', '/cases', { reference: `TT-${Date.now()}`, childName: 'Time Travel', dateOfBirth: '2013-06-30' });
    const id = opened.body.id as string;
    const decided = await call('POST', `/cases/${id}/decisions`, {
      expectedVersion: 1, type: 'amended_plan_content', decisionDate: '2025-06-02', letterSent: '2025-06-03', sections: ['F', 'I'],
    });
    const appealed = await call('POST', `/cases/${id}/appeals`, {
      expectedVersion: 2, decisionId: decided.body.decisions[0].id, tribunalReference: 'EH857/26/00001', lodgedOn: '2025-07-28',
    });
    const outcome = await call('POST', `/cases/${id}/appeals/${appealed.body.appeals[0].id}/outcome`, {
      expectedVersion: 3, outcome: 'decided_partly_allowed', decisionDate: '2026-02-02',
      recommendations: [{ section: 'G', responsibleBody: 'icb', text: 'Occupational therapy assessment and programme.' }],
    });
    expect(outcome.status).toBe(201);
    const deadline = outcome.body.deadlines.find((d: { ruleId: string }) => d.ruleId === 'recommendation.response');
    expect(deadline.dueOn).toBe('2026-03-09');

    let w = s.worker();
    await eventually(async () => {
      const mine = await call('GET', '/notifications');
      return mine.body.some((n: { point: string; deadlineId: string }) => n.point === 'before-5' && n.deadlineId === deadline.id);
    }, 30_000, 'the 5-working-day reminder');
    const reminder = (await call('GET', '/notifications')).body.find((n: { deadlineId: string }) => n.deadlineId === deadline.id);
    expect(reminder.title).toContain('integrated care board (ICB)');

    // Tue 10 Mar 2026: the day after the due date.
    await w.stop();
    w = s.worker({ CLOCK_NOW: '2026-03-10T09:00:00Z' });
    await eventually(async () => (await sql(s.db, `SELECT 1 FROM deadline WHERE id = $1 AND status = 'overdue'`, [deadline.id])).length === 1, 30_000, 'overdue');
    await eventually(async () => {
      const managers = await call('GET', '/notifications', undefined, staff!.manager);
      return managers.body.some((n: { kind: string; deadlineId: string }) => n.kind === 'escalation' && n.deadlineId === deadline.id);
    }, 30_000, 'the escalation to the manager');
    const ownerOverdue = (await call('GET', '/notifications')).body.filter((n: { point: string; deadlineId: string }) => n.point === 'overdue' && n.deadlineId === deadline.id);
    expect(ownerOverdue).toHaveLength(1);
    await eventually(async () => s.mailsTo('morgan@council.example') > 0, 30_000, 'the escalation email');
    const history = await call('GET', `/cases/${id}/history`);
    expect(JSON.stringify(history.body)).toContain('deadline.overdue');

    // Wed 11 Mar 2026: the response is sent, two days late.
    await api.p.stop();
    api = await s.apiProcess({ CLOCK_NOW: '2026-03-11T09:00:00Z' });
    const current = await call('GET', `/cases/${id}`);
    const responded = await call('POST', `/cases/${id}/recommendations/${current.body.recommendations[0].id}/response`, {
      expectedVersion: current.body.version, outcome: 'followed', sentOn: '2026-03-11', sentTo: ['Parent or young person'],
    });
    expect(responded.status).toBe(201);
    const met = await call('GET', '/deadlines?filter=met');
    expect(met.body.find((d: { id: string }) => d.id === deadline.id)).toMatchObject({ status: 'met', metOn: '2026-03-11', metOnTime: false });
  });

  it('the run command’s mail folder: a recommendation-response reminder can be read as an .eml file', async () => {
    const s = await system('eml');
    await seedDeadlines(s.db, 1, REMINDER_TODAY, { responsibleBody: 'council_social_care', dutyHolder: 'council_social_care' });
    const dir = mkdtempSync(join(tmpdir(), 'send-mail-'));
    s.worker({ SMTP_URL: '', MAIL_DIR: dir });
    const file = await eventually(async () => readdirSync(dir).find((f) => f.endsWith('.eml')), 30_000, 'an .eml file');
    const eml = readFileSync(join(dir, file), 'utf8');
    expect(eml).toMatch(/^To: casey@council\.example$/m);
    expect(eml).toMatch(/^Subject: .*Due in 5 working days/m);
    expect(eml).toContain("the council's social care service");
    expect(eml).toContain('Due: ');
  });

  /** A BullMQ queue of the test's own on the system's prefix (to look at, or nudge, its jobs). */
  function testQueue(prefix: string): Queue {
    const q = new Queue('deadlines', { connection: { host: '127.0.0.1', port: redisServer.port, maxRetriesPerRequest: null }, prefix });
    q.on('error', () => undefined);
    return q;
  }

  it('rescheduling: an extension and a mediation certificate replace the job; A → B → A restores one left completed', async () => {
    const s = await system('move');
    await seedDeadlines(s.db, 1, LATER); // staff
    const [caseworker] = await sql<{ id: string }>(s.db, `SELECT id FROM staff_user WHERE name = 'Casey Worker'`);
    const [provider] = await sql<{ id: string }>(s.db, `INSERT INTO mediation_provider (name) VALUES ('Test Mediation') RETURNING id`);
    const { base } = await s.apiProcess();
    s.worker();
    const headers = await signedInHeaders(s.db, base, caseworker!.id);
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      const json = (await res.json()) as any;
      if (res.status !== 201) throw new Error(`POST ${path} → ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const timer = (deadlineId: string, dueOn: string) => `${s.prefix}:deadlines:deadline-check.${deadlineId}.${dueOn}`;
    const delayed = (deadlineId: string, dueOn: string) => redis.zscore(`${s.prefix}:deadlines:delayed`, `deadline-check.${deadlineId}.${dueOn}`);
    const appealLodge = (c: any) => c.deadlines.find((d: { ruleId: string }) => d.ruleId === 'appeal.lodge') as { id: string; dueOn: string };
    // Letter sent Mon 5 Jan 2026: the appeal is due by Thu 5 Mar 2026 (+ 2 months).
    const openCase = async (reference: string) => {
      const c = await post('/cases', { reference, childName: 'Rescheduled', dateOfBirth: '2013-06-30' });
      return post(`/cases/${c.id}/decisions`, { expectedVersion: 1, type: 'refuse_assessment', decisionDate: '2026-01-02', letterSent: '2026-01-05', sections: [] });
    };

    // An extension: the job for 5 Mar goes, the job for 19 Mar (its deterministic id) comes.
    let c = await openCase(`MV-E-${Date.now()}`);
    const extended = appealLodge(c);
    expect(extended.dueOn).toBe('2026-03-05');
    await eventually(async () => (await delayed(extended.id, '2026-03-05')) !== null, 30_000, 'the first timer');
    c = await post(`/deadlines/${extended.id}/extension`, {
      expectedVersion: c.version, toDueOn: '2026-03-19', reason: 'Exceptional personal circumstances (test).', agreedBy: 'Morgan Lee',
    });
    expect(appealLodge(c).dueOn).toBe('2026-03-19');
    await eventually(async () => (await redis.exists(timer(extended.id, '2026-03-05'))) === 0 && (await delayed(extended.id, '2026-03-19')) !== null, 30_000, 'the timer replaced');

    // A certificate issued Fri 27 Feb 2026 moves the appeal deadline to Fri 27 Mar 2026 (+ 1 month, the later date).
    c = await openCase(`MV-C-${Date.now()}`);
    const moved = appealLodge(c);
    await eventually(async () => (await delayed(moved.id, '2026-03-05')) !== null, 30_000, 'the first timer');
    const decisionId = c.decisions[0].id as string;
    c = await post(`/cases/${c.id}/mediations`, { expectedVersion: c.version, decisionId, providerId: provider!.id, contactedOn: '2026-02-10', healthInIssue: false, socialCareInIssue: false });
    const mediationId = c.mediations[0].id as string;
    c = await post(`/cases/${c.id}/mediations/${mediationId}/declined`, { expectedVersion: c.version, adviserInformedOn: '2026-02-24' });
    c = await post(`/cases/${c.id}/mediations/${mediationId}/certificates`, { expectedVersion: c.version, kind: 'information_only', issuedOn: '2026-02-27' });
    expect(appealLodge(c).dueOn).toBe('2026-03-27');
    await eventually(async () => (await redis.exists(timer(moved.id, '2026-03-05'))) === 0 && (await delayed(moved.id, '2026-03-27')) !== null, 30_000, 'the timer replaced');

    // A → B → A, where the A job ran while the deadline was at B (so it did nothing and completed)
    // and still sits in the completed set: moving back to A must make it a live timer again.
    const { ids: [d] } = await seedDeadlines(s.db, 1, '2026-04-10', { dutyHolder: 'council', responsibleBody: '', ruleId: 'order.amend_plan' });
    const outbox = (dueOn: string, previousDueOn?: string) =>
      sql(s.db, `INSERT INTO outbox (topic, payload) VALUES ('deadline.opened', $1)`, [JSON.stringify({ deadlineId: d, dueOn, ...(previousDueOn ? { previousDueOn } : {}) })]);
    await outbox('2026-04-10');
    await eventually(async () => (await delayed(d!, '2026-04-10')) !== null, 30_000, 'the A timer');
    await sql(s.db, `UPDATE deadline SET due_on = '2026-04-24' WHERE id = $1`, [d]);
    await outbox('2026-04-24');
    await eventually(async () => (await delayed(d!, '2026-04-24')) !== null, 30_000, 'the B timer');
    const q = testQueue(s.prefix);
    try {
      await (await q.getJob(`deadline-check.${d}.2026-04-10`))!.promote();
      await eventually(async () => (await redis.zscore(`${s.prefix}:deadlines:completed`, `deadline-check.${d}.2026-04-10`)) !== null, 30_000, 'the A job completed');
      await sql(s.db, `UPDATE deadline SET due_on = '2026-04-10' WHERE id = $1`, [d]);
      await outbox('2026-04-10', '2026-04-24');
      await eventually(async () => (await delayed(d!, '2026-04-10')) !== null && (await redis.exists(timer(d!, '2026-04-24'))) === 0, 30_000, 'A live again, B gone');
      expect(await redis.zscore(`${s.prefix}:deadlines:completed`, `deadline-check.${d}.2026-04-10`)).toBeNull();
      expect(await (await q.getJob(`deadline-check.${d}.2026-04-10`))!.getState()).toBe('delayed');
    } finally {
      await q.close();
    }
  });

  it('a failed reminder email is retried alone: those sent before and after it are not sent again', async () => {
    let mode: 'refuse all' | 'refuse the third' | 'accept' = 'refuse all';
    let offered = 0;
    const flaky = await startSmtp(() => {
      offered++;
      return mode === 'refuse all' || (mode === 'refuse the third' && offered === 3);
    });
    try {
      const s = await system('mailfail');
      await seedDeadlines(s.db, 5, REMINDER_TODAY);
      const emailed = () => s.count(`SELECT count(*) AS n FROM notification WHERE emailed_at IS NOT NULL`);
      // The mail server refuses everything: the five reminders exist in the app, none emailed.
      let w = s.worker({ SMTP_URL: flaky.url });
      await eventually(async () => (await s.count(`SELECT count(*) AS n FROM notification`)) === 5, 60_000, 'five reminders');
      await eventually(async () => offered >= 5, 30_000, 'five refused sends');
      await w.stop();
      expect(await emailed()).toBe(0);

      // It refuses only the third message: the start-up sweep sends the other four, each once.
      mode = 'refuse the third';
      offered = 0;
      w = s.worker({ SMTP_URL: flaky.url });
      await eventually(async () => (await emailed()) === 4, 60_000, 'four emailed');
      await sleep(1000);
      await w.stop();
      expect(await emailed()).toBe(4);
      expect(flaky.mails).toHaveLength(4);

      // Then it accepts: only the one left is sent.
      mode = 'accept';
      w = s.worker({ SMTP_URL: flaky.url });
      await eventually(async () => (await emailed()) === 5, 60_000, 'all emailed');
      await sleep(1000);
      await w.stop();
      expect(flaky.mails).toHaveLength(5);
    } finally {
      await flaky.close();
    }
  });

  it('a reminder point missed while the worker was down is sent, late, when its timer fires', async () => {
    const s = await system('missed');
    // Due Fri 13 Mar 2026: its "5 working days before" reminder is due Fri 6 Mar 2026 at 08:00.
    const { ids: [d] } = await seedDeadlines(s.db, 1, '2026-03-13', { dutyHolder: 'council', responsibleBody: '', ruleId: 'order.amend_plan' });
    const jobId = `deadline-check.${d}.2026-03-13`;
    let w = s.worker({ CLOCK_NOW: '2026-03-05T09:00:00Z' }); // Thu 5 Mar
    await eventually(async () => (await redis.zscore(`${s.prefix}:deadlines:delayed`, jobId)) !== null, 30_000, 'the timer');
    await w.stop();
    // Mon 9 Mar: the worker did not run on Friday; back now, its timer fires (late).
    w = s.worker({ CLOCK_NOW: '2026-03-09T09:00:00Z' });
    const q = testQueue(s.prefix);
    try {
      await (await q.getJob(jobId))!.promote();
      const [sent] = await eventually(
        async () => {
          const rows = await sql<{ point: string; for_date: string; title: string; body: string }>(s.db, `SELECT point, for_date::text, title, body FROM notification WHERE deadline_id = $1`, [d]);
          return rows.length > 0 && rows;
        },
        30_000,
        'the late reminder',
      );
      expect(sent).toMatchObject({ point: 'before-5', for_date: '2026-03-06' });
      expect(sent!.title).toMatch(/^Due Fri(day)? 13 Mar(ch)? 2026: /);
      expect(sent!.body).toContain('This reminder was due on');
      await eventually(async () => (await s.count(`SELECT count(*) AS n FROM notification WHERE emailed_at IS NOT NULL`)) === 1, 30_000, 'its email');
      await w.stop();
    } finally {
      await q.close();
    }
  });

  it('queue lag counts from when a job should have run, not from when it was made', async () => {
    const s = await system('lag');
    const { base } = await s.apiProcess(); // no worker: nothing takes the jobs
    const q = testQueue(s.prefix);
    const WEEK = 7 * 24 * 3600_000;
    const queueHealth = async () => {
      const res = await fetch(`${base}/health`);
      const body = (await res.json()) as any;
      return { status: res.status, queue: body.info?.deadlineQueue as { lagMs: number; waiting: number } | undefined };
    };
    try {
      // A timer made three weeks ago to fire now, promoted: due now, not three weeks late.
      await q.add('deadline.check', { deadlineId: 'a', dueOn: '2026-03-20' }, { jobId: 'made-weeks-ago', delay: 3 * WEEK, timestamp: Date.now() - 3 * WEEK });
      await (await q.getJob('made-weeks-ago'))!.promote();
      let h = await queueHealth();
      expect(h.status).toBe(200);
      expect(h.queue?.waiting).toBe(1);
      expect(h.queue?.lagMs).toBeLessThan(60_000);
      await (await q.getJob('made-weeks-ago'))!.remove();

      // A job that re-timed itself (its run-at in its data) two minutes ago waits: late, within the limit…
      await q.add('deadline.check', { deadlineId: 'b', dueOn: '2026-03-20', runAt: Date.now() - 2 * 60_000 }, { jobId: 're-timed', timestamp: Date.now() - 5 * WEEK });
      h = await queueHealth();
      expect(h.status).toBe(200);
      expect(h.queue?.lagMs).toBeGreaterThanOrEqual(2 * 60_000);
      expect(h.queue?.lagMs).toBeLessThan(3 * 60_000);
      await (await q.getJob('re-timed'))!.remove();
      // …and one due ten minutes ago is past it (PostgreSQL and Redis are up: the 503 is the lag's).
      await q.add('deadline.check', { deadlineId: 'c', dueOn: '2026-03-20', runAt: Date.now() - 10 * 60_000 }, { jobId: 'late', timestamp: Date.now() - 5 * WEEK });
      h = await queueHealth();
      expect(h.status).toBe(503);
    } finally {
      await q.close();
    }
  });
});

