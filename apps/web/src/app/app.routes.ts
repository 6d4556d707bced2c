import { Route } from '@angular/router';
import { homeRedirect, roleGuard } from './core/role-guard';
import { signedInGuard } from './core/signed-in-guard';

export const appRoutes: Route[] = [
  // Each role's start page (see core/roles.ts); the guard always redirects.
  { path: '', pathMatch: 'full', canActivate: [homeRedirect], children: [] },
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
    path: 'dashboard',
    canActivate: [roleGuard('manager', 'auditor')],
    loadChildren: () => import('./dashboard/dashboard.routes').then((m) => m.dashboardRoutes),
  },
  {
    path: 'appeals',
    canActivate: [roleGuard('manager', 'auditor')],
    loadChildren: () => import('./appeals/appeals.routes').then((m) => m.appealRoutes),
  },
  {
    path: 'audit',
    canActivate: [roleGuard('auditor')],
    loadChildren: () => import('./audit/audit.routes').then((m) => m.auditRoutes),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./not-found').then((m) => m.NotFound),
  },
];
