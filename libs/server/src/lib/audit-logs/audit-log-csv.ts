import { LOG_OUTCOME_LABELS, SECURITY_EVENT_LABELS } from '@send/contracts';
import { londonDateTime } from '../clock/london-time';
import type {
  AccessLogRow,
  SecurityLogRow,
} from '../audit/audit-log.repository';
import { detailsInWords } from '../history/readable-history';

/**
 * The auditors' CSVs of the logs, for people to read: headers in words, times in UK time
 * (Europe/London), details as `Label: value` lines, and a byte order mark for Excel (csv.ts).
 */

export const ACCESS_LOG_CSV_COLUMNS = [
  { key: 'id', header: 'Entry number' },
  { key: 'at', header: 'Date and time (UK time)' },
  { key: 'actorName', header: 'Person' },
  { key: 'actorRole', header: 'Their role' },
  { key: 'action', header: 'What they did' },
  { key: 'purpose', header: 'Purpose' },
  { key: 'reason', header: 'Reason they gave' },
  { key: 'outcome', header: 'Outcome' },
  { key: 'status', header: 'Refused with (HTTP status)' },
  { key: 'caseReference', header: 'Case reference' },
  { key: 'detail', header: 'Details' },
  { key: 'ip', header: 'From (IP address)' },
  { key: 'actorId', header: 'Person (account id)' },
  { key: 'caseId', header: 'Case id' },
];

export function accessLogCsvRow(r: AccessLogRow): Record<string, string> {
  return {
    id: r.id,
    at: londonDateTime(r.at),
    actorName: r.actorName ?? '',
    actorRole: r.actorRole,
    action: r.action ?? '',
    purpose: r.purpose ?? '',
    reason: r.reason ?? '',
    outcome: LOG_OUTCOME_LABELS[r.outcome] ?? r.outcome,
    status: r.status === null ? '' : String(r.status),
    caseReference: r.caseReference ?? '',
    detail: detailsInWords(r.detail ?? {}),
    ip: r.ip ?? '',
    actorId: r.actorId ?? '',
    caseId: r.caseId ?? '',
  };
}

export const SECURITY_LOG_CSV_COLUMNS = [
  { key: 'id', header: 'Entry number' },
  { key: 'at', header: 'Date and time (UK time)' },
  { key: 'event', header: 'Event' },
  { key: 'outcome', header: 'Outcome' },
  { key: 'actorName', header: 'Done by' },
  { key: 'actorRole', header: 'Their role' },
  { key: 'subjectName', header: 'Staff account concerned' },
  { key: 'reason', header: 'Reason given' },
  { key: 'detail', header: 'Details' },
  { key: 'ip', header: 'From (IP address)' },
  { key: 'eventCode', header: 'Event (code)' },
  { key: 'actorId', header: 'Done by (account id)' },
  { key: 'subjectUserId', header: 'Staff account concerned (id)' },
];

export function securityLogCsvRow(r: SecurityLogRow): Record<string, string> {
  return {
    id: r.id,
    at: londonDateTime(r.at),
    event: SECURITY_EVENT_LABELS[r.event] ?? r.event,
    outcome: LOG_OUTCOME_LABELS[r.outcome] ?? r.outcome,
    actorName: r.actorName ?? '',
    actorRole: r.actorRole ?? '',
    subjectName: r.subjectName ?? '',
    reason: r.reason ?? '',
    detail: detailsInWords(r.detail ?? {}),
    ip: r.ip ?? '',
    eventCode: r.event,
    actorId: r.actorId ?? '',
    subjectUserId: r.subjectUserId ?? '',
  };
}
