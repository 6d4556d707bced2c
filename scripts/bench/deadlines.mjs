// `npm run bench:deadlines [-- --size=2000000 --due=250000 --staff=2000 --mail]`: the deadline
// design at national scale, in a database of its own and against a dedicated redis-server:
//   1. Redis' memory with 100,000, 1,000,000 and `size` live deadlines in PostgreSQL (a running,
//      idle worker: Redis holds only work in flight, so it should stay flat);
//   2. the tick's own cost at rest (nothing due) with `size` live deadlines: its duration (the
//      worker's heartbeat), the worker's CPU, and the plan of the claim query;
//   3. the morning run: `due` actions (the reminders of the day, and one daily digest per member of
//      staff with overdue deadlines, listing 100,000 overdue deadlines) become due at once, and are
//      claimed, queued and done; the time from due to done (p50, p99, max), the health check polled
//      throughout (it must stay green: a planned run in progress), Redis' peak memory;
//   4. the worker's peak RSS (VmHWM) over all of it, run as `npm start` runs it.
// Rows are made with SQL (generate_series). The clock is fixed (CLOCK_NOW Mon 2 Mar 2026 09:00);
// the morning run starts when one transaction makes the day's actions due at 08:00, as the passing
// of 08:00 would. Staff have no email address unless --mail (then an SMTP sink in this process counts
// the emails and the time until all are sent). `--quick` = --size=200000 --due=25000 --staff=400.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';
import {
  assertNode24,
  dropDatabase,
  ensureDatabase,
  freePort,
  migrate,
  ROOT,
  sleep,
  WORKER_NODE_ARGS,
} from '../system.mjs';

assertNode24();
const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const quick = args.quick === 'true';
const SIZE = Number(args.size ?? (quick ? 200_000 : 2_000_000));
const DUE = Number(args.due ?? (quick ? 25_000 : 250_000));
const STAFF = Number(args.staff ?? (quick ? 400 : 2_000)); // caseworkers; one manager per 10 of them
const MAIL = args.mail === 'true';
const TEAMS = Math.max(1, Math.round(STAFF / 20));
const MANAGERS = TEAMS * 2;
const OVERDUE = Math.min(100_000, Math.round(SIZE / 20)); // already overdue: listed in the digests
const CASES = Math.max(1, Math.round(SIZE / 10));
const NOW = '2026-03-02T09:00:00Z'; // Mon 2 Mar 2026
const HEALTH_TOKEN = 'bench-health-token-0123456789abcdefghijklmnop';

if (
  spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' })
    .status !== 0
) {
  console.error(
    'The benchmark needs redis-server (Debian: apt-get install -y redis-server).',
  );
  process.exit(1);
}
for (const built of ['dist/apps/worker/main.js', 'dist/apps/api/main.js']) {
  try {
    readFileSync(join(ROOT, built));
  } catch {
    console.error('Build first: npx nx run-many -t build -p api worker');
    process.exit(1);
  }
}

const log = (message) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const redisPort = await freePort();
const redisServer = spawn(
  'redis-server',
  [
    '--port',
    String(redisPort),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    mkdtempSync(join(tmpdir(), 'send-bench-redis-')),
  ],
  { stdio: 'ignore' },
);
const redisUrl = `redis://127.0.0.1:${redisPort}/0`;
const db = new URL(
  process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres',
);
db.pathname = `/send_bench_${Date.now().toString(36)}`;
const apiPort = await freePort();
let mailSink;
let mailsReceived = 0;
if (MAIL) {
  const port = await freePort();
  mailSink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        mailsReceived++;
        done();
      });
    },
  });
  mailSink.on('error', () => undefined);
  await new Promise((ok) => mailSink.listen(port, '127.0.0.1', ok));
  process.env.BENCH_SMTP_URL = `smtp://127.0.0.1:${port}`;
}
const env = {
  ...process.env,
  NODE_ENV: 'test',
  DATABASE_URL: db.toString(),
  REDIS_URL: redisUrl,
  REDIS_PREFIX: 'bench',
  CLOCK_NOW: NOW,
  LOG_LEVEL: 'warn',
  HEALTH_TOKEN,
  PORT: String(apiPort),
  HOST: '127.0.0.1',
  WEB_DIST: '',
  MAIL_DIR: mkdtempSync(join(tmpdir(), 'send-bench-mail-')),
  ...(MAIL ? { SMTP_URL: process.env.BENCH_SMTP_URL } : {}),
};
const client = new pg.Client({ connectionString: env.DATABASE_URL });
const redis = new Redis(redisUrl);
redis.on('error', () => undefined); // until redis-server is up

function start(script, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, script)], {
    env,
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const status = () => readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const peakMb = () =>
    Number(/VmHWM:\s+(\d+) kB/.exec(status())?.[1] ?? NaN) / 1024;
  /** CPU seconds used so far (user + system). */
  const cpuSeconds = () => {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8')
      .split(') ')[1]
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  const stop = () =>
    new Promise((r) =>
      child.exitCode !== null
        ? r()
        : (child.once('exit', r), child.kill('SIGTERM')),
    );
  return { child, peakMb, cpuSeconds, stop };
}

async function until(check, label, timeoutMs = 3_600_000) {
  const t = Date.now();
  while (!(await check())) {
    if (Date.now() - t > timeoutMs)
      throw new Error(`${label}: not done within ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}

const one = async (sql, params = []) =>
  (await client.query(sql, params)).rows[0];
const redisMb = async () =>
  Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]) /
  1024 /
  1024;
const health = async () => {
  try {
    const res = await fetch(`http://127.0.0.1:${apiPort}/api/health`, {
      headers: { authorization: `Bearer ${HEALTH_TOKEN}` },
    });
    return { status: res.status, body: await res.json() };
  } catch (error) {
    return { status: 0, body: { error: String(error) } };
  }
};
const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** The snapshot of a case just opened (what the domain's reducer makes): the worker can append to its history. */
const SNAPSHOT = `jsonb_build_object('reference', 'B-' || g, 'childName', 'Bench ' || g, 'dateOfBirth', '2013-06-30',
  'caseworker', 'Caseworker ' || (g % ${STAFF}), 'team', 'Team ' || ((g % ${STAFF}) % ${TEAMS}), 'stage', 'open',
  'contacts', '[]'::jsonb, 'decisions', '[]'::jsonb, 'wayForwardMeetings', '[]'::jsonb, 'mediations', '[]'::jsonb,
  'disagreementResolutions', '[]'::jsonb, 'appeals', '[]'::jsonb, 'orders', '[]'::jsonb, 'recommendations', '[]'::jsonb, 'documents', '[]'::jsonb)`;

/**
 * Deadlines `from`..`to` (1-based numbers; deadline g belongs to case g mod CASES): the first OVERDUE
 * overdue (in the digests), the next DUE - staff due for their 5-day reminder this morning (due Mon
 * 9 Mar, timed for 10:00 until the run starts), the rest open and due from April to December, timed
 * for their first reminder point.
 */
async function insertDeadlines(from, to) {
  const reminders = DUE - STAFF - MANAGERS;
  await client.query(
    `INSERT INTO deadline (case_id, rule_id, subject_id, ruleset_version, facts, due_on, explanation, status, responsible_body, duty_holder, owner,
       owner_id, opened_by_event_id, timing_from, next_action_at)
     SELECT c.id, CASE WHEN g % 3 = 0 THEN 'recommendation.response' ELSE 'order.amend_plan' END, 'd' || g, '2026.1', '{}',
       CASE WHEN g <= $3 THEN DATE '2026-01-05' + (g % 50)
            WHEN g <= $3 + $4 THEN DATE '2026-03-09'
            ELSE DATE '2026-04-01' + (g % 270) END,
       '["Order Mon 2 Feb 2026; + 5 weeks"]',
       CASE WHEN g <= $3 THEN 'overdue' ELSE 'open' END,
       CASE WHEN g % 3 = 0 THEN 'icb' END, CASE WHEN g % 3 = 0 THEN 'icb' ELSE 'council' END, c.caseworker, c.caseworker_id, c.opened_by,
       '2026-01-05T10:00:00Z',
       CASE WHEN g <= $3 THEN NULL
            WHEN g <= $3 + $4 THEN TIMESTAMPTZ '2026-03-02T10:00:00Z'
            ELSE (DATE '2026-04-01' + (g % 270) - 14) + TIME '08:00' END
     FROM generate_series($1::int, $2::int) g
     JOIN bench_case c ON c.n = g % ${CASES}`,
    [from, to, OVERDUE, reminders],
  );
}

const figures = [];
let worker;
let api;
try {
  await until(
    async () => (await redis.ping().catch(() => '')) === 'PONG',
    'redis-server',
    10_000,
  );
  await ensureDatabase(env.DATABASE_URL);
  migrate(env);
  await client.connect();
  log(
    `Making ${STAFF} caseworkers and ${MANAGERS} managers in ${TEAMS} teams, ${CASES.toLocaleString('en-GB')} cases`,
  );
  await client.query(
    `INSERT INTO staff_user (name, role, team, email)
     SELECT 'Caseworker ' || g, 'caseworker', 'Team ' || (g % ${TEAMS}), ${MAIL ? `'cw' || g || '@bench.example'` : 'NULL'} FROM generate_series(0, ${STAFF - 1}) g
     UNION ALL
     SELECT 'Manager ' || g, 'manager', 'Team ' || (g % ${TEAMS}), ${MAIL ? `'mg' || g || '@bench.example'` : 'NULL'} FROM generate_series(0, ${MANAGERS - 1}) g`,
  );
  await client.query(
    `CREATE UNLOGGED TABLE bench_case (n int PRIMARY KEY, id uuid, caseworker text, caseworker_id uuid, opened_by uuid)`,
  );
  await client.query(
    `WITH c AS (
       INSERT INTO "case" (reference, child_name, date_of_birth, caseworker, caseworker_id, team, stage, version, snapshot)
       SELECT 'B-' || g, 'Bench ' || g, '2013-06-30', s.name, s.id, s.team, 'open', 1, ${SNAPSHOT}
       FROM generate_series(0, ${CASES - 1}) g JOIN staff_user s ON s.name = 'Caseworker ' || (g % ${STAFF})
       RETURNING id, reference, caseworker, caseworker_id)
     INSERT INTO bench_case (n, id, caseworker, caseworker_id) SELECT substr(reference, 3)::int, id, caseworker, caseworker_id FROM c`,
  );
  await client.query(
    `WITH e AS (
       INSERT INTO case_event (id, case_id, sequence, type, payload_version, payload, actor_name, actor_role, business_date, recorded_at,
         summary, stage_after, correlation_id, hash)
       SELECT gen_random_uuid(), id, 1, 'case.opened', 1, '{}', 'Bench', 'caseworker', '2026-01-05', now(), 'Opened', 'open', gen_random_uuid(), 'x'
       FROM bench_case RETURNING id, case_id)
     UPDATE bench_case b SET opened_by = e.id FROM e WHERE e.case_id = b.id`,
  );
  // The digest goes out when the run starts, not at once.
  await client.query(
    `UPDATE scheduled_run SET next_run_at = '2026-03-02T10:00:00Z' WHERE name = 'daily-digest'`,
  );

  worker = start('dist/apps/worker/main.js', WORKER_NODE_ARGS);
  api = start('dist/apps/api/main.js');
  await until(
    async () => (await health()).status === 200,
    'the API and the worker',
    120_000,
  );

  // 1. Redis' memory as live deadlines grow.
  const stages = [100_000, 1_000_000, SIZE].filter(
    (n, i, all) => n <= SIZE && all.indexOf(n) === i,
  );
  let inserted = 0;
  const memory = [];
  for (const stage of stages) {
    const t0 = Date.now();
    for (let from = inserted + 1; from <= stage; from += 100_000)
      await insertDeadlines(from, Math.min(stage, from + 99_999));
    inserted = stage;
    await client.query('ANALYZE deadline');
    await sleep(6_000); // a few ticks at rest
    const live = Number(
      (
        await one(
          `SELECT count(*) AS n FROM deadline WHERE status IN ('open', 'overdue')`,
        )
      ).n,
    );
    memory.push({ live, mb: await redisMb(), keys: await redis.dbsize() });
    log(
      `${live.toLocaleString('en-GB')} live deadlines (inserted in ${((Date.now() - t0) / 1000).toFixed(0)} s): Redis ${memory.at(-1).mb.toFixed(2)} MB, ${memory.at(-1).keys} keys`,
    );
  }

  // 2. The tick at rest.
  const cpu0 = worker.cpuSeconds();
  const rest0 = Date.now();
  const tickMs = [];
  while (Date.now() - rest0 < 30_000) {
    const row = await one(
      `SELECT tick_ms FROM worker_heartbeat ORDER BY seen_at DESC LIMIT 1`,
    );
    if (row?.tick_ms !== null && row?.tick_ms !== undefined)
      tickMs.push(Number(row.tick_ms));
    await sleep(1000);
  }
  const restCpu =
    ((worker.cpuSeconds() - cpu0) / ((Date.now() - rest0) / 1000)) * 100;
  tickMs.sort((a, b) => a - b);
  const plan = (
    await client.query(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id FROM deadline WHERE next_action_at <= $1 ORDER BY next_action_at LIMIT 1000 FOR UPDATE SKIP LOCKED`,
      [NOW],
    )
  ).rows.map((r) => r['QUERY PLAN']);
  log(
    `At rest: tick ${percentile(tickMs, 0.5)} ms (p50), ${tickMs.at(-1)} ms (max); worker CPU ${restCpu.toFixed(1)}%`,
  );

  // 3. The morning run: at 08:00 the day's reminders and the daily digest fall due, in one transaction.
  const staffWithOverdue = Number(
    (
      await one(
        `SELECT count(DISTINCT c.caseworker_id) AS n FROM deadline d JOIN "case" c ON c.id = d.case_id WHERE d.status = 'overdue'`,
      )
    ).n,
  );
  const managersWithOverdue = Number(
    (
      await one(
        `SELECT count(*) AS n FROM staff_user WHERE role = 'manager' AND team IN (SELECT DISTINCT c.team FROM deadline d JOIN "case" c ON c.id = d.case_id WHERE d.status = 'overdue')`,
      )
    ).n,
  );
  const digests = staffWithOverdue + managersWithOverdue;
  await client.query('BEGIN');
  const { rowCount: reminders } = await client.query(
    `UPDATE deadline SET next_action_at = '2026-03-02T08:00:00Z' WHERE next_action_at = '2026-03-02T10:00:00Z'`,
  );
  await client.query(
    `UPDATE scheduled_run SET next_run_at = '2026-03-02T08:00:00Z' WHERE name = 'daily-digest'`,
  );
  await client.query('COMMIT');
  const { t0 } = await one(`SELECT clock_timestamp() AS t0`);
  const started = Date.now();
  const runCpu0 = worker.cpuSeconds();
  const actions = reminders + digests;
  log(
    `Morning run: ${actions.toLocaleString('en-GB')} actions due (${reminders.toLocaleString('en-GB')} reminders, ${digests.toLocaleString('en-GB')} digests)`,
  );
  let redisPeak = 0;
  const healthSeen = new Map();
  let lastHealth = 0;
  await until(async () => {
    redisPeak = Math.max(redisPeak, await redisMb());
    if (Date.now() - lastHealth > 5_000) {
      lastHealth = Date.now();
      const h = await health();
      const key = `${h.status} ${h.body?.details?.deadlineActions?.state ?? ''}${h.status === 200 ? '' : ` ${JSON.stringify(h.body?.error ?? h.body)}`}`;
      healthSeen.set(key, (healthSeen.get(key) ?? 0) + 1);
    }
    const done = await one(
      `SELECT count(*) FILTER (WHERE kind = 'reminder') AS r, count(*) FILTER (WHERE kind = 'digest') AS d FROM notification`,
    );
    return Number(done.r) >= reminders && Number(done.d) >= digests;
  }, 'the morning run');
  const runSeconds = (Date.now() - started) / 1000;
  const runCpu = ((worker.cpuSeconds() - runCpu0) / runSeconds) * 100;
  const latency = (
    await client.query(
      `SELECT extract(epoch FROM created_at - $1::timestamptz) AS s FROM notification ORDER BY 1`,
      [t0],
    )
  ).rows.map((r) => Number(r.s));
  let mailSeconds;
  if (MAIL) {
    await until(
      async () =>
        Number(
          (
            await one(
              `SELECT count(*) AS n FROM notification WHERE emailed_at IS NULL AND email_next_attempt_at IS NOT NULL`,
            )
          ).n,
        ) === 0,
      'the emails',
    );
    mailSeconds = (Date.now() - started) / 1000;
  }
  const leftover = Number(
    (
      await one(
        `SELECT count(*) AS n FROM deadline WHERE next_action_at <= $1 OR claimed_at IS NOT NULL`,
        [NOW],
      )
    ).n,
  );
  const workerPeak = worker.peakMb();
  const machine = `${process.arch}, ${os.cpus().length} cores, Node ${process.versions.node}, PostgreSQL ${(await one('SHOW server_version')).server_version}`;

  console.log(
    `\nDeadline benchmark, ${new Date().toISOString().slice(0, 10)} (${machine}; worker ${WORKER_NODE_ARGS.join(' ')}, TICK_MS 2000, DEADLINE_MAX_IN_FLIGHT 2000, WORKER_CONCURRENCY 10)`,
  );
  console.log(
    `  load average at the end (other work on the machine slows every figure): ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}`,
  );
  console.log(
    `  Redis memory at rest: ${memory.map((m) => `${m.live.toLocaleString('en-GB')} live: ${m.mb.toFixed(2)} MB (${m.keys} keys)`).join('; ')}`,
  );
  console.log(
    `  the tick at rest with ${inserted.toLocaleString('en-GB')} live: ${percentile(tickMs, 0.5)} ms p50, ${tickMs.at(-1)} ms max (${tickMs.length} ticks); worker CPU ${restCpu.toFixed(1)}% of a core`,
  );
  console.log(
    `  claim query with nothing due: ${plan
      .filter((l) => /Execution Time|Index|Buffers/.test(l))
      .map((l) => l.trim())
      .join(' | ')}`,
  );
  console.log(
    `  morning run: ${actions.toLocaleString('en-GB')} actions (${reminders.toLocaleString('en-GB')} reminders, ${digests.toLocaleString('en-GB')} digests listing ${OVERDUE.toLocaleString('en-GB')} overdue deadlines) all done in ${runSeconds.toFixed(0)} s; ` +
      `due→done p50 ${percentile(latency, 0.5).toFixed(1)} s, p99 ${percentile(latency, 0.99).toFixed(1)} s, max ${latency.at(-1).toFixed(1)} s; left undone: ${leftover}; ` +
      `${(actions / runSeconds).toFixed(0)} actions/s, worker CPU ${runCpu.toFixed(0)}% of a core`,
  );
  console.log(`  Redis peak during the run: ${redisPeak.toFixed(2)} MB`);
  console.log(
    `  health during the run (status, state: times seen): ${[...healthSeen].map(([k, n]) => `${k}: ${n}`).join('; ')}`,
  );
  if (MAIL)
    console.log(
      `  emails: ${mailsReceived.toLocaleString('en-GB')} received by the SMTP sink, the last ${mailSeconds.toFixed(0)} s after the run started`,
    );
  console.log(
    `  worker peak RSS (VmHWM): ${workerPeak.toFixed(0)} MB (target < 300 MB)`,
  );
  figures.push({
    memory,
    tickMs,
    restCpu,
    actions,
    runSeconds,
    latency,
    redisPeak,
    workerPeak,
  });
} finally {
  await worker?.stop();
  await api?.stop();
  await client.end().catch(() => undefined);
  redis.disconnect();
  redisServer.kill('SIGKILL');
  mailSink?.close();
  if (args.keep !== 'true')
    await dropDatabase(env.DATABASE_URL).catch(() => undefined);
}
