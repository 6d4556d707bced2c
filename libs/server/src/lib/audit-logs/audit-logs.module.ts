import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AccessLogController } from './access-log.controller';
import { SecurityLogController } from './security-log.controller';

/** The auditors' exports of the access and security logs (API). The logs themselves are written by the audit context. */
@Module({
  imports: [AuditModule],
  controllers: [AccessLogController, SecurityLogController],
})
export class AuditLogsModule {}
