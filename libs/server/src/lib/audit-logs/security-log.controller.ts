import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AUDIT_LOG_PAGE_SIZE, type SecurityLogPage } from '@send/contracts';
import { AllowRoles } from '../identity/actor';
import { ReadRateLimit } from '../auth/sign-in.throttler';
import { readableCsvOf } from '../http/csv';
import { schemaRef } from '../http/endpoints';
import { LogsAccess } from '../audit/access-log';
import {
  AuditLogRepository,
  type SecurityLogFilter,
} from '../audit/audit-log.repository';
import { SECURITY_LOG_CSV_COLUMNS, securityLogCsvRow } from './audit-log-csv';
import { SecurityLogQueryDto } from './audit-log.dto';

/** The one filter of the list and of its CSV. */
const filterOf = (q: SecurityLogQueryDto): SecurityLogFilter => ({
  person: q.person,
  from: q.from,
  to: q.to,
  outcome: q.outcome,
});

/**
 * The security log for auditors: sign-in and its failures, lock-outs, refused requests and every
 * administrator's change (UK GDPR Art. 32(1)(d): testing and assessing the security of processing).
 */
@ApiTags('audit')
@Controller('security-log')
export class SecurityLogController {
  constructor(private readonly logs: AuditLogRepository) {}

  @Get()
  @AllowRoles('auditor')
  @ReadRateLimit()
  @LogsAccess({
    action: 'security_log.read',
    purpose: 'audit of security events',
  })
  @ApiOperation({
    summary:
      'The security log, newest first, 50 entries a page: sign-in and its failures, lock-outs, refused requests, every administrator’s change',
  })
  @ApiOkResponse({
    description: 'A page of the security log',
    schema: schemaRef('SecurityLogPage'),
  })
  @ApiBadRequestResponse({ description: 'A filter is not valid' })
  async list(@Query() query: SecurityLogQueryDto): Promise<SecurityLogPage> {
    const page = query.page ?? 1;
    const { rows, hasNextPage } = await this.logs.listSecurityLog(
      filterOf(query),
      page,
      AUDIT_LOG_PAGE_SIZE,
    );
    return {
      items: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
      page,
      pageSize: AUDIT_LOG_PAGE_SIZE,
      hasNextPage,
    };
  }

  @Get('export.csv')
  @AllowRoles('auditor')
  @ReadRateLimit()
  @LogsAccess({
    action: 'security_log.export',
    purpose: 'audit of security events',
  })
  @ApiOperation({
    summary:
      'Export the security log as the filters say (sign-in and its failures, lock-outs, sign-out, refused requests, every administrator’s change) as CSV to read in a spreadsheet, oldest first',
    description:
      'Headers in words, times in UK time (Europe/London), details in words, with a byte order mark so that Excel reads it as UTF-8. `page` is ignored: every entry that matches.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV, streamed; one row per security log entry',
    schema: { type: 'string' },
  })
  @ApiBadRequestResponse({ description: 'A filter is not valid' })
  async export(@Query() query: SecurityLogQueryDto): Promise<StreamableFile> {
    const rows = await this.logs.streamSecurityLog(filterOf(query));
    return new StreamableFile(
      readableCsvOf(rows, SECURITY_LOG_CSV_COLUMNS, securityLogCsvRow),
      {
        type: 'text/csv; charset=utf-8',
        disposition: 'attachment; filename="security-log.csv"',
      },
    );
  }
}
