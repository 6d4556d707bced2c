import { ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_DB_INTEGER } from '../http/input-safety';
import {
  APPEAL_OUTCOMES,
  APPEAL_RESULTS,
  APPEAL_STAGES,
  type AppealOutcome,
  type AppealResult,
  type AppealStage,
  COMPLIANCE_CATEGORIES,
  type ComplianceCategory,
  DECISION_TYPES,
  DEADLINE_REPORT_STATUSES,
  type DeadlineReportStatus,
  type DecisionType,
  PLAN_SECTIONS,
  type PlanSection,
  REPORT_DEADLINE_SORTS,
  type ReportDeadlineSort,
  RESPONSIBLE_BODIES,
  type ResponsibleBody,
} from '@send/contracts';
import { RULE_IDS } from '@send/domain';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { oneOf, SHORT_TEXT } from '../http/common.dto';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const monthMessage = (field: string) => ({
  message: `${field} must be a month written YYYY-MM, e.g. 2026-03`,
});

/** The filters every report takes: team, period and decision type. */
export class ReportQueryDto {
  @ApiPropertyOptional({
    description:
      'The team to report on. Managers: their own team (the default). Auditors: any team; every team when left out.',
    example: 'SEND North',
  })
  @IsOptional()
  @MaxLength(SHORT_TEXT)
  @IsString({ message: 'team must be the name of a team, given once' })
  team?: string;

  @ApiPropertyOptional({
    description:
      'First month of the period (YYYY-MM, inclusive); default: eleven months before `to`',
    example: '2025-04',
  })
  @IsOptional()
  @Matches(MONTH, monthMessage('from'))
  @IsString(monthMessage('from'))
  from?: string;

  @ApiPropertyOptional({
    description:
      'Last month of the period (YYYY-MM, inclusive); default: this month',
    example: '2026-03',
  })
  @IsOptional()
  @Matches(MONTH, monthMessage('to'))
  @IsString(monthMessage('to'))
  to?: string;

  @ApiPropertyOptional({
    enum: DECISION_TYPES,
    description:
      'Only deadlines (or appeals) that follow a decision of this type',
  })
  @IsOptional()
  @IsIn(DECISION_TYPES, oneOf(DECISION_TYPES))
  decisionType?: DecisionType;
}

/** Paging, for the lists behind the numbers. */
class PagedReportQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Max(200)
  @Min(1)
  @IsInt({ message: 'limit must be a whole number from 1 to 200' })
  @Type(() => Number)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_DB_INTEGER })
  @IsOptional()
  @Max(MAX_DB_INTEGER, {
    message: `offset must be a whole number from 0 to ${MAX_DB_INTEGER}`,
  })
  @Min(0)
  @IsInt({ message: 'offset must be a whole number, 0 or more' })
  @Type(() => Number)
  offset?: number;
}

/** The deadlines behind a number on the dashboard. */
export class DeadlineDrillDownQueryDto extends PagedReportQueryDto {
  @ApiPropertyOptional({
    enum: DEADLINE_REPORT_STATUSES,
    description:
      'due_this_week, overdue and open are as of today; met_on_time, met_late, missed and due are of the deadlines due in the period. Default: due.',
  })
  @IsOptional()
  @IsIn(DEADLINE_REPORT_STATUSES, oneOf(DEADLINE_REPORT_STATUSES))
  status?: DeadlineReportStatus;

  @ApiPropertyOptional({
    description: 'One rule, e.g. recommendation.response',
    example: 'recommendation.response',
  })
  @IsOptional()
  @IsIn(RULE_IDS, {
    message:
      'rule must be the id of a deadline rule, e.g. recommendation.response',
  })
  rule?: string;

  @ApiPropertyOptional({
    enum: COMPLIANCE_CATEGORIES,
    description: 'A family of rules, as on the compliance charts',
  })
  @IsOptional()
  @IsIn(COMPLIANCE_CATEGORIES, oneOf(COMPLIANCE_CATEGORIES))
  category?: ComplianceCategory;

  @ApiPropertyOptional({
    description: "The case's caseworker",
    example: 'Casey Worker',
  })
  @IsOptional()
  @MaxLength(SHORT_TEXT)
  @IsString({ message: 'caseworker must be a name, given once' })
  caseworker?: string;

  @ApiPropertyOptional({
    enum: RESPONSIBLE_BODIES,
    description: 'Who must answer a recommendation',
  })
  @IsOptional()
  @IsIn(RESPONSIBLE_BODIES, oneOf(RESPONSIBLE_BODIES))
  responsibleBody?: ResponsibleBody;

  @ApiPropertyOptional({
    description: 'Only deadlines due in this month of the period (YYYY-MM)',
    example: '2026-01',
  })
  @IsOptional()
  @Matches(MONTH, monthMessage('month'))
  @IsString(monthMessage('month'))
  month?: string;

  @ApiPropertyOptional({
    enum: REPORT_DEADLINE_SORTS,
    default: 'dueOn',
    description:
      'The order of the list: a column, or `-` and the column for the other order (daysOverdue: most overdue first)',
  })
  @IsOptional()
  @IsIn(REPORT_DEADLINE_SORTS, {
    message: `The list can be sorted only by one of its columns: ${REPORT_DEADLINE_SORTS.join(', ')}`,
  })
  sort?: ReportDeadlineSort;
}

export const APPEAL_SORTS = [
  'lodgedOn',
  'decisionDate',
  'caseReference',
  'childName',
  'tribunalReference',
  'stage',
  'outcome',
  'caseworker',
  'hearingDate',
  'responseDueOn',
] as const;
export type AppealSort = (typeof APPEAL_SORTS)[number];

/** Filters of the appeals register (the period is of the date the appeal was lodged). */
export class AppealRegisterQueryDto extends PagedReportQueryDto {
  @ApiPropertyOptional({ enum: APPEAL_STAGES })
  @IsOptional()
  @IsIn(APPEAL_STAGES, oneOf(APPEAL_STAGES))
  stage?: AppealStage;

  @ApiPropertyOptional({ enum: APPEAL_OUTCOMES })
  @IsOptional()
  @IsIn(APPEAL_OUTCOMES, oneOf(APPEAL_OUTCOMES))
  outcome?: AppealOutcome;

  @ApiPropertyOptional({
    enum: APPEAL_RESULTS,
    description:
      'How it ended for the council: lost, conceded, upheld, ended without a decision, or open',
  })
  @IsOptional()
  @IsIn(APPEAL_RESULTS, oneOf(APPEAL_RESULTS))
  result?: AppealResult;

  @ApiPropertyOptional({
    enum: PLAN_SECTIONS,
    description: 'Appeals about this section of the plan',
  })
  @IsOptional()
  @IsIn(PLAN_SECTIONS, oneOf(PLAN_SECTIONS))
  section?: PlanSection;

  @ApiPropertyOptional({ enum: APPEAL_SORTS, default: 'lodgedOn' })
  @IsOptional()
  @IsIn(APPEAL_SORTS, oneOf(APPEAL_SORTS))
  sort?: AppealSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'], oneOf(['asc', 'desc']))
  order?: 'asc' | 'desc';
}
