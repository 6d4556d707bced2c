import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  DEADLINE_SORTS,
  type DeadlineFilter,
  type DeadlineOwnerFilter,
  type DeadlineQuery,
  type DeadlineSort,
  RESPONSIBLE_BODIES,
  type ResponsibleBody,
} from '@send/contracts';
import { RULE_IDS } from '@send/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../http/validation';

export const DEADLINE_FILTERS = [
  'all',
  'open',
  'due_soon',
  'overdue',
  'outstanding',
  'met',
  'missed',
  'cancelled',
] as const satisfies readonly DeadlineFilter[];
const OWNERS = ['me', 'all'] as const satisfies readonly DeadlineOwnerFilter[];
export const MAX_DEADLINES_PAGE = 500;

/** The query string of `GET /api/deadlines`: every part optional, each refused with a 400 that says what it may be. */
export class DeadlineQueryDto implements DeadlineQuery {
  @ApiPropertyOptional({
    enum: DEADLINE_FILTERS,
    description:
      'due_soon: open and due in the next 10 days; outstanding: open or overdue',
  })
  @IsOptional()
  @IsIn(DEADLINE_FILTERS, {
    message: `filter must be one of: ${DEADLINE_FILTERS.join(', ')}`,
  })
  filter?: DeadlineFilter;

  @ApiPropertyOptional({
    enum: OWNERS,
    description:
      'me: the deadlines you own; all (the default): every deadline you may see',
  })
  @IsOptional()
  @IsIn(OWNERS, { message: 'owner must be me or all' })
  owner?: DeadlineOwnerFilter;

  @ApiPropertyOptional({
    description: 'Due on or after this date (YYYY-MM-DD)',
    example: '2026-03-02',
  })
  @IsOptional()
  @IsCalendarDate()
  dueFrom?: string;

  @ApiPropertyOptional({
    description: 'Due on or before this date (YYYY-MM-DD)',
    example: '2026-03-15',
  })
  @IsOptional()
  @IsCalendarDate()
  dueTo?: string;

  @ApiPropertyOptional({
    description: 'Only deadlines of this rule (see GET /api/rules)',
    example: 'recommendation.response',
  })
  @IsOptional()
  @IsIn(RULE_IDS, {
    message:
      'ruleId must be the id of a rule of the statutory clock (see GET /api/rules)',
  })
  ruleId?: string;

  @ApiPropertyOptional({
    enum: RESPONSIBLE_BODIES,
    description: 'Only recommendation responses owed by this body',
  })
  @IsOptional()
  @IsIn(RESPONSIBLE_BODIES, {
    message: `responsibleBody must be one of: ${RESPONSIBLE_BODIES.join(', ')}`,
  })
  responsibleBody?: ResponsibleBody;

  @ApiPropertyOptional({
    enum: DEADLINE_SORTS,
    description: 'A leading - sorts descending; the default is dueOn',
  })
  @IsOptional()
  @IsIn(DEADLINE_SORTS, {
    message: `The list can be sorted only by one of: ${DEADLINE_SORTS.join(', ')}`,
  })
  sort?: DeadlineSort;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_DEADLINES_PAGE,
    description: 'At most this many (default: all)',
  })
  @IsOptional()
  @Type(() => Number)
  @Max(MAX_DEADLINES_PAGE, {
    message: `limit must be a whole number from 1 to ${MAX_DEADLINES_PAGE}`,
  })
  @Min(1, {
    message: `limit must be a whole number from 1 to ${MAX_DEADLINES_PAGE}`,
  })
  @IsInt({
    message: `limit must be a whole number from 1 to ${MAX_DEADLINES_PAGE}`,
  })
  limit?: number;

  @ApiPropertyOptional({
    minimum: 0,
    description: 'Skip this many first (with limit, for pages)',
  })
  @IsOptional()
  @Type(() => Number)
  @Min(0, { message: 'offset must be a whole number, 0 or more' })
  @IsInt({ message: 'offset must be a whole number, 0 or more' })
  offset?: number;
}
