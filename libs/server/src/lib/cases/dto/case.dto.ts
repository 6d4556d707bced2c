import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_DB_INTEGER } from '../../http/input-safety';
import {
  type AddContactRequest,
  type AmendmentsProposedRequest,
  APPEAL_OUTCOMES,
  type AppealOutcome,
  type Appellant,
  APPELLANTS,
  type AssessmentAgreedRequest,
  type AssessmentRequestedRequest,
  type CorrectDecisionRequest,
  type CorrectEventRequest,
  DECISION_ANSWERS,
  DECISION_TYPES,
  type DecisionAnswer,
  type DecisionAnswerKind,
  type DecisionType,
  type DraftPlanCommentsRequest,
  type DraftPlanServedRequest,
  type LetterChecklist,
  type LodgeAppealRequest,
  type NewOrder,
  type NewRecommendation,
  type OpenCaseRequest,
  ORDER_TYPES,
  type OrderType,
  PHASE_TRANSFER_KINDS,
  type PhaseTransferKind,
  type PhaseTransferRequest,
  PLAN_SECTIONS,
  type PlanSection,
  type ReassignCaseRequest,
  RECOMMENDATION_SECTIONS,
  type RecommendationSection,
  type RecordAppealOutcomeRequest,
  type RecordDecisionRequest,
  type RecordRecommendationResponseRequest,
  RESPONSE_OUTCOMES,
  RESPONSE_RECIPIENTS,
  type ResponseOutcome,
  type ResponseRecipient,
  RESPONSIBLE_BODIES,
  type ResponsibleBody,
  type ReviewMeetingRequest,
  type SearchCasesRequest,
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
import {
  LONG_TEXT,
  oneOf,
  RequiredText,
  SHORT_TEXT,
  VersionedDto,
} from '../../http/common.dto';
import { IsCalendarDate } from '../../http/validation';

export class OpenCaseDto implements OpenCaseRequest {
  @ApiProperty({
    description: "The council's reference for the child's case",
    example: 'RUT-2026-0042',
  })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$/, {
    message:
      'reference must be 1 to 40 letters, digits, /, _, . or -, starting with a letter or digit',
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

export class SearchCasesDto implements SearchCasesRequest {
  /** Part of anything a case is found by: its reference, the child's name, a Tribunal reference, a parent's or contact's name, the school, the mediation provider or its reference (at least 2 characters). */
  @ApiPropertyOptional({ example: 'Khan', minLength: 2, maxLength: SHORT_TEXT })
  @IsOptional()
  @MaxLength(SHORT_TEXT)
  @MinLength(2, {
    message:
      'Enter at least 2 characters: part of a reference, a name, a Tribunal reference, a school, a mediation provider or its reference',
  })
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

  @ApiPropertyOptional({
    default: 0,
    minimum: 0,
    maximum: MAX_DB_INTEGER,
    example: 0,
  })
  @IsOptional()
  @Max(MAX_DB_INTEGER)
  @Min(0)
  @IsInt()
  offset?: number;
}

export class AddContactDto extends VersionedDto implements AddContactRequest {
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
  @Matches(/^[0-9 +()-]{6,20}$/, {
    message: 'phone must be a telephone number',
  })
  phone?: string;
}

export class ReassignCaseDto
  extends VersionedDto
  implements ReassignCaseRequest
{
  @ApiProperty({
    description: 'The id of the caseworker (or manager) who will own the case',
    format: 'uuid',
    example: '6f1c2a4e-8b1d-4c3e-9a7f-2d5b8e0c1a93',
  })
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

export class DecisionAnswerDto implements DecisionAnswer {
  @ApiProperty({ enum: DECISION_ANSWERS, example: 'assessment_request' })
  @IsIn(DECISION_ANSWERS, oneOf(DECISION_ANSWERS))
  kind!: DecisionAnswerKind;

  @ApiProperty({
    format: 'uuid',
    description: 'The id of the request, review or transfer on this case',
    example: '6f1c2a4e-8b1d-4c3e-9a7f-2d5b8e0c1a93',
  })
  @IsUUID('all', {
    message:
      'answers.id must be the id of a request for an assessment, a review or a phase transfer on this case',
  })
  id!: string;
}

export class RecordDecisionDto
  extends VersionedDto
  implements RecordDecisionRequest
{
  @ApiProperty({ enum: DECISION_TYPES, example: 'final_plan_content' })
  @IsIn(DECISION_TYPES, oneOf(DECISION_TYPES))
  type!: DecisionType;

  @ApiProperty({ example: '2026-09-28' })
  @IsCalendarDate()
  decisionDate!: string;

  @ApiProperty({
    description: 'The date the decision letter was sent to the family',
    example: '2026-10-01',
  })
  @IsCalendarDate()
  letterSent!: string;

  @ApiPropertyOptional({
    enum: PLAN_SECTIONS,
    isArray: true,
    example: ['F', 'I'],
  })
  @IsOptional()
  @IsIn(PLAN_SECTIONS, {
    each: true,
    message: `each of sections must be one of: ${PLAN_SECTIONS.join(', ')}`,
  })
  @IsArray()
  sections?: PlanSection[];

  /** What the decision letter carried. */
  @IsOptional()
  @ValidateNested()
  @Type(() => LetterChecklistDto)
  letterChecklist?: LetterChecklistDto;

  @ApiPropertyOptional({
    description: 'Why the decision was made',
    maxLength: LONG_TEXT,
    example:
      'The evidence shows the needs can be met from the school’s own resources.',
  })
  @IsOptional()
  @MaxLength(LONG_TEXT)
  @IsString()
  rationale?: string;

  /** What the decision answers, when the case records it: its own time limit is then met by this decision. */
  @ApiPropertyOptional({
    description:
      'What the decision answers: a request for an assessment (a refusal to assess meets the 6 weeks of reg 5(1); after an agreed assessment a refusal to issue a plan meets the 16 weeks of reg 10(1) and the final plan the 20 weeks of reg 13(2)), a review (reg 20(10), reg 22(3)) or a phase transfer (reg 18(1)).',
    type: DecisionAnswerDto,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DecisionAnswerDto)
  answers?: DecisionAnswerDto;

  /** A final or amended plan only: the school or other institution section I names (searchable). */
  @ApiPropertyOptional({
    description:
      'A final or amended plan only: the school or other institution named in section I (SEND Regs 2014 reg 12(1)(i)); the case can then be found by it',
    maxLength: SHORT_TEXT,
    example: 'Riverside Primary School',
  })
  @IsOptional()
  @IsString()
  @MaxLength(SHORT_TEXT)
  placement?: string;
}

export class AssessmentRequestDto
  extends VersionedDto
  implements AssessmentRequestedRequest
{
  /** The date the council received the request (the 6 weeks of reg 5(1) run from it). */
  @ApiProperty({ example: '2026-09-01' })
  @IsCalendarDate()
  receivedOn!: string;
}

export class AssessmentAgreedDto
  extends VersionedDto
  implements AssessmentAgreedRequest
{
  /** The date the council told the family it will carry out the assessment. */
  @ApiProperty({ example: '2026-10-06' })
  @IsCalendarDate()
  notifiedOn!: string;
}

export class DraftPlanServedDto
  extends VersionedDto
  implements DraftPlanServedRequest
{
  @ApiProperty({ example: '2026-12-01' })
  @IsCalendarDate()
  servedOn!: string;

  /** The request for an assessment the draft follows, when recorded. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', {
    message:
      'requestId must be the id of a request for an assessment on this case',
  })
  requestId?: string;
}

export class DraftCommentsDto
  extends VersionedDto
  implements DraftPlanCommentsRequest
{
  @ApiProperty({ example: '2026-12-10' })
  @IsCalendarDate()
  receivedOn!: string;
}

export class ReviewMeetingDto
  extends VersionedDto
  implements ReviewMeetingRequest
{
  @ApiProperty({ example: '2026-10-12' })
  @IsCalendarDate()
  heldOn!: string;
}

export class AmendmentsProposedDto
  extends VersionedDto
  implements AmendmentsProposedRequest
{
  /** The date the plan and the proposed amendments were sent to the family (reg 22(2)). */
  @ApiProperty({ example: '2026-11-02' })
  @IsCalendarDate()
  sentOn!: string;
}

export class PhaseTransferDto
  extends VersionedDto
  implements PhaseTransferRequest
{
  /** The date of the transfer (e.g. the September the child moves to secondary school). */
  @ApiProperty({ example: '2027-09-01' })
  @IsCalendarDate()
  transferDate!: string;

  @ApiProperty({
    enum: PHASE_TRANSFER_KINDS,
    description:
      'post16: from secondary school to a post-16 institution (by 31 March); school: any other transfer (by 15 February)',
    example: 'school',
  })
  @IsIn(PHASE_TRANSFER_KINDS, oneOf(PHASE_TRANSFER_KINDS))
  kind!: PhaseTransferKind;
}

export class CorrectDecisionDto
  extends VersionedDto
  implements CorrectDecisionRequest
{
  @ApiProperty({ example: '2026-09-28' })
  @IsCalendarDate()
  decisionDate!: string;

  @ApiProperty({ example: '2026-10-01' })
  @IsCalendarDate()
  letterSent!: string;

  /** Why the recorded dates were wrong. */
  @ApiProperty({
    example:
      'The letter was posted on 1 October, not 30 September as first recorded.',
  })
  @RequiredText()
  reason!: string;
}

export class CorrectEventDto
  extends VersionedDto
  implements CorrectEventRequest
{
  @ApiProperty({
    description:
      'The fields of the event as they should have been recorded, by name (as in the event payload of the history). ' +
      "`null` removes an optional field. Ids, the system's own events, extensions and documents cannot be corrected.",
    example: { appealReceivedOn: '2026-05-04' },
    type: 'object',
    additionalProperties: true,
  })
  @IsObject({
    message:
      'changes must be an object of field names and their right values, e.g. { "appealReceivedOn": "2026-05-04" }',
  })
  changes!: Record<string, unknown>;

  /** Why the recorded facts were wrong. */
  @ApiProperty({
    example:
      'The Tribunal’s letter shows the appeal reached the council on Monday 4 May, not Sunday 3 May.',
  })
  @RequiredText()
  reason!: string;
}

export class LodgeAppealDto extends VersionedDto implements LodgeAppealRequest {
  @ApiProperty({
    format: 'uuid',
    example: '6f1c2a4e-8b1d-4c3e-9a7f-2d5b8e0c1a93',
  })
  @IsUUID('all', {
    message: 'decisionId must be the id of a decision on this case',
  })
  decisionId!: string;

  @ApiProperty({ example: 'EH857/26/00123' })
  @Matches(/^[A-Z]{2}\d{3}\/\d{2}\/\d{5}$/, {
    message: 'tribunalReference must look like EH857/26/00123',
  })
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
  @ApiPropertyOptional({
    enum: PLAN_SECTIONS,
    isArray: true,
    example: ['B', 'F', 'I'],
  })
  @IsOptional()
  @IsIn(PLAN_SECTIONS, {
    each: true,
    message: `each of sections must be one of: ${PLAN_SECTIONS.join(', ')}`,
  })
  @IsArray()
  sections?: PlanSection[];

  /** Whether the appeal asks for health and social care recommendations. */
  @IsOptional()
  @IsBoolean()
  healthAndSocialCareSought?: boolean;

  @ApiPropertyOptional({
    description:
      'Confirms an appeal the law does not provide for on this route (no mediation certificate, or only health and social care sections) is what actually happened: it is recorded and flagged. Without it such an appeal is refused with 422 and the reason.',
  })
  @IsOptional()
  @IsBoolean()
  confirmedUnusual?: boolean;
}

export class NewRecommendationDto implements NewRecommendation {
  @ApiProperty({ enum: RECOMMENDATION_SECTIONS, example: 'G' })
  @IsIn(RECOMMENDATION_SECTIONS, oneOf(RECOMMENDATION_SECTIONS))
  section!: RecommendationSection;

  @ApiProperty({ enum: RESPONSIBLE_BODIES, example: 'icb' })
  @IsIn(RESPONSIBLE_BODIES, oneOf(RESPONSIBLE_BODIES))
  responsibleBody!: ResponsibleBody;

  @ApiProperty({
    example:
      'Speech and language therapy, one session a week, delivered in school.',
  })
  @RequiredText()
  text!: string;
}

export class NewOrderDto implements NewOrder {
  @ApiProperty({ enum: ORDER_TYPES, example: 'amend_plan' })
  @IsIn(ORDER_TYPES, oneOf(ORDER_TYPES))
  orderType!: OrderType;

  /** What the order says, e.g. the amendments to sections B, F and I, or the school to be named. */
  @ApiPropertyOptional({
    example: 'Amend section F to specify 25 hours of 1:1 support.',
  })
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
  @IsObject({
    message:
      'agreedDueDates must be an object of rule ids and dates, e.g. { "order.make_plan.final": "2026-04-20" }',
  })
  agreedDueDates?: Record<string, string>;

  @ApiPropertyOptional({
    description:
      'Periods the Tribunal set by direction (SEND Regs reg 44(1)), by rule id, e.g. { "order.amend_plan": "2026-05-29" }: the duty is due then, earlier or later than the statutory date.',
    type: 'object',
    additionalProperties: { type: 'string', format: 'date' },
    example: { 'order.amend_plan': '2026-05-29' },
  })
  @IsOptional()
  @IsObject({
    message:
      'directedDueDates must be an object of rule ids and dates, e.g. { "order.amend_plan": "2026-05-29" }',
  })
  directedDueDates?: Record<string, string>;
}

export class RecordAppealOutcomeDto
  extends VersionedDto
  implements RecordAppealOutcomeRequest
{
  @ApiProperty({ enum: APPEAL_OUTCOMES, example: 'decided_allowed' })
  @IsIn(APPEAL_OUTCOMES, oneOf(APPEAL_OUTCOMES))
  outcome!: AppealOutcome;

  @ApiProperty({
    description:
      "The date of the Tribunal's decision or order (for a concession: the date the appeal ended)",
    example: '2026-10-05',
  })
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

  @ApiPropertyOptional({
    description:
      'Confirms an outcome the law does not provide for on this route (an order the Tribunal cannot make on this kind of appeal, recommendations without an education element) is what actually happened: it is recorded and flagged. Without it such an outcome is refused with 422 and the reason.',
  })
  @IsOptional()
  @IsBoolean()
  confirmedUnusual?: boolean;
}

export class RecordRecommendationResponseDto
  extends VersionedDto
  implements RecordRecommendationResponseRequest
{
  @ApiProperty({ enum: RESPONSE_OUTCOMES, example: 'partly_followed' })
  @IsIn(RESPONSE_OUTCOMES, oneOf(RESPONSE_OUTCOMES))
  outcome!: ResponseOutcome;

  @ApiPropertyOptional({
    description: 'Required unless the recommendation is followed in full',
    maxLength: LONG_TEXT,
    example:
      'The therapy recommended is already provided by the school nursing service.',
  })
  @IsOptional()
  @MaxLength(LONG_TEXT)
  @IsString()
  reasons?: string;

  @ApiProperty({ example: '2026-11-02' })
  @IsCalendarDate()
  sentOn!: string;

  /** The response must go to the parent or the young person (Recommendations Power Regs 2017 regs 6–7); others may be copied. */
  @ApiProperty({ enum: RESPONSE_RECIPIENTS, example: 'parent' })
  @IsIn(RESPONSE_RECIPIENTS, {
    message:
      'recipient must say whether the response was sent to the parent or to the young person: parent or young_person',
  })
  recipient!: ResponseRecipient;

  @ApiProperty({
    description: 'Everyone it was sent to, the parent or young person first',
    example: ['Parent or young person', 'Council SEND team'],
  })
  @IsNotEmpty({ each: true })
  @MaxLength(SHORT_TEXT, { each: true })
  @IsString({ each: true })
  @ArrayMaxSize(10)
  @ArrayMinSize(1, { message: 'sentTo must name at least one recipient' })
  @IsArray()
  sentTo!: string[];
}
