import type { SummaryError } from '../shared/error-summary';
import { SERVICE_PROBLEM, toProblem } from '../shared/problem';

/** A field's error on an administrator's form. */
export interface AdminFieldError extends SummaryError {
  field?: string;
}

/** The errors to show for a refused change: the API's own words (400, 404, 409), else the service problem. */
export function problemErrors(
  error: unknown,
  fields: readonly string[],
): AdminFieldError[] {
  const problem = toProblem(error);
  if (!problem || problem.status >= 500) return [{ message: SERVICE_PROBLEM }];
  const own = (problem.errors ?? []).filter((e) => fields.includes(e.field));
  return own.length
    ? own.map((e) => ({
        field: e.field,
        targetId: e.field,
        message: e.message,
      }))
    : [{ message: problem.detail }];
}

/** Text typed into a form field, trimmed. */
export const textOf = (form: FormData, name: string): string =>
  String(form.get(name) ?? '').trim();
