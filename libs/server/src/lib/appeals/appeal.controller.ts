import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CaseDetail } from '@send/contracts';
import { randomUUID } from 'node:crypto';
import { type Actor, CurrentActor } from '../identity/actor';
import { CaseWriteService } from '../cases/case-write.service';
import {
  appealOutcomeEventOf,
  orderComplianceEventOf,
  recommendationResponseEventOf,
} from '../cases/entry-events';
import {
  LodgeAppealDto,
  RecordAppealOutcomeDto,
  RecordRecommendationResponseDto,
} from '../cases/dto/case.dto';
import { CaseId, IdOf } from '../http/endpoints';
import { RecordOnCase } from '../auth/case-routes';
import {
  AppealRegisteredDto,
  AppealResponseSentDto,
  HearingListedDto,
  OrderComplianceDto,
} from './appeal.dto';

const APPEAL_ID = () => IdOf('appeal');

@ApiTags('appeals')
@Controller('cases/:id')
export class AppealController {
  constructor(private readonly writes: CaseWriteService) {}

  @Post('appeals')
  @RecordOnCase(
    'Record an appeal to the First-tier Tribunal (SEND) against a decision',
    { description: 'Meets the family’s appeal deadline.' },
  )
  lodge(
    @Param('id', CaseId()) id: string,
    @Body() body: LodgeAppealDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'appeal.lodged',
        appealId: randomUUID(),
        decisionId: body.decisionId,
        tribunalReference: body.tribunalReference,
        lodgedOn: body.lodgedOn,
        ...(body.appellant ? { appellant: body.appellant } : {}),
        ...(body.sections ? { sections: body.sections } : {}),
        ...(body.healthAndSocialCareSought === undefined
          ? {}
          : { healthAndSocialCareSought: body.healthAndSocialCareSought }),
        ...(body.confirmedUnusual ? { confirmedUnusual: true } : {}),
      },
      actor,
    );
  }

  @Post('appeals/:appealId/registration')
  @RecordOnCase('Record that the Tribunal registered the appeal', {
    description:
      "Opens the council's response deadline: 30 Tribunal working days from receiving the appeal (HESC r.21).",
  })
  registered(
    @Param('id', CaseId()) id: string,
    @Param('appealId', APPEAL_ID()) appealId: string,
    @Body() body: AppealRegisteredDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'appeal.registered',
        appealId,
        registeredOn: body.registeredOn,
        appealReceivedOn: body.appealReceivedOn,
      },
      actor,
    );
  }

  @Post('appeals/:appealId/response')
  @RecordOnCase('Record that the council sent its response to the appeal')
  responseSent(
    @Param('id', CaseId()) id: string,
    @Param('appealId', APPEAL_ID()) appealId: string,
    @Body() body: AppealResponseSentDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.writes.recordAndShow(
      id,
      body,
      { type: 'appeal.response_sent', appealId, sentOn: body.sentOn },
      actor,
    );
  }

  @Post('appeals/:appealId/hearing')
  @RecordOnCase('Record the hearing date')
  hearing(
    @Param('id', CaseId()) id: string,
    @Param('appealId', APPEAL_ID()) appealId: string,
    @Body() body: HearingListedDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'appeal.hearing_listed',
        appealId,
        hearingDate: body.hearingDate,
      },
      actor,
    );
  }

  @Post('appeals/:appealId/outcome')
  @RecordOnCase(
    "Record how an appeal ended, with the Tribunal's orders and recommendations",
    {
      description:
        'Orders open their reg 44 deadlines from the order date; a concession before the response (reg 45) opens the same periods ' +
        'from the date the council told the Tribunal; each recommendation must be answered within 5 weeks of the decision.',
    },
  )
  outcome(
    @Param('id', CaseId()) id: string,
    @Param('appealId', APPEAL_ID()) appealId: string,
    @Body() body: RecordAppealOutcomeDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.writes.recordAndShow(
      id,
      body,
      appealOutcomeEventOf(body, appealId),
      actor,
    );
  }

  @Post('orders/:orderId/compliance')
  @RecordOnCase(
    'Record compliance with one duty of an order, with the evidence',
  )
  complied(
    @Param('id', CaseId()) id: string,
    @Param('orderId', IdOf('order')) orderId: string,
    @Body() body: OrderComplianceDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.writes.recordAndShow(
      id,
      body,
      orderComplianceEventOf(body, orderId),
      actor,
    );
  }

  @Post('recommendations/:recommendationId/response')
  @RecordOnCase("Record the responsible body's response to a recommendation", {
    description:
      'Meets the 5-week deadline. Reasons are required for anything not followed.',
  })
  response(
    @Param('id', CaseId()) id: string,
    @Param('recommendationId', IdOf('recommendation')) recommendationId: string,
    @Body() body: RecordRecommendationResponseDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.writes.recordAndShow(
      id,
      body,
      recommendationResponseEventOf(body, recommendationId),
      actor,
    );
  }
}
