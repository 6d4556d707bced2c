import { Routes } from '@angular/router';
import { roleGuard } from '../core/role-guard';
import { DashboardPage } from './dashboard-page';
import { ReportDeadlinesPage } from './report-deadlines-page';

export const dashboardRoutes: Routes = [
  {
    path: '',
    title: 'Deadlines dashboard',
    component: DashboardPage,
    data: { wide: true },
  },
  {
    path: 'deadlines',
    title: 'Deadlines',
    component: ReportDeadlinesPage,
    data: { wide: true },
  },
  {
    path: 'reassign',
    title: "Move a caseworker's cases",
    canActivate: [roleGuard('manager')],
    loadComponent: () => import('./reassign-page').then((m) => m.ReassignPage),
  },
];
