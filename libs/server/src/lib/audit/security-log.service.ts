import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../identity/actor';
import { printable, storable } from '../http/input-safety';
import { AuditLogRepository } from './audit-log.repository';
import { type RequestContext, requestContext } from './request-context';

/** The events of the security log. */
export type SecurityEventType =
  | 'sign_in'
  | 'account_locked'
  | 'sign_out'
  | 'csrf.refused'
  | 'password.changed'
  | 'request.refused'
  | 'document.refused'
  | 'user.created'
  | 'user.changed'
  | 'user.disabled'
  | 'user.enabled'
  | 'user.password_reset'
  | 'mediation_provider.added'
  | 'mediation_provider.changed'
  | 'bank_holiday.added'
  | 'bank_holiday.removed'
  | 'letter_template.uploaded'
  | 'letter_template.published';

export interface SecurityEvent {
  event: SecurityEventType;
  outcome: 'success' | 'failure';
  /** Who did it: the signed-in member of staff; none for a failed sign-in. */
  actor?: Actor | null;
  /** The staff account it concerns (signing in, locked, created, changed, disabled). */
  subjectUserId?: string | null;
  /** Why, as the administrator said (bank-holiday changes, disabling). */
  reason?: string | null;
  /** What exactly: never a password, a token or a case's personal data. */
  detail?: Record<string, unknown>;
}

/**
 * Writes the append-only `security_log`: sign-in (success and failure, with why), lock-outs,
 * sign-out, refused CSRF tokens and every administrator's change. Pass the transaction of the
 * change itself, so that no change is made without its record.
 */
@Injectable()
export class SecurityLogService {
  constructor(private readonly logs: AuditLogRepository) {}

  /** Whatever the request held, the row is written: every text made storable first (input-safety.ts). */
  async record(
    request: RequestContext | null,
    e: SecurityEvent,
    tx?: EntityManager,
  ): Promise<void> {
    const { ip, requestId } = requestContext(request);
    const text = (t: string | null | undefined) =>
      t === null || t === undefined ? null : printable(t, 10_000);
    await this.logs.insertSecurity(
      {
        event: e.event,
        outcome: e.outcome,
        actorId: e.actor?.id ?? null,
        actorName: text(e.actor?.name),
        actorRole: e.actor?.role ?? null,
        subjectUserId: e.subjectUserId ?? null,
        reason: text(e.reason),
        detail: JSON.stringify(storable(e.detail ?? {})),
        ip: text(ip),
        requestId: text(requestId),
      },
      tx,
    );
  }
}
