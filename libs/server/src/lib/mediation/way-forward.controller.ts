import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { RecordOnCase } from '../auth/case-routes';
import { CaseWriteService } from '../cases/case-write.service';
import { CaseId, IdOf } from '../http/endpoints';
import { type Actor, CurrentActor } from '../identity/actor';
import { WayForwardHeldDto, WayForwardRequestDto } from './mediation.dto';

/**
 * SEND way-forward meetings (a local step before mediation; pauses no clock). Listed in OpenAPI with
 * the decisions, as they were when DecisionController served them.
 */
@ApiTags('decisions')
@Controller('cases/:id')
export class WayForwardController {
  constructor(private readonly writes: CaseWriteService) {}

  @Post('way-forward-meetings')
  @RecordOnCase(
    'Record a request for a SEND way-forward meeting (local step; pauses no clock)',
  )
  wayForward(
    @Param('id', CaseId()) id: string,
    @Body() body: WayForwardRequestDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'way_forward.requested',
        meetingId: randomUUID(),
        requestedOn: body.requestedOn,
        ...(body.decisionId ? { decisionId: body.decisionId } : {}),
      },
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
      {
        type: 'way_forward.held',
        meetingId,
        heldOn: body.heldOn,
        outcome: body.outcome,
        ...(body.notes?.trim() ? { notes: body.notes.trim() } : {}),
      },
      actor,
    );
  }
}
