import { applyDecorators, Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type {
  AppealRegister,
  ComplianceReport,
  DeadlineDashboard,
  DeadlinePage,
} from '@send/contracts';
import { type Actor, AllowRoles, CurrentActor } from '../auth/actor';
import { type AccessKind, LogsAccess } from '../audit/access-log';
import { schemaRef } from '../http/endpoints';
import { AppealRegisterService } from './appeal-register.service';
import {
  AppealRegisterQueryDto,
  DeadlineDrillDownQueryDto,
  ReportQueryDto,
} from './reporting.dto';
import { ReportingService } from './reporting.service';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: schemaRef('Problem') } },
});

/**
 * A report for managers (their own team) and auditors (any team, or every team). Read-only; every
 * call is written to the access log like any other read of case data.
 */
const ReadReport = (summary: string, schema: string, access: AccessKind) =>
  applyDecorators(
    AllowRoles('manager', 'auditor'),
    LogsAccess(access),
    ApiOperation({ summary }),
    ApiOkResponse({ description: 'OK', schema: schemaRef(schema) }),
    ApiUnauthorizedResponse(problem('Not signed in, or the session has ended')),
    ApiForbiddenResponse(
      problem(
        'Your role cannot see reports, or (managers) the team asked for is not yours',
      ),
    ),
    ApiBadRequestResponse(
      problem('Invalid filters: `detail` says what, `errors` names each one'),
    ),
  );

@ApiTags('reports')
@Controller('reports')
export class ReportingController {
  constructor(
    private readonly reporting: ReportingService,
    private readonly appeals: AppealRegisterService,
  ) {}

  @Get('deadlines')
  @ReadReport(
    "The team's statutory deadlines: due this week and overdue now; how the deadlines due in the period came out; by caseworker, rule and responsible body",
    'DeadlineDashboard',
    { action: 'report.deadlines', purpose: 'deadline dashboard' },
  )
  dashboard(
    @Query() query: ReportQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<DeadlineDashboard> {
    return this.reporting.dashboard(actor, query);
  }

  @Get('compliance')
  @ReadReport(
    'Compliance over time: per month of the due date, deadlines met on time, met late and missed for order compliance, recommendation responses, mediation arrangements and Tribunal responses',
    'ComplianceReport',
    { action: 'report.compliance', purpose: 'compliance report' },
  )
  compliance(
    @Query() query: ReportQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ComplianceReport> {
    return this.reporting.compliance(actor, query);
  }

  @Get('deadlines/list')
  @ReadReport(
    'The deadlines behind a number on the dashboard (paged, soonest due first)',
    'DeadlinePage',
    {
      action: 'report.deadlines.list',
      purpose: 'deadline dashboard drill-down',
    },
  )
  deadlines(
    @Query() query: DeadlineDrillDownQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<DeadlinePage> {
    return this.reporting.deadlines(actor, query);
  }

  @Get('appeals')
  @ReadReport(
    'The appeals register: appeals by stage and outcome, conceded or lost, by decision type and plan section (paged list and counts)',
    'AppealRegister',
    { action: 'report.appeals', purpose: 'appeals register' },
  )
  register(
    @Query() query: AppealRegisterQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<AppealRegister> {
    return this.appeals.register(actor, query);
  }
}
