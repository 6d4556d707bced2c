import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPEAL_OUTCOMES,
  type AppealOutcome,
  APPELLANTS,
  type Appellant,
  DECISION_TYPES,
  type DecisionType,
  type LetterChecklist,
  type NewRecommendation,
  type OpenCaseRequest,
  ORDER_TYPES,
  type OrderType,
  PLAN_SECTIONS,
  type PlanSection,
  RECOMMENDATION_SECTIONS,
  type RecommendationSection,
  type RecordRecommendationResponseRequest,
  RESPONSE_OUTCOMES,
  type ResponseOutcome,
  RESPONSIBLE_BODIES,
  type ResponsibleBody,
} from '@send/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { LONG_TEXT, oneOf, RequiredText, SHORT_TEXT, VersionedDto } from '../../http/common.dto';
import { IsCalendarDate } from '../../http/validation';

export class OpenCaseDto implements OpenCaseRequest {
  @ApiProperty({ description: "The council's reference for the child's case", example: 'RUT-2026-0042' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$/, {
    message: 'reference must be 1 to 40 letters, digits, /, _, . or -, starting with a letter or digit',
  })
  @IsString()
  reference!: string;

  @ApiProperty({ example: 'Alex Example' })
  @RequiredText(SHORT_TEXT)
  childName!: string;

  @ApiProperty({ example: '2014-03-09' })
  @IsCalendarDate()
  dateOfBirth!: string;
}

export class SearchCasesDto {
  /** Part of the council reference or of the child's name (at least 2 characters). */
  @ApiPropertyOptional({ example: 'Khan', minLength: 2, maxLength: SHORT_TEXT })
  @IsOptional()
  @MaxLength(SHORT_TEXT)
  @MinLength(2, { message: 'text must be at least 2 characters: part of a reference or a name' })
  @IsString()
  text?: string;

  @ApiPropertyOptional({ example: '2014-05-17' })
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200, example: 20 })
  @IsOptional()
  @Max(200)
  @Min(1)
  @IsInt()
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, example: 0 })
  @IsOptional()
  @Min(0)
  @IsInt()
  offset?: number;
}

export class AddContactDto extends VersionedDto {
  @ApiProperty({ example: 'Sara Khan' })
  @RequiredText(SHORT_TEXT)
  name!: string;

  /** How they relate to the child or young person. */
  @ApiProperty({ example: 'Mother' })
  @RequiredText(SHORT_TEXT)
  relationship!: string;

  @ApiPropertyOptional({ example: 'sara.khan@example.org' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @ApiPropertyOptional({ example: '01572 000000' })
  @IsOptional()
  @Matches(/^[0-9 +()-]{6,20}$/, { message: 'phone must be a telephone number' })
  phone?: string;
}

export class ReassignCaseDto extends VersionedDto {
  @ApiProperty({ description: 'The id of the caseworker (or manager) who will own the case', format: 'uuid', example: '6f1c2a4e-8b1d-4c3e-9a7f-2d5b8e0c1a93' })
  @IsUUID('all', { message: 'staffUserId must be the id of a member of staff' })
  staffUserId!: string;

  @ApiProperty({ example: 'Long-term sickness of the previous caseworker' })
  @RequiredText()
  reason!: string;
}

export class LetterChecklistDto implements LetterChecklist {
  /** The letter gave the mediation adviser's details and the time limit to contact them (reg 32). */
  @IsBoolean() mediationInformation!: boolean;
  /** The letter explained the right to appeal to the Tribunal. */
  @IsBoolean() appealRights!: boolean;
  /** The letter gave the time limits for appealing. */
  @IsBoolean() timeLimits!: boolean;
  /** The letter gave information about disagreement resolution services. */
  @IsBoolean() disagreementResolution!: boolean;
}

export class RecordDecisionDto extends VersionedDto {
  @ApiProperty({ enum: DECISION_TYPES, example: 'final_plan_content' })
  @IsIn(DECISION_TYPES, oneOf(DECISION_TYPES))
  type!: DecisionType;

  @ApiProperty({ example: '2026-09-28' })
  @IsCalendarDate()
  decisionDate!: string;

  @ApiProperty({ description: 'The date the decision letter was sent to the family', example: '2026-10-01' })
  @IsCalendarDate()
  letterSent!: string;

  @ApiPropertyOptional({ enum: PLAN_SECTIONS, isArray: true, example: ['F', 'I'] })
  @IsOptional()
  @IsIn(PLAN_SECTIONS, { each: true, message: `each of sections must be one of: ${PLAN_SECTIONS.join(', ')}` })
  @IsArray()
  sections?: PlanSection[];

  /** What the decision letter carried. */
  @IsOptional()
  @ValidateNested()
  @Type(() => LetterChecklistDto)
  letterChecklist?: LetterChecklistDto;

  @ApiPropertyOptional({ description: 'Why the decision was made', maxLength: LONG_TEXT, example: 'The evidence shows the needs can be met from the school’s own resources.' })
  @IsOptional()
  @MaxLength(LONG_TEXT)
  @IsString()
  rationale?: string;
}

export class CorrectDecisionDto extends VersionedDto {
  @ApiProperty({ example: '2026-09-28' })
  @IsCalendarDate()
  decisionDate!: string;

  @ApiProperty({ example: '2026-10-01' })
  @IsCalendarDate()
  letterSent!: string;

  /** Why the recorded dates were wrong. */
  @ApiProperty({ example: 'The letter was posted on 1 October, not 30 September as first recorded.' })
  @RequiredText()
  reason!: string;
}

export class CorrectEventDto extends VersionedDto {
  @ApiProperty({
    description:
      'The fields of the event as they should have been recorded, by name (as in the event payload of the history). ' +
      '`null` removes an optional field. Ids, the system\'s own events, extensions and documents cannot be corrected.',
    example: { appealReceivedOn: '2026-05-04' },
    type: 'object',
    additionalProperties: true,
  })
  @IsObject({ message: 'changes must be an object of field names and their right values, e.g. { "appealReceivedOn": "2026-05-04" }' })
  changes!: Record<string, unknown>;

  /** Why the recorded facts were wrong. */
  @ApiProperty({ example: 'The Tribunal’s letter shows the appeal reached the council on Monday 4 May, not Sunday 3 May.' })
  @RequiredText()
  reason!: string;
}

export class LodgeAppealDto extends VersionedDto {
  @ApiProperty({ format: 'uuid', example: '6f1c2a4e-8b1d-4c3e-9a7f-2d5b8e0c1a93' })
  @IsUUID('all', { message: 'decisionId must be the id of a decision on this case' })
  decisionId!: string;

  @ApiProperty({ example: 'EH857/26/00123' })
  @Matches(/^[A-Z]{2}\d{3}\/\d{2}\/\d{5}$/, { message: 'tribunalReference must look like EH857/26/00123' })
  @IsString()
  tribunalReference!: string;

  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  lodgedOn!: string;

  @ApiPropertyOptional({ enum: APPELLANTS, example: 'parent' })
  @IsOptional()
  @IsIn(APPELLANTS, oneOf(APPELLANTS))
  appellant?: Appellant;

  /** The sections of the plan the appeal is about. */
  @ApiPropertyOptional({ enum: PLAN_SECTIONS, isArray: true, example: ['B', 'F', 'I'] })
  @IsOptional()
  @IsIn(PLAN_SECTIONS, { each: true, message: `each of sections must be one of: ${PLAN_SECTIONS.join(', ')}` })
  @IsArray()
  sections?: PlanSection[];

  /** Whether the appeal asks for health and social care recommendations. */
  @IsOptional()
  @IsBoolean()
  healthAndSocialCareSought?: boolean;
}

export class NewRecommendationDto implements NewRecommendation {
  @ApiProperty({ enum: RECOMMENDATION_SECTIONS, example: 'G' })
  @IsIn(RECOMMENDATION_SECTIONS, oneOf(RECOMMENDATION_SECTIONS))
  section!: RecommendationSection;

  @ApiProperty({ enum: RESPONSIBLE_BODIES, example: 'icb' })
  @IsIn(RESPONSIBLE_BODIES, oneOf(RESPONSIBLE_BODIES))
  responsibleBody!: ResponsibleBody;

  @ApiProperty({ example: 'Speech and language therapy, one session a week, delivered in school.' })
  @RequiredText()
  text!: string;
}

export class NewOrderDto {
  @ApiProperty({ enum: ORDER_TYPES, example: 'amend_plan' })
  @IsIn(ORDER_TYPES, oneOf(ORDER_TYPES))
  orderType!: OrderType;

  /** What the order says, e.g. the amendments to sections B, F and I, or the school to be named. */
  @ApiPropertyOptional({ example: 'Amend section F to specify 25 hours of 1:1 support.' })
  @IsOptional()
  @MaxLength(LONG_TEXT)
  @IsString()
  details?: string;

  @ApiPropertyOptional({
    description:
      'Consent orders only: shorter periods agreed for some of the order’s duties, by rule id, e.g. { "order.make_plan.final": "2026-04-20" }. Each must be no later than the statutory date.',
    type: 'object',
    additionalProperties: { type: 'string', format: 'date' },
    example: { 'order.make_plan.final': '2026-04-20' },
  })
  @IsOptional()
  @IsObject({ message: 'agreedDueDates must be an object of rule ids and dates, e.g. { "order.make_plan.final": "2026-04-20" }' })
  agreedDueDates?: Record<string, string>;
}

export class RecordAppealOutcomeDto extends VersionedDto {
  @ApiProperty({ enum: APPEAL_OUTCOMES, example: 'decided_allowed' })
  @IsIn(APPEAL_OUTCOMES, oneOf(APPEAL_OUTCOMES))
  outcome!: AppealOutcome;

  @ApiProperty({ description: "The date of the Tribunal's decision or order (for a concession: the date the appeal ended)", example: '2026-10-05' })
  @IsCalendarDate()
  decisionDate!: string;

  /** The date the order was sent to the parties (recorded; the clock runs from the order date). */
  @ApiPropertyOptional({ example: '2026-10-06' })
  @IsOptional()
  @IsCalendarDate()
  orderSentOn?: string;

  /** For a concession before the response (reg 45): the date the council told the Tribunal it would not oppose. */
  @ApiPropertyOptional({ example: '2026-09-14' })
  @IsOptional()
  @IsCalendarDate()
  laNotifiedTribunalOn?: string;

  @ApiPropertyOptional({ type: [NewOrderDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => NewOrderDto)
  @ArrayMaxSize(10)
  @IsArray()
  orders?: NewOrderDto[];

  @ApiPropertyOptional({ type: [NewRecommendationDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => NewRecommendationDto)
  @ArrayMaxSize(20)
  @IsArray()
  recommendations?: NewRecommendationDto[];
}

export class RecordRecommendationResponseDto extends VersionedDto implements RecordRecommendationResponseRequest {
  @ApiProperty({ enum: RESPONSE_OUTCOMES, example: 'partly_followed' })
  @IsIn(RESPONSE_OUTCOMES, oneOf(RESPONSE_OUTCOMES))
  outcome!: ResponseOutcome;

  @ApiPropertyOptional({ description: 'Required unless the recommendation is followed in full', maxLength: LONG_TEXT, example: 'The therapy recommended is already provided by the school nursing service.' })
  @IsOptional()
  @MaxLength(LONG_TEXT)
  @IsString()
  reasons?: string;

  @ApiProperty({ example: '2026-11-02' })
  @IsCalendarDate()
  sentOn!: string;

  @ApiProperty({ example: ['Parent or young person', 'Council SEND team'] })
  @IsNotEmpty({ each: true })
  @MaxLength(SHORT_TEXT, { each: true })
  @IsString({ each: true })
  @ArrayMaxSize(10)
  @ArrayMinSize(1, { message: 'sentTo must name at least one recipient' })
  @IsArray()
  sentTo!: string[];
}
