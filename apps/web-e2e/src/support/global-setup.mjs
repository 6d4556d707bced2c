import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSystem } from '../../../../scripts/system.mjs';

/** A whole system with demo data, the built web app served by the API, on its own database and Redis prefix. */
export default async function globalSetup() {
  const run = await startTestSystem({
    label: 'send_web',
    seedDemo: true,
    env: {
      WEB_DIST: 'dist/apps/web/browser',
      TICK_MS: '300',
      DEMO_PASSWORD: 'web-e2e-demo-password',
      EXPORT_DIR: mkdtempSync(join(tmpdir(), 'send-web-exports-')),
      // Slow enough that the auditor's journey sees the progress bar move (a period export of the demo data takes a few seconds).
      EXPORT_ROWS_PER_SECOND: '150',
    },
  });
  process.env.WEB_E2E_BASE_URL = run.system.baseUrl;
  process.env.WEB_E2E_PASSWORD = run.env.DEMO_PASSWORD;
  // For set-up the browser is not what is tested (e.g. a notification to read).
  process.env.WEB_E2E_DATABASE_URL =
    run.env.MIGRATION_DATABASE_URL ?? run.env.DATABASE_URL;
  globalThis.__WEB_E2E_RUN__ = run;
}
