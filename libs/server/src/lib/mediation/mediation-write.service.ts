import { BadRequestException, Injectable } from '@nestjs/common';
import type { CaseDetail } from '@send/contracts';
import { CaseWriteService } from '../cases/case-write.service';
import type { Actor } from '../identity/actor';
import { MediationProviderRepository } from './mediation-provider.repository';
import type { AdviserContactedDto } from './mediation.dto';

/** Mediation entries that name something kept outside the case (a mediation provider), looked up so that the event carries its name as it was. */
@Injectable()
export class MediationWriteService {
  constructor(
    private readonly providers: MediationProviderRepository,
    private readonly writes: CaseWriteService,
  ) {}

  async adviserContacted(
    caseId: string,
    mediationId: string,
    body: AdviserContactedDto,
    actor: Actor,
  ): Promise<CaseDetail> {
    const provider = await this.providers.findActive(body.providerId);
    if (!provider)
      throw new BadRequestException(
        'providerId must be an active mediation provider (see GET /api/mediation-providers).',
      );
    return this.writes.recordAndShow(
      caseId,
      body,
      {
        type: 'mediation.adviser_contacted',
        mediationId,
        decisionId: body.decisionId,
        providerName: provider.name,
        ...(body.providerReference?.trim()
          ? { providerReference: body.providerReference.trim() }
          : {}),
        contactedOn: body.contactedOn,
        healthInIssue: body.healthInIssue,
        socialCareInIssue: body.socialCareInIssue,
      },
      actor,
    );
  }
}
