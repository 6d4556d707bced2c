import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { Session } from './session';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Calls whose 401 means "wrong details" or "not signed in yet", not "your session ended". */
const NO_REDIRECT = ['/api/auth/sign-in', '/api/auth/session'];

/**
 * Sends the session's CSRF token with every change to the API, and on a 401 (the session ended)
 * forgets the user and shows the sign-in page, coming back here afterwards.
 */
export const sessionInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(Session);
  const router = inject(Router);
  if (!request.url.startsWith('/api/')) return next(request);
  const token = session.csrfToken();
  const sent = token && !SAFE.has(request.method) ? request.clone({ setHeaders: { 'X-CSRF-Token': token } }) : request;
  return next(sent).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && !NO_REDIRECT.includes(request.url)) {
        session.clear();
        const returnTo = router.url.startsWith('/sign-in') ? undefined : router.url;
        void router.navigate(['/sign-in'], { queryParams: returnTo ? { returnTo } : {} });
      }
      return throwError(() => error);
    }),
  );
};
