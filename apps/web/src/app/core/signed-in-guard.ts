import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { map, of } from 'rxjs';
import { Session } from './session';

/** Pages of case data need a signed-in member of staff; otherwise the sign-in page, then back. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  const session = inject(Session);
  const router = inject(Router);
  if (session.user()) return of(true);
  return session
    .load()
    .pipe(map((ok) => ok || router.createUrlTree(['/sign-in'], { queryParams: { returnTo: state.url } })));
};
