import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { printable, storable } from '../http/input-safety';
import type { AccessKind } from './access-log';
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
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Whatever the request held, the row is written: every text made storable first (input-safety.ts). */
  async record(r: AccessRecord): Promise<void> {
    const text = (t: string | null) => (t === null ? null : printable(t, 10_000));
    await this.db.query(
      `INSERT INTO access_log (actor_id, actor_name, actor_role, action, purpose, reason, outcome, status, case_id, detail, ip, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        r.actor.id,
        text(r.actor.name),
        r.actor.role,
        text(r.action),
        text(r.purpose),
        text(r.reason),
        r.outcome,
        r.status,
        r.caseId,
        JSON.stringify(storable(r.detail)),
        text(r.ip),
        text(r.requestId),
      ],
    );
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
  return typeof reason === 'string' && reason.trim() ? reason.trim().slice(0, 200) : null;
}

function caseIdOf(request: ReadRequest): string | null {
  const id = ((request.params ?? {}) as Record<string, string | undefined>)['id'];
  return id && UUID.test(id) ? id : null;
}

function detailOf(request: ReadRequest, result: unknown): Record<string, unknown> {
  const detail: Record<string, unknown> = { method: request.method, route: request.route?.path };
  const params = { ...((request.params ?? {}) as Record<string, string>) };
  delete params['id'];
  if (Object.keys(params).length) detail['params'] = params;
  if (request.method === 'POST' && request.body && typeof request.body === 'object') detail['criteria'] = request.body;
  if (Object.keys(request.query ?? {}).length) detail['query'] = request.query;
  const r = result as { total?: unknown; items?: unknown } | unknown[] | undefined;
  if (Array.isArray(r)) detail['results'] = r.length;
  else if (r && typeof r === 'object' && typeof r.total === 'number') detail['results'] = r.total;
  return detail;
}
