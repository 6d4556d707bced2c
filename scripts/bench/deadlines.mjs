// `npm run bench:deadlines`: how fast, and in how much memory, the worker
//   1. relays 100,000 deadlines from the outbox to BullMQ, and
//   2. reconciles 1,000,000 open deadlines after a Redis flush (the start-up sweep).
// Uses a database of its own and a dedicated redis-server on a free port; rows are inserted with
// SQL (generate_series). The worker runs as the built process (dist/apps/worker/main.js); its peak
// memory is the kernel's high-water mark of resident memory (VmHWM in /proc/<pid>/status).
// Options: BENCH_RELAY (default 100000), BENCH_SWEEP (default 1000000).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { assertNode24, dropDatabase, ensureDatabase, freePort, migrate, ROOT, sleep, WORKER_NODE_ARGS } from '../system.mjs';

assertNode24();
const RELAY = Number(process.env.BENCH_RELAY ?? 100_000);
const SWEEP = Number(process.env.BENCH_SWEEP ?? 1_000_000);
const NOW = '2026-03-02T09:00:00Z';

if (spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status !== 0) {
  console.error('The benchmark needs redis-server (Debian: apt-get install -y redis-server).');
  process.exit(1);
}
if (!existsBuilt()) {
  console.error('Build first: npx nx run-many -t build -p api worker');
  process.exit(1);
}
function existsBuilt() {
  try {
    readFileSync(join(ROOT, 'dist/apps/worker/main.js'));
    return true;
  } catch {
    return false;
  }
}

const redisPort = await freePort();
const redisDir = mkdtempSync(join(tmpdir(), 'send-bench-redis-'));
const redisServer = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir], { stdio: 'ignore' });
const redisUrl = `redis://127.0.0.1:${redisPort}/0`;
const db = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
db.pathname = `/send_bench_${Date.now().toString(36)}`;
const env = {
  ...process.env,
  NODE_ENV: 'test',
  DATABASE_URL: db.toString(),
  REDIS_URL: redisUrl,
  REDIS_PREFIX: 'bench',
  CLOCK_NOW: NOW,
  LOG_LEVEL: 'warn',
  OUTBOX_POLL_MS: '100',
  MAIL_DIR: mkdtempSync(join(tmpdir(), 'send-bench-mail-')),
};
const client = new pg.Client({ connectionString: env.DATABASE_URL });
const redis = new Redis(redisUrl);
redis.on('error', () => undefined); // until redis-server is up

function startWorker() {
  // The worker runs as `npm start` runs it: with the bounded heap of WORKER_NODE_ARGS.
  const child = spawn(process.execPath, [...WORKER_NODE_ARGS, join(ROOT, 'dist/apps/worker/main.js')], {
    env,
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const peakMb = () => {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  };
  const stop = () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM'))));
  return { child, peakMb, stop };
}

async function until(check, label, timeoutMs = 600_000) {
  const t = Date.now();
  while (!(await check())) {
    if (Date.now() - t > timeoutMs) throw new Error(`${label}: not done within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

const delayedJobs = () => redis.zcard('bench:deadlines:delayed');

/** One case, one opening event, then `count` open council deadlines due over the next ten months. */
async function insertDeadlines(from, count, withOutbox) {
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO deadline (case_id, rule_id, subject_id, ruleset_version, facts, due_on, explanation, status, duty_holder, owner, opened_by_event_id)
     SELECT $1, 'order.amend_plan', 'b' || g, '2026.1', '{}', DATE '2026-04-01' + (g % 300), '["Order date; + 5 weeks"]', 'open', 'council', 'Casey Worker', $2
     FROM generate_series($3::int, $4::int) g`,
    [caseId, eventId, from, from + count - 1],
  );
  if (withOutbox) {
    await client.query(
      `INSERT INTO outbox (topic, payload)
       SELECT 'deadline.opened', jsonb_build_object('deadlineId', id, 'dueOn', due_on::text) FROM deadline WHERE subject_id LIKE 'b%' AND created_at = now()`,
    );
  }
  await client.query('COMMIT');
}

let caseId;
let eventId;
const results = [];
try {
  await until(async () => (await redis.ping().catch(() => '')) === 'PONG', 'redis-server');
  await ensureDatabase(env.DATABASE_URL);
  migrate(env);
  await client.connect();
  ({ rows: [{ id: caseId }] } = await client.query(
    `INSERT INTO "case" (reference, child_name, date_of_birth, caseworker, team, stage, version, snapshot)
     VALUES ('BENCH-1', 'Bench', '2013-06-30', 'Casey Worker', 'SEND North', 'opened', 1, '{}') RETURNING id`,
  ));
  ({ rows: [{ id: eventId }] } = await client.query(
    `INSERT INTO case_event (id, case_id, sequence, type, payload_version, payload, actor_name, actor_role, business_date, recorded_at,
       summary, stage_after, correlation_id, hash)
     VALUES (gen_random_uuid(), $1, 1, 'case.opened', 1, '{}', 'Bench', 'caseworker', '2026-03-02', now(), 'Opened', 'opened', gen_random_uuid(), 'x')
     RETURNING id`,
    [caseId],
  ));

  // 1. The outbox relay: a running, idle worker; then 100,000 deadlines and outbox rows commit at once.
  let worker = startWorker();
  await sleep(3000); // booted, start-up sweep over an empty table done
  await insertDeadlines(1, RELAY, true);
  let t0 = Date.now();
  await until(async () => (await client.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)).rows[0].n === 0, 'relay');
  await until(async () => (await delayedJobs()) >= RELAY, 'relay jobs');
  results.push({ what: `relay ${RELAY.toLocaleString('en-GB')} deadlines from the outbox`, seconds: (Date.now() - t0) / 1000, workerPeakMb: worker.peakMb() });
  await worker.stop();

  // 2. The sweep: 1,000,000 open deadlines, Redis flushed, a fresh worker reconciles at start.
  if (SWEEP > RELAY) await insertDeadlines(RELAY + 1, SWEEP - RELAY, false);
  await client.query('ANALYZE deadline');
  await redis.flushall();
  t0 = Date.now();
  worker = startWorker();
  await until(async () => (await delayedJobs()) >= SWEEP, 'sweep');
  results.push({
    what: `reconcile ${SWEEP.toLocaleString('en-GB')} open deadlines after FLUSHALL (worker start included)`,
    seconds: (Date.now() - t0) / 1000,
    workerPeakMb: worker.peakMb(),
  });
  const info = await redis.info('memory');
  await worker.stop();
  const os = await import('node:os');
  console.log(`\nDeadline benchmark (${process.arch}, ${os.cpus().length} cores, Node ${process.versions.node}, worker ${WORKER_NODE_ARGS.join(' ')})`);
  console.log(`  load average at the end (other work on the machine slows every figure): ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}`);
  for (const r of results) {
    console.log(`  ${r.what}: ${r.seconds.toFixed(1)} s, worker peak RSS ${r.workerPeakMb.toFixed(0)} MB  (targets: < 60 s, < 300 MB)`);
  }
  console.log(`  Redis memory after: ${/used_memory_human:(\S+)/.exec(info)?.[1]}`);
} finally {
  await client.end().catch(() => undefined);
  redis.disconnect();
  redisServer.kill('SIGKILL');
  await dropDatabase(env.DATABASE_URL).catch(() => undefined);
}
