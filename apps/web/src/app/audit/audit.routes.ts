import { Routes } from '@angular/router';
import { ExportPage } from './export-page';
import { ExportsPage } from './exports-page';
import { AuditLogPage } from './audit-log-page';

export const auditRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'exports' },
  { path: 'exports', title: 'Export case histories', component: ExportsPage },
  { path: 'exports/:exportId', title: 'Export', component: ExportPage },
  {
    path: 'access-log',
    title: 'Access log',
    component: AuditLogPage,
    data: { kind: 'access' },
  },
  {
    path: 'security-log',
    title: 'Security log',
    component: AuditLogPage,
    data: { kind: 'security' },
  },
];
