import type {
  NewMediationProviderRequest,
  UpdateMediationProviderRequest,
} from '@send/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { RequiredText, SHORT_TEXT } from '../http/common.dto';

export class NewProviderDto implements NewMediationProviderRequest {
  @ApiProperty({ example: 'Global Mediation' })
  @RequiredText(SHORT_TEXT)
  name!: string;

  @ApiPropertyOptional({ example: 'send@globalmediation.example' })
  @IsOptional()
  @MaxLength(SHORT_TEXT)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @ApiPropertyOptional({ example: '0800 000 0000' })
  @IsOptional()
  @MaxLength(40)
  @IsString()
  phone?: string;
}

/** What changes: only the fields sent. `null` clears the email or the phone number. */
export class UpdateProviderDto implements UpdateMediationProviderRequest {
  @ApiPropertyOptional({ example: 'Global Mediation Ltd' })
  @ValidateIf((o: UpdateProviderDto) => o.name !== undefined)
  @RequiredText(SHORT_TEXT)
  name?: string;

  @ApiPropertyOptional({
    example: 'send@globalmediation.example',
    nullable: true,
    type: String,
  })
  @IsOptional()
  @MaxLength(SHORT_TEXT)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;

  @ApiPropertyOptional({
    example: '0800 000 0000',
    nullable: true,
    type: String,
  })
  @IsOptional()
  @MaxLength(40)
  @IsString()
  phone?: string | null;

  /** false: deactivated (kept for the cases that name it, no longer offered for a new mediation); true: active again. */
  @ApiPropertyOptional({ example: false })
  @ValidateIf((o: UpdateProviderDto) => o.active !== undefined)
  @IsBoolean()
  active?: boolean;
}
