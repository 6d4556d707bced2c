import { SetMetadata } from '@nestjs/common';

export const ACCESS_LOGGED = 'send:access-logged';

/** What a read is, for the access log: an action code and the purpose the route serves ("why"). */
export interface AccessKind {
  action: string;
  purpose: string;
}

/** Every successful call of the route is written to the append-only access log. */
export const LogsAccess = (kind: AccessKind) =>
  SetMetadata(ACCESS_LOGGED, kind);

export const ACCESS_REFUSALS_LOGGED = 'send:access-refusals-logged';

/**
 * A read that writes its own access-log row when it answers (e.g. an export's download, which logs
 * what it sends), but whose refusals (403, 404: another auditor's export, no such export) must be
 * logged too: the interceptor writes those.
 */
export const LogsRefusedAccess = (kind: AccessKind) =>
  SetMetadata(ACCESS_REFUSALS_LOGGED, kind);
