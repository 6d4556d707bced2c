import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Actor, AllowRoles, CurrentActor } from '../auth/actor';

export interface NotificationView {
  id: string;
  /** `reminder`: one deadline's, before its due date or on the day; `digest`: the day's overdue deadlines (and a manager's escalations), one a day. */
  kind: 'reminder' | 'escalation' | 'digest';
  point: string;
  forDate: string;
  /** The deadline a reminder is about; null for a digest. */
  deadlineId: string | null;
  caseId: string | null;
  dueOn: string | null;
  title: string;
  body: string;
  createdAt: string;
  emailed: boolean;
}

@ApiTags('notifications')
@Controller('notifications')
export class NotificationController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @AllowRoles('caseworker', 'manager', 'auditor', 'administrator')
  @ApiOperation({ summary: 'My notifications: deadline reminders and the daily digest of overdue deadlines (with escalations for managers), newest first (the latest 200)' })
  @ApiOkResponse({ description: 'Notifications addressed to the signed-in member of staff' })
  async mine(@CurrentActor() actor: Actor): Promise<NotificationView[]> {
    const rows = (await this.db.query(
      `SELECT id, kind, point, for_date::text AS "forDate", deadline_id AS "deadlineId", case_id AS "caseId",
              due_on::text AS "dueOn", title, body, created_at AS "createdAt", emailed_at IS NOT NULL AS emailed
       FROM notification WHERE recipient_id = $1 ORDER BY created_at DESC, id LIMIT 200`,
      [actor.id],
    )) as (Omit<NotificationView, 'createdAt'> & { createdAt: Date })[];
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  }
}
