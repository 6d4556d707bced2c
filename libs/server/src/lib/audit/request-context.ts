import { randomUUID } from 'node:crypto';
import type {
  IncomingHttpHeaders,
  IncomingMessage,
  ServerResponse,
} from 'node:http';

/** The parts of a request the logs record: from where (the client address, see TRUST_PROXY) and its id. */
export interface RequestContext {
  ip?: string;
  id?: unknown;
  headers: IncomingHttpHeaders;
}

export function requestContext(request: RequestContext | null | undefined): {
  ip: string | null;
  requestId: string | null;
} {
  return {
    ip: request?.ip ?? null,
    requestId:
      request?.id === undefined || request?.id === null
        ? null
        : String(request.id),
  };
}

/**
 * The request's id: a random UUID given the first time it is asked for (by the request log, or by
 * whatever answers before it), kept on the request and answered in X-Request-Id. The access and
 * security logs write it beside each row, so that a request-log line can be matched to them.
 */
export function requestIdOf(
  request: IncomingMessage & { id?: unknown },
  response: ServerResponse,
): string {
  if (typeof request.id === 'string') return request.id;
  const id = randomUUID();
  request.id = id;
  if (!response.headersSent) response.setHeader('X-Request-Id', id);
  return id;
}
