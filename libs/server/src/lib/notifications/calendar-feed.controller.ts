import {
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  NotFoundException,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ruleTitle } from '@send/domain';
import type { Response } from 'express';
import ical from 'ical-generator';
import { createHash, randomBytes } from 'node:crypto';
import type { CalendarFeedIssued, Role } from '@send/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { schemaRef } from '../http/endpoints';
import {
  type Actor,
  AllowRoles,
  CASE_WRITERS,
  CurrentActor,
  Public,
  teamScope,
} from '../identity/actor';
import { StaffRepository } from '../auth/staff.repository';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DeadlineRepository } from '../deadlines/deadline.repository';

const hash = (token: string) =>
  createHash('sha256').update(token).digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * An iCalendar feed of a caseworker's open deadlines. Calendar apps cannot send headers, so the
 * feed URL carries a per-user secret; only its SHA-256 hash is stored, and issuing a new one
 * revokes the old.
 */
@ApiTags('calendar')
@Controller()
export class CalendarFeedController {
  constructor(
    private readonly staff: StaffRepository,
    private readonly deadlines: DeadlineRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Post('me/calendar-feed')
  @HttpCode(HttpStatus.CREATED)
  @AllowRoles(...CASE_WRITERS)
  @ApiOperation({
    summary:
      'Issue (or replace) my calendar feed URL; the old URL stops working',
  })
  @ApiCreatedResponse({
    description: '{ url }: subscribe to it in a calendar app; it is shown once',
    schema: schemaRef('CalendarFeedIssued'),
  })
  async issue(@CurrentActor() actor: Actor): Promise<CalendarFeedIssued> {
    const token = randomBytes(32).toString('base64url');
    await this.staff.setCalendarFeedTokenHash(actor.id, hash(token));
    return {
      url: new URL(
        `/api/calendar/${token}.ics`,
        this.config.PUBLIC_URL,
      ).toString(),
    };
  }

  @Delete('me/calendar-feed')
  @HttpCode(HttpStatus.NO_CONTENT)
  @AllowRoles(...CASE_WRITERS)
  @ApiOperation({
    summary:
      'Revoke my calendar feed: its URL stops working at once (calendars that subscribed to it stop updating)',
  })
  @ApiNoContentResponse({
    description: 'Revoked (or there was none to revoke)',
  })
  async revoke(@CurrentActor() actor: Actor): Promise<void> {
    if (actor.id) await this.staff.revokeCalendarFeed(this.db, actor.id);
  }

  /**
   * The deadlines of the feed's owner, by their id, within what they may read now (`teamScope`,
   * the rule every case read follows): a feed is revoked when its owner's role, team or status
   * changes (StaffAccountService), and a role that holds no cases has no feed at all.
   */
  @Public()
  @Get('calendar/:file')
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary:
      'A caseworker’s open deadlines as all-day events (the URL is the credential)',
  })
  @ApiOkResponse({ description: 'text/calendar' })
  @ApiNotFoundResponse({
    description:
      'No such feed: never issued, replaced by a newer one, or revoked (role, team or status changed)',
  })
  async feed(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const token = file.replace(/\.ics$/, '');
    if (!TOKEN.test(token))
      throw new NotFoundException('No such calendar feed.');
    const user = await this.staff.byCalendarFeedTokenHash(hash(token));
    if (!user || !CASE_WRITERS.includes(user.role as Role))
      throw new NotFoundException('No such calendar feed.');
    const rows = await this.deadlines.openForOwner(user.id, teamScope(user));
    const calendar = ical({
      name: `SEND deadlines: ${user.name}`,
      prodId: { company: 'council', product: 'send-disagreements' },
    });
    for (const d of rows) {
      const title = ruleTitle(d.rule_id);
      calendar.createEvent({
        id: `deadline-${d.id}-${d.due_on}@send-disagreements`,
        allDay: true,
        start: new Date(`${d.due_on}T12:00:00Z`),
        summary: `${title}${d.responsible_body ? ` (${d.responsible_body === 'icb' ? 'ICB' : 'council social care'})` : ''} – ${d.reference}`,
        description: d.explanation.join('\n'),
        url: new URL(`/cases/${d.case_id}`, this.config.PUBLIC_URL).toString(),
      });
    }
    res.setHeader('content-type', 'text/calendar; charset=utf-8');
    res.setHeader('cache-control', 'private, no-store');
    res.send(calendar.toString());
  }
}
