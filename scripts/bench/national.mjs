// `npm run bench:national [-- --full] [--cases=N] [--seconds=8] [--regenerate] [--generate-only] [--only=label] [--show-sql]`: the API
// at national scale, side by side with its own SQL run straight through pgbench.
//   1. A national dataset in a database of its own (`send_bench_national_<cases>`, built by the
//      project's migrations, kept between runs: made again only with --regenerate): 100,000 cases by
//      default, 1,000,000 with --full, across 152 teams, with about 21 history events and 2.7
//      deadlines a case (open, met on time or late, missed, overdue), an appeal on 29% of the cases
//      with its stage and outcome, mediation deadlines. Made with SQL (generate_series).
//   2. The built API (dist/apps/api/main.js, loopback) and worker against it, clock fixed at Mon 2 Mar 2026.
//   3. For every report, drill-down list, search, the case page and history (as the manager of one
//      team, and the national views as an auditor): p95 and requests a second at concurrency 1 and 8
//      (a timed loop over keep-alive connections), then exactly the SQL the API sent for that request
//      (captured from its pg client, values inlined) through pgbench at the same concurrency.
//      Decision writes: the API at c=1 and 8 against pgbench running the same rows' transaction,
//      in --write-rounds (3) alternating rounds, each side's median reported (pgbench alone varied
//      from 215 to 376 transactions a second from one run to the next at full size).
//      A period export: rows a second against `COPY (the same query) TO STDOUT (FORMAT csv)`, and the worker's peak RSS.
import { spawn, spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { hash } from '@node-rs/argon2';
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
const CASES = Number(
  args.cases ?? (args.full === 'true' ? 1_000_000 : 100_000),
);
const TEAMS = 152;
const SECONDS = Number(args.seconds ?? 8);
/** Alternating rounds of the API and pgbench for decision writes (the median of each is reported). */
const WRITE_ROUNDS = Number(args['write-rounds'] ?? 3);
const NOW = '2026-03-02T09:00:00Z';
const PASSWORD = 'bench-national-password';
const TEAM = 'Team 007';
/**
 * The write benchmark's caseworker, and so the cases the API opens and writes to, are in a team of
 * their own: the team whose views are measured (TEAM) stays as generated, run after run.
 */
const WRITE_TEAM = 'Bench writes';
const EXPORT_FROM = '2026-01-01';
const EXPORT_TO = args['export-to'] ?? '2026-01-31';

for (const tool of ['pgbench', 'psql']) {
  if (
    spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' })
      .status !== 0
  ) {
    console.error(
      `The benchmark needs ${tool} (Debian: apt-get install -y postgresql-client).`,
    );
    process.exit(1);
  }
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
const db = new URL(
  process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres',
);
db.pathname = `/send_bench_national_${CASES}`;
const DATABASE_URL = db.toString();
const apiPort = await freePort();
const sqlLog = join(
  mkdtempSync(join(tmpdir(), 'send-bench-national-')),
  'sql.jsonl',
);
const env = {
  ...process.env,
  NODE_ENV: 'test',
  DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
  REDIS_PREFIX: `bench-national-${process.pid}`,
  CLOCK_NOW: NOW,
  LOG_LEVEL: 'warn',
  PORT: String(apiPort),
  HOST: '127.0.0.1',
  WEB_DIST: '',
  RATE_LIMIT_READS_PER_MINUTE: '100000',
  MAIL_DIR: mkdtempSync(join(tmpdir(), 'send-bench-mail-')),
  EXPORT_DIR: mkdtempSync(join(tmpdir(), 'send-bench-exports-')),
  BENCH_SQL_LOG: sqlLog,
};
const base = `http://127.0.0.1:${apiPort}/api`;
const client = new pg.Client({ connectionString: DATABASE_URL });
const percentile = (sorted, p) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
    : NaN;

// ---------------------------------------------------------------- the dataset
const FIRST = `ARRAY['Amelia','Oliver','Isla','George','Ava','Noah','Mia','Arthur','Ivy','Muhammad','Freya','Leo','Lily','Harry','Florence','Oscar','Sophia','Archie','Grace','Henry']`;
const LAST = `ARRAY['Smith','Jones','Taylor','Brown','Williams','Wilson','Johnson','Davies','Patel','Khan','Robinson','Wright','Thompson','Evans','Walker','White','Roberts','Green','Hall','Wood','Jackson','Clarke','Ahmed','Hussain','Lewis','Harris','Martin','Cooper','King','Lee']`;
const DECISIONS = `ARRAY['refuse_assessment','refuse_plan','plan_contents','refuse_reassessment','cease_plan','amend_plan']`;
const OUTCOMES = `ARRAY['decided_allowed','decided_partly_allowed','decided_dismissed','referred_back','conceded_before_response','consent_order','withdrawn','struck_out']`;
const RULE = `ARRAY['mediation.contact_adviser','mediation.arrange','tribunal.la_response','recommendation.response','assessment.decide','appeal.lodge','order.amend_plan','review.decision']`;

async function generate() {
  const t0 = Date.now();
  await dropDatabase(DATABASE_URL);
  await ensureDatabase(DATABASE_URL);
  migrate(env);
  await client.connect();
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET maintenance_work_mem = '256MB'`);
  // Consistent by construction (every reference points to a row made before it, and each deadline
  // carries its case's team): no per-row foreign-key checks or triggers while loading.
  await client.query(`SET session_replication_role = replica`);
  const step = async (label, sql) => {
    const t = Date.now();
    const r = await client.query(sql);
    log(
      `  ${label}: ${(r.rowCount ?? 0).toLocaleString('en-GB')} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
  };
  log(
    `Generating ${CASES.toLocaleString('en-GB')} cases across ${TEAMS} teams into ${db.pathname.slice(1)}`,
  );
  const passwordHash = await hash(PASSWORD, { algorithm: 2 });
  await client.query(
    `INSERT INTO staff_user (name, role, team, email, password_hash) VALUES
       ('Bench Manager', 'manager', $2, 'manager@bench.example', $1), ('Bench Auditor', 'auditor', 'Audit', 'auditor@bench.example', $1),
       ('Bench Caseworker', 'caseworker', $3, 'caseworker@bench.example', $1)`,
    [passwordHash, TEAM, WRITE_TEAM],
  );
  await step(
    'staff',
    `INSERT INTO staff_user (name, role, team)
     SELECT CASE WHEN k = 0 THEN 'Manager ' ELSE 'Caseworker ' END || lpad(t::text, 3, '0') || '-' || k, CASE WHEN k = 0 THEN 'manager' ELSE 'caseworker' END,
            'Team ' || lpad(t::text, 3, '0')
     FROM generate_series(0, ${TEAMS - 1}) t, generate_series(0, 10) k`,
  );
  // Cases: n = 1..CASES; team n % TEAMS; ~29% with an appeal (and the decision it is about) in the snapshot.
  await step(
    'cases',
    `INSERT INTO "case" (id, reference, child_name, date_of_birth, caseworker, team, stage, version, snapshot, created_at, updated_at)
     SELECT md5('case' || n)::uuid, ref, name, dob, cw, team, 'open', 1 + n % 20,
            jsonb_build_object('reference', ref, 'childName', name, 'dateOfBirth', dob, 'caseworker', cw, 'team', team, 'stage', 'open',
              'contacts', '[]'::jsonb, 'wayForwardMeetings', '[]'::jsonb, 'mediations', '[]'::jsonb, 'disagreementResolutions', '[]'::jsonb,
              'orders', '[]'::jsonb, 'recommendations', '[]'::jsonb, 'assessmentRequests', '[]'::jsonb, 'reviews', '[]'::jsonb,
              'draftPlans', '[]'::jsonb, 'phaseTransfers', '[]'::jsonb, 'flags', CASE WHEN n % 997 = 0 THEN '[{"kind":"bench"}]'::jsonb ELSE '[]'::jsonb END,
              'documents', '[]'::jsonb,
              'decisions', jsonb_build_array(jsonb_build_object('id', 'dec-' || n, 'type', (${DECISIONS})[1 + n % 6], 'decisionDate', opened + 20,
                 'letterSent', opened + 21, 'sections', '["B","F"]'::jsonb)),
              'appeals', CASE WHEN n % 100 < 29 THEN jsonb_build_array(jsonb_strip_nulls(jsonb_build_object('id', 'app-' || n, 'decisionId', 'dec-' || n,
                 'tribunalReference', 'EH' || lpad(n::text, 7, '0'), 'lodgedOn', opened + 40, 'sections', CASE WHEN n % 3 = 0 THEN '["B","F","I"]'::jsonb ELSE '["F"]'::jsonb END,
                 'registeredOn', CASE WHEN n % 7 > 0 THEN opened + 45 END, 'responseSentOn', CASE WHEN n % 7 > 1 THEN opened + 75 END,
                 'hearingDate', CASE WHEN n % 7 > 2 THEN opened + 150 END,
                 'outcome', CASE WHEN n % 7 > 3 THEN (${OUTCOMES})[1 + n % 8] END, 'decisionDate', CASE WHEN n % 7 > 3 THEN opened + 160 END)))
                 ELSE '[]'::jsonb END),
            opened::timestamptz, opened::timestamptz + (n % 400) * interval '1 day'
     FROM (SELECT n, 'SEND-' || lpad(n::text, 7, '0') AS ref, (${FIRST})[1 + n % 20] || ' ' || (${LAST})[1 + (n / 20) % 30] AS name,
                  (DATE '2006-01-01' + ((n::bigint * 7919) % 6000)::int) AS dob, 'Caseworker ' || lpad((n % ${TEAMS})::text, 3, '0') || '-' || (1 + (n / ${TEAMS}) % 10) AS cw,
                  'Team ' || lpad((n % ${TEAMS})::text, 3, '0') AS team, DATE '2024-06-01' + (n * 31) % 600 AS opened
           FROM generate_series(1, ${CASES}) n) s`,
  );
  // History: 11 to 31 events a case (21 on average), a week apart from the day it was opened.
  await step(
    'history events',
    `INSERT INTO case_event (id, case_id, sequence, type, payload_version, payload, actor_name, actor_role, business_date, recorded_at,
       summary, stage_before, stage_after, correlation_id, previous_hash, hash)
     SELECT md5('ev' || n || '-' || s)::uuid, md5('case' || n)::uuid, s,
            CASE WHEN s = 1 THEN 'case.opened' WHEN s = 2 THEN 'decision.issued' WHEN s % 5 = 0 THEN 'contact.added' WHEN s % 5 = 1 THEN 'mediation.adviser_contacted' ELSE 'note.recorded' END,
            1, jsonb_build_object('note', 'Bench event ' || s, 'n', n), 'Caseworker', 'caseworker', d, d::timestamptz + interval '10 hours',
            'Bench event ' || s, CASE WHEN s > 1 THEN 'open' END, 'open', md5('corr' || n || '-' || s)::uuid,
            CASE WHEN s > 1 THEN md5('h' || n || '-' || (s - 1)) END, md5('h' || n || '-' || s)
     FROM generate_series(1, ${CASES}) n
     CROSS JOIN LATERAL generate_series(1, 11 + n % 21) s
     CROSS JOIN LATERAL (SELECT (DATE '2024-06-01' + (n * 31) % 600 + (s - 1) * 7) AS d) x`,
  );
  // Deadlines: 2 or 3 a case; due dates over two years around today (Mon 2 Mar 2026); past ones met
  // (mostly on time), missed or still overdue; a few cancelled; future ones open.
  await step(
    'deadlines',
    `INSERT INTO deadline (case_id, rule_id, subject_id, ruleset_version, facts, due_on, explanation, status, met_on, responsible_body, duty_holder,
       owner, opened_by_event_id, decision_type, timing_from, team)
     SELECT md5('case' || n)::uuid, rule, 'd' || k, '2026.1', '{}', due, '["Bench: decision + 2 months"]',
            CASE WHEN (n + k) % 40 = 0 THEN 'cancelled'
                 WHEN due >= DATE '2026-03-02' THEN 'open'
                 WHEN (n + k) % 20 = 1 THEN 'missed'
                 WHEN (n + k) % 10 = 2 THEN CASE WHEN due >= DATE '2026-02-20' THEN 'open' ELSE 'overdue' END
                 ELSE 'met' END,
            CASE WHEN (n + k) % 40 <> 0 AND due < DATE '2026-03-02' AND (n + k) % 20 <> 1 AND (n + k) % 10 <> 2
                 THEN due - 3 + ((n + k) % 9) END,
            CASE WHEN rule = 'recommendation.response' THEN 'icb' END,
            CASE WHEN rule IN ('appeal.lodge', 'mediation.contact_adviser') THEN 'family' WHEN rule = 'recommendation.response' THEN 'icb' ELSE 'council' END,
            'Caseworker ' || lpad((n % ${TEAMS})::text, 3, '0') || '-' || (1 + (n / ${TEAMS}) % 10),
            md5('ev' || n || '-1')::uuid, (${DECISIONS})[1 + n % 6], due::timestamptz - interval '60 days', 'Team ' || lpad((n % ${TEAMS})::text, 3, '0')
     FROM generate_series(1, ${CASES}) n
     CROSS JOIN LATERAL generate_series(1, 2 + (n % 3 <> 0)::int) k
     CROSS JOIN LATERAL (SELECT (${RULE})[1 + (n + k * 3) % 8] AS rule, DATE '2025-03-01' + ((n * 37 + k * 101) % 550) AS due) x`,
  );
  await step(
    'appeals register',
    `INSERT INTO appeal_register (case_id, appeal_id, reference, child_name, team, caseworker, tribunal_reference, decision_type, sections, lodged_on,
       registered_on, response_sent_on, hearing_date, outcome, decision_date, stage, result)
     SELECT c.id, a->>'id', c.reference, c.child_name, c.team, c.caseworker, a->>'tribunalReference', c.snapshot->'decisions'->0->>'type',
            ARRAY(SELECT jsonb_array_elements_text(a->'sections')), (a->>'lodgedOn')::date, (a->>'registeredOn')::date, (a->>'responseSentOn')::date,
            (a->>'hearingDate')::date, a->>'outcome', (a->>'decisionDate')::date,
            CASE WHEN a ? 'outcome' THEN 'ended' WHEN a ? 'hearingDate' THEN 'hearing_listed' WHEN a ? 'responseSentOn' THEN 'response_sent'
                 WHEN a ? 'registeredOn' THEN 'registered' ELSE 'lodged' END,
            CASE WHEN NOT a ? 'outcome' THEN 'open' WHEN a->>'outcome' IN ('decided_allowed', 'decided_partly_allowed', 'referred_back') THEN 'lost'
                 WHEN a->>'outcome' IN ('conceded_before_response', 'consent_order') THEN 'conceded' WHEN a->>'outcome' = 'decided_dismissed' THEN 'upheld'
                 ELSE 'ended_without_decision' END
     FROM "case" c CROSS JOIN LATERAL jsonb_array_elements(c.snapshot->'appeals') a`,
  );
  // What cases are found by, as the write path stores them (reference, name, Tribunal references).
  await step(
    'search terms',
    `INSERT INTO case_search_term (case_id, team, kind, term, position)
     SELECT c.id, c.team, 'reference', c.reference, 0 FROM "case" c
     UNION ALL SELECT c.id, c.team, 'child_name', c.child_name, 1 FROM "case" c
     UNION ALL SELECT c.id, c.team, 'tribunal_reference', a->>'tribunalReference', 2
       FROM "case" c CROSS JOIN LATERAL jsonb_array_elements(c.snapshot->'appeals') a`,
  );
  await client.query(`SET session_replication_role = DEFAULT`);
  await client.query(`UPDATE scheduled_run SET next_run_at = '2099-01-01'`);
  await client.query(
    `CREATE TABLE bench_meta (cases int NOT NULL, generated_in_s int NOT NULL)`,
  );
  log('  VACUUM ANALYZE');
  await client.query(`VACUUM ANALYZE`);
  const seconds = Math.round((Date.now() - t0) / 1000);
  await client.query(`INSERT INTO bench_meta VALUES ($1, $2)`, [
    CASES,
    seconds,
  ]);
  log(`Generated in ${seconds} s`);
}

async function existing() {
  const c = new pg.Client({ connectionString: DATABASE_URL });
  try {
    await c.connect();
    const { rows } = await c.query(
      `SELECT cases, generated_in_s FROM bench_meta`,
    );
    return rows[0]?.cases === CASES ? rows[0] : undefined;
  } catch {
    return undefined;
  } finally {
    await c.end().catch(() => undefined);
  }
}

// ---------------------------------------------------------------- processes and HTTP
function start(script, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, script)], {
    env,
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const peakMb = () =>
    Number(
      /VmHWM:\s+(\d+) kB/.exec(
        readFileSync(`/proc/${child.pid}/status`, 'utf8'),
      )?.[1] ?? NaN,
    ) / 1024;
  // CPU time the process has used (user + system, /proc/<pid>/stat fields 14-15, in clock ticks of 1/100 s):
  // steadier than wall time on a machine others are loading.
  const cpuSeconds = () => {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
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

async function signIn(email) {
  const res = await fetch(`${base}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => /send_session=./.test(c));
  if (res.status !== 200 || !cookie)
    throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
  return { cookie, csrf: (await res.json()).csrfToken };
}

async function call(session, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      ...(method === 'GET'
        ? {}
        : { 'x-csrf-token': session.csrf, 'content-type': 'application/json' }),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * `c` loops calling `fn(worker)` for SECONDS (after a 1 s warm-up): p95 (ms) and requests a second
 * of the answered requests, and how many failed (with the first failure's message). A failed
 * request is counted, not fatal: one refused connection at full size should not lose the run.
 */
async function timed(fn, c) {
  let failed = 0;
  let firstFailure;
  const attempt = async (i) => {
    try {
      await fn(i);
      return true;
    } catch (error) {
      failed++;
      firstFailure ??= error instanceof Error ? error.message : String(error);
      return false;
    }
  };
  for (let end = Date.now() + 1000; Date.now() < end; )
    await Promise.all(Array.from({ length: c }, (_, i) => attempt(i)));
  failed = 0;
  firstFailure = undefined;
  const latencies = [];
  const started = performance.now();
  const end = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: c }, async (_, i) => {
      while (performance.now() < end) {
        const t = performance.now();
        if (await attempt(i)) latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  if (failed)
    log(`  ${failed} requests failed, the first with: ${firstFailure}`);
  return {
    p95: percentile(latencies, 0.95),
    rps: latencies.length / ((performance.now() - started) / 1000),
    failed,
  };
}

// ---------------------------------------------------------------- the same SQL through pgbench
const { prepareValue } = await import('pg/lib/utils.js').then(
  (m) => m.default ?? m,
);
const literal = (v) => {
  if (v === null || v === undefined) return 'NULL';
  const p = prepareValue(v);
  return p === null ? 'NULL' : `'${String(p).replace(/'/g, "''")}'`;
};
const inline = ({ text, values }) =>
  text.replace(/\$(\d+)(?!\d)/g, (_, i) => literal(values[Number(i) - 1]));
/** The endpoint's own statements: not the session's (`user_session`), the access log's or transaction control. */
const own = (s) =>
  !/^\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SAVEPOINT|RELEASE)/i.test(
    s.text,
  ) && !/\b(user_session|access_log|security_log)\b/.test(s.text);

async function capture(api, fn) {
  rmSync(sqlLog, { force: true });
  api.child.kill('SIGUSR2');
  await sleep(100);
  await fn();
  await sleep(100);
  api.child.kill('SIGUSR2');
  await sleep(50);
  let lines = [];
  try {
    lines = readFileSync(sqlLog, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  } catch {
    /* nothing sent */
  }
  return Object.assign(lines.filter(own), {
    bookkeeping: lines.filter(
      (s) => !own(s) && /\b(user_session|access_log)\b/.test(s.text),
    ),
  });
}

/** `readPool`: run as the app's read pool runs the reports (JIT off, no parallel workers). */
function pgbench(script, c, readPool = false) {
  const dir = mkdtempSync(join(tmpdir(), 'send-bench-pgbench-'));
  writeFileSync(join(dir, 'script.sql'), script);
  const r = spawnSync(
    'pgbench',
    [
      '-n',
      '-M',
      'simple',
      '-c',
      String(c),
      '-j',
      String(c),
      '-T',
      String(SECONDS),
      '-f',
      join(dir, 'script.sql'),
      '-l',
      `--log-prefix=${join(dir, 'log')}`,
      DATABASE_URL,
    ],
    {
      cwd: dir,
      encoding: 'utf8',
      // The reports' SQL runs as their pool runs it (READ_POOL_SETTINGS, read-database-options.ts).
      env: {
        ...process.env,
        ...(readPool
          ? { PGOPTIONS: '-c jit=off -c max_parallel_workers_per_gather=0' }
          : {}),
      },
    },
  );
  if (r.status !== 0) throw new Error(`pgbench failed: ${r.stderr}`);
  const latencies = [];
  for (const f of readdirSync(dir).filter((f) => f.startsWith('log'))) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const us = Number(line.split(' ')[2]);
      if (line && Number.isFinite(us)) latencies.push(us / 1000);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const tps = Number(/tps = ([\d.]+)/.exec(r.stdout)?.[1]);
  return { p95: percentile(latencies, 0.95), rps: tps };
}

// ---------------------------------------------------------------- run
const results = [];
let api;
let worker;
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
try {
  const had = args.regenerate === 'true' ? undefined : await existing();
  if (had)
    log(
      `Reusing ${db.pathname.slice(1)} (${CASES.toLocaleString('en-GB')} cases, generated in ${had.generated_in_s} s; --regenerate to make it again)`,
    );
  else await generate();
  if (args['generate-only'] === 'true') process.exit(0);
  if (!client._connected) await client.connect();
  migrate(env); // a dataset made before a new migration gets it
  // A dataset generated before the write benchmark had a team of its own: its caseworker moves there
  // (the cases earlier runs opened stay in TEAM, and are counted below).
  await client.query(
    `UPDATE staff_user SET team = $1 WHERE email = 'caseworker@bench.example' AND team <> $1`,
    [WRITE_TEAM],
  );
  const counts = (
    await client.query(
      `SELECT (SELECT count(*) FROM "case") AS cases, (SELECT count(*) FROM case_event) AS events, (SELECT count(*) FROM deadline) AS deadlines,
            (SELECT count(*) FROM appeal_register) AS appeals, (SELECT count(DISTINCT team) FROM staff_user) AS teams,
            (SELECT count(*) FROM "case" WHERE team = $1) AS team_cases, (SELECT count(*) FROM deadline WHERE team = $1) AS team_deadlines,
            (SELECT count(*) FROM "case" WHERE team = $1 AND reference LIKE 'BW-%') AS team_written`,
      [TEAM],
    )
  ).rows[0];
  const { team_written: teamWritten, ...generated } = counts;
  log(
    `Dataset: ${Object.entries(generated)
      .map(([k, v]) => `${k} ${Number(v).toLocaleString('en-GB')}`)
      .join(', ')}`,
  );
  if (Number(teamWritten) > 0)
    log(
      `  NOTE: ${Number(teamWritten).toLocaleString('en-GB')} of ${TEAM}'s cases were opened by the write benchmark of earlier runs (before it had a team of its own), so its views are bigger than generated: --regenerate for the generated team`,
    );

  // --profile=<dir>: the API and the worker each write a V8 CPU profile there when they stop
  // (`CPU.*.<pid>.*.cpuprofile`; open it in Chrome's DevTools).
  const profile = args.profile
    ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`]
    : [];
  api = start('dist/apps/api/main.js', [
    '--require',
    join(ROOT, 'scripts/bench/capture-sql.cjs'),
    ...profile,
  ]);
  worker = start('dist/apps/worker/main.js', [...WORKER_NODE_ARGS, ...profile]);
  for (let t = Date.now(); ; ) {
    if (
      (await fetch(`${base}/health`)
        .then((r) => r.status)
        .catch(() => 0)) === 200
    )
      break;
    if (Date.now() - t > 120_000) throw new Error('the API did not start');
    await sleep(500);
  }
  // Eight sessions of each: eight people at once (one session shared by eight would serialise on its row).
  const sessions = async (email) =>
    Promise.all(Array.from({ length: 8 }, () => signIn(email)));
  const managers = await sessions('manager@bench.example');
  const auditors = await sessions('auditor@bench.example');
  const caseworkers = await sessions('caseworker@bench.example');
  const [manager, auditor, caseworker] = [
    managers[0],
    auditors[0],
    caseworkers[0],
  ];
  const teamNo = Number(TEAM.slice(5));
  const sampleN = (i) =>
    teamNo + TEAMS * (1 + ((i * 37) % Math.floor(CASES / TEAMS - 2)));
  const sampleCaseId = (
    await client.query(`SELECT id FROM "case" WHERE reference = $1`, [
      `SEND-${String(sampleN(5)).padStart(7, '0')}`,
    ])
  ).rows[0].id;
  const sampleDob = (
    await client.query(
      `SELECT date_of_birth::text AS date_of_birth FROM "case" WHERE id = $1`,
      [sampleCaseId],
    )
  ).rows[0].date_of_birth;

  const reads = [
    ['deadline dashboard (team)', managers, 'GET', '/reports/deadlines'],
    ['compliance (team)', managers, 'GET', '/reports/compliance'],
    [
      'overdue list (team)',
      managers,
      'GET',
      '/reports/deadlines/list?status=overdue',
    ],
    [
      'due this week list (team)',
      managers,
      'GET',
      '/reports/deadlines/list?status=due_this_week',
    ],
    [
      'missed in period list (team)',
      managers,
      'GET',
      '/reports/deadlines/list?status=missed',
    ],
    ['appeals register (team)', managers, 'GET', '/reports/appeals'],
    [
      'appeals register, lost (team)',
      managers,
      'GET',
      '/reports/appeals?result=lost&sort=caseReference&order=asc',
    ],
    [
      'search by reference (team)',
      managers,
      'POST',
      '/cases/search',
      () => ({ text: `SEND-${String(sampleN(3)).padStart(7, '0')}` }),
    ],
    [
      'search by name (team)',
      managers,
      'POST',
      '/cases/search',
      () => ({ text: 'khan' }),
    ],
    [
      'search by date of birth (team)',
      managers,
      'POST',
      '/cases/search',
      () => ({ dateOfBirth: sampleDob }),
    ],
    ['case list (team)', managers, 'GET', '/cases'],
    ['case page', managers, 'GET', `/cases/${sampleCaseId}`],
    ['case history', managers, 'GET', `/cases/${sampleCaseId}/history`],
    // What a request costs before it reads anything: HTTP, the middleware (security headers, request
    // log, hostile-input checks), routing and JSON, then the same with the session's statement.
    [
      'floor: sign-in options (public, no SQL)',
      managers,
      'GET',
      '/auth/options',
    ],
    [
      'floor: the session (its statement only)',
      managers,
      'GET',
      '/auth/session',
    ],
    ['deadline dashboard (all teams)', auditors, 'GET', '/reports/deadlines'],
    [
      'overdue list (all teams)',
      auditors,
      'GET',
      '/reports/deadlines/list?status=overdue',
    ],
    ['appeals register (all teams)', auditors, 'GET', '/reports/appeals'],
    [
      'search by reference (all teams)',
      auditors,
      'POST',
      '/cases/search',
      () => ({ text: `SEND-${String(sampleN(3)).padStart(7, '0')}` }),
    ],
  ].filter(([label]) => !args.only || label.includes(args.only));

  for (const [label, session, method, path, body] of reads) {
    const request = (i = 0) => call(session[i], method, path, body?.());
    const statements = await capture(api, request);
    const script = statements.map((s) => `${inline(s)};`).join('\n');
    if (args['show-sql'] === 'true') console.log(`--- ${label}\n${script}\n`);
    for (const c of [1, 8]) {
      const app = await timed(request, c);
      const sql = statements.length
        ? pgbench(script, c, path.startsWith('/reports'))
        : { p95: NaN, rps: NaN };
      results.push({ label, c, app, sql, statements: statements.length });
      log(
        `${label} c=${c}: app p95 ${fmt(app.p95)} ms, ${fmt(app.rps)}/s; SQL (${statements.length} statements) p95 ${fmt(sql.p95)} ms, ${fmt(sql.rps)}/s`,
      );
    }
  }

  // What every signed-in read adds to its own SQL: the session's sliding expiry and the access log.
  if (!args.only || 'bookkeeping'.includes(args.only)) {
    const { bookkeeping } = await capture(api, () =>
      call(manager, 'GET', '/reports/compliance'),
    );
    const script = bookkeeping.map((s) => `${inline(s)};`).join('\n');
    if (args['show-sql'] === 'true')
      console.log(`--- bookkeeping\n${script}\n`);
    for (const c of [1, 8]) {
      const sql = bookkeeping.length
        ? pgbench(script, c)
        : { p95: NaN, rps: NaN };
      results.push({
        label: `per-request session and access-log writes (${bookkeeping.length} statements, SQL only)`,
        c,
        app: { p95: NaN, rps: NaN },
        sql,
      });
    }
  }

  // Decision writes: the API on cases of its own (opened here, 20 a connection), against pgbench
  // writing the same rows (lock the case, read its history and deadlines, update the snapshot,
  // append the event, open two deadlines, rewrite its appeal rows) on random generated cases.
  if (!args.only || 'decision write'.includes(args.only)) {
    // Each round writes on 160 cases opened for it: a round's cases end it with a few decisions
    // each (pgbench's with 21 events), not with every earlier round's.
    let own = [];
    let opened = 0;
    const openOwn = async () => {
      own = [];
      for (let i = 0; i < 160; i++, opened++) {
        const c = await call(caseworker, 'POST', '/cases', {
          reference: `BW-${process.pid}-${opened}`,
          childName: `Write Bench ${opened}`,
          dateOfBirth: '2014-05-17',
        });
        own.push({ id: c.id, version: c.version });
      }
    };
    await openOwn();
    let next = 0;
    const write = async (w) => {
      const c = own[(w + 8 * (next++ % 20)) % own.length];
      const body = {
        expectedVersion: c.version,
        type: 'refuse_assessment',
        decisionDate: '2026-02-23',
        letterSent: '2026-02-24',
        sections: [],
      };
      const res = await call(
        caseworkers[w],
        'POST',
        `/cases/${c.id}/decisions`,
        body,
      );
      c.version = res.version;
    };
    const tx = `\\set n random(1, ${CASES})
BEGIN;
SELECT id, version, snapshot FROM "case" WHERE id = md5('case' || :n)::uuid FOR UPDATE;
SELECT id, sequence, type, payload FROM case_event WHERE case_id = md5('case' || :n)::uuid ORDER BY sequence;
SELECT * FROM deadline WHERE case_id = md5('case' || :n)::uuid;
UPDATE "case" SET snapshot = jsonb_set(snapshot, '{decisions}', (snapshot->'decisions') || jsonb_build_object('id', gen_random_uuid(), 'type', 'refuse_assessment', 'decisionDate', '2026-02-23', 'letterSent', '2026-02-24', 'sections', '[]'::jsonb)), version = version + 1, updated_at = now() WHERE id = md5('case' || :n)::uuid;
SELECT hash, sequence FROM case_event WHERE case_id = md5('case' || :n)::uuid ORDER BY sequence DESC LIMIT 1;
INSERT INTO case_event (id, case_id, sequence, type, payload_version, payload, actor_id, actor_name, actor_role, business_date, recorded_at, summary, stage_before, stage_after, correlation_id, previous_hash, hash)
  SELECT gen_random_uuid(), md5('case' || :n)::uuid, max(sequence) + 1, 'decision.issued', 1, '{"decisionType":"refuse_assessment","decisionDate":"2026-02-23","letterSent":"2026-02-24","sections":[]}', NULL, 'Bench', 'caseworker', '2026-02-23', now(), 'Decision issued', 'open', 'open', gen_random_uuid(), max(hash), md5(random()::text)
  FROM case_event WHERE case_id = md5('case' || :n)::uuid;
INSERT INTO deadline (case_id, rule_id, subject_id, ruleset_version, facts, due_on, explanation, status, duty_holder, owner, opened_by_event_id, decision_type, timing_from, next_action_at)
  SELECT md5('case' || :n)::uuid, r, gen_random_uuid()::text, '2026.1', '{}', '2026-04-24', '["Bench"]', 'open', 'family', 'Bench', md5('ev' || :n || '-1')::uuid, 'refuse_assessment', now(), now()
  FROM unnest(ARRAY['mediation.contact_adviser', 'appeal.lodge']) r;
WITH gone AS (DELETE FROM appeal_register WHERE case_id = md5('case' || :n)::uuid RETURNING *) INSERT INTO appeal_register SELECT * FROM gone;
COMMIT;
`;
    // What one decision write sends to PostgreSQL, besides the session and access-log bookkeeping.
    const sent = await capture(api, () => write(0));
    const statements = [...sent, ...sent.bookkeeping];
    log(
      `decision write: the API sends ${statements.length} statements (${sent.bookkeeping.length} of them session and access-log bookkeeping)`,
    );
    if (args['show-sql'] === 'true')
      console.log(
        `--- decision write\n${statements.map((s) => `${inline(s)};`).join('\n')}\n`,
      );
    // The median round of each side, by requests a second.
    const median = (runs) =>
      [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)];
    for (const c of [1, 8]) {
      const apps = [];
      const sqls = [];
      for (let round = 1; round <= WRITE_ROUNDS; round++) {
        await openOwn();
        // The API's own CPU time a write (the rest is waiting: for PostgreSQL, or for the CPU).
        const cpuBefore = api.cpuSeconds();
        const app = await timed(write, c);
        const apiCpuMs =
          ((api.cpuSeconds() - cpuBefore) * 1000) /
          (app.rps * (SECONDS + 1) || 1);
        const sql = pgbench(tx, c);
        apps.push(app);
        sqls.push(sql);
        log(
          `decision write c=${c} round ${round}: app p95 ${fmt(app.p95)} ms, ${fmt(app.rps)}/s (API CPU about ${fmt(apiCpuMs)} ms a write); SQL p95 ${fmt(sql.p95)} ms, ${fmt(sql.rps)}/s`,
        );
      }
      const app = median(apps);
      const sql = median(sqls);
      results.push({ label: 'decision write', c, app, sql, statements: 9 });
      log(
        `decision write c=${c}, median of ${WRITE_ROUNDS} rounds: app ${fmt(app.rps)}/s, SQL ${fmt(sql.rps)}/s (${fmt((100 * app.rps) / sql.rps)}%)`,
      );
    }
  }

  // A period export, against COPY of the same rows.
  let exportLine = '';
  if (!args.only || 'export'.includes(args.only)) {
    const cpuBefore = worker.cpuSeconds();
    const started = await call(auditor, 'POST', '/exports', {
      scope: 'period',
      format: 'csv',
      from: EXPORT_FROM,
      to: EXPORT_TO,
    });
    let job;
    for (;;) {
      job = (
        await client.query(
          `SELECT status, events_read, events_written, cases, started_at, finished_at, error FROM export_job WHERE id = $1`,
          [started.id],
        )
      ).rows[0];
      if (job.status === 'done' || job.status === 'failed') break;
      await sleep(500);
    }
    if (job.status !== 'done') throw new Error(`export failed: ${job.error}`);
    const seconds = (job.finished_at - job.started_at) / 1000;
    const cpu = worker.cpuSeconds() - cpuBefore;
    const rowsPerS = job.events_read / seconds;
    const t = performance.now();
    const copy = spawnSync(
      'sh',
      [
        '-c',
        `psql -X -q "${DATABASE_URL}" -c "COPY (SELECT e.id, e.case_id, e.sequence, e.type, e.payload_version, e.payload, e.actor_id, e.actor_name, e.actor_role, e.on_behalf_of, e.business_date, e.recorded_at, e.summary, e.reason, e.stage_before, e.stage_after, e.correlation_id, e.corrects_event_id, e.previous_hash, e.hash, c.reference, c.child_name FROM \\"case\\" c JOIN (SELECT DISTINCT case_id FROM case_event WHERE business_date BETWEEN '${EXPORT_FROM}' AND '${EXPORT_TO}') p ON p.case_id = c.id CROSS JOIN LATERAL (SELECT * FROM case_event x WHERE x.case_id = c.id ORDER BY x.sequence) e ORDER BY c.reference, e.sequence) TO STDOUT (FORMAT csv)" | wc -l`,
      ],
      { encoding: 'utf8' },
    );
    const copySeconds = (performance.now() - t) / 1000;
    const copyRows = Number(copy.stdout.trim());
    exportLine = `period export ${EXPORT_FROM} to ${EXPORT_TO}: ${job.events_read.toLocaleString('en-GB')} events read (${job.events_written.toLocaleString('en-GB')} in the period, ${job.cases.toLocaleString('en-GB')} cases) in ${seconds.toFixed(1)} s = ${Math.round(rowsPerS).toLocaleString('en-GB')} rows/s; COPY … TO STDOUT (FORMAT csv) of the same ${copyRows.toLocaleString('en-GB')} rows ${copySeconds.toFixed(1)} s = ${Math.round(copyRows / copySeconds).toLocaleString('en-GB')} rows/s (${((rowsPerS / (copyRows / copySeconds)) * 100).toFixed(0)}%); worker CPU ${cpu.toFixed(1)} s (${Math.round(job.events_read / cpu).toLocaleString('en-GB')} rows a CPU second); worker peak RSS (VmHWM) ${worker.peakMb().toFixed(0)} MB`;
    log(exportLine);
  }

  const machine = `${process.arch}, ${os.cpus().length} cores, Node ${process.versions.node}, PostgreSQL ${(await client.query('SHOW server_version')).rows[0].server_version}`;
  console.log(
    `\nNational-scale benchmark, ${new Date().toISOString().slice(0, 10)}: ${Number(counts.cases).toLocaleString('en-GB')} cases, ${Number(counts.events).toLocaleString('en-GB')} events, ${Number(counts.deadlines).toLocaleString('en-GB')} deadlines, ${Number(counts.appeals).toLocaleString('en-GB')} appeals, ${TEAMS} teams (${TEAM}: ${Number(counts.team_cases).toLocaleString('en-GB')} cases, ${Number(counts.team_deadlines).toLocaleString('en-GB')} deadlines)`,
  );
  console.log(
    `${machine}; ${SECONDS} s a measurement; load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}\n`,
  );
  console.log(
    '| endpoint | c | app p95 ms | app req/s | SQL p95 ms | SQL req/s | p95 ratio |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.label} | ${r.c} | ${fmt(r.app.p95)} | ${fmt(r.app.rps)}${r.app.failed ? ` (${r.app.failed} failed)` : ''} | ${fmt(r.sql.p95)} | ${fmt(r.sql.rps)} | ${fmt(r.app.p95 / r.sql.p95, 2)} |`,
    );
  }
  if (exportLine) console.log(`\n${exportLine}`);
} finally {
  await worker?.stop();
  await api?.stop();
  await client.end().catch(() => undefined);
}
