import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import type {
  CaseDetail,
  ImportCaseRequest,
  RecordHistoryRequest,
} from '@send/contracts';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  type Actor,
  AllowRoles,
  CASE_WRITERS,
  CurrentActor,
} from '../identity/actor';
import { CaseId, schemaRef } from '../http/endpoints';
import { RecordOnCase } from '../auth/case-routes';
import { DryRunStatusInterceptor } from '../http/dry-run.interceptor';
import { RequiredText, SHORT_TEXT, VersionedDto } from '../http/common.dto';
import { IsCalendarDate } from '../http/validation';
import { HISTORY_ENTRY_TYPES } from './history-entry.schema';
import {
  HistoryLoadService,
  MAX_HISTORY_ENTRIES,
} from './history-load.service';

const ENTRIES_DESCRIPTION =
  `The entries of the case’s past, oldest first, each a case event as the history export shows it: { "type": ..., fields }. ` +
  `The importer chooses the ids of what each entry creates (UUIDs: decisionId, mediationId, appealId, orderId, recommendationId, …) so that later entries can refer to them. ` +
  `An extension ("deadline.extended") names its deadline by ruleId and subjectId. Types: ${HISTORY_ENTRY_TYPES.join(', ')}. At most ${MAX_HISTORY_ENTRIES}.`;

const ENTRIES_EXAMPLE = [
  {
    type: 'decision.issued',
    decisionId: '0b6f0e65-3a0f-4a9e-9c4e-2f0d7a1c9b11',
    decisionType: 'final_plan_content',
    decisionDate: '2026-09-28',
    letterSent: '2026-10-01',
    sections: ['F', 'I'],
  },
  {
    type: 'mediation.adviser_contacted',
    mediationId: '7d2c1b9e-5f4a-4c8e-8a3b-1e6f2d9c0a77',
    decisionId: '0b6f0e65-3a0f-4a9e-9c4e-2f0d7a1c9b11',
    providerName: 'Global Mediation',
    contactedOn: '2026-10-12',
    healthInIssue: false,
    socialCareInIssue: false,
  },
];

export class RecordHistoryDto
  extends VersionedDto
  implements RecordHistoryRequest
{
  @ApiProperty({
    description: ENTRIES_DESCRIPTION,
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: ENTRIES_EXAMPLE,
  })
  @IsObject({
    each: true,
    message: 'each of entries must be an object with a type and its fields',
  })
  @ArrayMaxSize(MAX_HISTORY_ENTRIES)
  @ArrayMinSize(1, { message: 'entries must list at least one entry' })
  @IsArray()
  entries!: Record<string, unknown>[];

  /** Why the entries are recorded now (e.g. "Entered from the paper file"): kept with each event. */
  @ApiPropertyOptional({
    example: 'Entered from the paper file after the office move',
  })
  @IsOptional()
  @MaxLength(SHORT_TEXT)
  @IsString()
  reason?: string;
}

export class ImportCaseDto implements ImportCaseRequest {
  @ApiProperty({ example: 'RUT-2026-0042' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$/, {
    message:
      'reference must be 1 to 40 letters, digits, /, _, . or -, starting with a letter or digit',
  })
  @IsString()
  reference!: string;

  @ApiProperty({ example: 'Alex Example' })
  @RequiredText(SHORT_TEXT)
  childName!: string;

  @ApiProperty({ example: '2014-03-09' })
  @IsCalendarDate()
  dateOfBirth!: string;

  @ApiProperty({
    description: ENTRIES_DESCRIPTION,
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: ENTRIES_EXAMPLE,
  })
  @IsObject({
    each: true,
    message: 'each of entries must be an object with a type and its fields',
  })
  @ArrayMaxSize(MAX_HISTORY_ENTRIES)
  @ArrayMinSize(1, { message: 'entries must list at least one entry' })
  @IsArray()
  entries!: Record<string, unknown>[];

  @ApiPropertyOptional({
    description:
      'true: check everything and answer the case as it would be; nothing is saved (200)',
    example: false,
  })
  @IsOptional()
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

/**
 * A case's past recorded after the fact, in one go: entries that reach the system days late, and
 * councils loading their open cases when they move off spreadsheets. Each entry is checked as its
 * own endpoint would check it, in order, in one transaction: all are recorded, or none.
 */
@ApiTags('cases')
@Controller('cases')
export class HistoryLoadController {
  constructor(private readonly loads: HistoryLoadService) {}

  @Post(':id/history')
  @RecordOnCase(
    'Record several past entries of a case in one go, all or nothing',
    {
      description:
        'For entries that reach the system after the fact. Each entry is checked as its own endpoint would check it, in order; the first refused one refuses the whole batch (the detail names it) and nothing is saved. A deadline already past when an entry opens it is marked overdue, and escalated, only after the end of the next working day, so that the rest can be recorded first.',
    },
  )
  record(
    @Param('id', CaseId()) id: string,
    @Body() body: RecordHistoryDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.loads.record(
      id,
      body.expectedVersion,
      body.entries,
      actor,
      body.dryRun ?? false,
      body.reason?.trim() || undefined,
    );
  }

  @Post('import')
  @AllowRoles(...CASE_WRITERS)
  @HttpCode(HttpStatus.CREATED)
  @UseInterceptors(DryRunStatusInterceptor)
  @ApiOperation({
    summary: 'Open a case with its past, in one go, all or nothing',
    description:
      'For a council moving off spreadsheets (the `import-cases` command reads a file of such cases). The member of staff importing it becomes its caseworker, in their team.',
  })
  @ApiCreatedResponse({
    description: 'The case with its history and deadlines',
    schema: schemaRef('CaseDetail'),
  })
  importCase(
    @Body() body: ImportCaseDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.loads.importCase(body, actor, body.dryRun ?? false);
  }
}
