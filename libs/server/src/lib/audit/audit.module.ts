import { Module } from '@nestjs/common';
import { AccessLogService } from './access-log.service';
import { AuditLogRepository } from './audit-log.repository';
import { SecurityLogService } from './security-log.service';

/** The append-only logs: reads of personal data (`access_log`) and security events (`security_log`). */
@Module({
  providers: [AuditLogRepository, AccessLogService, SecurityLogService],
  exports: [AuditLogRepository, AccessLogService, SecurityLogService],
})
export class AuditModule {}
