import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Req,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import contentDisposition from 'content-disposition';
import type { Request } from 'express';
import type { CaseDetail, DocumentUploadRequest } from '@send/contracts';
import { type Actor, CurrentActor } from '../identity/actor';
import { CaseQueryService } from '../cases/case-query.service';
import { rolledBackOnFailure, showSaved } from '../http/write-outcome';
import { Type } from 'class-transformer';
import { VersionedDto } from '../http/common.dto';
import { ParseDbIntPipe } from '../http/input-safety.pipes';
import { CaseId, IdOf, schemaRef } from '../http/endpoints';
import { ReadCases, RecordOnCase } from '../auth/case-routes';
import {
  DocumentService,
  MAX_DOCUMENT_BYTES,
  type UploadedDocument,
} from './document.service';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: schemaRef('Problem') } },
});

/** Multipart fields arrive as text: the version is converted before it is checked. */
class DocumentUploadDto extends VersionedDto implements DocumentUploadRequest {
  @Type(() => Number)
  declare expectedVersion: number;
}

@ApiTags('documents')
@Controller('cases/:id')
export class DocumentController {
  constructor(
    private readonly documents: DocumentService,
    private readonly queries: CaseQueryService,
  ) {}

  @Post('events/:sequence/documents')
  @RecordOnCase(
    'Attach a document (decision letter, certificate, Tribunal decision, response letter) to a history event',
    {
      description:
        'PDF, office documents or scanned images up to 10 MB; the type is checked from the content (415 otherwise), an office document ' +
        'may unpack to 100 MB at most, and the council’s malware scanner checks it when one is set up. It is stored under the name ' +
        'sent (RFC 6266 `filename*` or UTF-8 `filename`) with the extension of the type found.',
    },
  )
  @ApiPayloadTooLargeResponse(problem('The file is over 10 MB'))
  @ApiUnsupportedMediaTypeResponse(
    problem(
      'Not a type the service accepts, a damaged office document, or one that unpacks to more than 100 MB',
    ),
  )
  @ApiUnprocessableEntityResponse(
    problem(
      'The malware scanner found something in the file: nothing was saved',
    ),
  )
  @ApiServiceUnavailableResponse(
    problem('The malware scanner did not answer: nothing was saved'),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'expectedVersion'],
      properties: {
        file: { type: 'string', format: 'binary' },
        expectedVersion: { type: 'integer', example: 4 },
      },
    },
  })
  // A name sent as raw UTF-8 (as browsers do) is read as UTF-8, not Latin-1; `filename*` (RFC 5987) as it says.
  @UseInterceptors(
    FileInterceptor('file', {
      limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5 },
      defParamCharset: 'utf8',
    }),
  )
  async attach(
    @Param('id', CaseId()) id: string,
    @Param(
      'sequence',
      new ParseDbIntPipe(
        'sequence',
        1,
        undefined,
        'the number of an event in the case history',
      ),
    )
    sequence: number,
    @Body() body: DocumentUploadDto,
    @UploadedFile() file: UploadedDocument | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ): Promise<CaseDetail> {
    const saved = await rolledBackOnFailure(() =>
      this.documents.attach(
        id,
        sequence,
        body.expectedVersion,
        file,
        actor,
        request,
      ),
    );
    return showSaved(saved, () => this.queries.detail(id));
  }

  @Get('documents/:documentId')
  @ReadCases(
    'Download a document',
    { type: 'string', format: 'binary' },
    { action: 'document.read', purpose: 'case work' },
  )
  @ApiProduces('application/octet-stream')
  async download(
    @Param('id', CaseId()) id: string,
    @Param('documentId', IdOf('document')) documentId: string,
  ): Promise<StreamableFile> {
    const d = await this.documents.content(id, documentId);
    // RFC 6266: a Latin-1 `filename` for old clients and the exact name as UTF-8 in `filename*` (RFC 5987).
    return new StreamableFile(d.content, {
      type: d.contentType,
      disposition: contentDisposition(d.filename),
      length: d.content.length,
    });
  }
}
