import {
  APPEAL_OUTCOMES,
  APPELLANTS,
  DECISION_TYPES,
  MEETING_OUTCOMES,
  PHASE_TRANSFER_KINDS,
  PLAN_SECTIONS,
  RESPONSE_OUTCOMES,
  RESPONSE_RECIPIENTS,
} from '@send/contracts';
import { formatLongDate, invalidDateReason } from '../dates/iso-date';
import type { CaseEvent, CaseEventOf, CaseEventType } from './case-events';
import { CaseRuleError } from './case-rule-error';
import { type CheckContext, checkCaseEvent } from './case-rules';
import { applyCaseEvent, type CaseSnapshot } from './case-snapshot';

/**
 * Corrections. A fact recorded wrongly is never edited: an `event.corrected` event names the
 * earlier event (by its place in the history) and the fields that should have been different.
 * The case is then what it would have been had the event been recorded right: replaying the
 * history applies each correction to the event it corrects (`effectiveHistory`), the whole
 * corrected history must still pass the rules (`checkHistory`), and the deadlines follow
 * (`plannedDeadlines` in deadline-ledger.ts).
 */

/** How a correctable field is checked. */
type FieldKind =
  | { kind: 'date' }
  | { kind: 'text'; maxLength: number }
  | { kind: 'boolean' }
  | { kind: 'sections' }
  | { kind: 'texts' }
  | { kind: 'choice'; values: readonly string[] };

type Field = FieldKind & { label: string; optional?: true };

const date = (label: string, optional?: true): Field => ({ kind: 'date', label, ...(optional ? { optional } : {}) });
const text = (label: string, optional?: true, maxLength = 2000): Field => ({ kind: 'text', label, maxLength, ...(optional ? { optional } : {}) });
const yesNo = (label: string): Field => ({ kind: 'boolean', label });
const choice = (label: string, values: readonly string[], optional?: true): Field => ({ kind: 'choice', label, values, ...(optional ? { optional } : {}) });
const sections = (label: string, optional?: true): Field => ({ kind: 'sections', label, ...(optional ? { optional } : {}) });

/**
 * The fields of each kind of event that a correction may change: the facts a caseworker typed.
 * Never an id (what an event is about), never the system's own events (a missed deadline, an
 * attached document), and never the orders or recommendations a decision made (record the
 * Tribunal's decision correctly instead by correcting its dates and outcome).
 */
export const CORRECTABLE_FIELDS: { readonly [T in CaseEventType]?: Readonly<Partial<Record<keyof CaseEventOf<T>, Field>>> } = {
  'case.opened': { childName: text('name of the child or young person', undefined, 200), dateOfBirth: date('date of birth') },
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
  },
  'assessment.requested': { receivedOn: date('date the request was received') },
  'assessment.agreed': { notifiedOn: date('date the family was told the council will assess') },
  'draft_plan.served': { servedOn: date('date the draft plan was served') },
  'draft_plan.comments_received': { receivedOn: date("date the family's comments were received") },
  'review.meeting_held': { heldOn: date('date of the review meeting') },
  'review.amendments_proposed': { sentOn: date('date the proposed amendments were sent') },
  'phase_transfer.recorded': { transferDate: date('date of the transfer'), kind: choice('kind of transfer', PHASE_TRANSFER_KINDS) },
  'way_forward.requested': { requestedOn: date('date requested') },
  'way_forward.held': { heldOn: date('date held'), outcome: choice('outcome', MEETING_OUTCOMES), notes: text('notes', true, 10_000) },
  'mediation.adviser_contacted': {
    contactedOn: date('date the family contacted the adviser'),
    healthInIssue: yesNo('whether health provision is in issue'),
    socialCareInIssue: yesNo('whether social care provision is in issue'),
  },
  'mediation.declined': { adviserInformedOn: date('date the adviser was told') },
  'mediation.requested': { laInformedOn: date('date the council was told'), healthOnly: yesNo('whether health care provision is the only issue') },
  'mediation.withdrawn': { adviserInformedOn: date('date the adviser was told') },
  'mediation.health_notified': { notifiedOn: date('date the ICB was told') },
  'mediation.arranged': { arrangedOn: date('date arranged'), mediationDate: date('date of the mediation') },
  'mediation.not_arranged': { adviserInformedOn: date('date the adviser was told') },
  'mediation.held': {
    heldOn: date('date held'),
    concludedOn: date('date it concluded'),
    outcome: choice('outcome', MEETING_OUTCOMES),
    participants: { kind: 'texts', label: 'who took part', optional: true },
  },
  'mediation.agreement_reached': { agreementDate: date('date of the agreement') },
  'mediation.agreement_item_completed': { completedOn: date('date done'), evidence: text('evidence') },
  'mediation.health_response_received': { receivedOn: date('date received') },
  'certificate.issued': { issuedOn: date('date the certificate was issued') },
  'disagreement_resolution.referred': { referredOn: date('date referred'), subject: text('what the disagreement is about') },
  'disagreement_resolution.meeting_held': { heldOn: date('date held') },
  'disagreement_resolution.concluded': { concludedOn: date('date concluded'), outcome: choice('outcome', MEETING_OUTCOMES) },
  'appeal.lodged': {
    tribunalReference: text('Tribunal reference', undefined, 40),
    lodgedOn: date('date lodged'),
    appellant: choice('appellant', APPELLANTS, true),
    sections: sections('sections appealed', true),
    healthAndSocialCareSought: yesNo('whether health and social care recommendations are sought'),
  },
  'appeal.registered': { registeredOn: date('date registered'), appealReceivedOn: date('date the council received the appeal') },
  'appeal.response_sent': { sentOn: date('date the response was sent') },
  'appeal.hearing_listed': { hearingDate: date('hearing date') },
  'appeal.decided': {
    outcome: choice('outcome', APPEAL_OUTCOMES),
    decisionDate: date('date of the decision or order'),
    orderSentOn: date('date the order was sent', true),
    laNotifiedTribunalOn: date('date the council told the Tribunal it would not oppose the appeal', true),
  },
  'order.complied': { compliedOn: date('date complied'), evidence: text('evidence') },
  'recommendation.responded': {
    outcome: choice('response', RESPONSE_OUTCOMES),
    reasons: text('reasons', true, 10_000),
    sentOn: date('date sent'),
    recipient: choice('parent or young person it was sent to', RESPONSE_RECIPIENTS),
    sentTo: { kind: 'texts', label: 'who it was sent to' },
  },
};

const inconsistent = (message: string) => new CaseRuleError('INCONSISTENT_FACT', message);
const notAllowed = (message: string) => new CaseRuleError('EVENT_NOT_ALLOWED', message);

/** Why `value` cannot be the `field`'s value, or undefined when it can. */
function badValue(field: Field, value: unknown): string | undefined {
  if (value === null) return field.optional ? undefined : `the ${field.label} cannot be removed, only changed`;
  switch (field.kind) {
    case 'date': {
      const reason = invalidDateReason(value);
      return reason && `check the ${field.label}: ${reason}`;
    }
    case 'text':
      if (typeof value !== 'string' || !value.trim()) return `give the ${field.label} as text`;
      return value.length > field.maxLength ? `the ${field.label} must be ${field.maxLength} characters or fewer` : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `the ${field.label} must be true or false`;
    case 'choice':
      return typeof value === 'string' && field.values.includes(value) ? undefined : `the ${field.label} must be one of ${field.values.join(', ')}`;
    case 'sections':
      return Array.isArray(value) && value.every((s) => (PLAN_SECTIONS as readonly unknown[]).includes(s))
        ? undefined
        : `the ${field.label} must be a list of plan sections (${PLAN_SECTIONS.join(', ')})`;
    case 'texts':
      return Array.isArray(value) && value.length > 0 && value.every((s) => typeof s === 'string' && s.trim() && s.length <= 200)
        ? undefined
        : `the ${field.label} must be a list of at least one name`;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** `event` with `changes` applied (a `null` removes an optional field); the changes must be allowed and well formed. */
export function applyCorrection(event: CaseEvent, changes: Readonly<Record<string, unknown>>): CaseEvent {
  const fields = CORRECTABLE_FIELDS[event.type] as Readonly<Record<string, Field>> | undefined;
  if (!fields) {
    throw notAllowed(
      event.type === 'deadline.extended'
        ? 'An extension cannot be corrected: record another extension with the right date and reason.'
        : 'Events the system recorded, attached documents and corrections themselves cannot be corrected.',
    );
  }
  const names = Object.keys(changes);
  if (names.length === 0) throw inconsistent('Say what to correct: give at least one field with its right value.');
  const corrected: Record<string, unknown> = { ...event };
  for (const name of names) {
    const field = fields[name];
    if (!field) {
      throw inconsistent(`'${name}' cannot be corrected on this event; what can be: ${Object.keys(fields).join(', ')}.`);
    }
    const reason = badValue(field, changes[name]);
    if (reason) throw inconsistent(`${reason[0]!.toUpperCase()}${reason.slice(1)}.`);
    const value = changes[name];
    if (value === null) delete corrected[name];
    else corrected[name] = typeof value === 'string' ? value.trim() : value;
  }
  return corrected as CaseEvent;
}

/**
 * The correction event for the event at `sequence` in `history` (1-based, as stored). Refuses a
 * correction that changes nothing; the previous values are kept in the event for the history.
 */
export function correctionOf(
  history: readonly CaseEvent[],
  sequence: number,
  changes: Readonly<Record<string, unknown>>,
  correctedOn: string,
): CaseEventOf<'event.corrected'> {
  const effective = effectiveHistory(history);
  const target = Number.isInteger(sequence) ? effective[sequence - 1] : undefined;
  if (!target) throw new CaseRuleError('UNKNOWN_SUBJECT', `This case's history has no event ${sequence}.`);
  const corrected = applyCorrection(target, changes);
  const current = target as unknown as Record<string, unknown>;
  const changed = Object.keys(changes).filter((name) => !same(current[name], (corrected as unknown as Record<string, unknown>)[name]));
  if (changed.length === 0) throw inconsistent('These are the values already recorded: there is nothing to correct.');
  const pick = (from: Record<string, unknown>) => Object.fromEntries(changed.map((name) => [name, from[name] ?? null]));
  return {
    type: 'event.corrected',
    correctsSequence: sequence,
    correctsType: target.type,
    changes: pick(corrected as unknown as Record<string, unknown>),
    previous: pick(current),
    correctedOn,
  };
}

/**
 * The history as it should have been recorded: every event with the corrections made to it since
 * applied, in order. Corrections stay in their places (they change nothing by themselves), so an
 * event's position is still its sequence.
 */
export function effectiveHistory(events: readonly CaseEvent[]): CaseEvent[] {
  const effective = [...events];
  events.forEach((event) => {
    if (event.type !== 'event.corrected') return;
    const index = event.correctsSequence - 1;
    const target = effective[index];
    if (!target || target.type !== event.correctsType) {
      throw notAllowed(`Correction of event ${event.correctsSequence} does not match the history.`);
    }
    effective[index] = applyCorrection(target, event.changes);
  });
  return effective;
}

/**
 * Checks and applies every event of a history, corrections applied, from the start: the case as
 * it now stands. A correction that would make a later event impossible (an appeal lodged before
 * the corrected decision date, say) is refused with what it contradicts.
 */
export function checkHistory(events: readonly CaseEvent[], context: CheckContext = {}): CaseSnapshot | undefined {
  return effectiveHistory(events).reduce<CaseSnapshot | undefined>((snapshot, event, index) => {
    try {
      checkCaseEvent(snapshot, event, context);
    } catch (error) {
      if (error instanceof CaseRuleError) {
        throw new CaseRuleError('INCONSISTENT_FACT', `With this correction, event ${index + 1} of the history no longer fits: ${error.message}`);
      }
      throw error;
    }
    return applyCaseEvent(snapshot, event);
  }, undefined);
}

/** Replays a whole history, corrections applied: the snapshot stored with a case must equal this. */
export function replayCase(events: readonly CaseEvent[]): CaseSnapshot | undefined {
  return effectiveHistory(events).reduce<CaseSnapshot | undefined>((s, e) => applyCaseEvent(s, e), undefined);
}

/** "Appeal received by the council: Sun 3 May 2026 → Mon 4 May 2026". */
export function describeCorrection(event: CaseEventOf<'event.corrected'>): string {
  const fields = (CORRECTABLE_FIELDS[event.correctsType as CaseEventType] ?? {}) as Readonly<Record<string, Field>>;
  const show = (field: Field | undefined, value: unknown): string => {
    if (value === null || value === undefined) return 'none';
    if (field?.kind === 'date' && typeof value === 'string') return formatLongDate(value);
    if (field?.kind === 'boolean') return value ? 'yes' : 'no';
    if (Array.isArray(value)) return value.join(', ') || 'none';
    return String(value);
  };
  return Object.keys(event.changes)
    .map((name) => `${fields[name]?.label ?? name}: ${show(fields[name], event.previous[name])} → ${show(fields[name], event.changes[name])}`)
    .join('; ');
}
