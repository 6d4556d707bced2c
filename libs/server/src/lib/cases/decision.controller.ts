import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CaseDetail } from '@send/contracts';
import { randomUUID } from 'node:crypto';
import { type Actor, CurrentActor } from '../identity/actor';
import { CaseId, IdOf } from '../http/endpoints';
import { RecordOnCase } from '../auth/case-routes';
import { Clock } from '../clock/clock';
import { CaseWriteService } from './case-write.service';
import { decisionEventOf } from './entry-events';
import {
  AmendmentsProposedDto,
  AssessmentAgreedDto,
  AssessmentRequestDto,
  CorrectDecisionDto,
  DraftCommentsDto,
  DraftPlanServedDto,
  PhaseTransferDto,
  RecordDecisionDto,
  ReviewMeetingDto,
} from './dto/case.dto';

@ApiTags('decisions')
@Controller('cases/:id')
export class DecisionController {
  constructor(
    private readonly writes: CaseWriteService,
    private readonly clock: Clock,
  ) {}

  @Post('decisions')
  @RecordOnCase('Record a decision the council issued', {
    description:
      'Opens the family’s deadlines: contact the mediation adviser (2 months) and appeal (2 months, or 1 month from a certificate).',
  })
  decision(
    @Param('id', CaseId()) id: string,
    @Body() body: RecordDecisionDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.writes.recordAndShow(
      id,
      body,
      decisionEventOf(body, randomUUID()),
      actor,
    );
  }

  @Post('assessment-requests')
  @RecordOnCase('Record a request for an EHC needs assessment', {
    description:
      'Opens the council’s 6 weeks to decide whether to assess (SEND Regs reg 5(1)); a refusal to assess that answers it, or the decision to assess, meets it.',
  })
  assessmentRequested(
    @Param('id', CaseId()) id: string,
    @Body() body: AssessmentRequestDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'assessment.requested',
        requestId: randomUUID(),
        receivedOn: body.receivedOn,
      },
      actor,
    );
  }

  @Post('assessment-requests/:requestId/agreed')
  @RecordOnCase('Record that the council decided to carry out the assessment', {
    description:
      'Meets reg 5(1); opens the 16 weeks to notify a decision not to issue a plan (reg 10(1)) and the 20 weeks to issue the final plan (reg 13(2)), both from the request; whichever is done cancels the other.',
  })
  assessmentAgreed(
    @Param('id', CaseId()) id: string,
    @Param('requestId', IdOf('request')) requestId: string,
    @Body() body: AssessmentAgreedDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      { type: 'assessment.agreed', requestId, notifiedOn: body.notifiedOn },
      actor,
    );
  }

  @Post('draft-plans')
  @RecordOnCase('Record that a draft EHC plan was served on the family', {
    description:
      'Opens the family’s 15 days, beginning with the day it was served, to comment (reg 13(1)).',
  })
  draftServed(
    @Param('id', CaseId()) id: string,
    @Body() body: DraftPlanServedDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'draft_plan.served',
        draftId: randomUUID(),
        servedOn: body.servedOn,
        ...(body.requestId ? { requestId: body.requestId } : {}),
      },
      actor,
    );
  }

  @Post('draft-plans/:draftId/comments')
  @RecordOnCase("Record the family's comments on a draft plan")
  draftComments(
    @Param('id', CaseId()) id: string,
    @Param('draftId', IdOf('draft plan')) draftId: string,
    @Body() body: DraftCommentsDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'draft_plan.comments_received',
        draftId,
        receivedOn: body.receivedOn,
      },
      actor,
    );
  }

  @Post('reviews')
  @RecordOnCase('Record an annual review meeting', {
    description:
      'Opens the council’s 4 weeks to decide whether to keep, amend or cease the plan (reg 20(10)).',
  })
  reviewHeld(
    @Param('id', CaseId()) id: string,
    @Body() body: ReviewMeetingDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'review.meeting_held',
        reviewId: randomUUID(),
        heldOn: body.heldOn,
      },
      actor,
    );
  }

  @Post('reviews/:reviewId/amendments-proposed')
  @RecordOnCase(
    'Record that the council sent proposed amendments after a review',
    {
      description:
        'Meets reg 20(10); the final amended plan is due 8 weeks after (reg 22(3)).',
    },
  )
  amendmentsProposed(
    @Param('id', CaseId()) id: string,
    @Param('reviewId', IdOf('review')) reviewId: string,
    @Body() body: AmendmentsProposedDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      { type: 'review.amendments_proposed', reviewId, sentOn: body.sentOn },
      actor,
    );
  }

  @Post('phase-transfers')
  @RecordOnCase('Record a transfer between phases of education ahead', {
    description:
      'The plan must be reviewed and amended by 15 February of the year of the transfer, or 31 March for a transfer to a post-16 institution (reg 18(1)).',
  })
  phaseTransfer(
    @Param('id', CaseId()) id: string,
    @Body() body: PhaseTransferDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'phase_transfer.recorded',
        transferId: randomUUID(),
        transferDate: body.transferDate,
        kind: body.kind,
        recordedOn: this.clock.today(),
      },
      actor,
    );
  }

  @Post('decisions/:decisionId/correction')
  @RecordOnCase('Correct the dates of a decision', {
    description:
      'A new event that points to the one it corrects; the deadlines move.',
  })
  correct(
    @Param('id', CaseId()) id: string,
    @Param('decisionId', IdOf('decision')) decisionId: string,
    @Body() body: CorrectDecisionDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'decision.corrected',
        decisionId,
        decisionDate: body.decisionDate,
        letterSent: body.letterSent,
      },
      actor,
    );
  }
}
