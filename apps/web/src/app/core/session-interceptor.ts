import {
  HttpErrorResponse,
  HttpInterceptorFn,
  HttpResponse,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, tap, throwError } from 'rxjs';
import { Session } from './session';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Calls whose 401 means "wrong details", "not signed in yet" or "signed out already", not "your session ended". */
const NO_REDIRECT = [
  '/api/auth/sign-in',
  '/api/auth/session',
  '/api/auth/sign-out',
];

/**
 * Sends the session's CSRF token with every change to the API; notes each answer (it keeps the
 * session alive on the server, which the timeout warning must know); and on a 401 (the session
 * ended) forgets the user and shows the sign-in page, coming back here afterwards.
 */
export const sessionInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(Session);
  const router = inject(Router);
  if (!request.url.startsWith('/api/')) return next(request);
  const token = session.csrfToken();
  const sent =
    token && !SAFE.has(request.method)
      ? request.clone({ setHeaders: { 'X-CSRF-Token': token } })
      : request;
  return next(sent).pipe(
    tap((event) => {
      if (event instanceof HttpResponse) session.touched();
    }),
    catchError((error: unknown) => {
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        !NO_REDIRECT.includes(request.url)
      ) {
        session.clear();
        const returnTo = router.url.startsWith('/sign-in')
          ? undefined
          : router.url;
        void router.navigate(['/sign-in'], {
          queryParams: returnTo ? { returnTo } : {},
        });
      } else if (error instanceof HttpErrorResponse && error.status > 0) {
        session.touched();
      }
      return throwError(() => error);
    }),
  );
};
