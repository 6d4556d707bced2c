import {
  applyDecorators,
  Controller,
  Get,
  Query,
  type StreamableFile,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
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
import { tableCsv } from '../http/csv';
import { csvFile } from '../http/csv-file';
import {
  APPEAL_COLUMNS,
  BREAKDOWN_COLUMNS,
  COMPLIANCE_COLUMNS,
  complianceRows,
  DRILL_DOWN_COLUMNS,
} from './report-csv';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: schemaRef('Problem') } },
});

/**
 * Who may read a report and what its reading logs: managers (their own team) and auditors (any
 * team, or every team). Read-only; every call is written to the access log like any other read of
 * case data. The refusals are the same for a report's table and its CSV.
 */
const ReportAccess = (summary: string, access: AccessKind) =>
  applyDecorators(
    AllowRoles('manager', 'auditor'),
    LogsAccess(access),
    ApiOperation({ summary }),
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

/** A report as JSON. */
const ReadReport = (summary: string, schema: string, access: AccessKind) =>
  applyDecorators(
    ReportAccess(summary, access),
    ApiOkResponse({ description: 'OK', schema: schemaRef(schema) }),
  );

/** A report table as CSV: the same filters (and checks) as the table on the screen. */
const ReadReportCsv = (summary: string, access: AccessKind) =>
  applyDecorators(
    ReportAccess(summary, access),
    ApiProduces('text/csv'),
    ApiOkResponse({
      description:
        'CSV (UTF-8 with a byte order mark), headed in words, dates in Europe/London',
      schema: { type: 'string' },
    }),
  );

/** The file name of a report's CSV: what it is, and the team it is of. */
const fileName = (what: string, team: string | null) =>
  `${what}${team ? `-${team.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}` : '-all-teams'}.csv`;

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

  @Get('deadlines/by-caseworker.csv')
  @ReadReportCsv("The dashboard's table by caseworker, as CSV", {
    action: 'report.deadlines.csv',
    purpose: 'deadline dashboard CSV',
  })
  async byCaseworkerCsv(
    @Query() query: ReportQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const d = await this.reporting.dashboard(actor, query);
    return csvFile(
      fileName('deadlines-by-caseworker', d.filters.team),
      tableCsv(BREAKDOWN_COLUMNS('Caseworker'), d.byCaseworker),
    );
  }

  @Get('deadlines/by-rule.csv')
  @ReadReportCsv("The dashboard's table by rule, as CSV", {
    action: 'report.deadlines.csv',
    purpose: 'deadline dashboard CSV',
  })
  async byRuleCsv(
    @Query() query: ReportQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const d = await this.reporting.dashboard(actor, query);
    return csvFile(
      fileName('deadlines-by-rule', d.filters.team),
      tableCsv(BREAKDOWN_COLUMNS('What is due'), d.byRule),
    );
  }

  @Get('deadlines/by-responsible-body.csv')
  @ReadReportCsv(
    "The dashboard's table of recommendation responses by responsible body, as CSV",
    { action: 'report.deadlines.csv', purpose: 'deadline dashboard CSV' },
  )
  async byResponsibleBodyCsv(
    @Query() query: ReportQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const d = await this.reporting.dashboard(actor, query);
    return csvFile(
      fileName('deadlines-by-responsible-body', d.filters.team),
      tableCsv(BREAKDOWN_COLUMNS('Responsible body'), d.byResponsibleBody),
    );
  }

  @Get('compliance.csv')
  @ReadReportCsv(
    'Compliance over time as CSV: one row per family of deadlines and month',
    { action: 'report.compliance.csv', purpose: 'compliance report CSV' },
  )
  async complianceCsv(
    @Query() query: ReportQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const report = await this.reporting.compliance(actor, query);
    return csvFile(
      fileName('compliance', report.filters.team),
      tableCsv(COMPLIANCE_COLUMNS, complianceRows(report)),
    );
  }

  @Get('deadlines/list.csv')
  @ReadReportCsv(
    'The deadlines behind a number on the dashboard, as CSV: every one (not a page), in the order asked for',
    {
      action: 'report.deadlines.list.csv',
      purpose: 'deadline dashboard drill-down CSV',
    },
  )
  async deadlinesCsv(
    @Query() query: DeadlineDrillDownQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const page = await this.reporting.deadlines(actor, query, true);
    const team = this.reporting.teamFor(actor, query.team);
    return csvFile(
      fileName(`deadlines-${(query.status ?? 'due').replace(/_/g, '-')}`, team),
      tableCsv(DRILL_DOWN_COLUMNS(this.reporting.today()), page.items),
    );
  }

  @Get('appeals.csv')
  @ReadReportCsv(
    'The appeals register as CSV: every appeal matching the filters (not a page), in the order asked for',
    { action: 'report.appeals.csv', purpose: 'appeals register CSV' },
  )
  async registerCsv(
    @Query() query: AppealRegisterQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const register = await this.appeals.register(actor, query, true);
    return csvFile(
      fileName('appeals-register', this.reporting.teamFor(actor, query.team)),
      tableCsv(APPEAL_COLUMNS, register.items),
    );
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
