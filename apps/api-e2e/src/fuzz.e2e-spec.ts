import { hash } from '@node-rs/argon2';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { type Session, sessionCookieOf } from './support/api';
import {
  encodeSegment,
  HOSTILE_TEXT,
  type OpenApi,
  type Operation,
  SchemaArbitraries,
} from './support/openapi-fuzz';
import { type ApiProcess, startApi } from './support/process';

/*
 * The schema-driven fuzz suite: every operation of apps/api/openapi.json, called signed in (as a
 * role that may call it) with requests generated from the document's schemas by fast-check, often
 * with something hostile put in, plus malformed, oversized and deeply nested bodies. It fails on
 * any 5xx and on any status the document does not declare for the operation.
 *
 * It runs against an API of its own on a database of its own (the fuzzer creates accounts, bank
 * holidays and providers that other tests must not see), with the run's fixed clock, for about
 * FUZZ_BUDGET_MS (default 100 s) of requests; FUZZ_SEED replays a run.
 */

const ROOT = resolve(__dirname, '../../..');
const FIXED_NOW = '2026-03-02T09:00:00Z';
const PASSWORD = 'fuzz-password-long-enough';
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261203);
const BUDGET_MS = Number(process.env['FUZZ_BUDGET_MS'] ?? 100_000);
const MAX_ROUNDS = 40;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const ROLE_PREFERENCE = [
  'caseworker',
  'manager',
  'auditor',
  'administrator',
] as const;
type Role = (typeof ROLE_PREFERENCE)[number];

const document = JSON.parse(
  readFileSync(resolve(ROOT, 'apps/api/openapi.json'), 'utf8'),
) as OpenApi;
const schemas = new SchemaArbitraries(document);

interface Target {
  key: string;
  method: string;
  path: string;
  operation: Operation;
  /** Who calls it: a role that may, or nobody for a public route. */
  role: Role | null;
  /** Calling it may end the session or lock the account: each call gets a fresh account of its own. */
  throwaway: boolean;
}

interface Outcome {
  key: string;
  status: number;
  what: string;
  body: string;
}

let api: ApiProcess;
let ownerUrl = '';
let redisPrefix = '';
let passwordHash = '';
const sessions = new Map<Role, Session>();
const ids: Record<string, string> = {};
const emailOf = (role: string) => `fuzz-${role}@fuzz.council`;

async function signIn(email: string): Promise<Session> {
  const res = await fetch(`${api.baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const cookie = sessionCookieOf(res.headers);
  if (res.status !== 200 || !cookie)
    throw new Error(
      `fuzz sign-in as ${email} → ${res.status} ${await res.text()}`,
    );
  return {
    cookie,
    csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken,
  };
}

async function owner<T = any>(
  query: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    return (await client.query(query, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A session of a new caseworker of its own (for sign-out and password changes). */
async function throwawaySession(role: Role): Promise<Session> {
  const email = `fuzz-${randomUUID()}@fuzz.council`;
  await owner(
    `INSERT INTO staff_user (name, role, team, email, password_hash) VALUES ('Fuzz Throwaway', $1, 'SEND North', $2, $3)`,
    [role, email, passwordHash],
  );
  return signIn(email);
}

async function post(path: string, body: unknown, role: Role = 'caseworker') {
  const s = sessions.get(role) as Session;
  const res = await fetch(`${api.baseUrl}/api${path}`, {
    method: 'POST',
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrfToken,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as any;
  if (res.status >= 300)
    throw new Error(
      `fuzz setup: POST ${path} → ${res.status} ${JSON.stringify(json)}`,
    );
  return json;
}

beforeAll(async () => {
  // Its own database (migrated as the run's one is) and Redis prefix.
  const runDb = new URL(process.env['E2E_DATABASE_URL'] as string);
  const name = `${runDb.pathname.slice(1)}_fuzz`.slice(0, 60);
  const admin = new Client({
    connectionString: Object.assign(new URL(runDb.toString()), {
      pathname: '/postgres',
    }).toString(),
  });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  ownerUrl = Object.assign(new URL(runDb.toString()), {
    pathname: `/${name}`,
  }).toString();
  const appUrl = Object.assign(
    new URL(process.env['E2E_APP_DATABASE_URL'] as string),
    { pathname: `/${name}` },
  ).toString();
  redisPrefix = `${process.env['E2E_REDIS_PREFIX']}-fuzz`;
  const migrated = spawnSync(
    process.execPath,
    [resolve(ROOT, 'dist/apps/api/migrate.js')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        DATABASE_URL: appUrl,
        MIGRATION_DATABASE_URL: ownerUrl,
        LOG_LEVEL: 'warn',
      },
      encoding: 'utf8',
    },
  );
  if (migrated.status !== 0)
    throw new Error(`migrate: ${migrated.stdout}${migrated.stderr}`);

  passwordHash = await hash(PASSWORD, { algorithm: 2 });
  for (const role of ROLE_PREFERENCE) {
    await owner(
      `INSERT INTO staff_user (name, role, team, email, password_hash) VALUES ($1, $2, $3, $4, $5)`,
      [
        `Fuzz ${role}`,
        role,
        role === 'auditor'
          ? 'Audit'
          : role === 'administrator'
            ? 'Systems'
            : 'SEND North',
        emailOf(role),
        passwordHash,
      ],
    );
  }
  await owner(
    `INSERT INTO mediation_provider (name) VALUES ('Global Mediation')`,
  );

  api = await startApi({
    DATABASE_URL: appUrl,
    REDIS_PREFIX: redisPrefix,
    CLOCK_NOW: FIXED_NOW,
    RATE_LIMIT_SIGN_IN_PER_MINUTE: '10000',
    RATE_LIMIT_SIGN_IN_PER_ADDRESS_PER_MINUTE: '100000',
    RATE_LIMIT_READS_PER_MINUTE: '100000',
    EXPORT_DIR: mkdtempSync(join(tmpdir(), 'send-fuzz-exports-')),
  });
  for (const role of ROLE_PREFERENCE)
    sessions.set(role, await signIn(emailOf(role)));

  // Real subjects, so that generated requests reach past "no such case" into validation and the domain.
  const [provider] = await owner<{ id: string }>(
    `SELECT id FROM mediation_provider`,
  );
  ids['providerId'] = provider!.id;
  const opened = await post('/cases', {
    reference: `FUZZ-${Date.now()}`,
    childName: 'Fuzz Child',
    dateOfBirth: '2014-03-09',
  });
  ids['id'] = opened.id;
  let version = opened.version as number;
  const decided = await post(`/cases/${ids['id']}/decisions`, {
    expectedVersion: version,
    type: 'final_plan_content',
    decisionDate: '2026-02-23',
    letterSent: '2026-02-24',
    sections: ['F'],
  });
  ids['decisionId'] = decided.decisions[0].id;
  version = decided.version;
  const mediated = await post(`/cases/${ids['id']}/mediations`, {
    expectedVersion: version,
    decisionId: ids['decisionId'],
    providerId: ids['providerId'],
    contactedOn: '2026-02-25',
    healthInIssue: true,
    socialCareInIssue: false,
  });
  ids['mediationId'] = mediated.mediations[0].id;
  version = mediated.version;
  const lodged = await post(`/cases/${ids['id']}/appeals`, {
    expectedVersion: version,
    decisionId: ids['decisionId'],
    tribunalReference: 'EH857/26/77777',
    lodgedOn: '2026-02-26',
    // No mediation certificate on this route: recorded as what happened (flagged).
    confirmedUnusual: true,
  });
  ids['appealId'] = lodged.appeals[0].id;
  ids['deadlineId'] = lodged.deadlines[0].id;
  // An account for the administrators' routes to change, reset and disable: never one the fuzzer signs in with.
  ids['userId'] = (
    await owner<{ id: string }>(
      `INSERT INTO staff_user (name, role, team, email, password_hash) VALUES ('Fuzz Subject', 'caseworker', 'SEND North', $1, $2) RETURNING id`,
      [emailOf('subject'), passwordHash],
    )
  )[0]!.id;
  ids['sequence'] = '2';
}, 180_000);

afterAll(async () => {
  await api?.stop();
  if (ownerUrl) {
    const admin = new Client({
      connectionString: Object.assign(new URL(ownerUrl), {
        pathname: '/postgres',
      }).toString(),
    });
    await admin.connect();
    await admin.query(
      `DROP DATABASE IF EXISTS "${new URL(ownerUrl).pathname.slice(1)}" WITH (FORCE)`,
    );
    await admin.end();
  }
  if (redisPrefix) {
    const redis = new Redis(process.env['E2E_REDIS_URL'] as string);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${redisPrefix}:*`,
        'COUNT',
        1000,
      );
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
});

/** Every operation, and the role that calls it (from the routes' own declarations, dist/apps/api/route-table.js). */
function targets(): Target[] {
  const table = JSON.parse(
    execFileSync(
      process.execPath,
      [resolve(ROOT, 'dist/apps/api/route-table.js')],
      { encoding: 'utf8' },
    ),
  ) as {
    handlers: {
      method: string;
      path: string;
      public: boolean;
      roles: string[];
    }[];
  };
  const routes = new Map(
    table.handlers.map((h) => [`${h.method} ${h.path}`, h]),
  );
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    METHODS.filter((m) => operations[m]).map((method) => {
      const key = `${method.toUpperCase()} ${path}`;
      const route = routes.get(key);
      if (!route)
        throw new Error(
          `${key} is in the OpenAPI document but the app does not serve it`,
        );
      const role = route.public
        ? null
        : (ROLE_PREFERENCE.find((r) => route.roles.includes(r)) ?? null);
      return {
        key,
        method: method.toUpperCase(),
        path,
        operation: operations[method] as Operation,
        role,
        throwaway:
          key === 'POST /api/auth/sign-out' ||
          key === 'POST /api/auth/password',
      };
    }),
  );
}

/** One generated request for `t`, drawn with fast-check from its schemas (seeded). */
function generate(
  t: Target,
  seed: number,
): { url: string; init: RequestInit; what: string } {
  const [choice] = fc.sample(
    fc.record({
      params: fc.record(
        Object.fromEntries(
          (t.operation.parameters ?? [])
            .filter((p) => p.in === 'path')
            .map((p) => [
              p.name,
              fc.oneof(
                {
                  weight: p.name === 'id' ? 4 : 2,
                  arbitrary: fc.constant(ids[p.name]),
                },
                { weight: 1, arbitrary: schemas.parameter(p.schema) },
              ),
            ]),
        ),
      ),
      query: fc.record(
        Object.fromEntries(
          (t.operation.parameters ?? [])
            .filter((p) => p.in === 'query')
            .map((p) => [
              p.name,
              fc.option(schemas.parameter(p.schema), { nil: undefined }),
            ]),
        ),
      ),
      body: t.operation.requestBody?.content['application/json']
        ? schemas.value(
            t.operation.requestBody.content['application/json'].schema,
          )
        : fc.constant(undefined),
      raw: fc.oneof(
        { weight: 12, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '{"unterminated": ',
            `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
            `{"a":${'{"a":'.repeat(200)}1${'}'.repeat(200)}}`,
            JSON.stringify({ big: 'x'.repeat(210_000) }),
            '"just a string"',
            '[1,2,3]',
            'null',
            '{"text":"\\u0000"}',
            '{"__proto__":{"role":"administrator"}}',
          ),
        },
      ),
      file: fc.constantFrom(
        Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'),
        Buffer.from('plain text pretending to be a PDF'),
        Buffer.from([
          0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0,
        ]),
        Buffer.alloc(0),
      ),
      fileName: fc.constantFrom(
        'letter.pdf',
        'setup.exe',
        '../../etc/passwd',
        'Décision – 📄.pdf',
        'nul\u0000.pdf',
        '',
      ),
      expectedVersion: fc.oneof(
        fc.constantFrom('1', '2', '5', '0', '-1', '1e20', 'three', ''),
        fc.nat().map(String),
      ),
    }),
    { seed, numRuns: 1 },
  );
  const c = choice!;
  // An upload whose address is past Node's 16 KB header limit is refused (431) while its body is
  // still being sent, and fetch then reports the closed socket, not the answer: an upload's path
  // values are kept to 2,000 characters. Oversized addresses are fuzzed on every other operation.
  const multipart = Boolean(
    t.operation.requestBody?.content['multipart/form-data'],
  );
  const path = t.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = String(c.params[name] ?? randomUUID());
    return encodeSegment(multipart ? value.slice(0, 2000) : value);
  });
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(c.query))
    if (v !== undefined) query.append(k, v as string);
  const url = `${api.baseUrl}${path}${query.size ? `?${query}` : ''}`;
  const headers: Record<string, string> = {};
  let body: BodyInit | undefined;
  let what = `${t.method} ${path}${query.size ? `?${query}` : ''}`;
  if (t.operation.requestBody?.content['multipart/form-data']) {
    const form = new FormData();
    form.append('expectedVersion', c.expectedVersion);
    form.append(
      'file',
      new Blob([new Uint8Array(c.file)], { type: 'application/pdf' }),
      c.fileName,
    );
    body = form;
    what += ` multipart(${JSON.stringify(c.fileName)}, ${c.file.length} bytes, expectedVersion ${JSON.stringify(c.expectedVersion)})`;
  } else if (t.method !== 'GET' && (c.raw !== null || c.body !== undefined)) {
    headers['content-type'] = 'application/json';
    body = c.raw ?? JSON.stringify(c.body);
    what += ` ${(c.raw ?? JSON.stringify(c.body)).slice(0, 200)}`;
  }
  return {
    url,
    init: { method: t.method, headers, body, redirect: 'manual' },
    what,
  };
}

async function send(
  t: Target,
  request: { url: string; init: RequestInit; what: string },
): Promise<Outcome> {
  const session =
    t.role === null
      ? null
      : t.throwaway
        ? await throwawaySession(t.role)
        : (sessions.get(t.role) as Session);
  const headers = { ...(request.init.headers as Record<string, string>) };
  if (session) {
    headers['cookie'] = session.cookie;
    if (t.method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(request.url, {
        ...request.init,
        headers,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      return {
        key: t.key,
        status: res.status,
        what: request.what,
        body: text.slice(0, 300),
      };
    } catch (error) {
      // A connection the server had closed while idle may be reused once; a server that died may not.
      if (attempt === 0 && api.child.exitCode === null) continue;
      return {
        key: t.key,
        status: 0,
        what: request.what,
        body: `no answer: ${(error as Error).message} (API exit code ${api.child.exitCode})`,
      };
    }
  }
}

describe('schema-driven fuzzing of every operation in apps/api/openapi.json', () => {
  it(
    'answers no 5xx and only statuses the document declares',
    async () => {
      const all = targets();
      expect(all.length).toBeGreaterThan(60);
      const outcomes: Outcome[] = [];
      const started = Date.now();
      let rounds = 0;
      let seed = SEED;
      // Round 0 adds, for every operation, requests that are hostile at the edge: a NUL in the query
      // string and in the path, unpaired surrogates, a header too large.
      for (const t of all) {
        const session = t.role ? sessions.get(t.role) : undefined;
        const auth: Record<string, string> = session
          ? {
              cookie: session.cookie,
              ...(t.method !== 'GET'
                ? { 'x-csrf-token': session.csrfToken }
                : {}),
            }
          : {};
        const concrete = t.path.replace(
          /\{(\w+)\}/g,
          (_m, name: string) => ids[name] ?? randomUUID(),
        );
        for (const [url, extra] of [
          [`${api.baseUrl}${concrete}?x=%00`, {}],
          [
            `${api.baseUrl}${concrete}?x=%ED%A0%80&y=${encodeURIComponent(HOSTILE_TEXT[4] as string)}`,
            {},
          ],
          [
            `${api.baseUrl}${t.path.replace(/\{(\w+)\}/, '%00').replace(/\{(\w+)\}/g, randomUUID())}`,
            {},
          ],
          [`${api.baseUrl}${concrete}`, { 'x-padding': 'x'.repeat(20_000) }],
        ] as const) {
          if (url.endsWith('%00') && !t.path.includes('{')) continue;
          if (t.throwaway) continue;
          outcomes.push(
            await send(
              { ...t, role: null },
              {
                url,
                init: {
                  method: t.method,
                  headers: { ...auth, ...extra },
                  redirect: 'manual',
                },
                what: `${t.method} ${url.slice(api.baseUrl.length, api.baseUrl.length + 160)}`,
              },
            ),
          );
        }
      }
      while (
        rounds < MAX_ROUNDS &&
        (rounds === 0 || Date.now() - started < BUDGET_MS)
      ) {
        for (const t of all) outcomes.push(await send(t, generate(t, seed++)));
        rounds++;
      }
      const seconds = (Date.now() - started) / 1000;

      const declared = (o: Outcome) => {
        const responses =
          all.find((t) => t.key === o.key)?.operation.responses ?? {};
        return String(o.status) in responses || 'default' in responses;
      };
      // The health check's 503 is its answer, not a fault: this API's database has no worker, so health is rightly red.
      const serverErrors = outcomes.filter(
        (o) =>
          (o.status >= 500 &&
            !(o.key === 'GET /api/health' && o.status === 503)) ||
          o.status === 0,
      );
      const undeclared = outcomes.filter(
        (o) => o.status > 0 && o.status < 500 && !declared(o),
      );
      const byStatus = outcomes.reduce<Record<number, number>>(
        (acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + 1 }),
        {},
      );
      const operationsReached = new Set(outcomes.map((o) => o.key)).size;
      console.log(
        `fuzz: ${operationsReached} operations, ${outcomes.length} requests in ${seconds.toFixed(0)} s (${rounds} rounds, seed ${SEED}); ` +
          `statuses ${JSON.stringify(byStatus)}; 5xx: ${serverErrors.length}; undeclared: ${undeclared.length}`,
      );
      const show = (list: Outcome[]) =>
        list
          .slice(0, 25)
          .map((o) => `${o.status} ${o.key} ← ${o.what} → ${o.body}`);
      expect(operationsReached).toBe(all.length);
      expect(show(serverErrors)).toEqual([]);
      expect(show(undeclared)).toEqual([]);
    },
    BUDGET_MS + 120_000,
  );
});
