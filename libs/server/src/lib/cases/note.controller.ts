import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CaseDetail } from '@send/contracts';
import { randomUUID } from 'node:crypto';
import { RecordOnCase } from '../auth/case-routes';
import { CaseId } from '../http/endpoints';
import { type Actor, CurrentActor } from '../identity/actor';
import { CaseWriteService } from './case-write.service';
import { RecordNoteDto } from './dto/note.dto';

/** Case notes: phone calls, emails, meetings and letters, dated, in the case's history. */
@ApiTags('cases')
@Controller('cases')
export class NoteController {
  constructor(private readonly writes: CaseWriteService) {}

  @Post(':id/notes')
  @RecordOnCase(
    'Record a note of a phone call, email, meeting or letter on the case',
    {
      description:
        'A dated note in the case’s history (`note.recorded`): it changes nothing on the case and opens no deadline, so it does not move the case version.',
    },
  )
  record(
    @Param('id', CaseId()) id: string,
    @Body() body: RecordNoteDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetail> {
    return this.writes.recordAndShow(
      id,
      body,
      {
        type: 'note.recorded',
        noteId: randomUUID(),
        kind: body.kind,
        notedOn: body.notedOn,
        text: body.text.trim(),
      },
      actor,
    );
  }
}
