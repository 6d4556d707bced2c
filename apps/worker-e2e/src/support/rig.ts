import net from 'node:net';
import type { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';
import {
  createDatabase,
  DedicatedRedis,
  dropDatabase,
  eventually,
  freePort,
  group,
  type Proc,
  sql,
  startProcess,
  WORKERS,
} from './harness';

/** Mon 2 Mar 2026, 09:00 London: the tests' "now". */
export const NOW = '2026-03-02T09:00:00Z';
/** Due Mon 9 Mar 2026: its "5 working days before" reminder is due now (Mon 2 Mar, 08:00). */
export const REMINDER_TODAY = '2026-03-09';
/** Due Fri 27 Feb 2026: past (recorded long before), marked overdue at 00:00 Sat 28 Feb. */
export const PASSED = '2026-02-27';
/** The date of the daily digest due at NOW. */
export const DIGEST_DATE = '2026-03-02';
export const HEALTH_TOKEN = 'worker-e2e-health-token-0123456789abcdefghij';

export interface Smtp {
  url: string;
  port: number;
  mails: string[];
  close: () => Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps what it receives. `refuse`, asked about each message
 * offered (numbered from 1), makes it answer "451 try again later" instead.
 */
export async function startSmtp(
  refuse: (attempt: number) => boolean = () => false,
  port?: number,
): Promise<Smtp> {
  const mails: string[] = [];
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      const attempt = ++attempts;
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuse(attempt))
          return done(
            Object.assign(new Error('Try again later'), { responseCode: 451 }),
          );
        mails.push(Buffer.concat(chunks).toString('utf8'));
        done();
      });
    },
  });
  // A worker killed mid-session resets its connection: that is the test's doing, not a failure.
  server.on('error', () => undefined);
  const at = port ?? (await freePort());
  await new Promise<void>((ok) => server.listen(at, '127.0.0.1', ok));
  return {
    url: `smtp://127.0.0.1:${at}`,
    port: at,
    mails,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** A mail server that hangs: it accepts connections and never says a word. */
export async function startHangingSmtp(
  port?: number,
): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  const at = port ?? (await freePort());
  await new Promise<void>((ok) => server.listen(at, '127.0.0.1', ok));
  return {
    url: `smtp://127.0.0.1:${at}`,
    port: at,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

export interface HealthAnswer {
  status: number;
  ms: number;
  body: {
    status: string;
    info?: Record<string, any>;
    error?: Record<string, any>;
    details?: Record<string, any>;
  };
}

/**
 * What a test file needs: a dedicated redis-server, an SMTP sink, and per test a system (its own
 * database and Redis prefix) whose worker and API run as the built processes.
 */
export class Rig {
  readonly redisServer = new DedicatedRedis();
  redis!: Redis;
  smtp!: Smtp;
  private readonly procs: Proc[] = [];
  private readonly databases: string[] = [];

  async beforeAll(): Promise<void> {
    await this.redisServer.start();
    this.redis = this.redisServer.client();
    this.redis.on('error', () => undefined);
    this.smtp = await startSmtp();
  }

  async afterEach(): Promise<void> {
    this.redisServer.thaw();
    await Promise.all(this.procs.splice(0).map((p) => p.stop('SIGKILL')));
    // A test that failed with Redis stopped must not fail the ones after it.
    if (!this.redisServer.running) await this.redisServer.start();
  }

  async afterAll(): Promise<void> {
    this.redis?.disconnect();
    await this.smtp?.close();
    await this.redisServer.stop();
    for (const db of this.databases)
      await dropDatabase(db).catch(() => undefined);
  }

  async system(label: string, base: Record<string, string> = {}) {
    const db = await createDatabase(`send_fault_${label}`);
    this.databases.push(db);
    const prefix = `fault-${label}-${Date.now().toString(36)}`;
    const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: db,
      REDIS_URL: this.redisServer.url,
      REDIS_PREFIX: prefix,
      CLOCK_NOW: NOW,
      TICK_MS: '300',
      MAIL_RETRY_MS: '500',
      SMTP_URL: this.smtp.url,
      HEALTH_TOKEN,
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_MS: '5000',
      WEB_DIST: '',
      ...base,
      ...extra,
    });
    const worker = (extra: Record<string, string> = {}) => {
      const p = startProcess('dist/apps/worker/main.js', env(extra));
      this.procs.push(p);
      return p;
    };
    /** `count` worker processes at once (WORKERS unless said), stopped together. */
    const workers = (extra: Record<string, string> = {}, count = WORKERS) =>
      group(Array.from({ length: count }, () => worker(extra)));
    const apiProcess = async (extra: Record<string, string> = {}) => {
      const port = await freePort();
      const p = startProcess(
        'dist/apps/api/main.js',
        env({ PORT: String(port), HOST: '127.0.0.1', ...extra }),
      );
      this.procs.push(p);
      const base = `http://127.0.0.1:${port}/api`;
      await eventually(
        () =>
          fetch(`${base}/auth/options`).then(
            (r) => r.ok,
            () => false,
          ),
        30_000,
        'API to start',
      );
      const health = async (
        token: string | null = HEALTH_TOKEN,
      ): Promise<HealthAnswer> => {
        const started = Date.now();
        const res = await fetch(
          `${base}/health`,
          token ? { headers: { authorization: `Bearer ${token}` } } : {},
        );
        return {
          status: res.status,
          ms: Date.now() - started,
          body: (await res.json()) as HealthAnswer['body'],
        };
      };
      return { p, base, health };
    };
    const count = async (query: string, params: unknown[] = []) =>
      Number((await sql<{ n: string }>(db, query, params))[0]!.n);
    /** How many worker processes have done at least one deadline action (from their heartbeats). */
    const workersThatActed = () =>
      count(
        `SELECT count(*) AS n FROM worker_heartbeat WHERE actions_done > 0`,
      );
    const mailsTo = (address: string) =>
      this.smtp.mails.filter((m) => m.includes(`To: ${address}`)).length;
    /** What the deadline work has done so far, and what is left. */
    const effects = async () => ({
      reminders: await count(
        `SELECT count(*) AS n FROM notification WHERE kind = 'reminder'`,
      ),
      reminderRepeats: await count(
        `SELECT count(*) - count(DISTINCT (deadline_id, recipient_id, point, for_date)) AS n FROM notification WHERE kind = 'reminder'`,
      ),
      overdue: await count(
        `SELECT count(*) AS n FROM case_event WHERE type = 'deadline.overdue'`,
      ),
      overdueRepeats: await count(
        `SELECT count(*) - count(DISTINCT payload->>'deadlineId') AS n FROM case_event WHERE type = 'deadline.overdue'`,
      ),
      markedOverdue: await count(
        `SELECT count(*) AS n FROM deadline WHERE status = 'overdue'`,
      ),
      digests: await count(
        `SELECT count(*) AS n FROM notification WHERE kind = 'digest'`,
      ),
      left: await count(
        `SELECT count(*) AS n FROM deadline WHERE next_action_at <= $1 OR claimed_at IS NOT NULL`,
        [NOW],
      ),
      digestLeft: await count(
        `SELECT count(*) AS n FROM scheduled_run WHERE next_run_at <= $1 OR claimed_at IS NOT NULL`,
        [NOW],
      ),
      emailsLeft: await count(
        `SELECT count(*) AS n FROM notification WHERE emailed_at IS NULL AND email_next_attempt_at IS NOT NULL`,
      ),
    });
    return {
      db,
      prefix,
      worker,
      workers,
      workersThatActed,
      apiProcess,
      count,
      mailsTo,
      effects,
    };
  }
}
