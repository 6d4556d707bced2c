import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Param,
  Post,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { CaseDetail, IssuedLetter, LetterPreview } from '@send/contracts';
import { AllowRoles, CASE_WRITERS, CaseScoped } from '../identity/actor';
import { type Actor, CurrentActor } from '../identity/actor';
import { CaseId, IdOf, problem } from '../http/endpoints';
import { RecordOnCase } from '../auth/case-routes';
import { LetterRequestDto, SendLetterDto } from './letters.dto';
import { LettersService } from './letters.service';
import { NO_PDF_MESSAGE } from './pdf-converter';

@ApiTags('letters')
@Controller('cases/:id/letters')
export class LettersController {
  constructor(private readonly letters: LettersService) {}

  @Post('preview')
  @AllowRoles(...CASE_WRITERS)
  @CaseScoped()
  @HttpCode(HttpStatus.OK)
  @ApiNotFoundResponse(
    problem(
      'No such case, or no such entry',
      404,
      'There is no case with id …',
    ),
  )
  @ApiConflictResponse(
    problem(
      'The case changed since the form was opened, or the entry cannot follow on this route',
      409,
      'This case has changed since you opened it …',
    ),
  )
  @ApiOperation({
    summary:
      'Preview a letter: its text, the deadlines the entry opens, and any part the law requires that its template lacks',
    description:
      'Exactly one of: an entry about to be recorded with its letter, `decision` (its notice), `recommendationResponse`, `appealOutcome` (a concession before the response only), `mediationArranged` or `orderCompliance` (every check of the write path runs and nothing is saved; `deadlines` are those the entry would open, `met` those it would meet); or `eventSequence`, the letter for an entry recorded earlier.',
  })
  preview(
    @Param('id', CaseId()) id: string,
    @Body() body: LetterRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<LetterPreview> {
    return this.letters.preview(id, body, actor);
  }

  @Post()
  @RecordOnCase(
    'Issue a letter: record its entry (or use one recorded earlier) and store the letter as DOCX and PDF',
    {
      description:
        "Issue = record: with `decision`, `recommendationResponse`, `appealOutcome` (a concession before the response), `mediationArranged` or `orderCompliance`, the entry, the DOCX and the PDF (each with its SHA-256 in the history) are saved in one transaction; the letter is dated the entry's date. With `eventSequence`, the letter is made for an entry recorded earlier. Exactly one of them (400 otherwise). A notice whose template lacks a part the law requires is refused (422, naming the part).",
    },
  )
  @ApiServiceUnavailableResponse({ description: NO_PDF_MESSAGE })
  issue(
    @Param('id', CaseId()) id: string,
    @Body() body: LetterRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<IssuedLetter> {
    return this.letters.issue(id, body, actor);
  }

  @Post(':letterId/sent')
  @RecordOnCase(
    'Send a letter by email (the PDF attached, through the configured mail server) or mark it sent by post',
    {
      description:
        'Recorded on the case as an event (`letter.sent`); by email, only once the mail server took the message.',
    },
  )
  sent(
    @Param('id', CaseId()) id: string,
    @Param('letterId', IdOf('letter')) letterId: string,
    @Body() body: SendLetterDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.letters.send(id, letterId, body, actor);
  }
}
