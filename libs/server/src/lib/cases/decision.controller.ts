import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CaseDetail } from '@send/contracts';
import { randomUUID } from 'node:crypto';
import { type Actor, CurrentActor } from '../auth/actor';
import { CaseId, IdOf, RecordOnCase } from '../http/endpoints';
import { WayForwardHeldDto, WayForwardRequestDto } from '../mediation/mediation.dto';
import { CaseWriteService } from './case-write.service';
import { CorrectDecisionDto, RecordDecisionDto } from './dto/case.dto';

@ApiTags('decisions')
@Controller('cases/:id')
export class DecisionController {
  constructor(private readonly writes: CaseWriteService) {}

  @Post('decisions')
  @RecordOnCase('Record a decision the council issued', {
    description: 'Opens the family’s deadlines: contact the mediation adviser (2 months) and appeal (2 months, or 1 month from a certificate).',
  })
  decision(@Param('id', CaseId()) id: string, @Body() body: RecordDecisionDto, @CurrentActor() actor: Actor): Promise<CaseDetail> {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'decision.issued',
        decisionId: randomUUID(),
        decisionType: body.type,
        decisionDate: body.decisionDate,
        letterSent: body.letterSent,
        sections: body.sections ?? [],
        ...(body.letterChecklist ? { letterChecklist: { ...body.letterChecklist } } : {}),
        ...(body.rationale?.trim() ? { rationale: body.rationale.trim() } : {}),
      },
      actor,
    );
  }

  @Post('decisions/:decisionId/correction')
  @RecordOnCase('Correct the dates of a decision', { description: 'A new event that points to the one it corrects; the deadlines move.' })
  correct(
    @Param('id', CaseId()) id: string,
    @Param('decisionId', IdOf('decision')) decisionId: string,
    @Body() body: CorrectDecisionDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.writes.recordAndShow(
      id,
      body,
      { type: 'decision.corrected', decisionId, decisionDate: body.decisionDate, letterSent: body.letterSent },
      actor,
    );
  }

  @Post('way-forward-meetings')
  @RecordOnCase('Record a request for a SEND way-forward meeting (local step; pauses no clock)')
  wayForward(@Param('id', CaseId()) id: string, @Body() body: WayForwardRequestDto, @CurrentActor() actor: Actor) {
    return this.writes.recordAndShow(
      id,
      body,
      { type: 'way_forward.requested', meetingId: randomUUID(), requestedOn: body.requestedOn, ...(body.decisionId ? { decisionId: body.decisionId } : {}) },
      actor,
    );
  }

  @Post('way-forward-meetings/:meetingId/held')
  @RecordOnCase('Record that a way-forward meeting was held, and its outcome')
  wayForwardHeld(
    @Param('id', CaseId()) id: string,
    @Param('meetingId', IdOf('meeting')) meetingId: string,
    @Body() body: WayForwardHeldDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      { type: 'way_forward.held', meetingId, heldOn: body.heldOn, outcome: body.outcome, ...(body.notes?.trim() ? { notes: body.notes.trim() } : {}) },
      actor,
    );
  }
}
