import { Injectable } from '@nestjs/common';
import type { Actor } from '../identity/actor';
import { printable, storable } from '../http/input-safety';
import type { AccessKind } from './access-log';
import { AuditLogRepository } from './audit-log.repository';
import { type RequestContext, requestContext } from './request-context';

export interface AccessRecord {
  actor: Actor;
  action: string;
  /** Why, as the route serves it (e.g. `case work`, `history export (CSV)`). */
  purpose: string;
  /** Why, as the member of staff said (X-Access-Reason), e.g. a subject access request number. */
  reason: string | null;
  /** `denied`: the read was refused (403, or 404 for a case outside the caller's team or none). */
  outcome: 'allowed' | 'denied';
  status: number | null;
  caseId: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
  requestId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The reason a member of staff may give for a read (e.g. a subject access request number). */
export const REASON_HEADER = 'x-access-reason';

/** The request's parts that say what was read. */
export interface ReadRequest extends RequestContext {
  method: string;
  params: unknown;
  query: unknown;
  body?: unknown;
  route?: { path?: string };
}

/** Writes the append-only `access_log` (a trigger refuses UPDATE, DELETE and TRUNCATE). */
@Injectable()
export class AccessLogService {
  constructor(private readonly logs: AuditLogRepository) {}

  /** Whatever the request held, the row is written: every text made storable first (input-safety.ts). */
  async record(r: AccessRecord): Promise<void> {
    const text = (t: string | null) =>
      t === null ? null : printable(t, 10_000);
    await this.logs.insertAccess({
      actorId: r.actor.id,
      actorName: text(r.actor.name),
      actorRole: r.actor.role,
      action: text(r.action),
      purpose: text(r.purpose),
      reason: text(r.reason),
      outcome: r.outcome,
      status: r.status,
      caseId: r.caseId,
      detail: JSON.stringify(storable(r.detail)),
      ip: text(r.ip),
      requestId: text(r.requestId),
    });
  }

  /**
   * One read of personal data by `actor`: answered (`result`, to count what it found) or refused
   * (`deniedWith`: the status answered instead).
   */
  async recordRead(
    request: ReadRequest,
    kind: AccessKind,
    actor: Actor,
    outcome: { result: unknown } | { deniedWith: number },
  ): Promise<void> {
    const denied = 'deniedWith' in outcome;
    const { ip, requestId } = requestContext(request);
    await this.record({
      actor,
      action: kind.action,
      purpose: kind.purpose,
      reason: reasonOf(request),
      outcome: denied ? 'denied' : 'allowed',
      status: denied ? outcome.deniedWith : null,
      caseId: caseIdOf(request),
      detail: detailOf(request, denied ? undefined : outcome.result),
      ip,
      requestId,
    });
  }
}

/** The reason a member of staff gave for a read (`X-Access-Reason`), if any. */
export function reasonOf(request: Pick<ReadRequest, 'headers'>): string | null {
  const reason = request.headers[REASON_HEADER];
  return typeof reason === 'string' && reason.trim()
    ? reason.trim().slice(0, 200)
    : null;
}

function caseIdOf(request: ReadRequest): string | null {
  const id = ((request.params ?? {}) as Record<string, string | undefined>)[
    'id'
  ];
  return id && UUID.test(id) ? id : null;
}

function detailOf(
  request: ReadRequest,
  result: unknown,
): Record<string, unknown> {
  const detail: Record<string, unknown> = {
    method: request.method,
    route: request.route?.path,
  };
  const params = { ...((request.params ?? {}) as Record<string, string>) };
  delete params['id'];
  if (Object.keys(params).length) detail['params'] = params;
  if (
    request.method === 'POST' &&
    request.body &&
    typeof request.body === 'object'
  )
    detail['criteria'] = request.body;
  if (Object.keys(request.query ?? {}).length) detail['query'] = request.query;
  const r = result as
    | { total?: unknown; items?: unknown }
    | unknown[]
    | undefined;
  if (Array.isArray(r)) detail['results'] = r.length;
  else if (r && typeof r === 'object' && typeof r.total === 'number')
    detail['results'] = r.total;
  return detail;
}
