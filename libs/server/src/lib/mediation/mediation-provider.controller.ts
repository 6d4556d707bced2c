import { Body, Controller, Get, Param, Patch, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type MediationProvider, ROLES } from '@send/contracts';
import type { Request } from 'express';
import { type Actor, AllowRoles, CurrentActor } from '../identity/actor';
import { arrayOf, IdOf, schemaRef } from '../http/endpoints';
import { NewProviderDto, UpdateProviderDto } from './mediation-provider.dto';
import { MediationProviderService } from './mediation-provider.service';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: schemaRef('Problem') } },
});

@ApiTags('mediation providers')
@Controller('mediation-providers')
export class MediationProviderController {
  constructor(private readonly providers: MediationProviderService) {}

  @Get()
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary:
      'Mediation providers by name: the active ones (administrators: every one, with whether it is active)',
  })
  @ApiOkResponse({
    description: 'Mediation providers',
    schema: arrayOf('MediationProvider'),
  })
  list(@CurrentActor() actor: Actor): Promise<MediationProvider[]> {
    return this.providers.list(actor.role === 'administrator');
  }

  @Post()
  @AllowRoles('administrator')
  @ApiOperation({ summary: 'Add a mediation provider (administrators)' })
  @ApiCreatedResponse({
    description: 'The provider added',
    schema: schemaRef('MediationProvider'),
  })
  @ApiBadRequestResponse(problem('Invalid request: `errors` names each field'))
  @ApiConflictResponse(problem('A provider of that name exists'))
  add(
    @Body() body: NewProviderDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ): Promise<MediationProvider> {
    return this.providers.add(body, actor, request);
  }

  @Patch(':providerId')
  @AllowRoles('administrator')
  @ApiOperation({
    summary:
      'Change a mediation provider, deactivate it (`active: false`: no longer offered for a new mediation) or activate it again (administrators)',
  })
  @ApiOkResponse({
    description: 'The provider after the change',
    schema: schemaRef('MediationProvider'),
  })
  @ApiBadRequestResponse(problem('Invalid request, or nothing to change'))
  @ApiNotFoundResponse(problem('No such provider'))
  @ApiConflictResponse(problem('A provider of that name exists'))
  change(
    @Param('providerId', IdOf('mediation provider')) providerId: string,
    @Body() body: UpdateProviderDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ): Promise<MediationProvider> {
    return this.providers.change(providerId, body, actor, request);
  }
}
