// `npm start`: builds everything, then runs the whole system with demo data on http://localhost:3000.
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import {
  assertNode24,
  ensureLetterTools,
  ROOT,
  startSystem,
} from './system.mjs';

assertNode24();
const env = {
  ...process.env,
  NODE_ENV: process.env.NODE_ENV ?? 'development',
  HOST: process.env.HOST ?? '127.0.0.1',
  PORT: process.env.PORT ?? '3000',
  DATABASE_URL:
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/send_disagreements',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  // The demo staff's password (demo only: the app refuses it in production).
  DEMO_PASSWORD: process.env.DEMO_PASSWORD ?? 'demo-password-2026',
  NX_NO_CLOUD: 'true',
  NX_DAEMON: 'false',
  NX_TUI: 'false',
  NG_CLI_ANALYTICS: 'false',
};

console.log('Building the API, the worker and the web app…');
const build = spawnSync(
  'nx',
  [
    'run-many',
    '-t',
    'build',
    '-p',
    'api',
    'worker',
    'web',
    '--output-style=stream-without-prefixes',
  ],
  {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

{
  const letters = ensureLetterTools();
  if (!letters.ok)
    console.warn(
      `Warning: ${letters.message} Until then the API answers the letter routes with 503 (letters cannot be made as PDF on this server).`,
    );
}

try {
  const system = await startSystem({ env });
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  const { rows: users } = await client.query(
    `SELECT name, email, role FROM staff_user WHERE active AND email IS NOT NULL ORDER BY role, name`,
  );
  await client.end();
  console.log(`
SEND disagreements is running.
  Web app:       http://localhost:${env.PORT}/
  API docs:      http://localhost:${env.PORT}/api/docs
  Health:        http://localhost:${env.PORT}/api/health
Demo staff: sign in with one of these emails and the password ${env.DEMO_PASSWORD}
${users.map((u) => `  - ${u.email.padEnd(26)} ${u.name} (${u.role})`).join('\n')}
Press Ctrl+C to stop.`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await system.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await Promise.race([system.api.exited, system.worker.exited]);
  if (!stopping) {
    console.error(
      'The API or the worker stopped unexpectedly; stopping the rest.',
    );
    await system.stop();
    process.exit(1);
  }
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
