import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { LETTER_KINDS, type LetterKind } from '@send/contracts';
import type { Request } from 'express';
import { BadRequestException } from '@nestjs/common';
import { AllowRoles } from '../identity/actor';
import { type Actor, CurrentActor } from '../identity/actor';
import { IdOf, problem } from '../http/endpoints';

const NO_TEMPLATE = ApiNotFoundResponse(
  problem('No such letter template', 404, 'There is no such letter template.'),
);
import { MAX_DOCUMENT_BYTES } from '../documents/document.service';
import { LetterTemplateAdmin } from './letter-template-admin.service';

function kindOf(kind: string): LetterKind {
  if (!(LETTER_KINDS as readonly string[]).includes(kind))
    throw new BadRequestException(
      `There is no letter of that kind: the kinds are ${LETTER_KINDS.join(', ')}.`,
    );
  return kind as LetterKind;
}

@ApiTags('letters')
@Controller('letter-templates')
export class LetterTemplatesController {
  constructor(private readonly admin: LetterTemplateAdmin) {}

  @Get()
  @AllowRoles('administrator')
  @ApiOperation({
    summary: 'The councilʼs letter templates, every version (administrators)',
  })
  list() {
    return this.admin.list();
  }

  @Post(':kind')
  @NO_TEMPLATE
  @AllowRoles('administrator')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'Upload a .docx template for a letter kind: a new version, previewed against the demo case, not yet used; recorded in the security log (administrators)',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @UseInterceptors(
    FileInterceptor('file', {
      limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 1 },
      defParamCharset: 'utf8',
    }),
  )
  upload(
    @Param('kind') kind: string,
    @UploadedFile()
    file: { originalname: string; buffer: Buffer; size: number } | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ) {
    return this.admin.upload(kindOf(kind), file, actor, request);
  }

  @Post('versions/:templateId/preview')
  @NO_TEMPLATE
  @AllowRoles('administrator')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'A template version filled with the demo case, and the parts the law requires that it lacks (administrators)',
  })
  preview(@Param('templateId', IdOf('letter template')) id: string) {
    return this.admin.preview(id);
  }

  @Post('versions/:templateId/publish')
  @NO_TEMPLATE
  @AllowRoles('administrator')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Publish a template version: letters are made from it from now on; letters made before keep theirs; recorded in the security log (administrators)',
  })
  publish(
    @Param('templateId', IdOf('letter template')) id: string,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ) {
    return this.admin.publish(id, actor, request);
  }
}
