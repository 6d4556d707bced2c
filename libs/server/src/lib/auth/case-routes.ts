import {
  applyDecorators,
  HttpCode,
  HttpStatus,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiInternalServerErrorResponse,
  ApiOkResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Role } from '@send/contracts';
import { type AccessKind, LogsAccess } from '../audit/access-log';
import { DryRunStatusInterceptor } from '../http/dry-run.interceptor';
import { problem, problems, schemaRef } from '../http/endpoints';
import { savedButNotShownProblem } from '../http/write-outcome';
import {
  AllowRoles,
  CASE_READERS,
  CASE_WRITERS,
  CaseScoped,
} from '../identity/actor';
import { ReadRateLimit } from './sign-in.throttler';

/*
 * The routes about cases: who may call them (the session guard's metadata), what is written to
 * the access log, the rate limit of exports, and what OpenAPI says they answer.
 */

/**
 * A write to a case of the caller's team (by a caseworker or manager unless `roles` says otherwise):
 * answers the updated case.
 */
export const RecordOnCase = (
  summary: string,
  options: { description?: string; roles?: Role[] } = {},
) =>
  applyDecorators(
    AllowRoles(...(options.roles ?? CASE_WRITERS)),
    CaseScoped(),
    HttpCode(HttpStatus.CREATED),
    UseInterceptors(DryRunStatusInterceptor),
    ApiOperation({
      summary,
      ...(options.description ? { description: options.description } : {}),
    }),
    ApiCreatedResponse({
      description: 'The case after the change',
      schema: schemaRef('CaseDetail'),
    }),
    ApiOkResponse({
      description:
        'A dry run (`dryRun: true`): the case as it would be after the change; nothing was saved',
      schema: schemaRef('CaseDetail'),
    }),
    ApiConflictResponse(
      problem(
        'The case changed since the version sent, or the event is not allowed yet (`detail` says what must happen first)',
        409,
        "Record that the Tribunal registered the appeal and sent it to the council before recording the council's response.",
      ),
    ),
    ApiUnprocessableEntityResponse(
      problem(
        'The law does not provide for this on the case’s route (e.g. an appeal with no mediation certificate): recorded, and flagged for review, only with `confirmedUnusual: true`',
        422,
        'No mediation certificate is recorded for this decision: an appeal needs one (Children and Families Act 2014 s.55(3)), unless it is only about the school or placement named in section I (s.55(2)). If this is what actually happened, confirm it (confirmedUnusual: true): it will be recorded and flagged on the case and in the reports for review.',
      ),
    ),
    ApiInternalServerErrorResponse({
      description:
        'Something went wrong. `saved` says whether the entry was saved, when the server knows: `false`, nothing was saved; `true`, it ' +
        "was saved (`sequence`, and the case's new `version`) but the case could not be read back to answer with it. Absent: reload the case to see.",
      content: {
        'application/problem+json': {
          schema: schemaRef('Problem'),
          example: savedButNotShownProblem({
            caseId: '6f1c2a4e-8b1d-4c3e-9a7f-2d5b8e0c1a93',
            sequence: 5,
            version: 5,
          }),
        },
      },
    }),
    ...problems,
  );

/**
 * A read of case data by anyone who works with cases (caseworkers and managers: their team's;
 * auditors: every team's), answering the given schema. Every read is written to the access log.
 */
export const ReadCases = (
  summary: string,
  schema: object,
  access: AccessKind,
) =>
  applyDecorators(
    AllowRoles(...CASE_READERS),
    CaseScoped(),
    LogsAccess(access),
    ApiOperation({ summary }),
    ApiOkResponse({ description: 'OK', schema }),
    ...problems,
  );

/** An export of case data: a read, rate limited per member of staff, streamed. */
export const ExportCases = (
  summary: string,
  schema: object,
  access: AccessKind,
) => applyDecorators(ReadCases(summary, schema, access), ReadRateLimit());
