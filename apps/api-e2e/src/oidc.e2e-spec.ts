import { api, sql, users } from './support/api';

/**
 * Single sign-on against a real OpenID Connect provider (`oidc-provider`, started on loopback by
 * global-setup.mjs): authorization code with PKCE, driven as a browser would (redirects followed by
 * hand, a cookie jar, the provider's login and consent forms submitted).
 */
const base = () => process.env['E2E_BASE_URL'] as string;
const issuer = () => process.env['E2E_OIDC_ISSUER'] as string;
const CALLBACK = '/api/auth/oidc/callback';

/** A browser's cookies, by host (as browsers do: not by port), ignoring paths. */
class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  store(url: string, headers: Headers): void {
    const host = new URL(url).hostname;
    const jar = this.byHost.get(host) ?? new Map<string, string>();
    this.byHost.set(host, jar);
    for (const line of headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [k, v] = a.trim().split('=');
        return (
          (k.toLowerCase() === 'max-age' && Number(v) <= 0) ||
          (k.toLowerCase() === 'expires' && new Date(v) <= new Date())
        );
      });
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }

  header(url: string): string {
    const jar = this.byHost.get(new URL(url).hostname);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }

  get(url: string, name: string): string | undefined {
    return this.byHost.get(new URL(url).hostname)?.get(name);
  }
}

class Browser {
  readonly jar = new CookieJar();

  async go(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {};
    const cookie = this.jar.header(url);
    if (cookie) headers['cookie'] = cookie;
    if (init.form)
      headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    this.jar.store(url, res.headers);
    return res;
  }

  /**
   * Starts single sign-on at the API and goes through the provider's login (as `login`) and
   * consent pages; answers the callback URL the provider sends the browser back to, not yet opened.
   */
  async authorize(login: string): Promise<string> {
    const start = await this.go(`${base()}/api/auth/oidc/start`);
    expect(start.status).toBe(302);
    let url = new URL(start.headers.get('location') as string, base()).href;
    expect(url.startsWith(`${issuer()}/`)).toBe(true);
    const authorization = new URL(url).searchParams;
    expect(authorization.get('code_challenge_method')).toBe('S256');
    expect(authorization.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorization.get('state')).toBeTruthy();
    expect(authorization.get('nonce')).toBeTruthy();
    const prompts: string[] = [];
    for (let hop = 0; hop < 20; hop++) {
      if (url.startsWith(`${base()}${CALLBACK}`)) {
        expect(prompts).toEqual(['login', 'consent']);
        return url;
      }
      const res = await this.go(url);
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location') as string, url).href;
        continue;
      }
      const html = await res.text();
      expect(res.status).toBe(200);
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1];
      if (!action || !prompt)
        throw new Error(
          `unexpected page from the provider: ${html.slice(0, 300)}`,
        );
      prompts.push(prompt);
      const submitted = await this.go(new URL(action, url).href, {
        method: 'POST',
        form:
          prompt === 'login'
            ? { prompt, login, password: 'not checked by the test provider' }
            : { prompt },
      });
      expect(submitted.status).toBeGreaterThanOrEqual(300);
      url = new URL(submitted.headers.get('location') as string, url).href;
    }
    throw new Error('too many redirects');
  }

  /** Opens the callback at the API: answers where it sends the browser and the session cookie, if any. */
  async callback(url: string): Promise<{ location: string; session?: string }> {
    const res = await this.go(url);
    expect(res.status).toBe(302);
    const value = this.jar.get(base(), 'send_session');
    return {
      location: res.headers.get('location') as string,
      session: value ? `send_session=${value}` : undefined,
    };
  }
}

const sessionOf = async (cookie: string) =>
  api('GET', '/auth/session', undefined, { cookie, csrfToken: '' });
const ssoUser = () => users()['sso.person' as never] as string;

describe('single sign-on with OpenID Connect (a real provider on loopback)', () => {
  /** The security log before this file's tests: other files' sign-ins are not theirs. */
  let logStart = 0;
  beforeAll(async () => {
    logStart = Number(
      (await sql(`SELECT coalesce(max(id), 0) AS id FROM security_log`))[0].id,
    );
  });

  it('signs a member of staff in by authorization code with PKCE; the session works for the API', async () => {
    const browser = new Browser();
    const callback = await browser.authorize('sso-staff');
    const { location, session } = await browser.callback(callback);
    expect(location).toBe('/');
    expect(session).toBeDefined();
    const me = await sessionOf(session as string);
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({
      id: ssoUser(),
      name: 'Sso Person',
      role: 'caseworker',
      team: 'SEND North',
    });
    const deadlines = await api('GET', '/deadlines', undefined, {
      cookie: session as string,
      csrfToken: me.body.csrfToken,
    });
    expect(deadlines.status).toBe(200);
    const [row] = await sql(
      `SELECT method FROM user_session WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [ssoUser()],
    );
    expect(row.method).toBe('oidc');
    // First sign-in matched the verified email; the provider's subject is kept for next time.
    const [user] = await sql(
      `SELECT oidc_subject FROM staff_user WHERE id = $1`,
      [ssoUser()],
    );
    expect(user.oidc_subject).toBe('sso-staff');
    const [event] = await sql(
      `SELECT outcome, actor_id, detail FROM security_log WHERE event = 'sign_in' AND subject_user_id = $1 ORDER BY id DESC LIMIT 1`,
      [ssoUser()],
    );
    expect(event).toEqual({
      outcome: 'success',
      actor_id: ssoUser(),
      detail: { method: 'oidc' },
    });
  });

  it('matches the member of staff by the provider subject thereafter, even when the email no longer matches', async () => {
    await sql(
      `UPDATE staff_user SET email = 'sso.person.renamed@test.council' WHERE id = $1`,
      [ssoUser()],
    );
    try {
      const browser = new Browser();
      const { location, session } = await browser.callback(
        await browser.authorize('sso-staff'),
      );
      expect(location).toBe('/');
      expect((await sessionOf(session as string)).body.user.id).toBe(ssoUser());
    } finally {
      await sql(
        `UPDATE staff_user SET email = 'sso.person@test.council' WHERE id = $1`,
        [ssoUser()],
      );
    }
  });

  it('refuses a callback whose state was tampered with', async () => {
    const browser = new Browser();
    const callback = new URL(await browser.authorize('sso-staff'));
    callback.searchParams.set(
      'state',
      `${callback.searchParams.get('state')}x`,
    );
    const { location, session } = await browser.callback(callback.href);
    expect(location).toBe('/sign-in?failed=sso');
    expect(session).toBeUndefined();
  });

  it('refuses a replayed authorization code, whether the whole callback is replayed or the code is put in a fresh sign-in', async () => {
    const first = new Browser();
    const callback = await first.authorize('sso-staff');
    expect((await first.callback(callback)).location).toBe('/');

    // The same callback again (the sign-in it belonged to is over).
    const replay = new Browser();
    replay.jar.store(
      base(),
      new Headers([
        [
          'set-cookie',
          `send_oidc=${new URL(callback).searchParams.get('state')}`,
        ],
      ]),
    );
    expect(await replay.callback(callback)).toEqual({
      location: '/sign-in?failed=sso',
      session: undefined,
    });

    // The spent code with the state of a new sign-in: the provider itself refuses it at the token endpoint.
    const second = new Browser();
    const fresh = new URL(await second.authorize('sso-staff'));
    const spent = new URL(callback);
    fresh.searchParams.set('code', spent.searchParams.get('code') as string);
    expect(await second.callback(fresh.href)).toEqual({
      location: '/sign-in?failed=sso',
      session: undefined,
    });
  });

  it('refuses an identity whose email is unknown here, or not verified by the provider', async () => {
    for (const login of ['stranger', 'unverified']) {
      const browser = new Browser();
      expect(await browser.callback(await browser.authorize(login))).toEqual({
        location: '/sign-in?failed=sso',
        session: undefined,
      });
    }
    const [unverified] = await sql(
      `SELECT oidc_subject FROM staff_user WHERE email = 'sso.unverified@test.council'`,
    );
    expect(unverified.oidc_subject).toBeNull();
  });

  it('records why each single sign-on failed in the security log (state, provider, no account), never the code', async () => {
    const refused = await sql(
      `SELECT detail FROM security_log WHERE id > $1 AND event = 'sign_in' AND outcome = 'failure' AND detail->>'method' = 'oidc' ORDER BY id`,
      [logStart],
    );
    // In the order of the tests above: tampered state; replayed callback; spent code; stranger; unverified.
    expect(refused.map((r) => r.detail)).toEqual([
      { method: 'oidc', reason: 'state' },
      { method: 'oidc', reason: 'state' },
      { method: 'oidc', reason: 'provider' },
      { method: 'oidc', reason: 'no_account', subject: 'stranger' },
      { method: 'oidc', reason: 'no_account', subject: 'unverified' },
    ]);
  });
});
