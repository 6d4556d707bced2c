import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesApiModule } from '../cases/cases.module';
import { MediationProviderController } from './mediation-provider.controller';
import { MediationProviderRepository } from './mediation-provider.repository';
import { MediationProviderService } from './mediation-provider.service';
import { MediationWriteService } from './mediation-write.service';
import { MediationController } from './mediation.controller';
import { WayForwardController } from './way-forward.controller';

/** Way-forward meetings, mediation and its providers (API). */
@Module({
  imports: [CasesApiModule, AuditModule],
  // In this order, the routes (and the OpenAPI document) come in the order they always had.
  controllers: [
    WayForwardController,
    MediationController,
    MediationProviderController,
  ],
  providers: [
    MediationProviderRepository,
    MediationProviderService,
    MediationWriteService,
  ],
})
export class MediationModule {}
