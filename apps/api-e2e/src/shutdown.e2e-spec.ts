import http from 'node:http';
import type { Socket } from 'node:net';
import { Client } from 'pg';
import { api, eventually, sessionOf, uniqueReference } from './support/api';
import { type ApiProcess, startApi } from './support/process';

/*
 * SIGTERM on the API, with real connections: an idle keep-alive connection, and a request in
 * flight that is slow for a real reason (it waits for a row lock on its case that the test holds
 * in PostgreSQL). The API is another process of the built app on the run's database.
 */

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request over `agent`; answers the response and the socket it used. */
function request(
  base: string,
  agent: http.Agent,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
) {
  let socket: Socket | undefined;
  const answer = new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: {
          ...headers,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('socket', (s: Socket) => (socket = s));
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
  return { answer, socket: () => socket };
}

const closed = (socket: Socket) =>
  new Promise<number>((resolve) =>
    socket.destroyed
      ? resolve(Date.now())
      : socket.once('close', () => resolve(Date.now())),
  );
const exited = (p: ApiProcess) =>
  new Promise<{ code: number | null; at: number }>((resolve) =>
    p.child.exitCode !== null
      ? resolve({ code: p.child.exitCode, at: Date.now() })
      : p.child.once('exit', (code) => resolve({ code, at: Date.now() })),
  );

/** A case of the caseworker's, and a transaction of the test's holding its row locked (as a write does). */
async function lockedCase(): Promise<{
  id: string;
  version: number;
  holder: Client;
}> {
  const opened = await api<{ id: string; version: number }>('POST', '/cases', {
    reference: uniqueReference(),
    childName: 'Shut Down',
    dateOfBirth: '2014-03-09',
  });
  expect(opened.status).toBe(201);
  const holder = new Client({
    connectionString: process.env['E2E_DATABASE_URL'],
  });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query(`SELECT id FROM "case" WHERE id = $1 FOR UPDATE`, [
    opened.body.id,
  ]);
  return { id: opened.body.id, version: opened.body.version, holder };
}

/** Waits until the API's write is waiting for the test's lock: the request is in flight. */
async function waitingForTheLock(holder: Client): Promise<void> {
  await eventually(
    async () => {
      const { rows } = await holder.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))`,
      );
      return rows[0].n > 0;
    },
    30_000,
    "the API's write to wait for the case's lock",
  );
}

describe('SIGTERM on the API', () => {
  let apiProcess: ApiProcess | undefined;
  afterEach(async () => {
    await apiProcess?.stop();
    apiProcess = undefined;
  });

  it('keeps idle keep-alive connections open longer than clients and load balancers do (65 s), and says so', async () => {
    apiProcess = await startApi({});
    const agent = new http.Agent({ keepAlive: true });
    const { answer } = request(apiProcess.baseUrl, agent, 'GET', '/api/health');
    const res = await answer;
    expect(res.headers['connection']).toBe('keep-alive');
    expect(res.headers['keep-alive']).toBe('timeout=65');
    agent.destroy();
  });

  it('stops accepting, closes idle keep-alive connections at once, finishes the request in flight, then exits', async () => {
    apiProcess = await startApi({ SHUTDOWN_TIMEOUT_MS: '60000' });
    const base = apiProcess.baseUrl;
    const session = await sessionOf('caseworker');
    const auth = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    const { id, version, holder } = await lockedCase();
    try {
      // An idle keep-alive connection.
      const idleAgent = new http.Agent({ keepAlive: true });
      const idle = request(base, idleAgent, 'GET', '/api/health');
      expect((await idle.answer).status).toBe(200);
      const idleClosed = closed(idle.socket()!);

      // A write in flight, waiting for the lock.
      const busyAgent = new http.Agent({ keepAlive: true });
      const write = request(
        base,
        busyAgent,
        'POST',
        `/api/cases/${id}/contacts`,
        auth,
        {
          expectedVersion: version,
          name: 'Pat Parent',
          relationship: 'Father',
        },
      );
      await waitingForTheLock(holder);

      const exit = exited(apiProcess);
      const sigterm = Date.now();
      apiProcess.child.kill('SIGTERM');

      // The idle connection is closed at once (not after its 65 s), and no new connection is accepted.
      expect((await idleClosed) - sigterm).toBeLessThan(10_000);
      await expect(fetch(`${base}/api/health`)).rejects.toThrow();

      // The request in flight finishes normally once its lock is free, and its connection is then closed.
      await holder.query('COMMIT');
      const answered = await write.answer;
      const answeredAt = Date.now();
      expect(answered.status).toBe(201);
      expect(answered.headers['connection']).toBe('close');
      expect(JSON.parse(answered.body)).toMatchObject({
        id,
        version: version + 1,
      });
      expect((await closed(write.socket()!)) - answeredAt).toBeLessThan(10_000);

      const { code, at } = await exit;
      expect(code).toBe(0);
      expect(at - sigterm).toBeLessThan(60_000);
      idleAgent.destroy();
      busyAgent.destroy();
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  });

  it('never waits longer than SHUTDOWN_TIMEOUT_MS: a request still in flight then is cut off, unsaved, and the API exits', async () => {
    apiProcess = await startApi({ SHUTDOWN_TIMEOUT_MS: '3000' });
    const session = await sessionOf('caseworker');
    const auth = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    const { id, version, holder } = await lockedCase();
    try {
      const agent = new http.Agent({ keepAlive: true });
      const write = request(
        apiProcess.baseUrl,
        agent,
        'POST',
        `/api/cases/${id}/contacts`,
        auth,
        {
          expectedVersion: version,
          name: 'Never Saved',
          relationship: 'Uncle',
        },
      );
      const cutOff = write.answer.then(
        () => 'answered',
        () => 'cut off',
      );
      await waitingForTheLock(holder);

      const exit = exited(apiProcess);
      const sigterm = Date.now();
      apiProcess.child.kill('SIGTERM');
      const { code, at } = await exit;
      // It waited for the request (the bound, 3 s, not less), then exited; the machine may be slow, hence the margin above.
      expect(at - sigterm).toBeGreaterThanOrEqual(2_900);
      expect(at - sigterm).toBeLessThan(3_000 + 15_000);
      expect(code).toBe(1);
      expect(await cutOff).toBe('cut off');
      agent.destroy();
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
    // Its transaction died with its connection: nothing of it was saved.
    expect(
      (
        await api<{ version: number; contacts: unknown[] }>(
          'GET',
          `/cases/${id}`,
        )
      ).body,
    ).toMatchObject({ version, contacts: [] });
  });
});
