import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Req,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { ExportJobView } from '@send/contracts';
import { reasonOf } from '../audit/access-log.service';
import { type Actor, AllowRoles, CurrentActor } from '../identity/actor';
import { ReadRateLimit } from '../auth/sign-in.throttler';
import type { SignedInRequest } from '../auth/session.guard';
import { LogsAccess, LogsRefusedAccess } from '../audit/access-log';
import { arrayOf, IdOf, schemaRef } from '../http/endpoints';
import { StartExportDto } from './export.dto';
import { ExportService } from './export.service';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: schemaRef('Problem') } },
});
const EXPORT_ID = () => IdOf('export');

/** Auditors' exports of case histories, made in the background by the worker. */
@ApiTags('exports')
@Controller('exports')
@AllowRoles('auditor')
@ApiUnauthorizedResponse(problem('Not signed in, or the session has ended'))
@ApiForbiddenResponse(problem('Only auditors export histories'))
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ReadRateLimit()
  @LogsAccess({ action: 'history.export.requested', purpose: 'history export' })
  @ApiOperation({
    summary:
      "Start an export of a case's complete history, or of every case's events in a period, as CSV, JSON or PDF",
    description:
      'Answers 202 at once with the export (`id`, `status: queued`); the worker makes the file in the background. Follow it with ' +
      'GET /api/exports/{exportId} and download it from GET /api/exports/{exportId}/file when `status` is `done`.',
  })
  @ApiAcceptedResponse({
    description: 'The export, queued',
    schema: schemaRef('ExportJobView'),
  })
  @ApiBadRequestResponse(
    problem(
      'Invalid request, or no case with that reference: `errors` names the field',
    ),
  )
  start(
    @Body() body: StartExportDto,
    @CurrentActor() actor: Actor,
  ): Promise<ExportJobView> {
    return this.exports.start(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'Your 20 most recent exports, newest first' })
  @ApiOkResponse({ description: 'OK', schema: arrayOf('ExportJobView') })
  list(@CurrentActor() actor: Actor): Promise<ExportJobView[]> {
    return this.exports.list(actor);
  }

  @Get(':exportId')
  @ApiOperation({ summary: 'One of your exports: its status and progress' })
  @ApiOkResponse({ description: 'OK', schema: schemaRef('ExportJobView') })
  @ApiNotFoundResponse(problem('You have no export with this id'))
  get(
    @Param('exportId', EXPORT_ID()) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<ExportJobView> {
    return this.exports.get(actor, id);
  }

  @Get(':exportId/file')
  @ReadRateLimit()
  @LogsRefusedAccess({
    action: 'history.export.download',
    purpose: 'history export',
  })
  @ApiOperation({
    summary:
      "Download a finished export's file (only the auditor who asked for it; written to the access log)",
  })
  @ApiProduces('text/csv', 'application/json', 'application/pdf')
  @ApiOkResponse({
    description: 'The file',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiNotFoundResponse(problem('You have no export with this id'))
  @ApiConflictResponse(problem('The export is not finished yet, or it failed'))
  @ApiGoneResponse(problem('The export has expired: its file was deleted'))
  async file(
    @Param('exportId', EXPORT_ID()) id: string,
    @CurrentActor() actor: Actor,
    @Req() request: SignedInRequest & { id?: unknown },
  ): Promise<StreamableFile> {
    const { stream, type, name } = await this.exports.file(actor, id, {
      ip: request.ip ?? null,
      requestId: request.id === undefined ? null : String(request.id),
      reason: reasonOf(request),
    });
    return new StreamableFile(stream, {
      type,
      disposition: `attachment; filename="${name}"`,
    });
  }
}
