import { ApiProperty } from '@nestjs/swagger';
import {
  type AppealRegisteredRequest,
  type AppealResponseSentRequest,
  type ExtendDeadlineRequest,
  EXTENSION_GROUND_IDS,
  type ExtensionGroundId,
  type HearingListedRequest,
  type OrderComplianceRequest,
} from '@send/contracts';
import { IsIn, Matches } from 'class-validator';
import { oneOf, RequiredText, VersionedDto } from '../http/common.dto';
import { IsCalendarDate } from '../http/validation';

export class AppealRegisteredDto
  extends VersionedDto
  implements AppealRegisteredRequest
{
  @ApiProperty({ example: '2026-11-24' })
  @IsCalendarDate()
  registeredOn!: string;

  /** The date the council received the appeal from the Tribunal (starts the 30 Tribunal working days). */
  @ApiProperty({ example: '2026-11-25' })
  @IsCalendarDate()
  appealReceivedOn!: string;
}

export class AppealResponseSentDto
  extends VersionedDto
  implements AppealResponseSentRequest
{
  @ApiProperty({ example: '2026-12-18' })
  @IsCalendarDate()
  sentOn!: string;
}

export class HearingListedDto
  extends VersionedDto
  implements HearingListedRequest
{
  @ApiProperty({ example: '2027-03-10' })
  @IsCalendarDate()
  hearingDate!: string;
}

export class OrderComplianceDto
  extends VersionedDto
  implements OrderComplianceRequest
{
  /** Which duty of the order was met, e.g. `order.make_plan.draft` (see the order's duties). */
  @ApiProperty({ example: 'order.make_plan.draft' })
  @Matches(/^(order|concession)\.[a-z_.]+$/, {
    message:
      'ruleId must be one of the order’s duties, e.g. order.make_plan.draft',
  })
  ruleId!: string;

  @ApiProperty({ example: '2026-11-02' })
  @IsCalendarDate()
  compliedOn!: string;

  /** What shows the duty was done, e.g. "Draft plan sent to the parent by email". */
  @ApiProperty({ example: 'Draft amended plan sent to the parent by email' })
  @RequiredText()
  evidence!: string;
}

export class ExtendDeadlineDto
  extends VersionedDto
  implements ExtendDeadlineRequest
{
  @ApiProperty({ example: '2026-12-21' })
  @IsCalendarDate()
  toDueOn!: string;

  /** The statutory exception relied on: it must be one the deadline's rule allows (see the rule's `extension` in GET /api/rules). */
  @ApiProperty({
    enum: EXTENSION_GROUND_IDS,
    example: 'exceptional_personal_circumstances',
  })
  @IsIn(EXTENSION_GROUND_IDS, oneOf(EXTENSION_GROUND_IDS))
  ground!: ExtensionGroundId;

  /** Why the exception applies. */
  @ApiProperty({ example: 'Hospital admission from 2 to 20 November.' })
  @RequiredText()
  reason!: string;

  /** Who agreed the extension. */
  @ApiProperty({ example: 'Morgan Lee, SEND manager' })
  @RequiredText(200)
  agreedBy!: string;
}
