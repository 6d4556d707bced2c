import type { VersionedWrite } from '@send/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Matches,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_DB_INTEGER } from './input-safety';

/** Free text fields: long enough for a rationale or reasons, short enough to refuse a pasted document. */
export const LONG_TEXT = 10_000;
export const SHORT_TEXT = 200;

export const oneOf = (values: readonly string[]) => ({
  message: `$property must be one of: ${values.join(', ')}`,
});

/** Every write names the case version it was based on; a stale write is refused with 409. */
export class VersionedDto implements VersionedWrite {
  @ApiProperty({
    description:
      'The case version your change is based on (409 if the case has moved on)',
    example: 3,
  })
  @Max(MAX_DB_INTEGER, {
    message:
      'expectedVersion must be the version of the case you are looking at',
  })
  @Min(1)
  @IsInt({
    message:
      'expectedVersion must be a whole number: the version of the case you are looking at',
  })
  expectedVersion!: number;

  @ApiPropertyOptional({
    description:
      'true: check the entry and answer the case as it would be (with the deadlines it opens, moves or closes) without saving anything. The answer is 200 and carries `dryRun: true`.',
    example: false,
  })
  @IsOptional()
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

/** A required piece of evidence or explanation. */
export function RequiredText(max = LONG_TEXT): PropertyDecorator {
  return (target, key) => {
    // Registered in the order they are checked: type, then presence, then length.
    IsString()(target, key);
    IsNotEmpty({ message: `${String(key)} must not be empty` })(target, key);
    // Spaces or tabs alone say nothing (and services store text trimmed).
    Matches(/\S/, { message: `${String(key)} must not be blank` })(target, key);
    MaxLength(max)(target, key);
  };
}
