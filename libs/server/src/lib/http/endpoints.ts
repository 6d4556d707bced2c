import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ParseIdPipe } from './validation';

/*
 * OpenAPI building blocks for every controller. The decorators of routes about cases (who may
 * call them, the access log, rate limits) are in auth/case-routes.ts.
 */

/** A schema generated from libs/contracts (see scripts/contract-schemas.mjs). */
export const schemaRef = (name: string) => ({
  $ref: `#/components/schemas/${name}`,
});
export const arrayOf = (name: string) => ({
  type: 'array' as const,
  items: schemaRef(name),
});
export const TITLES = {
  400: 'The request has a problem',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  422: 'Not provided for by the law on this route',
} as const;
/** An `application/problem+json` answer, with an example of what a caseworker sees. */
export const problem = (
  description: string,
  status: keyof typeof TITLES,
  detail: string,
  errors?: { field: string; message: string }[],
) => ({
  description,
  content: {
    'application/problem+json': {
      schema: schemaRef('Problem'),
      example: {
        type: 'about:blank',
        title: TITLES[status],
        status,
        detail,
        ...(errors ? { errors } : {}),
      },
    },
  },
});

export const problems = [
  ApiUnauthorizedResponse(
    problem(
      'Not signed in, or the session has ended',
      401,
      'Sign in to continue. (Sessions end after 30 minutes without use.)',
    ),
  ),
  ApiForbiddenResponse(
    problem(
      "Your role cannot do this, or a change came without the session's X-CSRF-Token",
      403,
      'Your role (auditor) cannot do this.',
    ),
  ),
  ApiBadRequestResponse(
    problem(
      'Invalid request: `detail` says what, `errors` names each field',
      400,
      'Letter sent must be a real date written YYYY-MM-DD (got "2026-02-30")',
      [
        {
          field: 'letterSent',
          message:
            'Letter sent must be a real date written YYYY-MM-DD (got "2026-02-30")',
        },
      ],
    ),
  ),
  ApiNotFoundResponse(
    problem(
      'No such case in your team, or no such decision, mediation, appeal, order or recommendation on it',
      404,
      'There is no case with id 6f1c2a4e-8b1d-4c3e-9a7f-2d5b8e0c1a93.',
    ),
  ),
];

/** Path ids: 400 when the value cannot be an id. */
export const CaseId = () => new ParseIdPipe('case');
export const IdOf = (what: string) => new ParseIdPipe(what);
