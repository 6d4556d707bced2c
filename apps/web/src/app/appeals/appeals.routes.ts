import { Routes } from '@angular/router';
import { AppealRegisterPage } from './appeal-register-page';

export const appealRoutes: Routes = [
  {
    path: '',
    title: 'Appeals register',
    component: AppealRegisterPage,
    data: { wide: true },
  },
];
