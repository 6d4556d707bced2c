import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
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
  type AppealOutcomeEntry,
  type LetterRequest,
  type MediationArrangedEntry,
  type OrderComplianceEntry,
  type RecommendationResponseEntry,
  type SendLetterRequest,
} from '@send/contracts';
import { OrderComplianceDto } from '../appeals/appeal.dto';
import {
  RecordAppealOutcomeDto,
  RecordDecisionDto,
  RecordRecommendationResponseDto,
} from '../cases/dto/case.dto';
import { MediationArrangedDto } from '../mediation/mediation.dto';
import { MAX_DB_INTEGER } from '../http/input-safety';
import { VersionedDto } from '../http/common.dto';

/** The decision to record with its notice: the decision request without its version (given once, beside it). */
export class DecisionEntryDto extends OmitType(RecordDecisionDto, [
  'expectedVersion',
  'dryRun',
] as const) {}

/** The id of what an entry is about, as in the path of its route (`what`: "a recommendation of the Tribunal"). */
const EntryOf = (what: string, route: string) =>
  applyDecorators(
    ApiProperty({
      format: 'uuid',
      description: `The id of ${what} (as in the path of ${route})`,
    }),
    IsUUID('all', {
      message: (args) =>
        `${args.property} must be the id of ${what} on this case`,
    }),
  );

/** The response to a recommendation to record with its letter: the response request without its version, and which recommendation it answers. */
export class RecommendationResponseEntryDto
  extends OmitType(RecordRecommendationResponseDto, [
    'expectedVersion',
    'dryRun',
  ] as const)
  implements RecommendationResponseEntry
{
  @EntryOf(
    'a recommendation of the Tribunal',
    'POST /cases/:id/recommendations/:recommendationId/response',
  )
  recommendationId!: string;
}

/** How an appeal ended, to record with the notice of a concession (SEND Regs 2014 reg 45): the outcome request without its version, and which appeal. */
export class AppealOutcomeEntryDto
  extends OmitType(RecordAppealOutcomeDto, [
    'expectedVersion',
    'dryRun',
  ] as const)
  implements AppealOutcomeEntry
{
  @EntryOf('an appeal', 'POST /cases/:id/appeals/:appealId/outcome')
  appealId!: string;
}

/** Mediation arranged, to record with its letter (SEND Regs 2014 regs 36–37): the request without its version, and which mediation. */
export class MediationArrangedEntryDto
  extends OmitType(MediationArrangedDto, ['expectedVersion', 'dryRun'] as const)
  implements MediationArrangedEntry
{
  @EntryOf('a mediation', 'POST /cases/:id/mediations/:mediationId/arranged')
  mediationId!: string;
}

/** Compliance with one duty of an order, to record with its letter (SEND Regs 2014 reg 44; reg 45 for a concession's): the request without its version, and which order. */
export class OrderComplianceEntryDto
  extends OmitType(OrderComplianceDto, ['expectedVersion', 'dryRun'] as const)
  implements OrderComplianceEntry
{
  @EntryOf(
    'an order of the Tribunal (or a duty of a concession)',
    'POST /cases/:id/orders/:orderId/compliance',
  )
  orderId!: string;
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
      'How an appeal ended, to record with the notice of a concession (issue = record; outcome conceded_before_response only, SEND Regs 2014 reg 45): as for POST /cases/:id/appeals/:appealId/outcome, with appealId',
    type: AppealOutcomeEntryDto,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AppealOutcomeEntryDto)
  appealOutcome?: AppealOutcomeEntryDto;

  @ApiPropertyOptional({
    description:
      'Mediation arranged, to record with its letter (issue = record): as for POST /cases/:id/mediations/:mediationId/arranged, with mediationId',
    type: MediationArrangedEntryDto,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MediationArrangedEntryDto)
  mediationArranged?: MediationArrangedEntryDto;

  @ApiPropertyOptional({
    description:
      'Compliance with one duty of an order, to record with its letter (issue = record): as for POST /cases/:id/orders/:orderId/compliance, with orderId',
    type: OrderComplianceEntryDto,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrderComplianceEntryDto)
  orderCompliance?: OrderComplianceEntryDto;

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
