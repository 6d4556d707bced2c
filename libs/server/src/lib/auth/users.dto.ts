import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type CreateStaffUserRequest,
  type Role,
  ROLES,
  type UpdateStaffUserRequest,
} from '@send/contracts';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { oneOf, RequiredText, SHORT_TEXT } from '../http/common.dto';
import { IsAcceptablePassword } from './password.dto';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-policy';

export class CreateStaffUserDto implements CreateStaffUserRequest {
  @ApiProperty({ example: 'Jo Caseworker' })
  @RequiredText(SHORT_TEXT)
  name!: string;

  /** Their work email: how they sign in, and how single sign-on finds them the first time (verified by the identity provider). */
  @ApiProperty({ example: 'jo.caseworker@council.example' })
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @ApiProperty({ enum: ROLES, example: 'caseworker' })
  @IsIn(ROLES, oneOf(ROLES))
  role!: Role;

  @ApiProperty({ example: 'SEND North' })
  @RequiredText(SHORT_TEXT)
  team!: string;

  /**
   * A first password for a local account, to give them by another channel: it works once, for
   * setting a password of their own at their first sign-in, and for `TEMPORARY_PASSWORD_HOURS` at
   * most. Leave it out for staff who sign in through the council's identity provider only. At
   * least 12 characters, not one of the most common passwords, not easy to guess.
   */
  @ApiPropertyOptional({
    format: 'password',
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
  })
  @IsOptional()
  @IsString()
  @IsAcceptablePassword((o) => [o['name'], o['email']])
  password?: string;
}

/** What changes: only the fields sent. A new role or team ends the account's sessions. */
export class UpdateStaffUserDto implements UpdateStaffUserRequest {
  @ApiPropertyOptional({ example: 'Jo Caseworker-Smith' })
  @ValidateIf((o: UpdateStaffUserDto) => o.name !== undefined)
  @RequiredText(SHORT_TEXT)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES, example: 'manager' })
  @ValidateIf((o: UpdateStaffUserDto) => o.role !== undefined)
  @IsIn(ROLES, oneOf(ROLES))
  role?: Role;

  @ApiPropertyOptional({ example: 'SEND South' })
  @ValidateIf((o: UpdateStaffUserDto) => o.team !== undefined)
  @RequiredText(SHORT_TEXT)
  team?: string;
}
