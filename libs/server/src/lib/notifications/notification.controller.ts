import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, AllowRoles, CurrentActor } from '../identity/actor';
import { NotificationRepository } from '../deadlines/notification.repository';

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
  constructor(private readonly notifications: NotificationRepository) {}

  @Get()
  @AllowRoles('caseworker', 'manager', 'auditor', 'administrator')
  @ApiOperation({
    summary:
      'My notifications: deadline reminders and the daily digest of overdue deadlines (with escalations for managers), newest first (the latest 200)',
  })
  @ApiOkResponse({
    description: 'Notifications addressed to the signed-in member of staff',
  })
  async mine(@CurrentActor() actor: Actor): Promise<NotificationView[]> {
    const rows = await this.notifications.forRecipient(actor.id);
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  }
}
