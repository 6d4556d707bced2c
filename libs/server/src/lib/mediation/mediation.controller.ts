import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CaseEvent } from '@send/domain';
import { randomUUID } from 'node:crypto';
import { type Actor, CurrentActor } from '../identity/actor';
import { CaseWriteService } from '../cases/case-write.service';
import { mediationArrangedEventOf } from '../cases/entry-events';
import { MediationWriteService } from './mediation-write.service';
import { CaseId, IdOf } from '../http/endpoints';
import { RecordOnCase } from '../auth/case-routes';
import {
  AdviserContactedDto,
  AgreementItemCompletedDto,
  CertificateDto,
  HealthNotifiedDto,
  HealthResponseDto,
  MediationAgreementDto,
  MediationArrangedDto,
  MediationDeclinedDto,
  MediationHeldDto,
  MediationNotArrangedDto,
  MediationRequestedDto,
  MediationWithdrawnDto,
  ResolutionConcludedDto,
  ResolutionMeetingDto,
  ResolutionReferralDto,
} from './mediation.dto';

const MEDIATION_ID = () => IdOf('mediation');

@ApiTags('mediation')
@Controller()
export class MediationController {
  constructor(
    private readonly writes: CaseWriteService,
    private readonly mediationWrites: MediationWriteService,
  ) {}

  @Post('cases/:id/mediations')
  @RecordOnCase(
    'Record that the family contacted the mediation adviser about a decision',
    {
      description:
        'Meets the family’s 2-month deadline to contact the adviser (reg 33).',
    },
  )
  adviserContacted(
    @Param('id', CaseId()) id: string,
    @Body() body: AdviserContactedDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.mediationWrites.adviserContacted(id, randomUUID(), body, actor);
  }

  @Post('cases/:id/mediations/:mediationId/declined')
  @RecordOnCase('Record that the family declined mediation', {
    description:
      'The adviser must issue a certificate within 3 working days (reg 34).',
  })
  declined(
    @Param('id', CaseId()) id: string,
    @Param('mediationId', MEDIATION_ID()) mediationId: string,
    @Body() body: MediationDeclinedDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'mediation.declined',
        mediationId,
        adviserInformedOn: body.adviserInformedOn,
      },
      actor,
    );
  }

  @Post('cases/:id/mediations/:mediationId/requested')
  @RecordOnCase('Record that the family wants mediation', {
    description:
      'The council must arrange it within 30 days (regs 36–37) and tell the ICB within 3 working days if health is in issue (reg 35). With `healthOnly` (health care provision the only issue) the ICB arranges it within 30 days of being told, and the council is not a party.',
  })
  requested(
    @Param('id', CaseId()) id: string,
    @Param('mediationId', MEDIATION_ID()) mediationId: string,
    @Body() body: MediationRequestedDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'mediation.requested',
        mediationId,
        laInformedOn: body.laInformedOn,
        ...(body.healthOnly ? { healthOnly: true } : {}),
      },
      actor,
    );
  }

  @Post('cases/:id/mediations/:mediationId/withdrawn')
  @RecordOnCase('Record that the family no longer wishes to pursue mediation', {
    description:
      'The arranging duty ends; the adviser must issue a certificate within 3 working days (reg 34), from which the family has a month to appeal.',
  })
  withdrawn(
    @Param('id', CaseId()) id: string,
    @Param('mediationId', MEDIATION_ID()) mediationId: string,
    @Body() body: MediationWithdrawnDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'mediation.withdrawn',
        mediationId,
        adviserInformedOn: body.adviserInformedOn,
      },
      actor,
    );
  }

  @Post('cases/:id/mediations/:mediationId/health-notified')
  @RecordOnCase('Record that the council told the ICB about the mediation')
  healthNotified(
    @Param('id', CaseId()) id: string,
    @Param('mediationId', MEDIATION_ID()) mediationId: string,
    @Body() body: HealthNotifiedDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'mediation.health_notified',
        mediationId,
        notifiedOn: body.notifiedOn,
      },
      actor,
    );
  }

  @Post('cases/:id/mediations/:mediationId/arranged')
  @RecordOnCase('Record the date mediation is arranged for')
  arranged(
    @Param('id', CaseId()) id: string,
    @Param('mediationId', MEDIATION_ID()) mediationId: string,
    @Body() body: MediationArrangedDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      mediationArrangedEventOf(body, mediationId),
      actor,
    );
  }

  @Post('cases/:id/mediations/:mediationId/not-arranged')
  @RecordOnCase('Record that mediation could not be arranged within 30 days', {
    description: 'A certificate must follow within 3 working days (reg 37).',
  })
  notArranged(
    @Param('id', CaseId()) id: string,
    @Param('mediationId', MEDIATION_ID()) mediationId: string,
    @Body() body: MediationNotArrangedDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'mediation.not_arranged',
        mediationId,
        adviserInformedOn: body.adviserInformedOn,
      },
      actor,
    );
  }

  @Post('cases/:id/mediations/:mediationId/held')
  @RecordOnCase('Record that mediation took place', {
    description:
      'Meets the 30-day duty; the certificate is due 3 working days after it ended (reg 39).',
  })
  held(
    @Param('id', CaseId()) id: string,
    @Param('mediationId', MEDIATION_ID()) mediationId: string,
    @Body() body: MediationHeldDto,
    @CurrentActor() actor: Actor,
  ) {
    const participants = (body.participants ?? [])
      .map((p) => p.trim())
      .filter(Boolean);
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'mediation.held',
        mediationId,
        heldOn: body.heldOn,
        concludedOn: body.concludedOn,
        outcome: body.outcome,
        ...(participants.length ? { participants } : {}),
      },
      actor,
    );
  }

  @Post('cases/:id/mediations/:mediationId/agreement')
  @RecordOnCase('Record a mediation agreement and what was agreed', {
    description:
      'Appealable matters take the order periods from the agreement date (reg 42(2)); other matters 2 weeks, by the council or the ICB (reg 42(3)); a timescale the parties agreed in writing replaces either (reg 42(5)). Where the council was not a party (health-only mediation), the ICB must tell it of the agreement within 1 week (reg 42(4)).',
  })
  agreement(
    @Param('id', CaseId()) id: string,
    @Param('mediationId', MEDIATION_ID()) mediationId: string,
    @Body() body: MediationAgreementDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'mediation.agreement_reached',
        mediationId,
        agreementDate: body.agreementDate,
        items: body.items.map((i) => ({
          itemId: randomUUID(),
          description: i.description.trim(),
          appealable: i.appealable,
          ...(i.orderType ? { orderType: i.orderType } : {}),
          ...(i.responsibleBody ? { responsibleBody: i.responsibleBody } : {}),
          ...(i.agreedDueOn ? { agreedDueOn: i.agreedDueOn } : {}),
        })),
      },
      actor,
    );
  }

  @Post('cases/:id/mediations/:mediationId/agreement/items/:itemId/completed')
  @RecordOnCase('Record that an item of a mediation agreement was done')
  itemCompleted(
    @Param('id', CaseId()) id: string,
    @Param('mediationId', MEDIATION_ID()) mediationId: string,
    @Param('itemId', IdOf('agreement item')) itemId: string,
    @Body() body: AgreementItemCompletedDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'mediation.agreement_item_completed',
        mediationId,
        itemId,
        completedOn: body.completedOn,
        evidence: body.evidence.trim(),
      },
      actor,
    );
  }

  @Post('cases/:id/mediations/:mediationId/health-response')
  @RecordOnCase(
    'Record that the ICB told the council what it will do under a mediation agreement',
  )
  healthResponse(
    @Param('id', CaseId()) id: string,
    @Param('mediationId', MEDIATION_ID()) mediationId: string,
    @Body() body: HealthResponseDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'mediation.health_response_received',
        mediationId,
        receivedOn: body.receivedOn,
      },
      actor,
    );
  }

  @Post('cases/:id/mediations/:mediationId/certificates')
  @RecordOnCase('Record a mediation certificate', {
    description:
      'Meets the certificate deadline and moves the appeal deadline to 1 month from the certificate, if later.',
  })
  certificate(
    @Param('id', CaseId()) id: string,
    @Param('mediationId', MEDIATION_ID()) mediationId: string,
    @Body() body: CertificateDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'certificate.issued',
        certificateId: randomUUID(),
        mediationId,
        kind: body.kind,
        issuedOn: body.issuedOn,
      },
      actor,
    );
  }

  @Post('cases/:id/disagreement-resolutions')
  @RecordOnCase(
    'Record a referral to disagreement resolution (voluntary; no clock)',
  )
  referral(
    @Param('id', CaseId()) id: string,
    @Body() body: ResolutionReferralDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'disagreement_resolution.referred',
        resolutionId: randomUUID(),
        referredOn: body.referredOn,
        subject: body.subject.trim(),
      },
      actor,
    );
  }

  @Post('cases/:id/disagreement-resolutions/:resolutionId/meetings')
  @RecordOnCase('Record a disagreement resolution meeting')
  resolutionMeeting(
    @Param('id', CaseId()) id: string,
    @Param('resolutionId', IdOf('disagreement resolution'))
    resolutionId: string,
    @Body() body: ResolutionMeetingDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'disagreement_resolution.meeting_held',
        resolutionId,
        heldOn: body.heldOn,
      },
      actor,
    );
  }

  @Post('cases/:id/disagreement-resolutions/:resolutionId/conclusion')
  @RecordOnCase('Record how disagreement resolution ended')
  resolutionConcluded(
    @Param('id', CaseId()) id: string,
    @Param('resolutionId', IdOf('disagreement resolution'))
    resolutionId: string,
    @Body() body: ResolutionConcludedDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'disagreement_resolution.concluded',
        resolutionId,
        concludedOn: body.concludedOn,
        outcome: body.outcome,
      },
      actor,
    );
  }
}
