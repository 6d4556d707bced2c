import type { AccessLogEntry, SecurityLogEntry } from './users';

/** The filters of the access log (`GET /api/access-log` and its CSV): every one optional. */
export interface AccessLogQuery {
  /** Part of the name of the member of staff who read (or tried to). */
  person?: string;
  /** The reference of the case read. */
  caseReference?: string;
  /** First day (Europe/London, YYYY-MM-DD, inclusive). */
  from?: string;
  /** Last day (Europe/London, YYYY-MM-DD, inclusive). */
  to?: string;
  outcome?: AccessLogEntry['outcome'];
  /** 1 = the newest entries. */
  page?: number;
}

/** The filters of the security log (`GET /api/security-log` and its CSV): every one optional. */
export interface SecurityLogQuery {
  /** Part of the name of the member of staff who acted, or of the account the event concerns. */
  person?: string;
  /** First day (Europe/London, YYYY-MM-DD, inclusive). */
  from?: string;
  /** Last day (Europe/London, YYYY-MM-DD, inclusive). */
  to?: string;
  outcome?: SecurityLogEntry['outcome'];
  page?: number;
}

/** The number of log entries on a page of the access and security log screens. */
export const AUDIT_LOG_PAGE_SIZE = 50;

/**
 * A page of a log, newest first. The logs are large (every read of case data), so the page says
 * whether there is a next one rather than counting every match.
 */
export interface AuditLogPage<T> {
  items: T[];
  page: number;
  pageSize: number;
  hasNextPage: boolean;
}

/** An access log entry on the auditor's screen: with the reference of the case read. */
export interface AccessLogListEntry extends AccessLogEntry {
  caseReference: string | null;
}

/** A security log entry on the auditor's screen: with the name of the account it concerns. */
export interface SecurityLogListEntry extends SecurityLogEntry {
  subjectName: string | null;
}

export type AccessLogPage = AuditLogPage<AccessLogListEntry>;
export type SecurityLogPage = AuditLogPage<SecurityLogListEntry>;

/** The security log's events in words (the screen and the CSV). */
export const SECURITY_EVENT_LABELS: Readonly<Record<string, string>> = {
  sign_in: 'Sign-in',
  account_locked: 'Account locked after wrong passwords',
  sign_out: 'Sign-out',
  'csrf.refused': 'Request refused: missing or wrong form token',
  'password.changed': 'Password changed',
  'request.refused': 'Request refused as unsafe',
  'document.refused': 'Document refused',
  'user.created': 'Staff account added',
  'user.changed': 'Staff account changed',
  'user.disabled': 'Staff account disabled',
  'user.enabled': 'Staff account enabled',
  'user.password_reset': 'Password reset by an administrator',
  'mediation_provider.added': 'Mediation provider added',
  'mediation_provider.changed': 'Mediation provider changed',
  'bank_holiday.added': 'Bank holiday added',
  'bank_holiday.removed': 'Bank holiday removed',
  'letter_template.uploaded': 'Letter template version uploaded',
  'letter_template.published': 'Letter template version published',
};

/** The outcomes of both logs in words. */
export const LOG_OUTCOME_LABELS: Readonly<Record<string, string>> = {
  allowed: 'Allowed',
  denied: 'Refused',
  success: 'Succeeded',
  failure: 'Failed',
};
