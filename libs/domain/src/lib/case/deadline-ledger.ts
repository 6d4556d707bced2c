import type { Calendar } from '../calendar/calendar';
import { defaultCalendar } from '../calendar/calendar';
import { dueDate } from '../clock/due-date';
import type { RuleId } from '../clock/rules';
import { effectiveHistory } from './case-corrections';
import type { CaseEvent } from './case-events';
import { applyCaseEvent, type CaseSnapshot } from './case-snapshot';
import { deadlineEffects, type DeadlineEffects, type DeadlineToOpen, dueOfDeadline } from './deadline-effects';

/** One deadline as a history implies it: what opened it, and what became of it. */
export interface LedgerEntry extends DeadlineToOpen {
  /** The statutory due date from its facts, or the last extension's date. */
  dueOn: string;
  status: 'open' | 'met' | 'cancelled';
  metOn?: string;
  cancelledReason?: string;
  /** Due dates agreed under a statutory exception, in order. */
  extendedTo: string[];
}

export type Ledger = ReadonlyMap<string, LedgerEntry>;

export const ledgerKey = (ruleId: RuleId | string, subjectId: string) => `${ruleId} ${subjectId}`;

/**
 * The deadlines after `effects`, the way the deadline table follows them: close, move, cancel and
 * extend touch only a live deadline. Throws when an effect opens a deadline that exists already,
 * or changes one that was never opened: both would be bugs in `deadlineEffects`.
 */
export function applyEffects(ledger: Ledger, effects: DeadlineEffects, calendar: Calendar = defaultCalendar()): Map<string, LedgerEntry> {
  const next = new Map(ledger);
  const target = (ruleId: RuleId, subjectId: string) => {
    const entry = next.get(ledgerKey(ruleId, subjectId));
    if (!entry) throw new Error(`No deadline ${ruleId} for ${subjectId} to change`);
    return entry;
  };
  const live = (ruleId: RuleId, subjectId: string, change: (e: LedgerEntry) => LedgerEntry) => {
    const entry = target(ruleId, subjectId);
    if (entry.status === 'open') next.set(ledgerKey(ruleId, subjectId), change(entry));
  };
  for (const open of effects.open) {
    const key = ledgerKey(open.ruleId, open.subjectId);
    if (next.has(key)) throw new Error(`Deadline ${key} opened twice`);
    next.set(key, { ...open, dueOn: dueOfDeadline(open, calendar).dueOn, status: 'open', extendedTo: [] });
  }
  for (const c of effects.close) live(c.ruleId, c.subjectId, (e) => ({ ...e, status: 'met', metOn: c.metOn }));
  for (const m of effects.move) {
    live(m.ruleId, m.subjectId, (e) => ({ ...e, facts: m.facts, dueOn: laterOf(dueDate(m.ruleId, m.facts, calendar).dueOn, e.extendedTo.at(-1)) }));
  }
  for (const c of effects.cancel) live(c.ruleId, c.subjectId, (e) => ({ ...e, status: 'cancelled', cancelledReason: c.reason }));
  for (const x of effects.extend) live(x.ruleId, x.subjectId, (e) => ({ ...e, dueOn: x.toDueOn, extendedTo: [...e.extendedTo, x.toDueOn] }));
  return next;
}

const laterOf = (a: string, b: string | undefined) => (b !== undefined && b > a ? b : a);

/**
 * Every deadline a history implies, corrections applied: the same as following each event's
 * `deadlineEffects` as it was recorded, had every event been recorded right. After a correction,
 * the deadline table is brought to this.
 */
export function plannedDeadlines(events: readonly CaseEvent[], calendar: Calendar = defaultCalendar()): Ledger {
  let snapshot: CaseSnapshot | undefined;
  let ledger: Ledger = new Map();
  for (const event of effectiveHistory(events)) {
    ledger = applyEffects(ledger, deadlineEffects(snapshot, event), calendar);
    snapshot = applyCaseEvent(snapshot, event);
  }
  return ledger;
}
