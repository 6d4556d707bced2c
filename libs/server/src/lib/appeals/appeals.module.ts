import { Module } from '@nestjs/common';
import { CasesApiModule } from '../cases/cases.module';
import { AppealController } from './appeal.controller';

/** Appeals to the Tribunal, orders and recommendations recorded on a case (API). The appeals register is a report (reporting). */
@Module({
  imports: [CasesApiModule],
  controllers: [AppealController],
})
export class AppealsModule {}
