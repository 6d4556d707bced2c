import {
  api,
  emailOf,
  eventually,
  password,
  type Role,
  sql,
  users,
} from './support/api';
import { type ApiProcess, COUNCIL_SENDER, startApi } from './support/process';
import { issueDecision } from './support/steps';
import { Walk } from './support/walk';

/**
 * The API as deployed: NODE_ENV=production (Secure `__Host-` cookies, HSTS, the API documentation
 * for signed-in administrators only), on the run's database. Over plain http on loopback the
 * Secure cookie is read from Set-Cookie and sent back by hand, as a TLS-terminating proxy would
 * let a browser do.
 */
let prod: ApiProcess;
beforeAll(async () => {
  // Behind a reverse proxy on the same machine.
  prod = await startApi({
    NODE_ENV: 'production',
    ...COUNCIL_SENDER,
    PUBLIC_URL: 'https://send.example.council',
    TRUST_PROXY: 'loopback',
    LOG_LEVEL: 'info',
  });
}, 60_000);
afterAll(async () => {
  await prod?.stop();
});

const cookies = new Map<Role, string>();
async function cookieOf(role: Role): Promise<string> {
  const known = cookies.get(role);
  if (known) return known;
  const res = await fetch(`${prod.baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: emailOf(role), password: password() }),
  });
  expect(res.status).toBe(200);
  const line = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('__Host-send_session='));
  expect(line).toMatch(/; Secure/i);
  expect(line).toMatch(/HttpOnly/i);
  expect(line).toMatch(/SameSite=Strict/i);
  expect(line).toMatch(/Path=\//);
  expect(line).not.toMatch(/Domain=/i);
  const cookie = (line as string).split(';')[0];
  cookies.set(role, cookie);
  return cookie;
}

const get = async (path: string, role?: Role) =>
  fetch(`${prod.baseUrl}${path}`, {
    redirect: 'manual',
    headers: role ? { cookie: await cookieOf(role) } : {},
  });

describe('production mode', () => {
  const DOCS = ['/api/docs', '/api/docs-json', '/api/docs-yaml'];
  const VARIANTS = [
    '/api/docs/',
    '/api/docs/swagger-ui-init.js',
    '/API/DOCS-YAML',
    '/api/Docs-Json/',
    '/api/docs-yaml?x=1',
  ];

  it('serves the API documentation (UI, JSON and YAML) to signed-in administrators only: 404 for anyone else', async () => {
    const wrong: string[] = [];
    for (const path of [...DOCS, ...VARIANTS]) {
      for (const who of [undefined, 'caseworker', 'auditor'] as const) {
        const res = await get(path, who);
        if (res.status !== 404)
          wrong.push(`${who ?? 'anonymous'} ${path} → ${res.status}`);
        else expect(await res.text()).not.toMatch(/openapi|swagger/i);
      }
    }
    expect(wrong).toEqual([]);
    const ui = await get('/api/docs', 'administrator');
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
    const json = await get('/api/docs-json', 'administrator');
    expect(json.status).toBe(200);
    expect((await json.json()).openapi).toMatch(/^3\./);
    const yaml = await get('/api/docs-yaml', 'administrator');
    expect(yaml.status).toBe(200);
    expect(await yaml.text()).toMatch(/^openapi: /m);
  });

  it('answers with HSTS, a strict Content Security Policy and no framework banner', async () => {
    for (const path of ['/api/health', '/api/auth/options', '/api/cases']) {
      const res = await get(
        path,
        path === '/api/cases' ? 'caseworker' : undefined,
      );
      expect(res.headers.get('strict-transport-security')).toBe(
        'max-age=31536000; includeSubDomains',
      );
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('cache-control')).toContain('no-store');
    }
    // The documentation's own policy (Swagger UI's inline style) replaces the app's there, and only there.
    const docs = await get('/api/docs', 'administrator');
    expect(docs.headers.get('content-security-policy')).toContain(
      "style-src 'self' 'unsafe-inline'",
    );
    expect(docs.headers.get('content-security-policy')).toContain(
      "script-src 'self'",
    );
    expect(docs.headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(docs.headers.get('x-powered-by')).toBeNull();
  });

  it('records from where as the client behind the trusted proxy (TRUST_PROXY=loopback)', async () => {
    const res = await fetch(`${prod.baseUrl}/api/deadlines`, {
      headers: {
        cookie: await cookieOf('auditor'),
        'x-forwarded-for': '203.0.113.7',
      },
    });
    expect(res.status).toBe(200);
    const [row] = await sql(
      `SELECT ip FROM access_log WHERE actor_id = $1 AND action = 'deadline.list' ORDER BY id DESC LIMIT 1`,
      [users().auditor],
    );
    expect(row.ip).toBe('203.0.113.7');
  });

  it('logs request paths without query strings or secret segments (OIDC code and state, calendar feed token)', async () => {
    const code = `code${Date.now()}SECRET`;
    const token = 'Tk3q2-7wEjR9m_sK1vJp0d8ZxA4nL6cT5yUuHbGfQeW';
    await fetch(
      `${prod.baseUrl}/api/auth/oidc/callback?code=${code}&state=state${code}`,
      { redirect: 'manual' },
    );
    await fetch(`${prod.baseUrl}/api/calendar/${token}.ics`);
    await fetch(`${prod.baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: emailOf('manager'), password: password() }),
    });
    await fetch(`${prod.baseUrl}/api/deadlines?filter=overdue&name=Amira`, {
      headers: { cookie: await cookieOf('caseworker') },
    });
    // The request log is written as each answer finishes: wait for the last request's line.
    await eventually(
      async () => prod.output().includes('"url":"/api/deadlines"'),
      30_000,
      'the request log lines',
    );
    const log = prod.output();
    expect(log).toContain('"url":"/api/auth/oidc/callback"');
    expect(log).toContain('"url":"/api/calendar/[redacted].ics"');
    expect(log).toContain('"url":"/api/deadlines"');
    expect(log).not.toContain(code);
    expect(log).not.toContain(token);
    expect(log).not.toContain('Amira');
    expect(log).not.toMatch(/__Host-send_session=[A-Za-z0-9_-]{10}/);
    expect(log).not.toMatch(/set-cookie|csrfToken|"location"/i);
    expect(log).toContain('"res":{"statusCode":200}');
  });

  // Four processes that each load the whole API before refusing: on a loaded 2-core machine each
  // can take several seconds to get that far, so they start together and have minutes, not one.
  it('refuses to start with configuration unsafe in production, naming the variable', async () => {
    await Promise.all(
      [
        ['COOKIE_SECURE', 'false'],
        ['CLOCK_NOW', '2026-03-02T09:00:00Z'],
        ['DEMO_PASSWORD', 'demo-password-2026'],
        ['TRUST_PROXY', 'true'],
      ].map(([name, value]) =>
        expect(
          startApi(
            { NODE_ENV: 'production', ...COUNCIL_SENDER, [name!]: value },
            200_000,
          ),
        ).rejects.toThrow(new RegExp(`${name}: `)),
      ),
    );
  }, 240_000);

  it('refuses to start without the council’s details for its letters, naming what to set', async () => {
    const withoutOne = { ...COUNCIL_SENDER, SENDIASS_EMAIL: '' };
    await Promise.all([
      expect(startApi({ NODE_ENV: 'production' }, 200_000)).rejects.toThrow(
        /in production, letters must give the council’s own details .*\. Set COUNCIL_NAME — the council’s name; COUNCIL_ADDRESS — .*; DISAGREEMENT_RESOLUTION_EMAIL — its email address\. /,
      ),
      expect(
        startApi({ NODE_ENV: 'production', ...withoutOne }, 200_000),
      ).rejects.toThrow(
        /\. Set SENDIASS_EMAIL — its email address\. Outside production/,
      ),
    ]);
  }, 240_000);

  it('makes letters from the council and contacts it is configured with, not the example council', async () => {
    const w = await Walk.open('Robin Production', '2015-03-02');
    await issueDecision(w, {
      type: 'refuse_reassessment',
      decisionDate: '2026-01-05',
      letterSent: '2026-01-06',
    });
    const history = (
      await api<{ sequence: number; type: string }[]>(
        'GET',
        `/cases/${w.id}/history`,
      )
    ).body;
    const eventSequence = history
      .filter((e) => e.type === 'decision.issued')
      .at(-1)!.sequence;
    const signIn = await fetch(`${prod.baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: emailOf('caseworker'),
        password: password(),
      }),
    });
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const cookie = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('__Host-send_session='))!
      .split(';')[0]!;
    // The deadline monitor may append to the case meanwhile: the preview takes the version it is at.
    let res: Response | undefined;
    for (let attempt = 0; attempt < 4; attempt++) {
      const current = await api<{ version: number }>('GET', `/cases/${w.id}`);
      res = await fetch(`${prod.baseUrl}/api/cases/${w.id}/letters/preview`, {
        method: 'POST',
        headers: {
          cookie: cookie!,
          'x-csrf-token': csrfToken,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          kind: 'decision_notice',
          expectedVersion: current.body.version,
          eventSequence,
        }),
      });
      if (res.status !== 409) break;
    }
    expect(res!.status).toBe(200);
    const { text } = (await res!.json()) as { text: string };
    for (const value of Object.values(COUNCIL_SENDER))
      expect(text).toContain(value);
    expect(text).not.toMatch(/Example Council|Exampletown|example\.org/);
  });
});
