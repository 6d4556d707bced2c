import { HttpErrorResponse } from '@angular/common/http';
import type { Problem } from '@send/contracts';

/** The problem+json body of a failed request, if the server sent one. */
export function toProblem(error: unknown): Problem | undefined {
  if (!(error instanceof HttpErrorResponse)) return undefined;
  let body: unknown = error.error;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (body && typeof body === 'object' && 'status' in body && 'title' in body) {
    return body as Problem;
  }
  return undefined;
}

export function httpStatus(error: unknown): number | undefined {
  return error instanceof HttpErrorResponse ? error.status : undefined;
}

export const SERVICE_PROBLEM =
  'Sorry, there is a problem with the service. Try again later.';
