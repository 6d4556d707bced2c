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
  /**
   * Signed in with a password an administrator set (a first password, or a reset): nothing but
   * `POST /api/auth/password` (and sign-out) is allowed until the member of staff sets their own.
   */
  passwordChangeRequired: boolean;
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
  /** Why, as the route serves it (e.g. `case work`, `history export (CSV)`). */
  purpose: string;
  /** Why, as the caller said in `X-Access-Reason` (e.g. a subject access request number), if they did. */
  reason: string | null;
  /** `denied`: the read was refused (`status` 403, or 404 for a case outside the caller's team or none). */
  outcome: 'allowed' | 'denied';
  status: number | null;
  caseId: string | null;
  detail: Record<string, unknown>;
  /** The client's address (behind a proxy, as TRUST_PROXY allows). */
  ip: string | null;
}

/** One security event (sign-in, lock-out, sign-out, refused CSRF token) or administrator's change. */
export interface SecurityLogEntry {
  id: string;
  at: string;
  /** e.g. `sign_in`, `account_locked`, `sign_out`, `csrf.refused`, `user.created`, `user.changed`, `user.disabled`, `bank_holiday.added`. */
  event: string;
  outcome: 'success' | 'failure';
  /** Who did it; none for a sign-in that failed. */
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  /** The staff account it concerns. */
  subjectUserId: string | null;
  /** Why, as the administrator said. */
  reason: string | null;
  /** What exactly (e.g. the sign-in method and why it failed; before and after of a change). */
  detail: Record<string, unknown>;
  ip: string | null;
}

/** One of a leaver's cases, as the bulk reassignment preview lists it. */
export interface ReassignmentCase {
  caseId: string;
  reference: string;
  childName: string;
  stage: string;
  /** The case's version (for information; the move locks each case itself). */
  version: number;
  /** Its deadlines still to be done (open or overdue), which move with it. */
  openDeadlines: number;
  /** Of those, duties overdue now (the domain's overdue test: not the family's own time limits). */
  overdueDeadlines: number;
  /** The soonest due date of its open deadlines, if any. */
  nextDueOn: string | null;
}

/** `GET /api/reassignments/preview?fromStaffUserId=`: a caseworker's cases and who can take them. */
export interface ReassignmentPreview {
  from: { id: string; name: string; team: string };
  cases: ReassignmentCase[];
  /** The other active caseworkers and managers of the team, who can take cases. */
  candidates: { id: string; name: string; role: string }[];
}

/** What `POST /api/reassignments` moved: each case and where it went. */
export interface BulkReassignResult {
  moved: { caseId: string; reference: string; to: string; sequence: number }[];
  openDeadlinesMoved: number;
}
