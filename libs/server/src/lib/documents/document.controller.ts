import { Body, Controller, Get, Param, ParseIntPipe, Post, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { CaseDetail } from '@send/contracts';
import { type Actor, CurrentActor } from '../auth/actor';
import { CaseQueryService } from '../cases/case-query.service';
import { Type } from 'class-transformer';
import { VersionedDto } from '../http/common.dto';
import { CaseId, IdOf, ReadCases, RecordOnCase } from '../http/endpoints';
import { DocumentService, MAX_DOCUMENT_BYTES, type UploadedDocument } from './document.service';

/** Multipart fields arrive as text: the version is converted before it is checked. */
class DocumentUploadDto extends VersionedDto {
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
  @RecordOnCase('Attach a document (decision letter, certificate, Tribunal decision, response letter) to a history event', {
    description: 'PDF, office documents or scanned images up to 10 MB; the type is checked from the content (415 otherwise).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'expectedVersion'],
      properties: { file: { type: 'string', format: 'binary' }, expectedVersion: { type: 'integer', example: 4 } },
    },
  })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5 } }))
  async attach(
    @Param('id', CaseId()) id: string,
    @Param('sequence', ParseIntPipe) sequence: number,
    @Body() body: DocumentUploadDto,
    @UploadedFile() file: UploadedDocument | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    await this.documents.attach(id, sequence, body.expectedVersion, file, actor);
    return this.queries.detail(id);
  }

  @Get('documents/:documentId')
  @ReadCases('Download a document', { type: 'string', format: 'binary' }, { action: 'document.read', purpose: 'case work' })
  @ApiProduces('application/octet-stream')
  async download(@Param('id', CaseId()) id: string, @Param('documentId', IdOf('document')) documentId: string): Promise<StreamableFile> {
    const d = await this.documents.content(id, documentId);
    return new StreamableFile(d.content, {
      type: d.contentType,
      disposition: `attachment; filename="${d.filename}"`,
      length: d.content.length,
    });
  }
}
