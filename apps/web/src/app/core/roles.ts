import type { Role } from '@send/contracts';

export interface NavigationItem {
  label: string;
  link: string;
}

const DASHBOARD: NavigationItem = { label: 'Dashboard', link: '/dashboard' };
const DEADLINES: NavigationItem = { label: 'Deadlines', link: '/deadlines' };
const APPEALS: NavigationItem = { label: 'Appeals', link: '/appeals' };
const EXPORTS: NavigationItem = { label: 'Exports', link: '/audit/exports' };

/** The service navigation each role sees: what its work is, in the order it is done. */
const NAVIGATION: Record<Role, readonly NavigationItem[]> = {
  caseworker: [DEADLINES],
  manager: [DASHBOARD, DEADLINES, APPEALS],
  auditor: [EXPORTS, DASHBOARD, APPEALS, DEADLINES],
  administrator: [],
};

export function navigationFor(role: Role | undefined): readonly NavigationItem[] {
  return role ? NAVIGATION[role] : [];
}

/** Where a member of staff starts after signing in. */
export function homeFor(role: Role | undefined): string {
  switch (role) {
    case 'manager':
      return '/dashboard';
    case 'auditor':
      return '/audit/exports';
    default:
      return '/deadlines';
  }
}
