import { Routes } from '@angular/router';
import { AdministrationPage } from './administration-page';
import { BankHolidaysPage } from './bank-holidays-page';
import { LetterTemplatesPage } from './letter-templates-page';
import { MediationProviderPage } from './mediation-provider-page';
import { MediationProvidersPage } from './mediation-providers-page';
import { RemoveBankHolidayPage } from './remove-bank-holiday-page';
import { StaffAccountPage } from './staff-account-page';
import { StaffAccountsPage } from './staff-accounts-page';

export const administrationRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Administration',
    component: AdministrationPage,
  },
  { path: 'staff', title: 'Staff accounts', component: StaffAccountsPage },
  {
    path: 'staff/:userId',
    title: 'Staff account',
    component: StaffAccountPage,
  },
  {
    path: 'mediation-providers',
    title: 'Mediation providers',
    component: MediationProvidersPage,
  },
  {
    path: 'mediation-providers/:providerId',
    title: 'Mediation provider',
    component: MediationProviderPage,
  },
  {
    path: 'bank-holidays',
    title: 'Bank holidays',
    component: BankHolidaysPage,
  },
  {
    path: 'bank-holidays/:date/remove',
    title: 'Remove a bank holiday',
    component: RemoveBankHolidayPage,
  },
  {
    path: 'letter-templates',
    title: 'Letter templates',
    component: LetterTemplatesPage,
  },
];
