import { HttpErrorResponse } from '@angular/common/http';

/** What went wrong with a letter request, in the API's words (its `errors`, or its `detail`). */
export function letterProblemOf(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    const body = error.error as {
      detail?: string;
      errors?: { message: string }[];
    } | null;
    if (body?.errors?.length)
      return body.errors.map((e) => e.message).join(' ');
    if (body?.detail) return body.detail;
  }
  return 'Sorry, there is a problem with the service. Try again later.';
}
