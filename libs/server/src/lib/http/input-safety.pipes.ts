import {
  BadRequestException,
  Injectable,
  type PipeTransform,
} from '@nestjs/common';
import {
  type HostileKind,
  hostileInputProblem,
  MAX_DB_INTEGER,
  parseDbInt,
} from './input-safety';

/** 400 for input PostgreSQL cannot store (see input-safety.ts). */
export const hostileInputError = (
  found: { kind: HostileKind; at: string },
  where: string,
) => new BadRequestException(hostileInputProblem(found, where));

/** A whole number in a path or query string, within PostgreSQL's `integer` (`parseDbInt`); 400 otherwise. */
@Injectable()
export class ParseDbIntPipe
  implements PipeTransform<unknown, number | undefined>
{
  constructor(
    private readonly name: string,
    private readonly min = 0,
    private readonly max = MAX_DB_INTEGER,
    private readonly what = 'a whole number',
  ) {}

  transform(value: unknown): number | undefined {
    if (value === undefined) return undefined;
    const parsed = parseDbInt(
      typeof value === 'string' ? value : String(value),
      this.name,
      this.min,
      this.max,
      this.what,
    );
    if (typeof parsed === 'number') return parsed;
    throw new BadRequestException(parsed);
  }
}
