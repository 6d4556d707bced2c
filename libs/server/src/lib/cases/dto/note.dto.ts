import { ApiProperty } from '@nestjs/swagger';
import {
  NOTE_KINDS,
  type NoteKind,
  type RecordNoteRequest,
} from '@send/contracts';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { LONG_TEXT, VersionedDto } from '../../http/common.dto';
import { IsCalendarDate } from '../../http/validation';

/** A case note: what kind of contact, when, and what was said or agreed. */
export class RecordNoteDto extends VersionedDto implements RecordNoteRequest {
  @ApiProperty({ enum: NOTE_KINDS, example: 'phone_call' })
  @IsIn(NOTE_KINDS, {
    message:
      'Select whether the note is of a phone call, an email, a meeting, a letter or something else',
  })
  kind!: NoteKind;

  @ApiProperty({
    description: 'When the call, email or meeting happened (not in the future)',
    example: '2026-11-30',
  })
  @IsCalendarDate({
    message:
      'Enter the date of the note as a real date written YYYY-MM-DD, for example 2026-11-30',
  })
  notedOn!: string;

  @ApiProperty({
    example: 'Mother phoned: the school has agreed to a meeting on 9 December.',
    maxLength: LONG_TEXT,
  })
  @MaxLength(LONG_TEXT, {
    message: `The note must be ${LONG_TEXT.toLocaleString('en-GB')} characters or fewer`,
  })
  @Matches(/\S/, { message: 'Enter the note' })
  @IsString({ message: 'Enter the note' })
  text!: string;
}
