// `npm test`: every check and test tier, the same on a laptop, a fresh machine and CI.
//   1. formatting (Prettier), lint, unit tests and production builds of every project, then the server's integration
//      tests (repositories and services against a PostgreSQL database of their own);
//   2. the API and worker end to end against real PostgreSQL and Redis (own database and Redis prefix),
//      two API processes behind a round-robin proxy;
//   3. the worker fault tests: two workers against a dedicated redis-server (flush, kill, outage, races);
//   4. the web app in Debian's Chromium (Playwright), with screenshots and accessibility checks, and
//      Lighthouse on the dashboard and a case page (performance and accessibility 95 or more);
// and, after the builds, that the web app's initial JavaScript is under 300 kB gzip-compressed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { assertNode24, ensureLetterTools, ROOT } from './system.mjs';

assertNode24();
const env = {
  ...process.env,
  NX_NO_CLOUD: 'true',
  NX_DAEMON: 'false',
  NX_TUI: 'false',
  NG_CLI_ANALYTICS: 'false',
};
const started = Date.now();

function step(title, command, args) {
  console.log(`\n=== ${title}`);
  const t = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n=== FAILED: ${title} (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
  console.log(`=== ${title}: ok in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() !== 0) {
    console.error(
      `The browser tests need Debian's Chromium at ${CHROMIUM}: sudo apt-get install -y chromium`,
    );
    process.exit(1);
  }
  step("Installing Debian's Chromium for the browser tests", 'sh', [
    '-c',
    'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null',
  ]);
}

// Letters: LibreOffice makes the PDFs, poppler reads them back in the tests.
{
  const letters = ensureLetterTools();
  if (!letters.ok) {
    console.error(`\n=== FAILED: ${letters.message}`);
    process.exit(1);
  }
}

if (process.env.CI)
  step('The lockfile was honoured by npm install', 'git', [
    'diff',
    '--exit-code',
    '--stat',
    'package-lock.json',
  ]);
// Production dependencies with no high or critical advisories. A registry mirror that cannot answer
// the audit endpoint is reported loudly (and fails when REQUIRE_NPM_AUDIT=true), never passed silently.
{
  console.log('\n=== npm audit --omit=dev (no high or critical findings)');
  const audit = spawnSync(
    'npm',
    ['audit', '--omit=dev', '--audit-level=high'],
    { cwd: ROOT, env, encoding: 'utf8' },
  );
  const output = `${audit.stdout}${audit.stderr}`;
  if (
    /audit endpoint returned an error|ENOAUDIT|405 Method Not Allowed|ENOTFOUND|ECONNREFUSED/.test(
      output,
    )
  ) {
    console.warn(
      '=== npm audit: NOT CHECKED. The registry did not answer the audit endpoint ' +
        `(${(output.match(/npm warn audit [^\n]*/) ?? ['no detail'])[0]}). Run it where the public registry is reachable.`,
    );
    if (process.env.REQUIRE_NPM_AUDIT === 'true') process.exit(1);
  } else if (audit.status !== 0) {
    console.error(output);
    console.error(
      '\n=== FAILED: npm audit found high or critical advisories in production dependencies',
    );
    process.exit(1);
  } else {
    console.log('=== npm audit: ok');
  }
}
// --skip-nx-cache: a test run proves the code as it is now, never replays an earlier result.
const NX = ['--output-style=static', '--skip-nx-cache'];
step(
  'Formatting (Prettier: run "npm run format" and commit the result)',
  'prettier',
  ['--check', '.', '--log-level=warn'],
);
step('Lint, unit tests and production builds', 'nx', [
  'run-many',
  '-t',
  'lint',
  'test',
  'build',
  ...NX,
]);
// Repositories and the services that hold logic, against a PostgreSQL database of the run's own
// (created, migrated and dropped by libs/server/src/testing: INT_ADMIN_DATABASE_URL names the server).
step('Integration tests (PostgreSQL)', 'nx', ['run', 'server:int', ...NX]);
step(
  'Initial JavaScript of the web app under 300 kB gzip-compressed',
  process.execPath,
  ['scripts/check-bundle.mjs'],
);
step('The committed OpenAPI document matches the code', 'sh', [
  '-c',
  'nx run api:openapi --output-style=static >/dev/null && git diff --exit-code --stat apps/api/openapi.json apps/api/src/app/contract-schemas.json || ' +
    '{ echo "The OpenAPI document differs from the code: run \\"npx nx run api:openapi\\" and commit the result."; exit 1; }',
]);
step(
  'API and worker end to end (two API processes behind a proxy, PostgreSQL, Redis, HTTP)',
  'nx',
  ['run', 'api-e2e:e2e', '--exclude-task-dependencies', ...NX],
);
step(
  'Worker fault tests, two workers at once (dedicated redis-server: flush, kill, outage, eviction, time travel, export folder faults)',
  'nx',
  ['run', 'worker-e2e:e2e', '--exclude-task-dependencies', ...NX],
);
step('Web app in Chromium (Playwright, axe)', 'nx', [
  'run',
  'web-e2e:e2e',
  '--exclude-task-dependencies',
  ...NX,
]);
console.log(
  `\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`,
);
