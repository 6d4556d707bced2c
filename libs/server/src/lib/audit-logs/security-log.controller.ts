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
  'event',
  'outcome',
  'actorId',
  'actorName',
  'actorRole',
  'subjectUserId',
  'reason',
  'detail',
  'ip',
];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

@ApiTags('audit')
@Controller('security-log')
export class SecurityLogController {
  constructor(private readonly logs: AuditLogRepository) {}

  @Get('export.csv')
  @AllowRoles('auditor')
  @ReadRateLimit()
  @LogsAccess({
    action: 'security_log.export',
    purpose: 'audit of security events',
  })
  @ApiOperation({
    summary:
      'Export the security log (sign-in and its failures, lock-outs, sign-out, refused CSRF tokens, every administrator’s change) as CSV, oldest first',
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
    description: 'CSV, streamed; one row per SecurityLogEntry',
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
    const rows = await this.logs.streamSecurityLog(from ?? null, to ?? null);
    return new StreamableFile(
      csvOf(rows, COLUMNS, (r: object) => r),
      {
        type: 'text/csv; charset=utf-8',
        disposition: 'attachment; filename="security-log.csv"',
      },
    );
  }
}
