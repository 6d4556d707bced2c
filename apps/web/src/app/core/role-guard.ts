import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import type { Role } from '@send/contracts';
import { map, of, type Observable } from 'rxjs';
import { homeFor } from './roles';
import { Session } from './session';

/** Waits for the session (loading it once after a page load); false when there is none. */
export function signedIn(session: Session): Observable<boolean> {
  return session.user() ? of(true) : session.load();
}

/** Where a session that must set its own password goes first (then back to `returnTo`). */
export const changePasswordFirst = (router: Router, returnTo: string) =>
  router.createUrlTree(['/change-password'], {
    queryParams: returnTo && returnTo !== '/' ? { returnTo } : {},
  });

/**
 * Pages for some roles only (the API refuses the others anyway): without a session, the sign-in
 * page and back; signed in with another role, that role's own start page.
 */
export function roleGuard(...roles: Role[]): CanActivateFn {
  return (_route, state) => {
    const session = inject(Session);
    const router = inject(Router);
    return signedIn(session).pipe(
      map((ok) => {
        if (!ok)
          return router.createUrlTree(['/sign-in'], {
            queryParams: { returnTo: state.url },
          });
        if (session.passwordChangeRequired())
          return changePasswordFirst(router, state.url);
        const role = session.user()?.role;
        return role && roles.includes(role)
          ? true
          : router.parseUrl(homeFor(role));
      }),
    );
  };
}

/** `/`: the signed-in member of staff's start page (or sign in first). */
export const homeRedirect: CanActivateFn = () => {
  const session = inject(Session);
  const router = inject(Router);
  return signedIn(session).pipe(
    map((ok) =>
      !ok
        ? router.createUrlTree(['/sign-in'])
        : session.passwordChangeRequired()
          ? changePasswordFirst(router, '/')
          : router.parseUrl(homeFor(session.user()?.role)),
    ),
  );
};
