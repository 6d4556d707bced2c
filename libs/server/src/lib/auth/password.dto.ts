import type { ChangePasswordRequest } from '@send/contracts';
import { ApiProperty } from '@nestjs/swagger';
import {
  IsString,
  MaxLength,
  MinLength,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  personalWords,
} from './password-policy';

/**
 * A new password that meets the password policy (`passwordProblem`): long enough, not common, not
 * easy to guess. `wordsOf` names what in the same request an attacker would try (a new account's
 * name and email).
 */
export function IsAcceptablePassword(
  wordsOf: (o: Record<string, unknown>) => unknown[] = () => [],
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    // The check is asynchronous (its dictionaries load on first use); its words for the message are kept per value.
    const problems = new Map<string, string>();
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property, value }) => {
          const problem =
            typeof value === 'string' ? problems.get(value) : undefined;
          if (typeof value === 'string') problems.delete(value);
          return `${property} ${problem ?? 'is not acceptable'}`;
        },
        ...options,
      },
      validator: {
        validate: async (value: unknown, args) => {
          if (typeof value !== 'string') return true;
          const words = wordsOf(
            (args?.object ?? {}) as Record<string, unknown>,
          ).map((w) => (typeof w === 'string' ? w : null));
          const problem = await passwordProblem(value, personalWords(...words));
          if (problem) problems.set(value, problem);
          return problem === null;
        },
      },
    });
  };
}

/** A change of one's own password: the current one, and the new one. */
export class ChangePasswordDto implements ChangePasswordRequest {
  /** The password you signed in with (for a first sign-in, the one the administrator gave you). */
  @ApiProperty({ format: 'password', maxLength: MAX_PASSWORD_LENGTH })
  @IsString()
  @MinLength(1, { message: 'currentPassword must not be empty' })
  @MaxLength(MAX_PASSWORD_LENGTH)
  currentPassword!: string;

  /**
   * The new password: at least 12 characters, not one of the most common passwords and not easy to
   * guess (three or four unrelated words make a good one). No other rules.
   */
  @ApiProperty({
    format: 'password',
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
  })
  @IsString()
  @IsAcceptablePassword()
  newPassword!: string;
}
