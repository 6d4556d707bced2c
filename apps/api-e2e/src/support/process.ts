import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { COUNCIL_SENDER_ENV } from '@send/domain/testing';

const ROOT = resolve(__dirname, '../../../..');

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolvePort(typeof address === 'object' && address ? address.port : 0),
      );
    });
  });
}

/**
 * A council's letters' sender, which an API started with NODE_ENV=production requires (outside
 * production it is the example council's): spread it into the environment of every such start.
 * The same council as the server's own tests (libs/domain/src/testing).
 */
export const COUNCIL_SENDER: Record<string, string> = COUNCIL_SENDER_ENV;

export interface ApiProcess {
  baseUrl: string;
  child: ChildProcess;
  /** What the process wrote to stderr (its logs at warn and above, and start-up errors). */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts another API process of the built app on the run's database (as the apps' role) and Redis prefix, with only
 * the environment given (plus PATH): e.g. in production mode. Resolves once it serves requests (a public route
 * answers 200; waiting up to a minute: other test runs may share the machine).
 */
export async function startApi(
  env: Record<string, string>,
  /** How long it may take to serve (or to exit); several starting together on a busy machine need more. */
  readyWithinMs = 60_000,
): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [resolve(ROOT, 'dist/apps/api/main.js')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: process.env['E2E_APP_DATABASE_URL'] ?? '',
        REDIS_URL: process.env['E2E_REDIS_URL'] ?? '',
        REDIS_PREFIX: process.env['E2E_REDIS_PREFIX'] ?? '',
        WEB_DIST: '',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    // The API bounds its own shutdown (SHUTDOWN_TIMEOUT_MS, 10 s by default): this is the backstop.
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const until = Date.now() + readyWithinMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `the API exited (${child.exitCode}) before it was ready: ${output}`,
      );
    try {
      // Serving: a public route answers. (/api/health may rightly be red: a database of its own has no worker.)
      if ((await fetch(`${baseUrl}/api/auth/options`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) {
      await stop();
      throw new Error(`the API did not start serving: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { baseUrl, child, output: () => output, stop };
}
