import { Route } from '@angular/router';
import { signedInGuard } from './core/signed-in-guard';

export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'deadlines' },
  {
    path: 'sign-in',
    title: 'Sign in',
    loadComponent: () => import('./sign-in/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: 'deadlines',
    canActivate: [signedInGuard],
    loadChildren: () => import('./deadlines/deadlines.routes').then((m) => m.deadlineRoutes),
  },
  {
    path: 'cases',
    canActivate: [signedInGuard],
    loadChildren: () => import('./cases/cases.routes').then((m) => m.caseRoutes),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./not-found').then((m) => m.NotFound),
  },
];
