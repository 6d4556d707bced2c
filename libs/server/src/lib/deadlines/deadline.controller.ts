import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CaseDetail, DeadlineView } from '@send/contracts';
import { type Actor, CurrentActor, teamScope } from '../identity/actor';
import { ExtendDeadlineDto } from '../appeals/appeal.dto';
import { CaseWriteService } from '../cases/case-write.service';
import { arrayOf, IdOf } from '../http/endpoints';
import { ReadCases, RecordOnCase } from '../auth/case-routes';
import { DeadlineQueryDto } from './deadline-query.dto';
import { DeadlineService } from './deadline.service';

@ApiTags('deadlines')
@Controller('deadlines')
export class DeadlineController {
  constructor(
    private readonly deadlines: DeadlineService,
    private readonly writes: CaseWriteService,
  ) {}

  @Post(':deadlineId/extension')
  @RecordOnCase('Extend a deadline under a statutory exception', {
    description:
      'Never silent: an event on the case with the reason and who agreed it; both dates stay in the history.',
  })
  async extend(
    @Param('deadlineId', IdOf('deadline')) deadlineId: string,
    @Body() body: ExtendDeadlineDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.writes.extendDeadline(deadlineId, body, actor);
  }

  @Get()
  @ReadCases(
    'Statutory deadlines across the cases of your team (auditors: every team), soonest first',
    arrayOf('DeadlineView'),
    { action: 'deadline.list', purpose: 'deadline dashboard' },
  )
  list(
    @Query() query: DeadlineQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<DeadlineView[]> {
    const { filter = 'all', owner, ...options } = query;
    if (options.dueFrom && options.dueTo && options.dueFrom > options.dueTo) {
      throw new BadRequestException({
        message: `dueFrom (${options.dueFrom}) must not be after dueTo (${options.dueTo})`,
        errors: [
          { field: 'dueFrom', message: 'dueFrom must be on or before dueTo' },
        ],
      });
    }
    return this.deadlines.list(filter, teamScope(actor), {
      ...options,
      ...(owner === 'me'
        ? { ownerId: actor.id ?? '00000000-0000-0000-0000-000000000000' }
        : {}),
    });
  }
}
