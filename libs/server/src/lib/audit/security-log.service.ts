import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { type RequestContext, requestContext } from './request-context';

/** The events of the security log. */
export type SecurityEventType =
  | 'sign_in'
  | 'account_locked'
  | 'sign_out'
  | 'csrf.refused'
  | 'user.created'
  | 'user.changed'
  | 'user.disabled'
  | 'user.enabled'
  | 'mediation_provider.added'
  | 'mediation_provider.changed'
  | 'bank_holiday.added'
  | 'bank_holiday.removed';

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
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(request: RequestContext | null, e: SecurityEvent, tx?: EntityManager): Promise<void> {
    const { ip, requestId } = requestContext(request);
    await (tx ?? this.db).query(
      `INSERT INTO security_log (event, outcome, actor_id, actor_name, actor_role, subject_user_id, reason, detail, ip, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        e.event,
        e.outcome,
        e.actor?.id ?? null,
        e.actor?.name ?? null,
        e.actor?.role ?? null,
        e.subjectUserId ?? null,
        e.reason ?? null,
        JSON.stringify(e.detail ?? {}),
        ip,
        requestId,
      ],
    );
  }
}
