import { Routes } from '@angular/router';
import { ExportPage } from './export-page';
import { ExportsPage } from './exports-page';

export const auditRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'exports' },
  { path: 'exports', title: 'Export case histories', component: ExportsPage },
  { path: 'exports/:exportId', title: 'Export', component: ExportPage },
];
