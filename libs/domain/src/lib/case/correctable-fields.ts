import {
  APPEAL_OUTCOMES,
  APPELLANTS,
  DECISION_TYPES,
  MEETING_OUTCOMES,
  PHASE_TRANSFER_KINDS,
  RESPONSE_OUTCOMES,
  RESPONSE_RECIPIENTS,
} from '@send/contracts';
import { formatLongDate } from '../dates/iso-date';
import type { CaseEventOf, CaseEventType } from './case-events';

/** How a correctable field is checked. */
export type FieldKind =
  | { kind: 'date' }
  | { kind: 'text'; maxLength: number }
  | { kind: 'boolean' }
  | { kind: 'sections' }
  | { kind: 'texts' }
  | { kind: 'choice'; values: readonly string[] };

export type Field = FieldKind & { label: string; optional?: true };

const date = (label: string, optional?: true): Field => ({
  kind: 'date',
  label,
  ...(optional ? { optional } : {}),
});
const text = (label: string, optional?: true, maxLength = 2000): Field => ({
  kind: 'text',
  label,
  maxLength,
  ...(optional ? { optional } : {}),
});
const yesNo = (label: string): Field => ({ kind: 'boolean', label });
const choice = (
  label: string,
  values: readonly string[],
  optional?: true,
): Field => ({
  kind: 'choice',
  label,
  values,
  ...(optional ? { optional } : {}),
});
const sections = (label: string, optional?: true): Field => ({
  kind: 'sections',
  label,
  ...(optional ? { optional } : {}),
});

/**
 * The fields of each kind of event that a correction may change: the facts a caseworker typed.
 * Never an id (what an event is about), never the system's own events (a missed deadline, an
 * attached document), and never the orders or recommendations a decision made (record the
 * Tribunal's decision correctly instead by correcting its dates and outcome).
 */
export const CORRECTABLE_FIELDS: {
  readonly [T in CaseEventType]?: Readonly<
    Partial<Record<keyof CaseEventOf<T>, Field>>
  >;
} = {
  'case.opened': {
    childName: text('name of the child or young person', undefined, 200),
    dateOfBirth: date('date of birth'),
  },
  'contact.added': {
    name: text('name', undefined, 200),
    relationship: text('relationship', undefined, 100),
    email: text('email address', true, 254),
    phone: text('phone number', true, 40),
  },
  'decision.issued': {
    decisionType: choice('type of decision', DECISION_TYPES),
    decisionDate: date('decision date'),
    letterSent: date('date the letter was sent'),
    sections: sections('sections concerned'),
    rationale: text('rationale', true, 10_000),
    placement: text(
      'school or other institution named in section I',
      true,
      200,
    ),
  },
  'assessment.requested': { receivedOn: date('date the request was received') },
  'assessment.agreed': {
    notifiedOn: date('date the family was told the council will assess'),
  },
  'draft_plan.served': { servedOn: date('date the draft plan was served') },
  'draft_plan.comments_received': {
    receivedOn: date("date the family's comments were received"),
  },
  'review.meeting_held': { heldOn: date('date of the review meeting') },
  'review.amendments_proposed': {
    sentOn: date('date the proposed amendments were sent'),
  },
  'phase_transfer.recorded': {
    transferDate: date('date of the transfer'),
    kind: choice('kind of transfer', PHASE_TRANSFER_KINDS),
  },
  'way_forward.requested': { requestedOn: date('date requested') },
  'way_forward.held': {
    heldOn: date('date held'),
    outcome: choice('outcome', MEETING_OUTCOMES),
    notes: text('notes', true, 10_000),
  },
  'mediation.adviser_contacted': {
    contactedOn: date('date the family contacted the adviser'),
    healthInIssue: yesNo('whether health provision is in issue'),
    socialCareInIssue: yesNo('whether social care provision is in issue'),
  },
  'mediation.declined': {
    adviserInformedOn: date('date the adviser was told'),
  },
  'mediation.requested': {
    laInformedOn: date('date the council was told'),
    healthOnly: yesNo('whether health care provision is the only issue'),
  },
  'mediation.withdrawn': {
    adviserInformedOn: date('date the adviser was told'),
  },
  'mediation.health_notified': { notifiedOn: date('date the ICB was told') },
  'mediation.arranged': {
    arrangedOn: date('date arranged'),
    mediationDate: date('date of the mediation'),
  },
  'mediation.not_arranged': {
    adviserInformedOn: date('date the adviser was told'),
  },
  'mediation.held': {
    heldOn: date('date held'),
    concludedOn: date('date it concluded'),
    outcome: choice('outcome', MEETING_OUTCOMES),
    participants: { kind: 'texts', label: 'who took part', optional: true },
  },
  'mediation.agreement_reached': {
    agreementDate: date('date of the agreement'),
  },
  'mediation.agreement_item_completed': {
    completedOn: date('date done'),
    evidence: text('evidence'),
  },
  'mediation.health_response_received': { receivedOn: date('date received') },
  'certificate.issued': { issuedOn: date('date the certificate was issued') },
  'disagreement_resolution.referred': {
    referredOn: date('date referred'),
    subject: text('what the disagreement is about'),
  },
  'disagreement_resolution.meeting_held': { heldOn: date('date held') },
  'disagreement_resolution.concluded': {
    concludedOn: date('date concluded'),
    outcome: choice('outcome', MEETING_OUTCOMES),
  },
  'appeal.lodged': {
    tribunalReference: text('Tribunal reference', undefined, 40),
    lodgedOn: date('date lodged'),
    appellant: choice('appellant', APPELLANTS, true),
    sections: sections('sections appealed', true),
    healthAndSocialCareSought: yesNo(
      'whether health and social care recommendations are sought',
    ),
  },
  'appeal.registered': {
    registeredOn: date('date registered'),
    appealReceivedOn: date('date the council received the appeal'),
  },
  'appeal.response_sent': { sentOn: date('date the response was sent') },
  'appeal.hearing_listed': { hearingDate: date('hearing date') },
  'appeal.decided': {
    outcome: choice('outcome', APPEAL_OUTCOMES),
    decisionDate: date('date of the decision or order'),
    orderSentOn: date('date the order was sent', true),
    laNotifiedTribunalOn: date(
      'date the council told the Tribunal it would not oppose the appeal',
      true,
    ),
  },
  'order.complied': {
    compliedOn: date('date complied'),
    evidence: text('evidence'),
  },
  'recommendation.responded': {
    outcome: choice('response', RESPONSE_OUTCOMES),
    reasons: text('reasons', true, 10_000),
    sentOn: date('date sent'),
    recipient: choice(
      'parent or young person it was sent to',
      RESPONSE_RECIPIENTS,
    ),
    sentTo: { kind: 'texts', label: 'who it was sent to' },
  },
};

/** "Appeal received by the council: Sun 3 May 2026 → Mon 4 May 2026". */
export function describeCorrection(
  event: CaseEventOf<'event.corrected'>,
): string {
  const fields = (CORRECTABLE_FIELDS[event.correctsType as CaseEventType] ??
    {}) as Readonly<Record<string, Field>>;
  const show = (field: Field | undefined, value: unknown): string => {
    if (value === null || value === undefined) return 'none';
    if (field?.kind === 'date' && typeof value === 'string')
      return formatLongDate(value);
    if (field?.kind === 'boolean') return value ? 'yes' : 'no';
    if (Array.isArray(value)) return value.join(', ') || 'none';
    return String(value);
  };
  return Object.keys(event.changes)
    .map(
      (name) =>
        `${fields[name]?.label ?? name}: ${show(fields[name], event.previous[name])} → ${show(fields[name], event.changes[name])}`,
    )
    .join('; ');
}
