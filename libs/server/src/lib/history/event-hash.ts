import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The fields of a history event that its hash covers: everything but the hash itself. */
export interface HashedEventContent {
  id: string;
  caseId: string;
  sequence: number;
  type: string;
  payloadVersion: number;
  payload: Record<string, unknown>;
  actorId: string | null;
  actorName: string;
  actorRole: string;
  onBehalfOf: string | null;
  businessDate: string;
  recordedAt: string;
  summary: string;
  reason: string | null;
  stageBefore: string | null;
  stageAfter: string;
  correlationId: string;
  correctsEventId: string | null;
  previousHash: string | null;
}

/**
 * SHA-256 of the event's canonical JSON (RFC 8785), which includes the previous event's hash:
 * altering or removing any event breaks every hash after it.
 */
export function eventHash(content: HashedEventContent): string {
  const canonical = canonicalize(content);
  if (canonical === undefined)
    throw new Error('event content cannot be canonicalised');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
