import type { Role } from './enums';

/** A member of staff. */
export interface StaffUser {
  id: string;
  name: string;
  role: Role;
  team: string;
}

/** The signed-in member of staff, and the token every change must send in `X-CSRF-Token`. */
export interface SessionView {
  user: StaffUser;
  csrfToken: string;
  /** When the session ends however active it is (ISO 8601); it also ends after 30 minutes without use. */
  expiresAt: string;
  /**
   * When the session ends if nothing else is sent to the API (ISO 8601): the idle limit counted from
   * this request, never later than `expiresAt`. Every request moves it on.
   */
  idleExpiresAt: string;
}

/** How staff can sign in here. */
export interface SignInOptions {
  password: boolean;
  singleSignOn: boolean;
}

/** One read of personal data: who, what, when, why and from where. */
export interface AccessLogEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  actorRole: string;
  /** e.g. `case.read`, `case.search`, `history.export`, `access_log.export`. */
  action: string;
  /** Why: the purpose the route serves, or the reason the caller gave in `X-Access-Reason`. */
  purpose: string;
  caseId: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}
