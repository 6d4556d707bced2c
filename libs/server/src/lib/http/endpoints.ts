import { applyDecorators, HttpCode, HttpStatus, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Role } from '@send/contracts';
import { AllowRoles, CASE_READERS, CASE_WRITERS, CaseScoped } from '../auth/actor';
import { ReadRateLimit } from '../auth/sign-in.throttler';
import { type AccessKind, LogsAccess } from '../audit/access-log';
import { DryRunStatusInterceptor } from './dry-run.interceptor';
import { ParseIdPipe } from './validation';

/** A schema generated from libs/contracts (see scripts/contract-schemas.mjs). */
export const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const arrayOf = (name: string) => ({ type: 'array' as const, items: schemaRef(name) });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: schemaRef('Problem') } } });

const problems = [
  ApiUnauthorizedResponse(problem('Not signed in, or the session has ended')),
  ApiForbiddenResponse(problem('Your role cannot do this, or a change came without the session\'s X-CSRF-Token')),
  ApiBadRequestResponse(problem('Invalid request: `detail` says what, `errors` names each field')),
  ApiNotFoundResponse(problem('No such case in your team, or no such decision, mediation, appeal, order or recommendation on it')),
];

/**
 * A write to a case of the caller's team (by a caseworker or manager unless `roles` says otherwise):
 * answers the updated case.
 */
export const RecordOnCase = (summary: string, options: { description?: string; roles?: Role[] } = {}) =>
  applyDecorators(
    AllowRoles(...(options.roles ?? CASE_WRITERS)),
    CaseScoped(),
    HttpCode(HttpStatus.CREATED),
    UseInterceptors(DryRunStatusInterceptor),
    ApiOperation({ summary, ...(options.description ? { description: options.description } : {}) }),
    ApiCreatedResponse({ description: 'The case after the change', schema: schemaRef('CaseDetail') }),
    ApiOkResponse({ description: 'A dry run (`dryRun: true`): the case as it would be after the change; nothing was saved', schema: schemaRef('CaseDetail') }),
    ApiConflictResponse(
      problem('The case changed since the version sent, or the event is not allowed yet (`detail` says what must happen first)'),
    ),
    ...problems,
  );

/**
 * A read of case data by anyone who works with cases (caseworkers and managers: their team's;
 * auditors: every team's), answering the given schema. Every read is written to the access log.
 */
export const ReadCases = (summary: string, schema: object, access: AccessKind) =>
  applyDecorators(
    AllowRoles(...CASE_READERS),
    CaseScoped(),
    LogsAccess(access),
    ApiOperation({ summary }),
    ApiOkResponse({ description: 'OK', schema }),
    ...problems,
  );

/** An export of case data: a read, rate limited per member of staff, streamed. */
export const ExportCases = (summary: string, schema: object, access: AccessKind) =>
  applyDecorators(ReadCases(summary, schema, access), ReadRateLimit());

/** Path ids: 400 when the value cannot be an id. */
export const CaseId = () => new ParseIdPipe('case');
export const IdOf = (what: string) => new ParseIdPipe(what);
