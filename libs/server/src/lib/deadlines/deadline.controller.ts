import { BadRequestException, Body, Controller, Get, Param, ParseEnumPipe, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CaseDetail, DeadlineFilter, DeadlineView } from '@send/contracts';
import { type Actor, CurrentActor, teamScope } from '../auth/actor';
import { ExtendDeadlineDto } from '../appeals/appeal.dto';
import { CaseWriteService } from '../cases/case-write.service';
import { arrayOf, IdOf, ReadCases, RecordOnCase } from '../http/endpoints';
import { DeadlineService } from './deadline.service';

const FILTERS = ['all', 'open', 'due_soon', 'overdue', 'met', 'cancelled'] as const satisfies readonly DeadlineFilter[];
const FILTER_ENUM = Object.fromEntries(FILTERS.map((f) => [f, f]));

@ApiTags('deadlines')
@Controller('deadlines')
export class DeadlineController {
  constructor(
    private readonly deadlines: DeadlineService,
    private readonly writes: CaseWriteService,
  ) {}

  @Post(':deadlineId/extension')
  @RecordOnCase('Extend a deadline under a statutory exception', {
    description: 'Never silent: an event on the case with the reason and who agreed it; both dates stay in the history.',
  })
  async extend(
    @Param('deadlineId', IdOf('deadline')) deadlineId: string,
    @Body() body: ExtendDeadlineDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.writes.extendDeadline(deadlineId, body, actor);
  }

  @Get()
  @ReadCases('Statutory deadlines across the cases of your team (auditors: every team), soonest first', arrayOf('DeadlineView'), { action: 'deadline.list', purpose: 'deadline dashboard' })
  @ApiQuery({ name: 'filter', enum: FILTERS, required: false, description: 'due_soon: open and due in the next 10 days' })
  list(
    @Query(
      'filter',
      new ParseEnumPipe(FILTER_ENUM, {
        optional: true,
        exceptionFactory: () => new BadRequestException(`filter must be one of: ${FILTERS.join(', ')}`),
      }),
    )
    filter: DeadlineFilter = 'all',
    @CurrentActor() actor: Actor,
  ): Promise<DeadlineView[]> {
    return this.deadlines.list(filter, teamScope(actor));
  }
}
