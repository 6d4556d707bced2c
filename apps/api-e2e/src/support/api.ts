import { Client } from 'pg';

export type Role = 'caseworker' | 'manager' | 'auditor' | 'administrator';
/** A member of staff of each role, and a caseworker of another team. */
export type As = Role | 'othercaseworker';

const baseUrl = () => {
  const url = process.env['E2E_BASE_URL'];
  if (!url)
    throw new Error(
      'E2E_BASE_URL is not set: run through the api-e2e jest config',
    );
  return url;
};
/** Staff user ids by `As`. */
export const users = () =>
  JSON.parse(process.env['E2E_USERS'] ?? '{}') as Record<As, string>;
export const emailOf = (as: As) => `${as}@test.council`;
export const password = () => process.env['E2E_PASSWORD'] ?? '';

export interface Session {
  cookie: string;
  csrfToken: string;
}

const sessions = new Map<As, Promise<Session>>();

/** The session cookie (name=value) from a response's Set-Cookie headers. */
export function sessionCookieOf(headers: Headers): string | undefined {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => /^(__Host-)?send_session=./.test(c));
}

/** Signs in with email and password; answers the session (cookie and CSRF token). */
export async function signIn(as: As, pass = password()): Promise<Session> {
  const res = await fetch(`${baseUrl()}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: emailOf(as), password: pass }),
  });
  const cookie = sessionCookieOf(res.headers);
  if (res.status !== 200 || !cookie)
    throw new Error(`signing in as ${as} → ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken: body.csrfToken };
}

/** The test file's session for a role, signed in once and kept. */
export function sessionOf(as: As): Promise<Session> {
  let s = sessions.get(as);
  if (!s) {
    s = signIn(as);
    sessions.set(as, s);
    s.catch(() => sessions.delete(as));
  }
  return s;
}

/** Forget a kept session (after signing it out). */
export const forgetSession = (as: As) => sessions.delete(as);

async function authHeaders(
  as: As | Session | null,
  method: string,
): Promise<Record<string, string>> {
  if (!as) return {};
  const s = typeof as === 'string' ? await sessionOf(as) : as;
  return {
    cookie: s.cookie,
    ...(['GET', 'HEAD', 'OPTIONS'].includes(method)
      ? {}
      : { 'x-csrf-token': s.csrfToken }),
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** Calls the running API over HTTP as a member of staff with the given role. */
export async function api<T = any>(
  method: string,
  path: string,
  body?: unknown,
  as: As | Session | null = 'caseworker',
  extraHeaders: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {
    ...(await authHeaders(as, method)),
    ...extraHeaders,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl()}/api${path}`, {
    method,
    headers,
    body:
      body === undefined
        ? undefined
        : typeof body === 'string'
          ? body
          : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers, text };
}

/** Runs SQL against the run's database as its owner (to check what was and was not written). */
export async function sql<T = any>(
  query: string,
  params: unknown[] = [],
  as: 'owner' | 'app' = 'owner',
): Promise<T[]> {
  const client = new Client({
    connectionString:
      process.env[as === 'app' ? 'E2E_APP_DATABASE_URL' : 'E2E_DATABASE_URL'],
  });
  await client.connect();
  try {
    return (await client.query(query, params)).rows as T[];
  } finally {
    await client.end();
  }
}

let counter = 0;
/** A case reference unique to this run. */
export const uniqueReference = () =>
  `T-${process.pid}-${Date.now().toString(36)}-${++counter}`;

/**
 * Polls until `check` returns a value, or fails after `timeoutMs`. The bound is generous (other
 * test runs may share the machine's two cores): it only matters when the condition never comes.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until)
      throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface UploadFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** Posts a multipart form (e.g. a document upload) as a member of staff; `fields` are sent as text parts. */
export async function upload<T = any>(
  path: string,
  fields: Record<string, string>,
  file?: UploadFile,
  as: As | null = 'caseworker',
): Promise<ApiResponse<T>> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file)
    form.append(
      'file',
      new Blob([new Uint8Array(file.bytes)], { type: file.contentType }),
      file.filename,
    );
  const headers = await authHeaders(as, 'POST');
  const res = await fetch(`${baseUrl()}/api${path}`, {
    method: 'POST',
    headers,
    body: form,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers, text };
}

/** Downloads raw bytes (e.g. a stored document) as a member of staff. */
export async function download(
  path: string,
  as: As | Session | null = 'caseworker',
): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const headers = await authHeaders(as, 'GET');
  const res = await fetch(`${baseUrl()}/api${path}`, { headers });
  return {
    status: res.status,
    bytes: Buffer.from(await res.arrayBuffer()),
    headers: res.headers,
  };
}
