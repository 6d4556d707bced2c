import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { SecurityLogPage } from '@send/contracts';
import { AllowRoles } from '../identity/actor';
import { ReadRateLimit } from '../auth/sign-in.throttler';
import { schemaRef } from '../http/endpoints';
import { LogsAccess } from '../audit/access-log';
import { AuditLogRepository } from '../audit/audit-log.repository';
import {
  logCsvFile,
  logFilterOf,
  logPageOf,
  withIsoTime,
} from './audit-log-answers';
import { SECURITY_LOG_CSV_COLUMNS, securityLogCsvRow } from './audit-log-csv';
import { SecurityLogQueryDto } from './audit-log.dto';

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
    return logPageOf(
      query.page,
      (page, pageSize) =>
        this.logs.listSecurityLog(logFilterOf(query), page, pageSize),
      withIsoTime,
    );
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
    const rows = await this.logs.streamSecurityLog(logFilterOf(query));
    return logCsvFile(
      'security-log.csv',
      rows,
      SECURITY_LOG_CSV_COLUMNS,
      securityLogCsvRow,
    );
  }
}
