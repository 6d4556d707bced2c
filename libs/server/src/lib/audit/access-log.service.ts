import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';

export interface AccessRecord {
  actor: Actor;
  action: string;
  purpose: string;
  caseId: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
  requestId: string | null;
}

/** Writes the append-only `access_log` (a trigger refuses UPDATE, DELETE and TRUNCATE). */
@Injectable()
export class AccessLogService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(r: AccessRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO access_log (actor_id, actor_name, actor_role, action, purpose, case_id, detail, ip, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [r.actor.id, r.actor.name, r.actor.role, r.action, r.purpose, r.caseId, JSON.stringify(r.detail), r.ip, r.requestId],
    );
  }
}
