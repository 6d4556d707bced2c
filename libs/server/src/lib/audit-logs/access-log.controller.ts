import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { type AccessLogPage, AUDIT_LOG_PAGE_SIZE } from '@send/contracts';
import { AllowRoles } from '../identity/actor';
import { ReadRateLimit } from '../auth/sign-in.throttler';
import { readableCsvOf } from '../http/csv';
import { schemaRef } from '../http/endpoints';
import { LogsAccess } from '../audit/access-log';
import {
  type AccessLogFilter,
  AuditLogRepository,
} from '../audit/audit-log.repository';
import { ACCESS_LOG_CSV_COLUMNS, accessLogCsvRow } from './audit-log-csv';
import { AccessLogQueryDto } from './audit-log.dto';

/** The one filter of the list and of its CSV. */
const filterOf = (q: AccessLogQueryDto): AccessLogFilter => ({
  person: q.person,
  caseReference: q.caseReference,
  from: q.from,
  to: q.to,
  outcome: q.outcome,
});

/**
 * The access log for auditors (UK GDPR Art. 5(2) accountability; Art. 30 records): every read of
 * case data and every refused one, filtered by person, case, days and outcome.
 */
@ApiTags('audit')
@Controller('access-log')
export class AccessLogController {
  constructor(private readonly logs: AuditLogRepository) {}

  @Get()
  @AllowRoles('auditor')
  @ReadRateLimit()
  @LogsAccess({ action: 'access_log.read', purpose: 'audit of reads' })
  @ApiOperation({
    summary:
      'The access log, newest first, 50 entries a page: who read what, when, why, from where, and the reads refused',
  })
  @ApiOkResponse({
    description: 'A page of the access log',
    schema: schemaRef('AccessLogPage'),
  })
  @ApiBadRequestResponse({ description: 'A filter is not valid' })
  async list(@Query() query: AccessLogQueryDto): Promise<AccessLogPage> {
    const page = query.page ?? 1;
    const { rows, hasNextPage } = await this.logs.listAccessLog(
      filterOf(query),
      page,
      AUDIT_LOG_PAGE_SIZE,
    );
    return {
      items: rows.map((r) => ({
        ...r,
        at: r.at.toISOString(),
        actorName: r.actorName ?? '',
        action: r.action ?? '',
        purpose: r.purpose ?? '',
      })),
      page,
      pageSize: AUDIT_LOG_PAGE_SIZE,
      hasNextPage,
    };
  }

  @Get('export.csv')
  @AllowRoles('auditor')
  @ReadRateLimit()
  @LogsAccess({ action: 'access_log.export', purpose: 'audit of reads' })
  @ApiOperation({
    summary:
      'Export the access log as the filters say (who, what, when, why, from where; every refused read too) as CSV to read in a spreadsheet, oldest first',
    description:
      'Headers in words, times in UK time (Europe/London), details in words, with a byte order mark so that Excel reads it as UTF-8. `page` is ignored: every entry that matches.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV, streamed; one row per access log entry',
    schema: { type: 'string' },
  })
  @ApiBadRequestResponse({ description: 'A filter is not valid' })
  async export(@Query() query: AccessLogQueryDto): Promise<StreamableFile> {
    const rows = await this.logs.streamAccessLog(filterOf(query));
    return new StreamableFile(
      readableCsvOf(rows, ACCESS_LOG_CSV_COLUMNS, accessLogCsvRow),
      {
        type: 'text/csv; charset=utf-8',
        disposition: 'attachment; filename="access-log.csv"',
      },
    );
  }
}
