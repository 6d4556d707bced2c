import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { map, of } from 'rxjs';
import { changePasswordFirst } from './role-guard';
import { Session } from './session';

/** Pages of case data need a signed-in member of staff; otherwise the sign-in page, then back. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  const session = inject(Session);
  const router = inject(Router);
  const signedIn = session.user() ? of(true) : session.load();
  return signedIn.pipe(
    map((ok) =>
      !ok
        ? router.createUrlTree(['/sign-in'], {
            queryParams: { returnTo: state.url },
          })
        : session.passwordChangeRequired()
          ? changePasswordFirst(router, state.url)
          : true,
    ),
  );
};

/** The change-password page: any signed-in member of staff, including one who must change it first. */
export const signedInOnlyGuard: CanActivateFn = (_route, state) => {
  const session = inject(Session);
  const router = inject(Router);
  const signedIn = session.user() ? of(true) : session.load();
  return signedIn.pipe(
    map(
      (ok) =>
        ok ||
        router.createUrlTree(['/sign-in'], {
          queryParams: { returnTo: state.url },
        }),
    ),
  );
};
