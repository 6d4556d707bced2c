import { Route } from '@angular/router';
import { homeRedirect, roleGuard } from './core/role-guard';
import { signedInOnlyGuard } from './core/signed-in-guard';

export const appRoutes: Route[] = [
  // Each role's start page (see core/roles.ts); the guard always redirects.
  { path: '', pathMatch: 'full', canActivate: [homeRedirect], children: [] },
  {
    path: 'sign-in',
    title: 'Sign in',
    loadComponent: () =>
      import('./sign-in/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: 'change-password',
    title: 'Change your password',
    canActivate: [signedInOnlyGuard],
    loadComponent: () =>
      import('./sign-in/change-password-page').then(
        (m) => m.ChangePasswordPage,
      ),
  },
  {
    path: 'my-deadlines',
    title: 'My deadlines',
    canActivate: [roleGuard('caseworker', 'manager')],
    loadComponent: () =>
      import('./deadlines/my-deadlines-page').then((m) => m.MyDeadlinesPage),
  },
  {
    path: 'deadline-calculator',
    title: 'Deadline calculator',
    canActivate: [roleGuard('caseworker', 'manager', 'auditor')],
    loadComponent: () =>
      import('./calculator/deadline-calculator-page').then(
        (m) => m.DeadlineCalculatorPage,
      ),
  },
  {
    path: 'deadlines',
    canActivate: [roleGuard('caseworker', 'manager', 'auditor')],
    loadChildren: () =>
      import('./deadlines/deadlines.routes').then((m) => m.deadlineRoutes),
  },
  {
    path: 'cases',
    canActivate: [roleGuard('caseworker', 'manager', 'auditor')],
    loadChildren: () =>
      import('./cases/cases.routes').then((m) => m.caseRoutes),
  },
  {
    path: 'dashboard',
    canActivate: [roleGuard('manager', 'auditor')],
    loadChildren: () =>
      import('./dashboard/dashboard.routes').then((m) => m.dashboardRoutes),
  },
  {
    path: 'appeals',
    canActivate: [roleGuard('manager', 'auditor')],
    loadChildren: () =>
      import('./appeals/appeals.routes').then((m) => m.appealRoutes),
  },
  {
    path: 'audit',
    canActivate: [roleGuard('auditor')],
    loadChildren: () =>
      import('./audit/audit.routes').then((m) => m.auditRoutes),
  },
  {
    path: 'notifications',
    title: 'Notifications',
    canActivate: [roleGuard('caseworker', 'manager')],
    loadComponent: () =>
      import('./records/notifications-page').then((m) => m.NotificationsPage),
  },
  {
    path: 'calendar-feed',
    title: 'Your deadlines in your calendar',
    canActivate: [roleGuard('caseworker', 'manager')],
    loadComponent: () =>
      import('./records/calendar-feed-page').then((m) => m.CalendarFeedPage),
  },
  {
    path: 'administration',
    canActivate: [roleGuard('administrator')],
    loadChildren: () =>
      import('./administration/administration.routes').then(
        (m) => m.administrationRoutes,
      ),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./not-found').then((m) => m.NotFound),
  },
];
