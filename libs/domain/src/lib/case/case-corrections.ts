import { PLAN_SECTIONS } from '@send/contracts';
import { invalidDateReason } from '../dates/iso-date';
import {
  CORRECTABLE_FIELDS,
  describeCorrection,
  type Field,
} from './correctable-fields';
import type { CaseEvent, CaseEventOf } from './case-events';
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

export { CORRECTABLE_FIELDS, describeCorrection };

const inconsistent = (message: string) =>
  new CaseRuleError('INCONSISTENT_FACT', message);
const notAllowed = (message: string) =>
  new CaseRuleError('EVENT_NOT_ALLOWED', message);

/** Why `value` cannot be the `field`'s value, or undefined when it can. */
function badValue(field: Field, value: unknown): string | undefined {
  if (value === null)
    return field.optional
      ? undefined
      : `the ${field.label} cannot be removed, only changed`;
  switch (field.kind) {
    case 'date': {
      const reason = invalidDateReason(value);
      return reason && `check the ${field.label}: ${reason}`;
    }
    case 'text':
      if (typeof value !== 'string' || !value.trim())
        return `give the ${field.label} as text`;
      return value.length > field.maxLength
        ? `the ${field.label} must be ${field.maxLength} characters or fewer`
        : undefined;
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : `the ${field.label} must be true or false`;
    case 'choice':
      return typeof value === 'string' && field.values.includes(value)
        ? undefined
        : `the ${field.label} must be one of ${field.values.join(', ')}`;
    case 'sections':
      return Array.isArray(value) &&
        value.every((s) => (PLAN_SECTIONS as readonly unknown[]).includes(s))
        ? undefined
        : `the ${field.label} must be a list of plan sections (${PLAN_SECTIONS.join(', ')})`;
    case 'texts':
      return Array.isArray(value) &&
        value.length > 0 &&
        value.every((s) => typeof s === 'string' && s.trim() && s.length <= 200)
        ? undefined
        : `the ${field.label} must be a list of at least one name`;
  }
}

const same = (a: unknown, b: unknown) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** `event` with `changes` applied (a `null` removes an optional field); the changes must be allowed and well formed. */
export function applyCorrection(
  event: CaseEvent,
  changes: Readonly<Record<string, unknown>>,
): CaseEvent {
  const fields = CORRECTABLE_FIELDS[event.type] as
    | Readonly<Record<string, Field>>
    | undefined;
  if (!fields) {
    throw notAllowed(
      event.type === 'deadline.extended'
        ? 'An extension cannot be corrected: record another extension with the right date and reason.'
        : 'Events the system recorded, attached documents and corrections themselves cannot be corrected.',
    );
  }
  const names = Object.keys(changes);
  if (names.length === 0)
    throw inconsistent(
      'Say what to correct: give at least one field with its right value.',
    );
  const corrected: Record<string, unknown> = { ...event };
  for (const name of names) {
    const field = fields[name];
    if (!field) {
      throw inconsistent(
        `'${name}' cannot be corrected on this event; what can be: ${Object.keys(fields).join(', ')}.`,
      );
    }
    const reason = badValue(field, changes[name]);
    if (reason)
      throw inconsistent(`${reason[0]!.toUpperCase()}${reason.slice(1)}.`);
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
  const target = Number.isInteger(sequence)
    ? effective[sequence - 1]
    : undefined;
  if (!target)
    throw new CaseRuleError(
      'UNKNOWN_SUBJECT',
      `This case's history has no event ${sequence}.`,
    );
  const corrected = applyCorrection(target, changes);
  const current = target as unknown as Record<string, unknown>;
  const changed = Object.keys(changes).filter(
    (name) =>
      !same(
        current[name],
        (corrected as unknown as Record<string, unknown>)[name],
      ),
  );
  if (changed.length === 0)
    throw inconsistent(
      'These are the values already recorded: there is nothing to correct.',
    );
  const pick = (from: Record<string, unknown>) =>
    Object.fromEntries(changed.map((name) => [name, from[name] ?? null]));
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
      throw notAllowed(
        `Correction of event ${event.correctsSequence} does not match the history.`,
      );
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
export function checkHistory(
  events: readonly CaseEvent[],
  context: CheckContext = {},
): CaseSnapshot | undefined {
  return effectiveHistory(events).reduce<CaseSnapshot | undefined>(
    (snapshot, event, index) => {
      try {
        checkCaseEvent(snapshot, event, context);
      } catch (error) {
        if (error instanceof CaseRuleError) {
          throw new CaseRuleError(
            'INCONSISTENT_FACT',
            `With this correction, event ${index + 1} of the history no longer fits: ${error.message}`,
          );
        }
        throw error;
      }
      return applyCaseEvent(snapshot, event);
    },
    undefined,
  );
}

/** Replays a whole history, corrections applied: the snapshot stored with a case must equal this. */
export function replayCase(
  events: readonly CaseEvent[],
): CaseSnapshot | undefined {
  return effectiveHistory(events).reduce<CaseSnapshot | undefined>(
    (s, e) => applyCaseEvent(s, e),
    undefined,
  );
}
