import type { IncomingHttpHeaders } from 'node:http';

/** The parts of a request the logs record: from where (the client address, see TRUST_PROXY) and its id. */
export interface RequestContext {
  ip?: string;
  id?: unknown;
  headers: IncomingHttpHeaders;
}

export function requestContext(request: RequestContext | null | undefined): { ip: string | null; requestId: string | null } {
  return {
    ip: request?.ip ?? null,
    requestId: request?.id === undefined || request?.id === null ? null : String(request.id),
  };
}
