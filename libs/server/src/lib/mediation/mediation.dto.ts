import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type AdviserContactedRequest,
  AGREEMENT_BODIES,
  type AgreementBody,
  type AgreementItemCompletedRequest,
  CERTIFICATE_KINDS,
  type CertificateKind,
  type CertificateRequest,
  type HealthNotifiedRequest,
  type HealthResponseRequest,
  type MediationAgreementRequest,
  type MediationArrangedRequest,
  type MediationDeclinedRequest,
  type MediationHeldRequest,
  type MediationNotArrangedRequest,
  type MediationRequestedRequest,
  type MediationWithdrawnRequest,
  MEETING_OUTCOMES,
  type MeetingOutcome,
  type NewAgreementItem,
  ORDER_TYPES,
  type OrderType,
  type ResolutionConcludedRequest,
  type ResolutionMeetingRequest,
  type ResolutionReferralRequest,
  type WayForwardHeldRequest,
  type WayForwardRequestedRequest,
} from '@send/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  LONG_TEXT,
  oneOf,
  RequiredText,
  SHORT_TEXT,
  VersionedDto,
} from '../http/common.dto';
import { IsCalendarDate } from '../http/validation';

export class AdviserContactedDto
  extends VersionedDto
  implements AdviserContactedRequest
{
  /** The decision the family disagrees with. */
  @ApiProperty({
    format: 'uuid',
    example: '6f1c2a4e-8b1d-4c3e-9a7f-2d5b8e0c1a93',
  })
  @IsUUID('all', {
    message: 'decisionId must be the id of a decision on this case',
  })
  decisionId!: string;

  /** The mediation provider (see GET /api/mediation-providers). */
  @ApiProperty({
    format: 'uuid',
    example: 'a3d9e1f0-4c2b-4e7a-8f61-0b5c9d2e7a14',
  })
  @IsUUID('all', {
    message: 'providerId must be the id of a mediation provider',
  })
  providerId!: string;

  /** The mediation provider's own reference for the case, if the family or the provider gave one (searchable). */
  @ApiPropertyOptional({ maxLength: SHORT_TEXT, example: 'GM-2026-0412' })
  @IsOptional()
  @IsString()
  @MaxLength(SHORT_TEXT)
  providerReference?: string;

  /** The date the parent or young person contacted the mediation adviser. */
  @ApiProperty({ example: '2026-10-12' })
  @IsCalendarDate()
  contactedOn!: string;

  /** Whether health provision is in issue (the ICB must then be told of a mediation, reg 35). */
  @IsBoolean() healthInIssue!: boolean;

  /** Whether social care provision is in issue. */
  @IsBoolean() socialCareInIssue!: boolean;
}

export class MediationDeclinedDto
  extends VersionedDto
  implements MediationDeclinedRequest
{
  /** The date the family told the adviser they do not want mediation (certificate due in 3 working days). */
  @ApiProperty({ example: '2026-10-13' })
  @IsCalendarDate()
  adviserInformedOn!: string;
}

export class MediationRequestedDto
  extends VersionedDto
  implements MediationRequestedRequest
{
  /** The date the council was told the family wants mediation (it must take place within 30 days). */
  @ApiProperty({ example: '2026-10-13' })
  @IsCalendarDate()
  laInformedOn!: string;

  /** Health care provision is the only issue: the ICB arranges the mediation within 30 days of the council telling it, and the council is not a party (SEND Regs reg 35, reg 42(4)). */
  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  healthOnly?: boolean;
}

export class MediationWithdrawnDto
  extends VersionedDto
  implements MediationWithdrawnRequest
{
  /** The date the adviser was told the family no longer wishes to pursue mediation (certificate due in 3 working days, reg 34). */
  @ApiProperty({ example: '2026-10-20' })
  @IsCalendarDate()
  adviserInformedOn!: string;
}

export class HealthNotifiedDto
  extends VersionedDto
  implements HealthNotifiedRequest
{
  /** The date the council told the ICB about the mediation. */
  @ApiProperty({ example: '2026-10-14' })
  @IsCalendarDate()
  notifiedOn!: string;
}

export class HealthResponseDto
  extends VersionedDto
  implements HealthResponseRequest
{
  /** The date the ICB told the council what it will do under the mediation agreement (due within 1 week, reg 42(4)). */
  @ApiProperty({ example: '2026-11-10' })
  @IsCalendarDate()
  receivedOn!: string;
}

export class MediationArrangedDto
  extends VersionedDto
  implements MediationArrangedRequest
{
  @ApiProperty({ example: '2026-10-20' })
  @IsCalendarDate()
  arrangedOn!: string;

  /** The date the mediation is to take place. */
  @ApiProperty({ example: '2026-11-05' })
  @IsCalendarDate()
  mediationDate!: string;
}

export class MediationNotArrangedDto
  extends VersionedDto
  implements MediationNotArrangedRequest
{
  /** The date the adviser was told the council could not arrange mediation in time (certificate due in 3 working days). */
  @ApiProperty({ example: '2026-11-13' })
  @IsCalendarDate()
  adviserInformedOn!: string;
}

export class MediationHeldDto
  extends VersionedDto
  implements MediationHeldRequest
{
  @ApiProperty({ example: '2026-11-05' })
  @IsCalendarDate()
  heldOn!: string;

  /** The date the mediation ended (the certificate is due 3 working days after). */
  @ApiProperty({ example: '2026-11-05' })
  @IsCalendarDate()
  concludedOn!: string;

  @ApiProperty({ enum: MEETING_OUTCOMES, example: 'partly_resolved' })
  @IsIn(MEETING_OUTCOMES, oneOf(MEETING_OUTCOMES))
  outcome!: MeetingOutcome;

  /** Who took part, e.g. "Jo Smith (parent)", "Morgan Lee (council)", "North ICB". */
  @ApiPropertyOptional({
    example: ['Jo Smith (parent)', 'Morgan Lee (council)'],
  })
  @IsOptional()
  @IsNotEmpty({ each: true, message: 'each participant must have a name' })
  @MaxLength(SHORT_TEXT, { each: true })
  @IsString({ each: true })
  @ArrayMaxSize(20)
  @IsArray()
  participants?: string[];
}

export class AgreementItemDto implements NewAgreementItem {
  @ApiProperty({
    example: 'Amend section F to include weekly speech and language therapy.',
  })
  @RequiredText()
  description!: string;

  /** Could this matter have been appealed? If so it takes the order periods (reg 42(2)). */
  @IsBoolean() appealable!: boolean;

  /** For an appealable item: which order periods apply. */
  @ApiPropertyOptional({ enum: ORDER_TYPES, example: 'amend_plan' })
  @IsOptional()
  @IsIn(ORDER_TYPES, oneOf(ORDER_TYPES))
  orderType?: OrderType;

  /** For an item that could not have been appealed: who must do it within 2 weeks (reg 42(3)); the council if not said. */
  @ApiPropertyOptional({ enum: AGREEMENT_BODIES, example: 'council' })
  @IsOptional()
  @IsIn(AGREEMENT_BODIES, oneOf(AGREEMENT_BODIES))
  responsibleBody?: AgreementBody;

  /** A different timescale the parties agreed in writing (reg 42(5)): the item is due then. */
  @ApiPropertyOptional({ example: '2026-12-18' })
  @IsOptional()
  @IsCalendarDate()
  agreedDueOn?: string;
}

export class MediationAgreementDto
  extends VersionedDto
  implements MediationAgreementRequest
{
  @ApiProperty({ example: '2026-11-05' })
  @IsCalendarDate()
  agreementDate!: string;

  @ApiProperty({ type: [AgreementItemDto] })
  @ValidateNested({ each: true })
  @Type(() => AgreementItemDto)
  @ArrayMaxSize(20)
  @ArrayMinSize(1, { message: 'items must list at least one thing agreed' })
  @IsArray()
  items!: AgreementItemDto[];
}

export class AgreementItemCompletedDto
  extends VersionedDto
  implements AgreementItemCompletedRequest
{
  @ApiProperty({ example: '2026-11-18' })
  @IsCalendarDate()
  completedOn!: string;

  /** What shows it was done, e.g. the amended plan's issue date. */
  @ApiProperty({ example: 'Amended plan issued 18 Nov 2026' })
  @RequiredText()
  evidence!: string;
}

export class CertificateDto extends VersionedDto implements CertificateRequest {
  @ApiProperty({ enum: CERTIFICATE_KINDS, example: 'mediation_concluded' })
  @IsIn(CERTIFICATE_KINDS, oneOf(CERTIFICATE_KINDS))
  kind!: CertificateKind;

  @ApiProperty({ example: '2026-11-09' })
  @IsCalendarDate()
  issuedOn!: string;
}

export class WayForwardRequestDto
  extends VersionedDto
  implements WayForwardRequestedRequest
{
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The decision the meeting is about, if any',
    example: '6f1c2a4e-8b1d-4c3e-9a7f-2d5b8e0c1a93',
  })
  @IsOptional()
  @IsUUID('all', {
    message: 'decisionId must be the id of a decision on this case',
  })
  decisionId?: string;

  @ApiProperty({ example: '2026-10-08' })
  @IsCalendarDate()
  requestedOn!: string;
}

export class WayForwardHeldDto
  extends VersionedDto
  implements WayForwardHeldRequest
{
  @ApiProperty({ example: '2026-10-15' })
  @IsCalendarDate()
  heldOn!: string;

  @ApiProperty({ enum: MEETING_OUTCOMES, example: 'not_resolved' })
  @IsIn(MEETING_OUTCOMES, oneOf(MEETING_OUTCOMES))
  outcome!: MeetingOutcome;

  @ApiPropertyOptional({
    maxLength: LONG_TEXT,
    example: 'The family agreed to a review of transport arrangements.',
  })
  @IsOptional()
  @MaxLength(LONG_TEXT)
  @IsString()
  notes?: string;
}

export class ResolutionReferralDto
  extends VersionedDto
  implements ResolutionReferralRequest
{
  @ApiProperty({ example: '2026-10-08' })
  @IsCalendarDate()
  referredOn!: string;

  /** What the disagreement is about. */
  @ApiProperty({ example: 'Transport arrangements to the named school' })
  @RequiredText(SHORT_TEXT)
  subject!: string;
}

export class ResolutionMeetingDto
  extends VersionedDto
  implements ResolutionMeetingRequest
{
  @ApiProperty({ example: '2026-10-22' })
  @IsCalendarDate()
  heldOn!: string;
}

export class ResolutionConcludedDto
  extends VersionedDto
  implements ResolutionConcludedRequest
{
  @ApiProperty({ example: '2026-10-29' })
  @IsCalendarDate()
  concludedOn!: string;

  @ApiProperty({ enum: MEETING_OUTCOMES, example: 'resolved' })
  @IsIn(MEETING_OUTCOMES, oneOf(MEETING_OUTCOMES))
  outcome!: MeetingOutcome;
}
