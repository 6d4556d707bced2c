import { BadRequestException } from '@nestjs/common';

/** A 400 whose `errors` names the query parameter that makes the period impossible. */
export const badPeriod = (field: string, message: string) =>
  new BadRequestException({
    message: `${message}.`,
    errors: [{ field, message }],
  });
