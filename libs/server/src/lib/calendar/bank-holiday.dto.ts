import type {
  AddBankHolidayRequest,
  RemoveBankHolidayRequest,
} from '@send/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { RequiredText, SHORT_TEXT } from '../http/common.dto';
import { IsCalendarDate } from '../http/validation';

export class AddBankHolidayDto implements AddBankHolidayRequest {
  /** The bank holiday (a weekday: when a holiday falls at a weekend, gov.uk lists its substitute day). */
  @ApiProperty({ example: '2027-06-04' })
  @IsCalendarDate()
  date!: string;

  /** Its name, as gov.uk gives it. */
  @ApiProperty({ example: 'Extra bank holiday' })
  @RequiredText(SHORT_TEXT)
  title!: string;

  /** Why the calendar changes, for the security log (e.g. the proclamation or gov.uk announcement). */
  @ApiProperty({ example: 'Announced on gov.uk on 3 March 2027' })
  @RequiredText(500)
  reason!: string;
}

export class RemoveBankHolidayDto implements RemoveBankHolidayRequest {
  /** Why the date is no longer a bank holiday, for the security log. */
  @ApiProperty({ example: 'Entered in error: the holiday is on the Monday' })
  @RequiredText(500)
  reason!: string;
}
