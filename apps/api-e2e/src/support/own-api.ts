import type { Session } from './api';

/** A call to an API process of a test's own (another port than the run's API), signed in or not. */
export async function call<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: {
    body?: unknown;
    session?: Session | null;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: T; headers: Headers; text: string }> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.session) {
    headers['cookie'] = options.session.cookie;
    if (!['GET', 'HEAD'].includes(method))
      headers['x-csrf-token'] = options.session.csrfToken;
  }
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}/api${path}`, {
    method,
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
    redirect: 'manual',
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: body as T, headers: res.headers, text };
}
