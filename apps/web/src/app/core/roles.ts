import type { Role } from '@send/contracts';

export interface NavigationItem {
  label: string;
  link: string;
}

const MY_DEADLINES: NavigationItem = {
  label: 'My deadlines',
  link: '/my-deadlines',
};
const FIND_A_CASE: NavigationItem = { label: 'Find a case', link: '/cases' };
const DEADLINES: NavigationItem = {
  label: 'All deadlines',
  link: '/deadlines',
};
const CALCULATOR: NavigationItem = {
  label: 'Deadline calculator',
  link: '/deadline-calculator',
};
const DASHBOARD: NavigationItem = { label: 'Dashboard', link: '/dashboard' };
const APPEALS: NavigationItem = { label: 'Appeals', link: '/appeals' };
const EXPORTS: NavigationItem = { label: 'Exports', link: '/audit/exports' };
const ACCESS_LOG: NavigationItem = {
  label: 'Access log',
  link: '/audit/access-log',
};
const SECURITY_LOG: NavigationItem = {
  label: 'Security log',
  link: '/audit/security-log',
};
const ADMINISTRATION: NavigationItem = {
  label: 'Administration',
  link: '/administration',
};

/** The service navigation each role sees: what its work is, in the order it is done. */
const NAVIGATION: Record<Role, readonly NavigationItem[]> = {
  caseworker: [MY_DEADLINES, FIND_A_CASE, DEADLINES, CALCULATOR],
  manager: [
    DASHBOARD,
    MY_DEADLINES,
    FIND_A_CASE,
    DEADLINES,
    APPEALS,
    CALCULATOR,
  ],
  auditor: [
    EXPORTS,
    ACCESS_LOG,
    SECURITY_LOG,
    DASHBOARD,
    APPEALS,
    FIND_A_CASE,
    DEADLINES,
  ],
  administrator: [ADMINISTRATION],
};

export function navigationFor(
  role: Role | undefined,
): readonly NavigationItem[] {
  return role ? NAVIGATION[role] : [];
}

/** Where a member of staff starts after signing in. */
export function homeFor(role: Role | undefined): string {
  switch (role) {
    case 'manager':
      return '/dashboard';
    case 'auditor':
      return '/audit/exports';
    case 'administrator':
      return '/administration';
    default:
      return '/my-deadlines';
  }
}

/** Caseworkers and managers record entries on cases (as the API allows). */
export const recordsOnCases = (role: Role | undefined): boolean =>
  role === 'caseworker' || role === 'manager';
