import { Routes } from '@angular/router';
import { DeadlineList } from './deadline-list';

export const deadlineRoutes: Routes = [
  { path: '', title: 'Deadlines', component: DeadlineList },
];
