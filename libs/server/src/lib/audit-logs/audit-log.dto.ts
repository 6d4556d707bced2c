import { ApiPropertyOptional } from '@nestjs/swagger';
import type { AccessLogQuery, SecurityLogQuery } from '@send/contracts';
import { isValidIsoDate } from '@send/domain';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidationArguments,
} from 'class-validator';
import { SHORT_TEXT } from '../http/common.dto';
import { MAX_DB_INTEGER } from '../http/input-safety';

/** A day written YYYY-MM-DD that is a real date; the message names it in words. */
function IsDay(words: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDay',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `The ${words} must be a real date, for example 2026-03-27.`,
      },
      validator: { validate: (value: unknown) => isValidIsoDate(value) },
    });
}

/** The start no later than the end. */
function NotAfterTo(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'notAfterTo',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: 'The start date must be the same as or before the end date.',
      },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const to = (args.object as { to?: unknown }).to;
          return (
            typeof value !== 'string' ||
            typeof to !== 'string' ||
            !isValidIsoDate(to) ||
            value <= to
          );
        },
      },
    });
}

/** The filters both logs take: who, which days, and a page. */
abstract class LogQueryDto {
  @ApiPropertyOptional({
    description:
      'Part of the name of the member of staff (any case; the security log: also of the account the event concerns)',
    example: 'Casey',
  })
  @IsOptional()
  @MaxLength(SHORT_TEXT, {
    message: `The name to look for must be ${SHORT_TEXT} characters or fewer.`,
  })
  @IsString({ message: 'Enter the name to look for once.' })
  person?: string;

  @ApiPropertyOptional({
    description: 'First day, in UK time (YYYY-MM-DD, inclusive)',
    example: '2026-03-01',
    format: 'date',
  })
  @IsOptional()
  @NotAfterTo()
  @IsDay('start date')
  from?: string;

  @ApiPropertyOptional({
    description: 'Last day, in UK time (YYYY-MM-DD, inclusive)',
    example: '2026-03-31',
    format: 'date',
  })
  @IsOptional()
  @IsDay('end date')
  to?: string;

  @ApiPropertyOptional({
    default: 1,
    minimum: 1,
    description: 'The page, 50 entries a page, newest first (the list only)',
  })
  @IsOptional()
  @Max(Math.floor(MAX_DB_INTEGER / 50), {
    message: 'The page number is too large.',
  })
  @Min(1, { message: 'The page number must be 1 or more.' })
  @IsInt({ message: 'The page number must be a whole number.' })
  @Type(() => Number)
  page?: number;
}

export const ACCESS_OUTCOMES = ['allowed', 'denied'] as const;
export const SECURITY_OUTCOMES = ['success', 'failure'] as const;

/** The access log's filters (`GET /api/access-log` and `/api/access-log/export.csv`). */
export class AccessLogQueryDto extends LogQueryDto implements AccessLogQuery {
  @ApiPropertyOptional({
    description: 'The reference of the case read',
    example: 'SEND-2026-0001',
  })
  @IsOptional()
  @MaxLength(SHORT_TEXT, {
    message: `The case reference must be ${SHORT_TEXT} characters or fewer.`,
  })
  @IsString({ message: 'Enter one case reference.' })
  caseReference?: string;

  @ApiPropertyOptional({
    enum: ACCESS_OUTCOMES,
    description: '`allowed`: read; `denied`: refused',
  })
  @IsOptional()
  @IsIn(ACCESS_OUTCOMES, {
    message: 'Choose whether to show reads that were allowed or refused.',
  })
  outcome?: (typeof ACCESS_OUTCOMES)[number];
}

/** The security log's filters (`GET /api/security-log` and `/api/security-log/export.csv`). */
export class SecurityLogQueryDto
  extends LogQueryDto
  implements SecurityLogQuery
{
  @ApiPropertyOptional({ enum: SECURITY_OUTCOMES })
  @IsOptional()
  @IsIn(SECURITY_OUTCOMES, {
    message: 'Choose whether to show events that succeeded or failed.',
  })
  outcome?: (typeof SECURITY_OUTCOMES)[number];
}
