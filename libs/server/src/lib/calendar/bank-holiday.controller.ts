import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Injectable,
  Param,
  type PipeTransform,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { type BankHolidayEntry, ROLES } from '@send/contracts';
import { isValidIsoDate } from '@send/domain';
import type { Request } from 'express';
import { type Actor, AllowRoles, CurrentActor } from '../identity/actor';
import { arrayOf, schemaRef } from '../http/endpoints';
import { AddBankHolidayDto, RemoveBankHolidayDto } from './bank-holiday.dto';
import { BankHolidayService } from './bank-holiday.service';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: schemaRef('Problem') } },
});

/** A path date: 400 unless a real date written YYYY-MM-DD. */
@Injectable()
class ParseDatePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isValidIsoDate(value))
      throw new BadRequestException(
        `'${String(value).slice(0, 20)}' is not a real date written YYYY-MM-DD.`,
      );
    return value;
  }
}

/**
 * The bank-holiday calendar working days are counted against (England and Wales). Administrators
 * add and remove dates without a release; every change is in the security log with its reason.
 */
@ApiTags('calendar')
@Controller('bank-holidays')
export class BankHolidayController {
  constructor(private readonly holidays: BankHolidayService) {}

  @Get()
  @AllowRoles(...ROLES)
  @ApiOperation({
    summary:
      'The listed bank holidays working days are counted against, by date (a year with none listed follows the regular pattern)',
  })
  @ApiQuery({
    name: 'year',
    required: false,
    description: 'Only this year (e.g. 2027)',
  })
  @ApiOkResponse({
    description: 'Bank holidays',
    schema: arrayOf('BankHolidayEntry'),
  })
  @ApiBadRequestResponse(problem('The year is not a year'))
  list(@Query('year') year?: string): Promise<BankHolidayEntry[]> {
    if (year !== undefined && !/^\d{4}$/.test(year))
      throw new BadRequestException('year must be a year, e.g. 2027.');
    return this.holidays.list(year === undefined ? null : Number(year));
  }

  @Post()
  @AllowRoles('administrator')
  @ApiOperation({
    summary: 'Add a bank holiday (administrators)',
    description:
      'For a year with no date listed yet, its regular holidays are listed too (source `regular pattern`): a year with any date listed counts only its listed dates. ' +
      'Deadlines computed from then on count the new calendar; those computed before keep their due dates.',
  })
  @ApiCreatedResponse({
    description: 'The bank holiday added',
    schema: schemaRef('BankHolidayEntry'),
  })
  @ApiBadRequestResponse(
    problem('Invalid request, or the date is a Saturday or Sunday'),
  )
  @ApiConflictResponse(problem('The date is already a bank holiday'))
  add(
    @Body() body: AddBankHolidayDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ): Promise<BankHolidayEntry> {
    return this.holidays.add(body, actor, request);
  }

  @Delete(':date')
  @AllowRoles('administrator')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary:
      'Remove a bank holiday (administrators): the date becomes a working day',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiBadRequestResponse(problem('Invalid date, or no reason given'))
  @ApiNotFoundResponse(problem('The date is not a listed bank holiday'))
  @ApiConflictResponse(problem('It is the last date listed for its year'))
  remove(
    @Param('date', ParseDatePipe) date: string,
    @Body() body: RemoveBankHolidayDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ): Promise<void> {
    return this.holidays.remove(date, body.reason, actor, request);
  }
}
