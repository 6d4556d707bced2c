import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  LETTER_KINDS,
  type LetterKind,
  type LetterRequest,
  type RecommendationResponseEntry,
  type SendLetterRequest,
} from '@send/contracts';
import {
  RecordDecisionDto,
  RecordRecommendationResponseDto,
} from '../cases/dto/case.dto';
import { MAX_DB_INTEGER } from '../http/input-safety';
import { VersionedDto } from '../http/common.dto';

/** The decision to record with its notice: the decision request without its version (given once, beside it). */
export class DecisionEntryDto extends OmitType(RecordDecisionDto, [
  'expectedVersion',
  'dryRun',
] as const) {}

/** The response to a recommendation to record with its letter: the response request without its version, and which recommendation it answers. */
export class RecommendationResponseEntryDto
  extends OmitType(RecordRecommendationResponseDto, [
    'expectedVersion',
    'dryRun',
  ] as const)
  implements RecommendationResponseEntry
{
  @ApiProperty({
    format: 'uuid',
    description: 'The recommendation answered (as in the path of its route)',
  })
  @IsUUID('all', {
    message:
      'recommendationId must be the id of a recommendation of the Tribunal on this case',
  })
  recommendationId!: string;
}

export class LetterRequestDto implements LetterRequest {
  @ApiProperty({ enum: LETTER_KINDS, example: 'decision_notice' })
  @IsIn(LETTER_KINDS, {
    message: `Choose which letter to make: one of ${LETTER_KINDS.join(', ')}.`,
  })
  kind!: LetterKind;

  @ApiProperty({
    description:
      'The case version your letter is based on (409 if the case has moved on)',
    example: 3,
  })
  @Max(MAX_DB_INTEGER, {
    message:
      'expectedVersion must be the version of the case you are looking at',
  })
  @Min(1)
  @IsInt({
    message:
      'expectedVersion must be a whole number: the version of the case you are looking at',
  })
  expectedVersion!: number;

  @ApiPropertyOptional({
    description:
      'The decision to record with its notice (issue = record): as for POST /cases/:id/decisions',
    type: DecisionEntryDto,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DecisionEntryDto)
  decision?: DecisionEntryDto;

  @ApiPropertyOptional({
    description:
      'The response to a Tribunal recommendation to record with its letter (issue = record): as for POST /cases/:id/recommendations/:recommendationId/response, with recommendationId',
    type: RecommendationResponseEntryDto,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecommendationResponseEntryDto)
  recommendationResponse?: RecommendationResponseEntryDto;

  @ApiPropertyOptional({
    description:
      'The number of an entry recorded earlier in the case history, for which the letter is made',
    example: 3,
  })
  @IsOptional()
  @Max(MAX_DB_INTEGER, {
    message: 'Give the number of the entry in the case history.',
  })
  @Min(1, { message: 'Give the number of the entry in the case history.' })
  @IsInt({ message: 'Give the number of the entry in the case history.' })
  eventSequence?: number;
}

export class SendLetterDto extends VersionedDto implements SendLetterRequest {
  @ApiProperty({ enum: ['email', 'post'] })
  @IsIn(['email', 'post'], {
    message: 'Say how the letter was sent: by email or by post.',
  })
  how!: 'email' | 'post';

  @ApiPropertyOptional({ example: 'parent@example.org' })
  @ValidateIf((o: SendLetterDto) => o.how === 'email')
  @IsEmail({}, { message: 'Give the email address to send the letter to.' })
  email?: string;
}
