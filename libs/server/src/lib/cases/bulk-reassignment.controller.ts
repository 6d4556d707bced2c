import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { BulkReassignResult, ReassignmentPreview } from '@send/contracts';
import { LogsAccess } from '../audit/access-log';
import { schemaRef } from '../http/endpoints';
import { type Actor, AllowRoles, CurrentActor } from '../identity/actor';
import {
  BulkReassignDto,
  PreviewReassignmentQueryDto,
} from './bulk-reassignment.dto';
import { BulkReassignmentService } from './bulk-reassignment.service';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: schemaRef('Problem') } },
});

/** A caseworker leaves: their cases and open deadlines move to others of the team (managers only, their own team). */
@ApiTags('cases')
@Controller('reassignments')
export class BulkReassignmentController {
  constructor(private readonly reassignments: BulkReassignmentService) {}

  @Get('preview')
  @AllowRoles('manager')
  @LogsAccess({
    action: 'reassignment.preview',
    purpose: 'bulk reassignment',
  })
  @ApiOperation({
    summary:
      "A caseworker's cases in your team, each with its open deadlines, and who can take them (managers)",
  })
  @ApiOkResponse({
    description: 'The preview',
    schema: schemaRef('ReassignmentPreview'),
  })
  @ApiBadRequestResponse(problem('No caseworker chosen'))
  @ApiForbiddenResponse(problem('Not a manager, or not your team'))
  @ApiNotFoundResponse(problem('No such member of staff'))
  preview(
    @Query() query: PreviewReassignmentQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReassignmentPreview> {
    return this.reassignments.preview(actor, query.fromStaffUserId);
  }

  @Post()
  @AllowRoles('manager')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      "Move a caseworker's cases (and their open deadlines) to one or several others of your team, with a reason, in one go: each a case.reassigned event; if one case cannot move, none does (managers)",
  })
  @ApiCreatedResponse({
    description: 'What moved, and where',
    schema: schemaRef('BulkReassignResult'),
  })
  @ApiBadRequestResponse(
    problem(
      'Invalid request, or a case is not the leaver’s any more: nothing was moved',
    ),
  )
  @ApiForbiddenResponse(problem('Not a manager, or not your team'))
  @ApiNotFoundResponse(problem('No such case or member of staff in your team'))
  move(
    @Body() body: BulkReassignDto,
    @CurrentActor() actor: Actor,
  ): Promise<BulkReassignResult> {
    return this.reassignments.move(actor, body);
  }
}
