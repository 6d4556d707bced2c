// One isolated system per test run (own database and Redis key prefix, two API processes and a
// worker on loopback, behind a round-robin reverse proxy the tests talk to), with the clock fixed
// at a known date so expectations are exact, and a real OpenID Connect provider on loopback for
// single sign-on. Consecutive requests of a test reach different API processes: sessions, CSRF
// tokens, rate limits, exports and sign-in with the identity provider must hold across them.
import { hash } from '@node-rs/argon2';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  freePort,
  removeTestSystem,
  startProcess,
  startTestSystem,
  waitForApi,
} from '../../../../scripts/system.mjs';
import { startOidcProvider } from './oidc-provider.mjs';
import { startProxy } from './proxy.mjs';

export const FIXED_NOW = '2026-03-02T09:00:00Z'; // Mon 2 Mar 2026
export const PASSWORD = 'e2e-password-long-enough';

export default async function globalSetup() {
  // The browser-facing address is the proxy's; the API processes listen on ports of their own.
  const proxyPort = await freePort();
  const apiPort = await freePort();
  const redirectUri = `http://127.0.0.1:${proxyPort}/api/auth/oidc/callback`;
  const oidc = await startOidcProvider({ port: await freePort(), redirectUri });
  globalThis.__E2E_OIDC__ = oidc;
  const run = await startTestSystem({
    label: 'send_test',
    seedDemo: false,
    // The API and the worker connect as a role of their own, without UPDATE/DELETE/TRUNCATE on the history and logs.
    appRole: true,
    env: {
      PORT: String(apiPort),
      WEB_DIST: '',
      TICK_MS: '300',
      CLOCK_NOW: FIXED_NOW,
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '30',
      // Every test signs in from 127.0.0.1: the limit per address is tested on an API of its own (security.e2e-spec.ts).
      RATE_LIMIT_SIGN_IN_PER_ADDRESS_PER_MINUTE: '100000',
      OIDC_ISSUER: oidc.issuer,
      OIDC_CLIENT_ID: oidc.clientId,
      OIDC_CLIENT_SECRET: oidc.clientSecret,
      OIDC_REDIRECT_URI: redirectUri,
      OIDC_ALLOW_HTTP: 'true',
      // Export files of this run, removed with it.
      EXPORT_DIR: mkdtempSync(join(tmpdir(), 'send-exports-')),
      // Emails of this run (no SMTP server: each an .eml file), read by the tests, removed with it.
      MAIL_DIR: mkdtempSync(join(tmpdir(), 'send-mail-')),
    },
  }).catch(async (error) => {
    await oidc.stop();
    throw error;
  });
  globalThis.__E2E_RUN__ = run;
  // A second API process of the same build, database, Redis prefix and settings.
  const secondPort = await freePort();
  const second = startProcess(
    'dist/apps/api/main.js',
    { ...run.env, PORT: String(secondPort) },
    { quiet: true },
  );
  globalThis.__E2E_SECOND_API__ = second;
  const apiUrls = [run.system.baseUrl, `http://127.0.0.1:${secondPort}`];
  let proxy;
  try {
    await waitForApi(apiUrls[1], second.child);
    proxy = await startProxy(apiUrls, proxyPort);
  } catch (error) {
    await second.stop();
    await removeTestSystem(run);
    await oidc.stop();
    throw error;
  }
  globalThis.__E2E_PROXY__ = proxy;
  const client = new pg.Client({
    connectionString: run.env.MIGRATION_DATABASE_URL,
  });
  await client.connect();
  // One account per role, and a caseworker of another team (object-level checks). argon2id, as the app.
  // Two more without a password, who sign in through the identity provider only.
  const passwordHash = await hash(PASSWORD, { algorithm: 2 });
  const { rows } = await client.query(
    `INSERT INTO staff_user (name, role, team, email, password_hash) VALUES
       ('Test Caseworker', 'caseworker', 'SEND North', 'caseworker@test.council', $1),
       ('Test Manager', 'manager', 'SEND North', 'manager@test.council', $1),
       ('Test Auditor', 'auditor', 'Audit', 'auditor@test.council', $1),
       ('Test Admin', 'administrator', 'Systems', 'administrator@test.council', $1),
       ('Other Caseworker', 'caseworker', 'SEND South', 'othercaseworker@test.council', $1),
       ('Sso Person', 'caseworker', 'SEND North', 'sso.person@test.council', NULL),
       ('Unverified Person', 'caseworker', 'SEND North', 'sso.unverified@test.council', NULL)
     RETURNING id, email`,
    [passwordHash],
  );
  await client.end();

  process.env.E2E_BASE_URL = proxy.url;
  // Each API process, for the tests that talk to one of them on purpose (or read its memory).
  process.env.E2E_API_URLS = JSON.stringify(apiUrls);
  process.env.E2E_API_PIDS = JSON.stringify([
    run.system.api.child.pid,
    second.child.pid,
  ]);
  process.env.E2E_API_PID = String(run.system.api.child.pid);
  // The tests read and write as the database's owner (e.g. to alter a history row past its trigger).
  process.env.E2E_DATABASE_URL = run.env.MIGRATION_DATABASE_URL;
  process.env.E2E_APP_DATABASE_URL = run.env.DATABASE_URL;
  process.env.E2E_REDIS_URL = run.env.REDIS_URL;
  process.env.E2E_REDIS_PREFIX = run.env.REDIS_PREFIX;
  process.env.E2E_USERS = JSON.stringify(
    Object.fromEntries(rows.map((r) => [r.email.split('@')[0], r.id])),
  );
  process.env.E2E_PASSWORD = PASSWORD;
  process.env.E2E_MAIL_DIR = run.env.MAIL_DIR;
  process.env.E2E_OIDC_ISSUER = oidc.issuer;
}
