import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';

export const ROOT = resolve(__dirname, '../../../..');
export const hasRedisServer =
  spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' })
    .status === 0;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = net.createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => ok(port));
    });
  });
}

export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until)
      throw new Error(`${what} not met within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** A redis-server of the test's own on a free loopback port: FLUSHALL and stopping it harm nothing else. */
export class DedicatedRedis {
  private child: ChildProcess | undefined;
  port = 0;
  get url() {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  async start(): Promise<void> {
    this.port ||= await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'send-redis-'));
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ],
      {
        stdio: 'ignore',
      },
    );
    await eventually(
      async () => (await this.ping()) || undefined,
      10_000,
      'redis-server to answer',
    );
  }

  get running(): boolean {
    return (
      this.child !== undefined &&
      this.child.exitCode === null &&
      this.child.signalCode === null
    );
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  /** Freezes the server (SIGSTOP): connections stay open and nothing answers, as a hung Redis. */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  client(): Redis {
    return new Redis(this.url, { maxRetriesPerRequest: 1 });
  }

  private async ping(): Promise<boolean> {
    const r = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    r.on('error', () => undefined);
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      r.disconnect();
    }
  }
}

export interface Proc {
  child: ChildProcess;
  /** The exit code (null when killed by a signal) and signal, once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The worker's V8 flags, as scripts/system.mjs (WORKER_NODE_ARGS) runs it. */
const WORKER_NODE_ARGS = [
  '--max-old-space-size=192',
  '--max-semi-space-size=16',
];

/** Runs a built app (dist/apps/...) as a process; the worker with its bounded heap. */
export function startProcess(script: string, env: NodeJS.ProcessEnv): Proc {
  const nodeArgs = script.includes('apps/worker/') ? WORKER_NODE_ARGS : [];
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, script)], {
    env,
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  return {
    child,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * How many worker processes the fault tests run at once: councils run several, and every fault must
 * leave each action done once with more than one worker claiming work.
 */
export const WORKERS = 2;

/** Processes started together (e.g. the workers of a system), stopped together. */
export interface ProcGroup {
  procs: Proc[];
  /** Whether every one of them is still running. */
  running(): boolean;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function group(procs: Proc[]): ProcGroup {
  return {
    procs,
    running: () =>
      procs.every(
        (p) => p.child.exitCode === null && p.child.signalCode === null,
      ),
    stop: async (signal) =>
      void (await Promise.all(procs.map((p) => p.stop(signal)))),
  };
}

/** A database of the run's own, migrated. */
export async function createDatabase(label: string): Promise<string> {
  const admin = new URL(
    process.env['TEST_DATABASE_URL'] ??
      'postgres://postgres@127.0.0.1:5432/postgres',
  );
  const name = `${label}_${Date.now().toString(36)}_${process.pid}`;
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  admin.pathname = `/${name}`;
  const url = admin.toString();
  const migrated = spawnSync(
    process.execPath,
    [join(ROOT, 'dist/apps/api/migrate.js')],
    {
      env: {
        ...process.env,
        DATABASE_URL: url,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
      },
      cwd: ROOT,
      stdio: 'ignore',
    },
  );
  if (migrated.status !== 0) throw new Error('migrations failed');
  return url;
}

export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await c.end();
}

export async function sql<T = Record<string, unknown>>(
  url: string,
  query: string,
  params: unknown[] = [],
): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(query, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** The snapshot of a case just opened (as the domain's reducer makes it), so that the worker can append to its history. */
const snapshotOf = (reference: string) => ({
  reference,
  childName: 'Jamie Test',
  dateOfBirth: '2013-06-30',
  caseworker: 'Casey Worker',
  team: 'SEND North',
  stage: 'open',
  contacts: [],
  decisions: [],
  wayForwardMeetings: [],
  mediations: [],
  disagreementResolutions: [],
  appeals: [],
  orders: [],
  recommendations: [],
  documents: [],
});

/** When seeded deadlines were recorded (and first looked at): well before the tests' "now" (Mon 2 Mar 2026). */
export const SEEDED_AT = '2026-01-05T10:00:00Z';

export interface SeedOptions {
  dutyHolder?: string;
  ruleId?: string;
  responsibleBody?: string;
  /** When the due date was recorded (`timing_from`); default SEEDED_AT. */
  timingFrom?: string;
  /** When the worker should look at them (`next_action_at`); default `timingFrom` (at once); null: never. */
  nextActionAt?: string | null;
  status?: 'open' | 'overdue';
}

/**
 * Staff (a caseworker and a manager in one team, with emails), one case with its opening event,
 * and `count` deadlines on it due on `dueOn` (inserted directly with SQL, for speed). Returns the ids.
 */
export async function seedDeadlines(
  url: string,
  count: number,
  dueOn: string,
  opts: SeedOptions = {},
) {
  await sql(
    url,
    `WITH w AS (INSERT INTO staff_user (name, role, team, email)
                SELECT 'Casey Worker', 'caseworker', 'SEND North', 'casey@council.example'
                WHERE NOT EXISTS (SELECT 1 FROM staff_user WHERE name = 'Casey Worker')),
          m AS (INSERT INTO staff_user (name, role, team, email)
                SELECT 'Morgan Lee', 'manager', 'SEND North', 'morgan@council.example'
                WHERE NOT EXISTS (SELECT 1 FROM staff_user WHERE name = 'Morgan Lee'))
     SELECT 1`,
  );
  const [staff] = await sql<{ worker: string; manager: string }>(
    url,
    `SELECT (SELECT id FROM staff_user WHERE name = 'Casey Worker') AS worker, (SELECT id FROM staff_user WHERE name = 'Morgan Lee') AS manager`,
  );
  const ref = `F-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const [c] = await sql<{ id: string; event: string }>(
    url,
    `WITH c AS (INSERT INTO "case" (reference, child_name, date_of_birth, caseworker, caseworker_id, team, stage, version, snapshot)
                VALUES ($1, 'Jamie Test', '2013-06-30', 'Casey Worker', $3, 'SEND North', 'open', 1, $2) RETURNING id),
          e AS (INSERT INTO case_event (id, case_id, sequence, type, payload_version, payload, actor_name, actor_role, business_date,
                  recorded_at, summary, stage_after, correlation_id, hash)
                SELECT gen_random_uuid(), c.id, 1, 'case.opened', 1, '{}', 'Test', 'caseworker', '2026-01-05', now(), 'Opened', 'open',
                  gen_random_uuid(), 'x' FROM c RETURNING id)
     SELECT (SELECT id FROM c) AS id, (SELECT id FROM e) AS event`,
    [ref, JSON.stringify(snapshotOf(ref)), staff!.worker],
  );
  const timingFrom = opts.timingFrom ?? SEEDED_AT;
  const nextActionAt =
    opts.nextActionAt === undefined ? timingFrom : opts.nextActionAt;
  await sql(
    url,
    `INSERT INTO deadline (case_id, rule_id, subject_id, ruleset_version, facts, due_on, explanation, status, responsible_body, duty_holder, owner,
       owner_id, opened_by_event_id, timing_from, next_action_at)
     SELECT $1, $2, 's' || g, '2026.1', '{}', $3::date, '["Tribunal decision Mon 2 Feb 2026; + 5 weeks"]', $10, NULLIF($5, ''), $6, 'Casey Worker', $11, $4, $8, $9
     FROM generate_series(1, $7::int) g`,
    [
      c!.id,
      opts.ruleId ?? 'recommendation.response',
      dueOn,
      c!.event,
      opts.responsibleBody ?? 'icb',
      opts.dutyHolder ?? 'icb',
      count,
      timingFrom,
      nextActionAt,
      opts.status ?? 'open',
      staff!.worker,
    ],
  );
  const ids = await sql<{ id: string }>(
    url,
    `SELECT id FROM deadline WHERE case_id = $1 ORDER BY id`,
    [c!.id],
  );
  return { caseId: c!.id, ids: ids.map((r) => r.id), staff: staff! };
}

/**
 * Signs a seeded member of staff in to the API at `base` (…/api): gives them a password (argon2id,
 * as the API stores it), signs in, and answers the headers that authenticate a request: the session
 * cookie and the session's CSRF token.
 */
export async function signedInHeaders(
  db: string,
  base: string,
  userId: string,
): Promise<Record<string, string>> {
  const { hash } = await import('@node-rs/argon2');
  const password = 'worker-e2e-password';
  // Only the password is set: the address stays, so the reminders' recipients are the seeded ones.
  const [user] = await sql<{ email: string }>(
    db,
    `UPDATE staff_user SET password_hash = $1 WHERE id = $2 RETURNING email`,
    [
      await hash(password, {
        algorithm: 2,
        memoryCost: 19_456,
        timeCost: 2,
        parallelism: 1,
      }),
      userId,
    ],
  );
  if (!user) throw new Error(`no staff user ${userId}`);
  const { email } = user;
  const res = await fetch(`${base}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => /send_session=./.test(c ?? ''));
  if (res.status !== 200 || !cookie)
    throw new Error(`sign-in as ${userId} → ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    'content-type': 'application/json',
    cookie,
    'x-csrf-token': csrfToken,
  };
}
