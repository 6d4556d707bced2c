import type { Request, Response, CookieOptions } from 'express';

/** Reads one cookie from the request's Cookie header (no cookie-parser needed for two cookies). */
export function readCookie(
  request: Pick<Request, 'headers'>,
  name: string,
): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Cookie names and flags. Secure cookies use the `__Host-` prefix (no Domain, Path=/, Secure), so a
 * sibling subdomain cannot set or shadow them; on http://localhost in development and tests the
 * plain names are used.
 */
export class SessionCookies {
  constructor(private readonly secure: boolean) {}

  get session(): string {
    return this.secure ? '__Host-send_session' : 'send_session';
  }

  get oidcState(): string {
    return this.secure ? '__Host-send_oidc' : 'send_oidc';
  }

  private options(
    sameSite: 'strict' | 'lax',
    maxAgeMs?: number,
  ): CookieOptions {
    return {
      httpOnly: true,
      secure: this.secure,
      sameSite,
      path: '/',
      ...(maxAgeMs ? { maxAge: maxAgeMs } : {}),
    };
  }

  /** The session cookie has no Max-Age: it ends with the browser, and the server ends it sooner. */
  setSession(response: Response, token: string): void {
    response.cookie(this.session, token, this.options('strict'));
  }

  clearSession(response: Response): void {
    response.clearCookie(this.session, this.options('strict'));
  }

  /** Binds an OpenID Connect sign-in to this browser; Lax because the provider redirects back cross-site. */
  setOidcState(response: Response, state: string): void {
    response.cookie(this.oidcState, state, this.options('lax', 10 * 60_000));
  }

  clearOidcState(response: Response): void {
    response.clearCookie(this.oidcState, this.options('lax'));
  }
}
