/**
 * What request logs may show of a URL. A calendar feed URL is its own credential
 * (`/api/calendar/<token>.ics`: calendar apps cannot send headers), so its last segment never
 * reaches the logs. Express matches routes case-insensitively, hence the `i`.
 */
export function redactUrl(url: string): string {
  return url.replace(/(\/calendar\/)[^/?#]+/gi, '$1[redacted]');
}

/** pino-http's request serializer: the method and the redacted URL; never headers or bodies. */
export function serializeRequest(req: { method: string; url: string }): { method: string; url: string } {
  return { method: req.method, url: redactUrl(req.url) };
}
