import type { SignInRequest } from '@send/contracts';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class SignInDto implements SignInRequest {
  /** The email address of the staff account. */
  @IsString()
  @MinLength(3)
  @MaxLength(254)
  email!: string;

  /** The account's password. */
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}
