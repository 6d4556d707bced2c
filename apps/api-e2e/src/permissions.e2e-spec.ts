import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { api, type As, signIn, sql, uniqueReference } from './support/api';

/** The only routes anyone may call without signing in: the health check and sign-in itself. */
const PUBLIC = [
  'GET /api/health',
  'GET /api/auth/options',
  'POST /api/auth/sign-in',
  'GET /api/auth/oidc/start',
  'GET /api/auth/oidc/callback',
];
/**
 * Routes a calendar app calls, which cannot sign in or send headers: the URL carries a per-user
 * secret (only its hash is stored), which is the credential. Without the right secret they answer
 * 404, as for no such feed.
 */
const CAPABILITY_URL = ['GET /api/calendar/{file}'];
const ROLES: As[] = ['caseworker', 'manager', 'auditor', 'administrator'];
const READERS: As[] = ['caseworker', 'manager', 'auditor'];
const WRITERS: As[] = ['caseworker', 'manager'];

type Route = { method: string; path: string };
const keyOf = (r: Route) => `${r.method} ${r.path}`;
const routesOf = (doc: { paths: Record<string, Record<string, unknown>> }) =>
  Object.entries(doc.paths)
    .flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
const committedOpenApi = () =>
  JSON.parse(
    readFileSync(resolve(__dirname, '../../api/openapi.json'), 'utf8'),
  );

interface RouteTable {
  handlers: (Route & { handler: string; public: boolean; roles: string[] })[];
  served: Route[];
}
/** Every route handler of the built API and what it declares, and every route Express serves (apps/api/src/route-table.ts). */
const routeTable = (): RouteTable =>
  JSON.parse(
    execFileSync(
      process.execPath,
      [resolve(__dirname, '../../../dist/apps/api/route-table.js')],
      { encoding: 'utf8' },
    ),
  );

describe('deny by default', () => {
  it('finds a declared permission on every route handler of the app: @Public() only on health, sign-in and the calendar feed', () => {
    const { handlers, served } = routeTable();
    expect(handlers.length).toBeGreaterThan(50);
    // What Express serves is exactly what the controllers declare (nothing registered behind their back).
    expect(served.map(keyOf).sort()).toEqual(handlers.map(keyOf).sort());
    const undeclared = handlers
      .filter((h) => !h.public && h.roles.length === 0)
      .map((h) => `${keyOf(h)} (${h.handler})`);
    expect(undeclared).toEqual([]);
    const both = handlers
      .filter((h) => h.public && h.roles.length > 0)
      .map((h) => `${keyOf(h)} (${h.handler})`);
    expect(both).toEqual([]);
    const unknownRoles = handlers
      .filter((h) => h.roles.some((r) => !ROLES.includes(r as As)))
      .map(keyOf);
    expect(unknownRoles).toEqual([]);
    expect(
      handlers
        .filter((h) => h.public)
        .map(keyOf)
        .sort(),
    ).toEqual([...PUBLIC, ...CAPABILITY_URL].sort());
  });

  it('documents every route: the OpenAPI document served, the committed apps/api/openapi.json and the app agree', async () => {
    const live = await api('GET', '/docs-json', undefined, null);
    expect(live.status).toBe(200);
    const handlers = routeTable().handlers.map(keyOf).sort();
    expect(routesOf(live.body)).toEqual(handlers);
    expect(routesOf(committedOpenApi())).toEqual(handlers);
  });

  it('refuses every route of the API (from the OpenAPI document) without a session, except health and sign-in', async () => {
    const docs = await api<{ paths: Record<string, Record<string, unknown>> }>(
      'GET',
      '/docs-json',
      undefined,
      null,
    );
    const routes = routesOf(docs.body).map((key) => ({
      key,
      method: key.split(' ')[0],
      path: key.split(' ')[1],
    }));
    expect(routes.length).toBeGreaterThan(40);
    const open: string[] = [];
    for (const { key, method, path } of routes) {
      if (PUBLIC.includes(key)) continue;
      const concrete = path
        .replace(/^\/api/, '')
        .replace(/\{[^}]+\}/g, randomUUID());
      const res = await api(
        method,
        concrete,
        method === 'GET' ? undefined : {},
        null,
      );
      const expected = CAPABILITY_URL.includes(key) ? 404 : 401;
      if (res.status !== expected)
        open.push(`${key} → ${res.status} (expected ${expected})`);
    }
    expect(open).toEqual([]);
  });
});

/** The case writes: caseworkers and managers of the case's team. */
const CASE_WRITES = [
  'POST /api/cases',
  'POST /api/cases/import',
  'POST /api/cases/{id}/history',
  'POST /api/cases/{id}/contacts',
  'POST /api/cases/{id}/decisions',
  'POST /api/cases/{id}/decisions/{decisionId}/correction',
  'POST /api/cases/{id}/assessment-requests',
  'POST /api/cases/{id}/assessment-requests/{requestId}/agreed',
  'POST /api/cases/{id}/draft-plans',
  'POST /api/cases/{id}/draft-plans/{draftId}/comments',
  'POST /api/cases/{id}/reviews',
  'POST /api/cases/{id}/reviews/{reviewId}/amendments-proposed',
  'POST /api/cases/{id}/phase-transfers',
  'POST /api/cases/{id}/events/{sequence}/correction',
  'POST /api/cases/{id}/way-forward-meetings',
  'POST /api/cases/{id}/way-forward-meetings/{meetingId}/held',
  'POST /api/cases/{id}/mediations',
  'POST /api/cases/{id}/mediations/{mediationId}/declined',
  'POST /api/cases/{id}/mediations/{mediationId}/requested',
  'POST /api/cases/{id}/mediations/{mediationId}/withdrawn',
  'POST /api/cases/{id}/mediations/{mediationId}/health-notified',
  'POST /api/cases/{id}/mediations/{mediationId}/arranged',
  'POST /api/cases/{id}/mediations/{mediationId}/not-arranged',
  'POST /api/cases/{id}/mediations/{mediationId}/held',
  'POST /api/cases/{id}/mediations/{mediationId}/agreement',
  'POST /api/cases/{id}/mediations/{mediationId}/agreement/items/{itemId}/completed',
  'POST /api/cases/{id}/mediations/{mediationId}/health-response',
  'POST /api/cases/{id}/mediations/{mediationId}/certificates',
  'POST /api/cases/{id}/disagreement-resolutions',
  'POST /api/cases/{id}/disagreement-resolutions/{resolutionId}/meetings',
  'POST /api/cases/{id}/disagreement-resolutions/{resolutionId}/conclusion',
  'POST /api/cases/{id}/appeals',
  'POST /api/cases/{id}/appeals/{appealId}/registration',
  'POST /api/cases/{id}/appeals/{appealId}/response',
  'POST /api/cases/{id}/appeals/{appealId}/hearing',
  'POST /api/cases/{id}/appeals/{appealId}/outcome',
  'POST /api/cases/{id}/orders/{orderId}/compliance',
  'POST /api/cases/{id}/recommendations/{recommendationId}/response',
  'POST /api/cases/{id}/events/{sequence}/documents',
  'POST /api/cases/{id}/notes',
  'POST /api/deadlines/{deadlineId}/extension',
];

/** The case reads: caseworkers and managers (their team's cases) and auditors (every team's). */
const CASE_READS = [
  'GET /api/cases',
  'POST /api/cases/search',
  'GET /api/cases/{id}',
  'GET /api/cases/{id}/history',
  'GET /api/cases/{id}/history.csv',
  'GET /api/cases/{id}/history.json',
  'GET /api/cases/{id}/history/verification',
  'GET /api/cases/{id}/documents/{documentId}',
  'GET /api/deadlines',
];

interface MatrixEntry {
  /** The roles that may call the route; every other role must get 403. `public`: anyone, signed in or not. */
  allowed: As[] | 'public';
  body?: Record<string, unknown>;
  /** Calling the route ends the session: each role calls it with a session of its own. */
  endsSession?: boolean;
}

/**
 * The role-by-endpoint matrix: one entry for every route of apps/api/openapi.json, no more, no
 * less. Requests carry no valid change (invalid bodies, unknown ids), so an allowed role gets a
 * 400 or 404, never 401 or 403, and nothing is written.
 */
const MATRIX: Record<string, MatrixEntry> = {
  ...Object.fromEntries(
    [...PUBLIC, ...CAPABILITY_URL].map((k) => [
      k,
      { allowed: 'public' as const },
    ]),
  ),
  ...Object.fromEntries(CASE_READS.map((k) => [k, { allowed: READERS }])),
  ...Object.fromEntries(CASE_WRITES.map((k) => [k, { allowed: WRITERS }])),
  'POST /api/cases/search': { allowed: READERS, body: { text: 'Matrix' } },
  'POST /api/cases/{id}/reassignment': { allowed: ['manager'] },
  'GET /api/auth/session': { allowed: ROLES },
  'POST /api/auth/sign-out': { allowed: ROLES, endsSession: true },
  'POST /api/auth/password': {
    allowed: ROLES,
    body: { currentPassword: 'not-the-password', newPassword: 'x' },
  },
  'GET /api/notifications': { allowed: ROLES },
  'GET /api/notifications/unread-count': { allowed: ROLES },
  'POST /api/notifications/read': { allowed: ROLES },
  'POST /api/notifications/{notificationId}/read': { allowed: ROLES },
  'POST /api/me/calendar-feed': { allowed: WRITERS },
  'DELETE /api/me/calendar-feed': { allowed: WRITERS },
  // Letters (issue 15): caseworkers and managers make them on their cases; templates are the administrators'.
  'POST /api/cases/{id}/letters/preview': { allowed: WRITERS },
  'POST /api/cases/{id}/letters': { allowed: WRITERS },
  'POST /api/cases/{id}/letters/{letterId}/sent': { allowed: WRITERS },
  'GET /api/letter-templates': { allowed: ['administrator'] },
  'POST /api/letter-templates/{kind}': { allowed: ['administrator'] },
  'POST /api/letter-templates/versions/{templateId}/preview': {
    allowed: ['administrator'],
  },
  'POST /api/letter-templates/versions/{templateId}/publish': {
    allowed: ['administrator'],
  },
  'GET /api/users': { allowed: ['manager', 'administrator'] },
  'GET /api/users/accounts': { allowed: ['administrator'] },
  'POST /api/users': { allowed: ['administrator'] },
  'PATCH /api/users/{userId}': { allowed: ['administrator'] },
  'POST /api/users/{userId}/disable': { allowed: ['administrator'] },
  'POST /api/users/{userId}/enable': { allowed: ['administrator'] },
  'POST /api/users/{userId}/password-reset': { allowed: ['administrator'] },
  'GET /api/mediation-providers': { allowed: ROLES },
  'POST /api/mediation-providers': { allowed: ['administrator'] },
  'PATCH /api/mediation-providers/{providerId}': { allowed: ['administrator'] },
  'GET /api/bank-holidays': { allowed: ROLES },
  'POST /api/bank-holidays': { allowed: ['administrator'] },
  'DELETE /api/bank-holidays/{date}': { allowed: ['administrator'] },
  'GET /api/access-log': { allowed: ['auditor'] },
  'GET /api/access-log/export.csv': { allowed: ['auditor'] },
  'GET /api/security-log': { allowed: ['auditor'] },
  'GET /api/security-log/export.csv': { allowed: ['auditor'] },
  // The statutory clock: anyone who works with cases.
  'GET /api/rules': { allowed: READERS },
  'POST /api/deadlines/calculation': { allowed: READERS },
  // Reports: managers (their team) and auditors; exports: auditors.
  'GET /api/reports/deadlines': { allowed: ['manager', 'auditor'] },
  'GET /api/reports/deadlines/list': { allowed: ['manager', 'auditor'] },
  'GET /api/reports/compliance': { allowed: ['manager', 'auditor'] },
  'GET /api/reports/appeals': { allowed: ['manager', 'auditor'] },
  // Each report table as CSV, with the table's filters.
  'GET /api/reports/deadlines/by-caseworker.csv': {
    allowed: ['manager', 'auditor'],
  },
  'GET /api/reports/deadlines/by-rule.csv': { allowed: ['manager', 'auditor'] },
  'GET /api/reports/deadlines/by-responsible-body.csv': {
    allowed: ['manager', 'auditor'],
  },
  'GET /api/reports/compliance.csv': { allowed: ['manager', 'auditor'] },
  'GET /api/reports/deadlines/list.csv': { allowed: ['manager', 'auditor'] },
  'GET /api/reports/appeals.csv': { allowed: ['manager', 'auditor'] },
  // Bulk reassignment: managers, within their team.
  'GET /api/reassignments/preview': { allowed: ['manager'] },
  'POST /api/reassignments': { allowed: ['manager'] },
  'POST /api/exports': { allowed: ['auditor'] },
  'GET /api/exports': { allowed: ['auditor'] },
  'GET /api/exports/{exportId}': { allowed: ['auditor'] },
  'GET /api/exports/{exportId}/file': { allowed: ['auditor'] },
};

describe('role by endpoint', () => {
  let caseId = '';
  let version = 1;
  beforeAll(async () => {
    const res = await api('POST', '/cases', {
      reference: uniqueReference(),
      childName: 'Matrix Child',
      dateOfBirth: '2013-04-05',
    });
    caseId = res.body.id;
    version = res.body.version;
  });

  const concrete = (path: string) =>
    path
      .replace(/^\/api/, '')
      .replace('{id}', caseId)
      .replace('{sequence}', '1')
      .replace('{file}', 'no-such-feed.ics')
      .replace(/\{[^}]+\}/g, () => randomUUID());

  it('has an entry for every route of the OpenAPI document, and none for a route that does not exist', () => {
    const routes = routesOf(committedOpenApi());
    expect(routes.filter((r) => !(r in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it('gives each role what it should and nothing more', async () => {
    const wrong: string[] = [];
    for (const [key, entry] of Object.entries(MATRIX)) {
      const [method, path] = key.split(' ');
      const body =
        method === 'GET'
          ? undefined
          : (entry.body ?? { expectedVersion: version });
      if (entry.allowed === 'public') {
        const res = await api(method, concrete(path), body, null);
        if ([401, 403].includes(res.status))
          wrong.push(`anonymous ${key} → ${res.status} (expected allowed)`);
        continue;
      }
      for (const role of ROLES) {
        const as = entry.endsSession ? await signIn(role) : role;
        const res = await api(method, concrete(path), body, as);
        const allowed = entry.allowed.includes(role);
        const ok = allowed
          ? ![401, 403].includes(res.status) && res.status < 500
          : res.status === 403;
        if (!ok)
          wrong.push(
            `${role} ${key} → ${res.status} (expected ${allowed ? 'allowed' : '403'})`,
          );
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("the apps' database role", () => {
  it('is not the owner, and may add to and read the history and the logs but never UPDATE, DELETE or TRUNCATE them', async () => {
    // Every connection of the running API and worker uses it.
    const connections = await sql(
      `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'send-disagreements'`,
    );
    const [{ current_user: appRole }] = await sql(
      `SELECT current_user`,
      [],
      'app',
    );
    expect(connections.map((c) => c.usename)).toEqual([appRole]);
    const [{ owner }] = await sql(
      `SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname = 'case_event'`,
    );
    expect(owner).not.toBe(appRole);

    for (const table of ['case_event', 'access_log', 'security_log']) {
      expect(
        (await sql(`SELECT count(*) FROM ${table}`, [], 'app')).length,
      ).toBe(1);
      for (const statement of [
        `UPDATE ${table} SET id = id WHERE false`,
        `DELETE FROM ${table} WHERE false`,
        `TRUNCATE ${table}`,
      ]) {
        await expect(sql(statement, [], 'app')).rejects.toThrow(
          new RegExp(`permission denied for table ${table}`),
        );
      }
    }
    await expect(sql(`TRUNCATE deadline`, [], 'app')).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql(`DROP TABLE worker_heartbeat`, [], 'app')).rejects.toThrow(
      /must be owner/,
    );
    await expect(
      sql(`SELECT * FROM schema_migration`, [], 'app'),
    ).rejects.toThrow(/permission denied/);
    // The triggers stand behind the privileges: even the owner cannot change the history by accident.
    await expect(
      sql(`UPDATE case_event SET summary = summary WHERE true`),
    ).rejects.toThrow(/append-only/);
  });
});

describe('tamper-evident history', () => {
  const verifier = resolve(
    __dirname,
    '../../../dist/apps/api/verify-history.js',
  );
  const verify = (file: string) => {
    try {
      return {
        code: 0,
        out: execFileSync(process.execPath, [verifier, file], {
          encoding: 'utf8',
        }),
      };
    } catch (error) {
      const e = error as { status: number; stdout: string };
      return { code: e.status, out: e.stdout };
    }
  };

  it('finds an event altered in the database (trigger bypassed by the owner), by API and by the offline verifier', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-'));
    const opened = await api('POST', '/cases', {
      reference: uniqueReference(),
      childName: 'Tamper Child',
      dateOfBirth: '2012-06-07',
    });
    const id = opened.body.id as string;
    const contact = await api('POST', `/cases/${id}/contacts`, {
      expectedVersion: opened.body.version,
      name: 'Jo Parent',
      relationship: 'parent',
    });
    expect(contact.status).toBe(201);

    expect(
      (
        await api(
          'GET',
          `/cases/${id}/history/verification`,
          undefined,
          'auditor',
        )
      ).body,
    ).toEqual({ valid: true, events: 2 });
    const clean = await api(
      'GET',
      `/cases/${id}/history.json`,
      undefined,
      'auditor',
    );
    expect(clean.status).toBe(200);
    writeFileSync(join(dir, 'clean.json'), clean.text);
    expect(verify(join(dir, 'clean.json'))).toMatchObject({ code: 0 });

    // The exported file alone: change the second event's summary and the verifier names it.
    const edited = JSON.parse(clean.text);
    edited.events[1].summary = 'Nothing happened';
    writeFileSync(join(dir, 'edited.json'), JSON.stringify(edited));
    const offline = verify(join(dir, 'edited.json'));
    expect(offline.code).toBe(1);
    expect(offline.out).toContain(`event 2 (id ${edited.events[1].id})`);

    // In the database, as its owner, past the append-only trigger.
    const [first] = await sql(
      `SELECT id FROM case_event WHERE case_id = $1 AND sequence = 1`,
      [id],
    );
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    await sql(
      `SET session_replication_role = replica; UPDATE case_event SET summary = summary || ' (altered)' WHERE id = '${first.id}'`,
    );
    const check = await api(
      'GET',
      `/cases/${id}/history/verification`,
      undefined,
      'auditor',
    );
    expect(check.body).toMatchObject({
      valid: false,
      events: 2,
      firstMismatch: { sequence: 1, id: first.id },
    });
    const tampered = await api(
      'GET',
      `/cases/${id}/history.json`,
      undefined,
      'auditor',
    );
    writeFileSync(join(dir, 'tampered.json'), tampered.text);
    const result = verify(join(dir, 'tampered.json'));
    expect(result.code).toBe(1);
    expect(result.out).toContain(`event 1 (id ${first.id})`);
    expect(readFileSync(join(dir, 'tampered.json'), 'utf8')).toContain(
      '(altered)',
    );
  });
});
