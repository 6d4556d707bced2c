import { defineConfig } from '@playwright/test';

/** The built web app, served by the built API, in Debian's Chromium. Nothing is downloaded. */
export default defineConfig({
  testDir: './src',
  outputDir: '../../dist/web-e2e/results',
  globalSetup: './src/support/global-setup.mjs',
  globalTeardown: './src/support/global-teardown.mjs',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  // Generous: a journey is many pages with an accessibility check on each, and a busy machine (CI
  // shares two cores) can make each several times slower; a test waits for conditions, never sleeps.
  timeout: 180_000,
  reporter: [['list']],
  use: {
    baseURL: process.env['WEB_E2E_BASE_URL'],
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
});
