import type { StaffUser } from './users';

/** A staff account as administrators see it. */
export interface StaffAccount extends StaffUser {
  email: string | null;
  /** A disabled account cannot sign in and has no live session. */
  active: boolean;
  /** Whether the account has a local password (otherwise it signs in through the identity provider only). */
  hasPassword: boolean;
  /** Whether the account is linked to an identity at the council's identity provider (by its subject). */
  singleSignOnLinked: boolean;
  /** Until when the account is locked after wrong passwords (ISO 8601), if it is. */
  lockedUntil: string | null;
}

/**
 * An administrator's reset of a staff account's password: a temporary password, shown once, to give
 * the member of staff by another channel. It works until `expiresAt`, and only for setting a
 * password of their own at their next sign-in; the account's sessions ended with the reset.
 */
export interface PasswordReset {
  temporaryPassword: string;
  expiresAt: string;
}

/** A mediation provider families are referred to. Inactive ones cannot be chosen for a new mediation. */
export interface MediationProvider {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  active: boolean;
}

/**
 * A bank holiday of England and Wales that working days are counted against. `published`: shipped
 * with the service (gov.uk's list); `administrator`: added by an administrator; `regular pattern`:
 * listed for a year when an administrator first added a date in it, so that the year keeps its usual
 * holidays (a year with any date listed counts only its listed dates).
 */
export interface BankHolidayEntry {
  date: string;
  title: string;
  source: 'published' | 'administrator' | 'regular pattern';
}
