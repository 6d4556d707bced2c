import { Routes } from '@angular/router';
import { DashboardPage } from './dashboard-page';
import { ReportDeadlinesPage } from './report-deadlines-page';

export const dashboardRoutes: Routes = [
  {
    path: '',
    title: 'Deadlines dashboard',
    component: DashboardPage,
    data: { wide: true },
  },
  { path: 'deadlines', title: 'Deadlines', component: ReportDeadlinesPage },
];
