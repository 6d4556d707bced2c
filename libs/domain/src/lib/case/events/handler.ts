import type { CaseStage } from '@send/contracts';
import { formatLongDate } from '../../dates/iso-date';
import type { CaseEventOf, CaseEventType } from '../case-events';
import { CaseRuleError } from '../case-rule-error';
import type { CaseSnapshot } from '../case-snapshot';
import type { DeadlineEffects } from '../deadline-duties';

/**
 * Everything the domain knows about one type of event, in one place: the fields that are dates,
 * the checks against the case, the state change, the deadline effects, and the words and date the
 * history shows it with. Each family of events (decision, mediation, appeal, …) has one file of
 * these; `registry.ts` assembles them into `HANDLERS`, keyed by event type, whose type makes the
 * compiler refuse an event type without a handler.
 */
export interface EventHandler<K extends CaseEventType> {
  /** The date fields, checked to be real dates (and not after today, unless they may lie ahead) before anything else. */
  readonly dates: readonly (keyof CaseEventOf<K>)[];
  /**
   * Whether the event may be recorded on the case as it stands (an open case: `checkCaseEvent`
   * checks opening and dates first). Throws a `CaseRuleError` saying what must happen first, what
   * it contradicts, or that it names something the case does not have.
   */
  check(snapshot: CaseSnapshot, event: CaseEventOf<K>): void;
  /** The state change: the snapshot after the event (never mutating its input). Assumes `check` passed. */
  apply(snapshot: CaseSnapshot, event: CaseEventOf<K>): CaseSnapshot;
  /** The statutory deadlines the event opens, meets, moves, cancels, misses and extends (see `deadlineEffects`). */
  effects(
    before: CaseSnapshot | undefined,
    event: CaseEventOf<K>,
  ): DeadlineEffects;
  /** The date the fact happened (the business date), as opposed to when it was recorded. */
  businessDate(event: CaseEventOf<K>): string;
  /** One line for the history, in plain words. */
  summary(event: CaseEventOf<K>): string;
  /**
   * Reasons the event is a fact the law does not provide for on this route (see `unusualFacts`):
   * refused unless the caseworker confirms it. Absent: never unusual.
   */
  unusual?(snapshot: CaseSnapshot, event: CaseEventOf<K>): string[];
}

/** The handlers of a family of event types: exactly one for each. */
export type EventHandlers<T extends CaseEventType> = {
  readonly [K in T]: EventHandler<K>;
};

// ── What the checks share ─────────────────────────────────────────────────────────────────────

export const notAllowed = (message: string) =>
  new CaseRuleError('EVENT_NOT_ALLOWED', message);
export const inconsistent = (message: string) =>
  new CaseRuleError('INCONSISTENT_FACT', message);
export const unknown = (message: string) =>
  new CaseRuleError('UNKNOWN_SUBJECT', message);

/**
 * Refuses `date` when it is before `earlier` (if that is known), with a message like "The appeal
 * cannot have been lodged (Fri 20 Feb 2026) before the decision (Mon 5 Jan 2026)."
 */
export function notBefore(
  date: string,
  cannotHave: string,
  earlier: string | undefined,
  earlierWhat: string,
): void {
  if (earlier !== undefined && date < earlier) {
    throw inconsistent(
      `${cannotHave} (${formatLongDate(date)}) before ${earlierWhat} (${formatLongDate(earlier)}).`,
    );
  }
}

/** Refuses ids that are repeated in `ids` or already used by `existing`. */
export function mustBeNew(
  ids: readonly string[],
  existing: readonly { id: string }[],
  what: string,
): void {
  const seen = new Set(existing.map((e) => e.id));
  for (const id of ids) {
    if (seen.has(id))
      throw inconsistent(`${what} ${id} is already recorded on this case.`);
    seen.add(id);
  }
}

/**
 * The item with `id`. When the case has nothing of that kind yet, the event comes too early
 * (`EVENT_NOT_ALLOWED`: the message says what to record first); when it has others, the id is wrong
 * (`UNKNOWN_SUBJECT`).
 */
export function mustFind<T extends { id: string }>(
  items: readonly T[],
  id: string,
  message: string,
): T {
  const item = items.find((i) => i.id === id);
  if (!item) throw items.length === 0 ? notAllowed(message) : unknown(message);
  return item;
}

export const blank = (text: string | undefined) => !text?.trim();

/** The decisions recorded as answering the request, review or transfer `id`. */
export function answeredBy(snapshot: CaseSnapshot, kind: string, id: string) {
  return snapshot.decisions.filter(
    (d) => d.answers?.kind === kind && d.answers.id === id,
  );
}

// ── What the state changes share ──────────────────────────────────────────────────────────────

/** The stages in the order a case usually moves through them. */
const STAGE_ORDER: readonly CaseStage[] = [
  'open',
  'decision_issued',
  'mediation',
  'appeal_lodged',
  'appeal_decided',
  'compliance',
  'closed',
];

/** `to` if the case has not got that far yet, else the stage it is at (stages only move forward this way). */
export const atLeast = (stage: CaseStage, to: CaseStage): CaseStage =>
  STAGE_ORDER.indexOf(stage) < STAGE_ORDER.indexOf(to) ? to : stage;

/** The object without its `undefined` properties, so that a snapshot survives a JSON round trip unchanged. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

/** `items` with the one whose id is `id` replaced by `change(item)`. */
export const updateById = <T extends { id: string }>(
  items: readonly T[],
  id: string,
  change: (item: T) => T,
): T[] => items.map((item) => (item.id === id ? change(item) : item));
