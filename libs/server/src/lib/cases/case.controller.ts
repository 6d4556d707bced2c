import {
  Body,
  Controller,
  DefaultValuePipe,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type {
  CaseDetail,
  CaseSearchPage,
  CaseSummary,
  Page,
} from '@send/contracts';
import { randomUUID } from 'node:crypto';
import { type Actor, CurrentActor, teamScope } from '../identity/actor';
import { ReadRateLimit } from '../auth/sign-in.throttler';
import { Clock } from '../clock/clock';
import { CaseId, schemaRef } from '../http/endpoints';
import { ReadCases, RecordOnCase } from '../auth/case-routes';
import { MAX_DB_INTEGER } from '../http/input-safety';
import { ParseDbIntPipe } from '../http/input-safety.pipes';
import { CaseQueryService } from './case-query.service';
import { CaseWriteService } from './case-write.service';
import {
  AddContactDto,
  CorrectEventDto,
  OpenCaseDto,
  ReassignCaseDto,
  SearchCasesDto,
} from './dto/case.dto';

@ApiTags('cases')
@Controller('cases')
export class CaseController {
  constructor(
    private readonly writes: CaseWriteService,
    private readonly queries: CaseQueryService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ReadCases(
    'Cases of your team (auditors: every team), most recently changed first',
    schemaRef('CasePage'),
    {
      action: 'case.list',
      purpose: 'case list',
    },
  )
  @ApiQuery({
    name: 'limit',
    required: false,
    description: 'At most this many cases (1 to 200; default 50)',
    schema: { type: 'integer', minimum: 1, maximum: 200 },
  })
  @ApiQuery({
    name: 'offset',
    required: false,
    description: 'Skip this many (default 0)',
    schema: { type: 'integer', minimum: 0, maximum: MAX_DB_INTEGER },
  })
  list(
    @Query(
      'limit',
      new DefaultValuePipe('50'),
      new ParseDbIntPipe('limit', 1, 200),
    )
    limit: number,
    @Query('offset', new DefaultValuePipe('0'), new ParseDbIntPipe('offset'))
    offset: number,
    @CurrentActor() actor: Actor,
  ): Promise<Page<CaseSummary>> {
    return this.queries.search({ team: teamScope(actor), limit, offset });
  }

  // POST so that names and dates of birth never appear in URLs or access logs.
  @Post('search')
  @HttpCode(200)
  @ReadCases(
    'Find cases of your team (auditors: every team) by what people remember: reference, name, date of birth, Tribunal reference, a parent’s or contact’s name, the school, the mediation provider or the provider’s reference (paged; each result says why it matched)',
    schemaRef('CaseSearchPage'),
    {
      action: 'case.search',
      purpose: 'case search',
    },
  )
  @ReadRateLimit()
  search(
    @Body() body: SearchCasesDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseSearchPage> {
    return this.queries.search({ ...body, team: teamScope(actor) });
  }

  @Post()
  @RecordOnCase("Open a child's case", {
    description:
      'The member of staff opening it becomes its caseworker, in their team.',
  })
  async open(
    @Body() body: OpenCaseDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.writes.openAndShow(body, actor);
  }

  @Get(':id')
  @ReadCases(
    'A case with everything recorded on it and its deadlines',
    schemaRef('CaseDetail'),
    { action: 'case.read', purpose: 'case work' },
  )
  detail(@Param('id', CaseId()) id: string): Promise<CaseDetail> {
    return this.queries.detail(id);
  }

  @Post(':id/contacts')
  @RecordOnCase('Add a parent, carer or other contact')
  contact(
    @Param('id', CaseId()) id: string,
    @Body() body: AddContactDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'contact.added',
        contactId: randomUUID(),
        name: body.name.trim(),
        relationship: body.relationship.trim(),
        ...(body.email ? { email: body.email } : {}),
        ...(body.phone ? { phone: body.phone } : {}),
        addedOn: this.clock.today(),
      },
      actor,
    );
  }

  @Post(':id/reassignment')
  @RecordOnCase('Reassign the case to another caseworker (managers only)', {
    roles: ['manager'],
  })
  reassign(
    @Param('id', CaseId()) id: string,
    @Body() body: ReassignCaseDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.writes.reassign(id, body, actor);
  }

  @Post(':id/events/:sequence/correction')
  @RecordOnCase(
    'Correct facts recorded wrongly in an earlier event of the history',
    {
      description:
        'A new event that points to the one it corrects (by its sequence); nothing is edited in place. The case and its deadlines ' +
        'become what they would have been had the event been recorded right: due dates are worked out again, and a deadline the ' +
        'corrected history no longer implies is cancelled. The corrected history must still make sense (409 or 400 says what it contradicts). ' +
        'A reason is required.',
    },
  )
  correct(
    @Param('id', CaseId()) id: string,
    @Param(
      'sequence',
      new ParseDbIntPipe(
        'sequence',
        1,
        undefined,
        'the number of an event in the case history',
      ),
    )
    sequence: number,
    @Body() body: CorrectEventDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.writes.correct(id, sequence, body, actor);
  }
}
