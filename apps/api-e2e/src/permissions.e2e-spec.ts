import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { api, type As, sql, uniqueReference } from './support/api';

/** The only routes anyone may call without signing in: the health check and sign-in itself. */
const PUBLIC = new Set(['GET /api/health', 'GET /api/auth/options', 'POST /api/auth/sign-in', 'GET /api/auth/oidc/start', 'GET /api/auth/oidc/callback']);
/**
 * Routes a calendar app calls, which cannot sign in or send headers: the URL carries a per-user
 * secret (only its hash is stored). Without the right secret they answer 404, as for no such feed.
 */
const CAPABILITY_URL = new Set(['GET /api/calendar/{file}']);
const ROLES: As[] = ['caseworker', 'manager', 'auditor', 'administrator'];

describe('deny by default', () => {
  it('refuses every route of the API (from the OpenAPI document) without a session, except health and sign-in', async () => {
    const docs = await api<{ paths: Record<string, Record<string, unknown>> }>('GET', '/docs-json', undefined, null);
    const routes = Object.entries(docs.body.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
    );
    expect(routes.length).toBeGreaterThan(40);
    const open: string[] = [];
    for (const { method, path } of routes) {
      const key = `${method} ${path}`;
      const concrete = path.replace(/^\/api/, '').replace(/\{[^}]+\}/g, randomUUID());
      const res = await api(method, concrete, method === 'GET' ? undefined : {}, null);
      if (PUBLIC.has(key)) continue;
      const expected = CAPABILITY_URL.has(key) ? 404 : 401;
      if (res.status !== expected) open.push(`${key} → ${res.status} (expected ${expected})`);
    }
    expect(open).toEqual([]);
  });
});

describe('role by endpoint', () => {
  let caseId = '';
  let version = 1;
  beforeAll(async () => {
    const res = await api('POST', '/cases', { reference: uniqueReference(), childName: 'Matrix Child', dateOfBirth: '2013-04-05' });
    caseId = res.body.id;
    version = res.body.version;
  });

  /** Each route, and the roles that may call it; every other role must get 403. */
  const MATRIX: { method: string; path: () => string; body?: () => unknown; allowed: As[] }[] = [
    { method: 'GET', path: () => '/cases', allowed: ['caseworker', 'manager', 'auditor'] },
    { method: 'POST', path: () => '/cases/search', body: () => ({ text: 'Matrix' }), allowed: ['caseworker', 'manager', 'auditor'] },
    { method: 'GET', path: () => `/cases/${caseId}`, allowed: ['caseworker', 'manager', 'auditor'] },
    { method: 'GET', path: () => `/cases/${caseId}/history`, allowed: ['caseworker', 'manager', 'auditor'] },
    { method: 'GET', path: () => `/cases/${caseId}/history.csv`, allowed: ['caseworker', 'manager', 'auditor'] },
    { method: 'GET', path: () => `/cases/${caseId}/history.json`, allowed: ['caseworker', 'manager', 'auditor'] },
    { method: 'GET', path: () => `/cases/${caseId}/history/verification`, allowed: ['caseworker', 'manager', 'auditor'] },
    { method: 'GET', path: () => '/deadlines', allowed: ['caseworker', 'manager', 'auditor'] },
    { method: 'GET', path: () => '/rules', allowed: ['caseworker', 'manager', 'auditor'] },
    { method: 'POST', path: () => '/deadlines/calculation', body: () => ({}), allowed: ['caseworker', 'manager', 'auditor'] },
    { method: 'POST', path: () => '/cases', body: () => ({}), allowed: ['caseworker', 'manager'] },
    { method: 'POST', path: () => `/cases/${caseId}/contacts`, body: () => ({ expectedVersion: version }), allowed: ['caseworker', 'manager'] },
    { method: 'POST', path: () => `/cases/${caseId}/decisions`, body: () => ({ expectedVersion: version }), allowed: ['caseworker', 'manager'] },
    { method: 'POST', path: () => `/cases/${caseId}/reassignment`, body: () => ({ expectedVersion: version }), allowed: ['manager'] },
    { method: 'POST', path: () => `/deadlines/${randomUUID()}/extension`, body: () => ({}), allowed: ['caseworker', 'manager'] },
    { method: 'GET', path: () => '/users', allowed: ['manager', 'administrator'] },
    { method: 'POST', path: () => `/users/${randomUUID()}/disable`, allowed: ['administrator'] },
    { method: 'GET', path: () => '/mediation-providers', allowed: ['caseworker', 'manager', 'auditor', 'administrator'] },
    { method: 'POST', path: () => '/mediation-providers', body: () => ({}), allowed: ['administrator'] },
    { method: 'GET', path: () => '/access-log/export.csv', allowed: ['auditor'] },
    { method: 'GET', path: () => '/auth/session', allowed: ['caseworker', 'manager', 'auditor', 'administrator'] },
  ];

  it('gives each role what it should and nothing more', async () => {
    const wrong: string[] = [];
    for (const route of MATRIX) {
      for (const role of ROLES) {
        const res = await api(route.method, route.path(), route.body?.(), role);
        const allowed = route.allowed.includes(role);
        const ok = allowed ? ![401, 403].includes(res.status) : res.status === 403;
        if (!ok) wrong.push(`${role} ${route.method} ${route.path()} → ${res.status} (expected ${allowed ? 'allowed' : '403'})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('tamper-evident history', () => {
  const verifier = resolve(__dirname, '../../../dist/apps/api/verify-history.js');
  const verify = (file: string) => {
    try {
      return { code: 0, out: execFileSync(process.execPath, [verifier, file], { encoding: 'utf8' }) };
    } catch (error) {
      const e = error as { status: number; stdout: string };
      return { code: e.status, out: e.stdout };
    }
  };

  it('finds an event altered in the database (trigger bypassed by the owner), by API and by the offline verifier', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-'));
    const opened = await api('POST', '/cases', { reference: uniqueReference(), childName: 'Tamper Child', dateOfBirth: '2012-06-07' });
    const id = opened.body.id as string;
    const contact = await api('POST', `/cases/${id}/contacts`, { expectedVersion: opened.body.version, name: 'Jo Parent', relationship: 'parent' });
    expect(contact.status).toBe(201);

    expect((await api('GET', `/cases/${id}/history/verification`, undefined, 'auditor')).body).toEqual({ valid: true, events: 2 });
    const clean = await api('GET', `/cases/${id}/history.json`, undefined, 'auditor');
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
    const [first] = await sql(`SELECT id FROM case_event WHERE case_id = $1 AND sequence = 1`, [id]);
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    await sql(`SET session_replication_role = replica; UPDATE case_event SET summary = summary || ' (altered)' WHERE id = '${first.id}'`);
    const check = await api('GET', `/cases/${id}/history/verification`, undefined, 'auditor');
    expect(check.body).toMatchObject({ valid: false, events: 2, firstMismatch: { sequence: 1, id: first.id } });
    const tampered = await api('GET', `/cases/${id}/history.json`, undefined, 'auditor');
    writeFileSync(join(dir, 'tampered.json'), tampered.text);
    const result = verify(join(dir, 'tampered.json'));
    expect(result.code).toBe(1);
    expect(result.out).toContain(`event 1 (id ${first.id})`);
    expect(readFileSync(join(dir, 'tampered.json'), 'utf8')).toContain('(altered)');
  });
});
