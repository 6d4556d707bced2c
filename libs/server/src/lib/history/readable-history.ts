import type { HistoryExportEvent } from '@send/contracts';
import {
  APPEAL_OUTCOME_LABELS,
  CERTIFICATE_KIND_LABELS,
  DECISION_TYPE_LABELS,
  formatLongDate,
  isValidIsoDate,
  LETTER_KIND_LABELS,
  MEETING_OUTCOME_LABELS,
  ORDER_TYPE_LABELS,
  RESPONSE_OUTCOME_LABELS,
  RESPONSIBLE_BODY_LABELS,
} from '@send/domain';
import { londonDateTime } from '../clock/london-time';

/**
 * The history as an investigator reads it: the same columns in the case page's CSV
 * (`GET /api/cases/:id/history.csv`) and in an export's CSV, headers in words, times in
 * Europe/London, and each event's details as columns of text, never JSON.
 */

/** The words for a field of an event's payload or a log entry's detail: `decisionDate` → `Decision date`. */
export function labelOf(key: string): string {
  // Kept once made: an export labels the same few field names on every row.
  let label = labels.get(key);
  if (label === undefined) {
    const words = key
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/[_.]+/g, ' ')
      .trim()
      .toLowerCase();
    label = words.charAt(0).toUpperCase() + words.slice(1);
    if (labels.size >= 10_000) labels.clear();
    labels.set(key, label);
  }
  return label;
}

const labels = new Map<string, string>();

/** Choices shown as the caseworker picked them (labels.ts of the domain), by the field they are in. */
const CHOICES: Record<string, Readonly<Record<string, string>>> = {
  type: DECISION_TYPE_LABELS,
  decisionType: DECISION_TYPE_LABELS,
  orderType: ORDER_TYPE_LABELS,
  // A certificate's kind (SEND Regs 2014 regs 34, 37, 39), or a letter's (a letter template's, in
  // the security log: its upload and publication); the two sets of codes do not overlap.
  kind: { ...CERTIFICATE_KIND_LABELS, ...LETTER_KIND_LABELS },
  responsibleBody: RESPONSIBLE_BODY_LABELS,
  outcome: {
    ...MEETING_OUTCOME_LABELS,
    ...RESPONSE_OUTCOME_LABELS,
    ...APPEAL_OUTCOME_LABELS,
  },
};

/** A value in words: dates as a caseworker reads them, yes and no, lists one per line. */
export function valueInWords(key: string, value: unknown, depth = 0): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const choice = CHOICES[key]?.[value];
    if (choice) return choice;
    if (isValidIsoDate(value)) return formatLongDate(value);
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(value))
      return `${londonDateTime(value)} (UK time)`;
    return value;
  }
  if (Array.isArray(value))
    return value
      .map((v, i) =>
        typeof v === 'object' && v !== null
          ? `${i + 1}. ${detailsInWords(v as Record<string, unknown>, [], depth + 1).replace(/\n/g, '; ')}`
          : valueInWords(key, v, depth + 1),
      )
      .join('\n');
  if (typeof value === 'object')
    return detailsInWords(
      value as Record<string, unknown>,
      [],
      depth + 1,
    ).replace(/\n/g, '; ');
  return String(value);
}

/** Every field of a payload or detail, one `Label: value` a line, in the order recorded. */
export function detailsInWords(
  detail: Record<string, unknown>,
  skip: readonly string[] = [],
  depth = 0,
): string {
  return Object.entries(detail)
    .filter(
      ([key, value]) =>
        !skip.includes(key) && valueInWords(key, value, depth) !== '',
    )
    .map(([key, value]) => {
      const text = valueInWords(key, value, depth);
      return text.includes('\n')
        ? `${labelOf(key)}:\n${text}`
        : `${labelOf(key)}: ${text}`;
    })
    .join('\n');
}

/** The texts an investigator most needs, each in a column of its own (and in full in the PDF). */
export interface EventTexts {
  /** The decision's rationale (SEND Regs 2014 reg 32: reasons in the decision letter). */
  rationale: string;
  /** The Tribunal's recommendations, each in full (SEND (First-tier Tribunal Recommendations Power) Regs 2017 reg 6). */
  recommendations: string;
  /** The reasons given when a recommendation is not followed (2017 Regs reg 7(b)). */
  responseReasons: string;
  /** Every other field, in words. */
  otherDetails: string;
}

const TEXT_FIELDS = ['rationale', 'recommendations', 'reasons'] as const;

export function eventTexts(payload: Record<string, unknown>): EventTexts {
  const recommendations = Array.isArray(payload['recommendations'])
    ? (payload['recommendations'] as Record<string, unknown>[])
        .map(
          (r, i) =>
            `${i + 1}. ${[
              r['section']
                ? `Section: ${valueInWords('section', r['section'])}`
                : '',
              r['responsibleBody']
                ? `For: ${valueInWords('responsibleBody', r['responsibleBody'])}`
                : '',
            ]
              .filter(Boolean)
              .join(
                '. ',
              )}${r['section'] || r['responsibleBody'] ? '. ' : ''}${valueInWords('text', r['text'])}`,
        )
        .join('\n')
    : '';
  return {
    rationale: valueInWords('rationale', payload['rationale']),
    recommendations,
    responseReasons: valueInWords('reasons', payload['reasons']),
    otherDetails: detailsInWords(payload, TEXT_FIELDS),
  };
}

/** The columns of the readable history CSV: key, and the header in words. */
export const HISTORY_CSV_COLUMNS = [
  { key: 'caseReference', header: 'Case reference' },
  { key: 'sequence', header: 'Event number' },
  { key: 'summary', header: 'What happened' },
  { key: 'businessDate', header: 'Date it happened' },
  { key: 'recordedAt', header: 'Recorded at (UK time)' },
  { key: 'actorName', header: 'Recorded by' },
  { key: 'actorRole', header: 'Their role' },
  { key: 'onBehalfOf', header: 'On behalf of' },
  { key: 'reason', header: 'Reason given for the record' },
  { key: 'rationale', header: 'Decision rationale' },
  { key: 'recommendations', header: 'Recommendations' },
  { key: 'responseReasons', header: 'Reasons for the response' },
  { key: 'otherDetails', header: 'Other details' },
  { key: 'stageBefore', header: 'Stage before' },
  { key: 'stageAfter', header: 'Stage after' },
  { key: 'correctsEventId', header: 'Corrects event (id)' },
  { key: 'type', header: 'Event type (code)' },
  { key: 'id', header: 'Event id' },
  { key: 'caseId', header: 'Case id' },
  { key: 'previousHash', header: 'Hash of the event before' },
  { key: 'hash', header: 'Hash (SHA-256)' },
] as const;

export type HistoryCsvRow = Record<
  (typeof HISTORY_CSV_COLUMNS)[number]['key'],
  string | number
>;

/** One event as a row of the readable history CSV. */
export function historyCsvRow(
  caseReference: string,
  e: HistoryExportEvent,
): HistoryCsvRow {
  return {
    caseReference,
    sequence: e.sequence,
    summary: e.summary,
    businessDate: formatLongDate(e.businessDate),
    recordedAt: londonDateTime(e.recordedAt),
    actorName: e.actorName,
    actorRole: e.actorRole,
    onBehalfOf: e.onBehalfOf ?? '',
    reason: e.reason ?? '',
    ...eventTexts(e.payload),
    stageBefore: e.stageBefore ? labelOf(e.stageBefore) : '',
    stageAfter: labelOf(e.stageAfter),
    correctsEventId: e.correctsEventId ?? '',
    type: e.type,
    id: e.id,
    caseId: e.caseId,
    previousHash: e.previousHash ?? '',
    hash: e.hash,
  };
}
