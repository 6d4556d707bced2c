import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { UnreadCount } from '@send/contracts';
import { type Actor, AllowRoles, CurrentActor } from '../identity/actor';
import { Clock } from '../clock/clock';
import { IdOf, schemaRef } from '../http/endpoints';
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
  /** When it was marked read in the app; null while unread. */
  readAt: string | null;
}

const EVERYONE = ['caseworker', 'manager', 'auditor', 'administrator'] as const;

@ApiTags('notifications')
@Controller('notifications')
export class NotificationController {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
  ) {}

  @Get()
  @AllowRoles(...EVERYONE)
  @ApiOperation({
    summary:
      'My notifications: deadline reminders and the daily digest of overdue deadlines (with escalations for managers), newest first (the latest 200)',
  })
  @ApiOkResponse({
    description: 'Notifications addressed to the signed-in member of staff',
  })
  async mine(@CurrentActor() actor: Actor): Promise<NotificationView[]> {
    const rows = await this.notifications.forRecipient(actor.id);
    return rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
    }));
  }

  @Get('unread-count')
  @AllowRoles(...EVERYONE)
  @ApiOperation({
    summary:
      'How many of my notifications are unread (for the header: one indexed count)',
  })
  @ApiOkResponse({ schema: schemaRef('UnreadCount') })
  async unread(@CurrentActor() actor: Actor): Promise<UnreadCount> {
    return { unread: await this.notifications.unreadCount(actor.id) };
  }

  @Post('read')
  @HttpCode(HttpStatus.NO_CONTENT)
  @AllowRoles(...EVERYONE)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiNoContentResponse({ description: 'All marked read' })
  async allRead(@CurrentActor() actor: Actor): Promise<void> {
    await this.notifications.markAllRead(actor.id, this.clock.now());
  }

  @Post(':notificationId/read')
  @HttpCode(HttpStatus.NO_CONTENT)
  @AllowRoles(...EVERYONE)
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  @ApiNoContentResponse({ description: 'Marked read' })
  @ApiNotFoundResponse({ description: 'You have no notification with that id' })
  async read(
    @Param('notificationId', IdOf('notification')) notificationId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    if (
      !(await this.notifications.markRead(
        actor.id,
        notificationId,
        this.clock.now(),
      ))
    )
      throw new NotFoundException('You have no notification with that id.');
  }
}
