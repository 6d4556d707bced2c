import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { AccessLogListEntry, AccessLogPage } from '@send/contracts';
import { AllowRoles } from '../identity/actor';
import { ReadRateLimit } from '../auth/sign-in.throttler';
import { schemaRef } from '../http/endpoints';
import { LogsAccess } from '../audit/access-log';
import {
  type AccessLogRow,
  AuditLogRepository,
} from '../audit/audit-log.repository';
import {
  logCsvFile,
  logFilterOf,
  logPageOf,
  withIsoTime,
} from './audit-log-answers';
import { ACCESS_LOG_CSV_COLUMNS, accessLogCsvRow } from './audit-log-csv';
import { AccessLogQueryDto } from './audit-log.dto';

/** An entry on the auditor's screen: who, what and why in words even when the row has none. */
const entryOf = (r: AccessLogRow): AccessLogListEntry => ({
  ...withIsoTime(r),
  actorName: r.actorName ?? '',
  action: r.action ?? '',
  purpose: r.purpose ?? '',
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
    return logPageOf(
      query.page,
      (page, pageSize) =>
        this.logs.listAccessLog(logFilterOf(query), page, pageSize),
      entryOf,
    );
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
    const rows = await this.logs.streamAccessLog(logFilterOf(query));
    return logCsvFile(
      'access-log.csv',
      rows,
      ACCESS_LOG_CSV_COLUMNS,
      accessLogCsvRow,
    );
  }
}
