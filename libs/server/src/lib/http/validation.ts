import {
  BadRequestException,
  Injectable,
  type PipeTransform,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { isValidIsoDate } from '@send/domain';
import { fieldInWords, messageInWords } from './validation-messages';
import {
  isUUID,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';

function flatten(
  errors: ValidationError[],
  parent = '',
  item?: number,
): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const index = /^\d+$/.test(e.property) ? Number(e.property) : undefined;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: messageInWords(e.property, message, item),
    }));
    return [...own, ...flatten(e.children ?? [], field, index ?? item)];
  });
}

/** Whitelisting, typed DTOs and 400s whose `errors` name each field and what is wrong with it. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      const detail =
        list.map((e) => e.message).join('; ') || 'The request is not valid.';
      return new BadRequestException({ message: detail, errors: list });
    },
  });
}

/** A real calendar date written YYYY-MM-DD (no 30 February, no 2026-2-3); `format: date` in the OpenAPI document. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    ApiProperty({ type: 'string', format: 'date' })(target, propertyName);
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property, value }) =>
          `${fieldInWords(property)} must be a real date written YYYY-MM-DD (got ${JSON.stringify(value)})`,
        ...options,
      },
      validator: { validate: (value: unknown) => isValidIsoDate(value) },
    });
  };
}

/** A path id: 400 naming the value when it cannot be an id at all (an unknown one is a 404 later). */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!isUUID(value))
      throw new BadRequestException(
        `'${value.slice(0, 64)}' is not a valid ${this.what} id.`,
      );
    return value;
  }
}
