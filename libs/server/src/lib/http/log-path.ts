/**
 * What the request log records of a URL: its path only, with secret path segments redacted.
 * Query strings are dropped whole (the OpenID Connect callback's `code` and `state`, filters,
 * anything a client puts there); the calendar feed's token, which is the feed's credential, and any
 * other segment that looks like a token (32 or more URL-safe characters that are not a UUID) become
 * `[redacted]`. Ids (UUIDs) stay: they are not personal data and they are what an incident needs.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN_LIKE = /^[A-Za-z0-9_%-]{32,}$/;

export function loggablePath(url: string | undefined): string {
  const path = (url ?? '').split(/[?#]/, 1)[0] ?? '';
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      const [name, extension] = splitExtension(segment);
      // /api/calendar/<token>.ics: whatever the token looks like.
      if (
        i > 0 &&
        segments[i - 1]?.toLowerCase() === 'calendar' &&
        segments[i - 2]?.toLowerCase() === 'api' &&
        name
      ) {
        return `[redacted]${extension}`;
      }
      return TOKEN_LIKE.test(name) && !UUID.test(name)
        ? `[redacted]${extension}`
        : segment;
    })
    .join('/');
}

function splitExtension(segment: string): [string, string] {
  const dot = segment.lastIndexOf('.');
  return dot > 0 ? [segment.slice(0, dot), segment.slice(dot)] : [segment, ''];
}
