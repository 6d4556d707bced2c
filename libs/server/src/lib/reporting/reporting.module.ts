import { Module } from '@nestjs/common';
import { AppealRegisterRepository } from './appeal-register.repository';
import { AppealRegisterService } from './appeal-register.service';
import { ReadDatabaseModule } from './read-database';
import { ReportingController } from './reporting.controller';
import { ReportingRepository } from './reporting.repository';
import { ReportingService } from './reporting.service';

/** Read-only reports for managers and auditors, from PostgreSQL (READ_DATABASE_URL when set). */
@Module({
  imports: [ReadDatabaseModule],
  controllers: [ReportingController],
  providers: [
    ReportingRepository,
    AppealRegisterRepository,
    ReportingService,
    AppealRegisterService,
  ],
})
export class ReportingModule {}
