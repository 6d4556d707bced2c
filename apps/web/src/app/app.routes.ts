import { Route } from '@angular/router';
import { signedInGuard } from './core/signed-in-guard';

export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'my-deadlines' },
  {
    path: 'sign-in',
    title: 'Sign in',
    loadComponent: () => import('./sign-in/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: 'my-deadlines',
    title: 'My deadlines',
    canActivate: [signedInGuard],
    loadComponent: () => import('./deadlines/my-deadlines-page').then((m) => m.MyDeadlinesPage),
  },
  {
    path: 'deadline-calculator',
    title: 'Deadline calculator',
    canActivate: [signedInGuard],
    loadComponent: () => import('./calculator/deadline-calculator-page').then((m) => m.DeadlineCalculatorPage),
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
