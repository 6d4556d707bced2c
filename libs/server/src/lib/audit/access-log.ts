import { SetMetadata } from '@nestjs/common';

export const ACCESS_LOGGED = 'send:access-logged';

/** What a read is, for the access log: an action code and the purpose the route serves ("why"). */
export interface AccessKind {
  action: string;
  purpose: string;
}

/** Every successful call of the route is written to the append-only access log. */
export const LogsAccess = (kind: AccessKind) => SetMetadata(ACCESS_LOGGED, kind);
