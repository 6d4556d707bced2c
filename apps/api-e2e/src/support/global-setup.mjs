// One isolated system per test run (own database and Redis key prefix, API and worker as
// processes on loopback), with the clock fixed at a known date so expectations are exact.
import { hash } from '@node-rs/argon2';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startTestSystem } from '../../../../scripts/system.mjs';

export const FIXED_NOW = '2026-03-02T09:00:00Z'; // Mon 2 Mar 2026
export const PASSWORD = 'e2e-password-long-enough';

export default async function globalSetup() {
  const run = await startTestSystem({
    label: 'send_test',
    seedDemo: false,
    env: {
      WEB_DIST: '',
      OUTBOX_POLL_MS: '100',
      CLOCK_NOW: FIXED_NOW,
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '30',
      // Export files of this run, removed with it.
      EXPORT_DIR: mkdtempSync(join(tmpdir(), 'send-exports-')),
    },
  });
  const client = new pg.Client({ connectionString: run.env.DATABASE_URL });
  await client.connect();
  // One account per role, and a caseworker of another team (object-level checks). argon2id, as the app.
  const passwordHash = await hash(PASSWORD, { algorithm: 2 });
  const { rows } = await client.query(
    `INSERT INTO staff_user (name, role, team, email, password_hash) VALUES
       ('Test Caseworker', 'caseworker', 'SEND North', 'caseworker@test.council', $1),
       ('Test Manager', 'manager', 'SEND North', 'manager@test.council', $1),
       ('Test Auditor', 'auditor', 'Audit', 'auditor@test.council', $1),
       ('Test Admin', 'administrator', 'Systems', 'administrator@test.council', $1),
       ('Other Caseworker', 'caseworker', 'SEND South', 'othercaseworker@test.council', $1)
     RETURNING id, email`,
    [passwordHash],
  );
  await client.end();

  process.env.E2E_BASE_URL = run.system.baseUrl;
  process.env.E2E_DATABASE_URL = run.env.DATABASE_URL;
  process.env.E2E_REDIS_URL = run.env.REDIS_URL;
  process.env.E2E_REDIS_PREFIX = run.env.REDIS_PREFIX;
  process.env.E2E_USERS = JSON.stringify(Object.fromEntries(rows.map((r) => [r.email.split('@')[0], r.id])));
  process.env.E2E_PASSWORD = PASSWORD;
  globalThis.__E2E_RUN__ = run;
}
