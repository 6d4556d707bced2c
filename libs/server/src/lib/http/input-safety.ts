/**
 * What PostgreSQL cannot store or compare, refused at the edge with 400 rather than failing deep
 * inside with a 500 (and, worse, failing the insert of the log line that should record the refusal):
 * - the NUL character (text and jsonb refuse it: "invalid byte sequence", "unsupported Unicode escape");
 * - lone UTF-16 surrogates (not Unicode scalar values: no UTF-8 encoding exists for them);
 * - whole numbers beyond `integer` (PostgreSQL's 32-bit int, which sequences, versions, limits and
 *   offsets are compared with);
 * - JSON nested deeper than any request of this API needs (a body 50,000 levels deep parses, then
 *   overflows the stack of whatever walks it: validation, logging).
 */
export const MAX_DB_INTEGER = 2_147_483_647;
/** Deeper than any body this API takes (a correction's changes: about 4 levels). */
export const MAX_JSON_DEPTH = 32;

export type HostileKind =
  | 'nul'
  | 'lone_surrogate'
  | 'too_deep'
  | 'malformed_url';

const WORDS: Record<HostileKind, string> = {
  nul: 'contains a NUL character (\\u0000), which the service cannot store',
  lone_surrogate:
    'contains an unpaired UTF-16 surrogate, which is not a character the service can store',
  too_deep: `is nested more than ${MAX_JSON_DEPTH} levels deep`,
  malformed_url: 'is not correctly percent-encoded UTF-8',
};

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** Why a string cannot be stored, or null. */
export function hostileText(text: string): HostileKind | null {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  return null;
}

/** The text with NULs and lone surrogates replaced by U+FFFD. */
const wellFormed = (text: string) =>
  text.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATES, '\uFFFD');

/**
 * The first thing in a parsed value (a JSON body, a query string, form fields) that cannot be
 * stored: a hostile string (in a key or a value) or nesting beyond `maxDepth`. Walks iteratively,
 * so depth cannot overflow the stack here. Answers the kind and where (a dotted path).
 */
export function findHostile(
  value: unknown,
  maxDepth = MAX_JSON_DEPTH,
): { kind: HostileKind; at: string } | null {
  const stack: { value: unknown; at: string; depth: number }[] = [
    { value, at: '', depth: 0 },
  ];
  while (stack.length) {
    const item = stack.pop() as { value: unknown; at: string; depth: number };
    if (typeof item.value === 'string') {
      const kind = hostileText(item.value);
      if (kind) return { kind, at: item.at };
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= maxDepth) return { kind: 'too_deep', at: item.at };
    for (const [key, child] of Object.entries(item.value)) {
      const at = item.at ? `${item.at}.${key}` : key;
      const kind = hostileText(key);
      if (kind) return { kind, at: printable(at) };
      stack.push({ value: child, at, depth: item.depth + 1 });
    }
  }
  return null;
}

/** Decodes each segment of a URL path; the first that is malformed or hostile. */
export function findHostilePath(
  path: string,
): { kind: HostileKind; at: string } | null {
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { kind: 'malformed_url', at: 'path' };
    }
    const kind = hostileText(decoded);
    if (kind) return { kind, at: 'path' };
  }
  return null;
}

/** What is refused and where, in words a person (or a client's developer) can act on: a 400's body. */
export function hostileInputProblem(
  found: { kind: HostileKind; at: string },
  where: string,
): { message: string; errors: { field: string; message: string }[] } {
  const field = found.at && found.at !== where ? shortPath(found.at) : '';
  const message = `${field ? `${field} in the ${where}` : `The ${where}`} ${WORDS[found.kind]}. Remove it and send the request again.`;
  return { message, errors: [{ field: field || where, message }] };
}

/** A dotted path as shown: printable, and cut after a few levels (a body 50,000 deep has a long one). */
function shortPath(path: string): string {
  const parts = printable(path, 1000).split('.');
  return parts.length > 6 ? `${parts.slice(0, 6).join('.')}…` : parts.join('.');
}

/** A text as it can be stored and shown: NULs and lone surrogates become U+FFFD, at most 200 characters. */
export function printable(text: string, max = 200): string {
  return wellFormed(text).slice(0, max);
}

/**
 * Anything for a log row (access log, security log), whatever a client sent: every string made
 * storable (`printable`, without the length cap), nesting beyond `maxDepth` cut. Iterative.
 */
export function storable(value: unknown, maxDepth = MAX_JSON_DEPTH): unknown {
  const clean = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return wellFormed(v);
    if (v === null || typeof v !== 'object') return v;
    if (depth >= maxDepth) return '[nested too deep]';
    if (Array.isArray(v)) return v.map((x) => clean(x, depth + 1));
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [
        printable(k, 1000),
        clean(x, depth + 1),
      ]),
    );
  };
  return clean(value, 0);
}

/**
 * A whole number in a path or query string, within PostgreSQL's `integer` and from `min` to `max`;
 * otherwise what is wrong (`1e20`, `99999999999999999999`, `-1`, `3.5`, `abc`), naming the parameter.
 */
export function parseDbInt(
  text: string,
  name: string,
  min = 0,
  max = MAX_DB_INTEGER,
  what = 'a whole number',
): number | { message: string; errors: { field: string; message: string }[] } {
  const n = /^-?\d{1,12}$/.test(text) ? Number(text) : NaN;
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  return {
    message: `${name} must be ${what} from ${min} to ${max} (got ${JSON.stringify(printable(text, 40))})`,
    errors: [
      { field: name, message: `${name} must be ${what} from ${min} to ${max}` },
    ],
  };
}
