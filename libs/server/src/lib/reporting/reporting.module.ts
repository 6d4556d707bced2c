import { Module } from '@nestjs/common';
import { AppealRegisterService } from './appeal-register.service';
import { ReportingController } from './reporting.controller';
import { ReportingService } from './reporting.service';

/** Read-only reports for managers and auditors, from PostgreSQL. */
@Module({
  controllers: [ReportingController],
  providers: [ReportingService, AppealRegisterService],
})
export class ReportingModule {}
