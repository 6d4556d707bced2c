import {
  BadRequestException,
  Controller,
  Get,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { AllowRoles } from '../identity/actor';
import { ReadRateLimit } from '../auth/sign-in.throttler';
import { csvOf } from '../http/csv';
import { LogsAccess } from '../audit/access-log';
import { AuditLogRepository } from '../audit/audit-log.repository';

const COLUMNS = [
  'id',
  'at',
  'actorId',
  'actorName',
  'actorRole',
  'action',
  'purpose',
  'reason',
  'outcome',
  'status',
  'caseId',
  'detail',
  'ip',
];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

@ApiTags('audit')
@Controller('access-log')
export class AccessLogController {
  constructor(private readonly logs: AuditLogRepository) {}

  @Get('export.csv')
  @AllowRoles('auditor')
  @ReadRateLimit()
  @LogsAccess({ action: 'access_log.export', purpose: 'audit of reads' })
  @ApiOperation({
    summary:
      'Export the access log (every read of case data, and every refused one: who, what, when, why, from where) as CSV, oldest first',
  })
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'First day (YYYY-MM-DD, inclusive)',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    description: 'Last day (YYYY-MM-DD, inclusive)',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV, streamed; one row per AccessLogEntry',
    schema: { type: 'string' },
  })
  async export(
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<StreamableFile> {
    for (const [name, value] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (value !== undefined && !ISO_DATE.test(value))
        throw new BadRequestException(`${name} must be a date, YYYY-MM-DD.`);
    }
    const rows = await this.logs.streamAccessLog(from ?? null, to ?? null);
    return new StreamableFile(
      csvOf(rows, COLUMNS, (r: object) => r),
      {
        type: 'text/csv; charset=utf-8',
        disposition: 'attachment; filename="access-log.csv"',
      },
    );
  }
}
