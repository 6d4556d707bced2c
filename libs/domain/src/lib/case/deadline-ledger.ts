import type { Calendar } from '../calendar/calendar';
import { defaultCalendar } from '../calendar/calendar';
import type { ExtensionGround, RuleId } from '../clock/rules';
import { extensionLine } from '../deadlines/deadline-view';
import { formatLongDate } from '../dates/iso-date';
import { effectiveHistory } from './case-corrections';
import type { CaseEvent } from './case-events';
import { applyCaseEvent, type CaseSnapshot } from './case-snapshot';
import {
  deadlineEffects,
  type DeadlineEffects,
  type DeadlineToOpen,
  dueOfDeadline,
} from './deadline-effects';

/**
 * The deadline ledger: every deadline a case's history implies, and what became of each. The domain
 * alone decides it, from the history (`ledgerAfter`); the server stores it (one `deadline` row per
 * entry) and, on every write, corrections included, writes the difference between the ledger it
 * loaded and the one the domain gives for the history with the new event.
 */

/** An extension under a statutory exception (never silent: both dates stay, with the reason). */
export interface LedgerExtension {
  fromDueOn: string;
  toDueOn: string;
  reason: string;
  agreedBy: string;
  ground?: ExtensionGround;
  /** Index in the history (0-based) of the `deadline.extended` event. */
  at: number;
}

/** One deadline as a history implies it: what opened it, and what became of it. */
export interface LedgerEntry extends DeadlineToOpen {
  /** The due date: the statutory date from its facts (or a date set by the Tribunal or the parties), or the last extension's. */
  dueOn: string;
  /** How the due date was worked out, line by line, extensions included. */
  explanation: string[];
  /** `open` covers what the deadline monitor marks overdue: being past is a matter of today's date, not of the history. */
  status: 'open' | 'met' | 'cancelled' | 'missed';
  metOn?: string;
  /** Why it was cancelled or missed. */
  closedReason?: string;
  extensions: LedgerExtension[];
  /** Index in the history (0-based) of the event that opened it. */
  openedAt: number;
  /** Index of the event that met, cancelled or missed it. */
  closedAt?: number;
  /** Index of the event that last set its due date (opened, moved or extended it): reminders are timed from when that was recorded. */
  timedAt: number;
}

export type Ledger = ReadonlyMap<string, LedgerEntry>;

export const ledgerKey = (ruleId: RuleId | string, subjectId: string) =>
  `${ruleId} ${subjectId}`;

export { extensionLine } from '../deadlines/deadline-view';

/** The due date and explanation of an entry from its facts (or a set date) and its extensions. */
function settle(
  entry: Omit<LedgerEntry, 'dueOn' | 'explanation'>,
  calendar: Calendar,
): { dueOn: string; explanation: string[] } {
  const base = dueOfDeadline(entry, calendar);
  const last = entry.extensions.at(-1)?.toDueOn;
  if (last === undefined) return base;
  const lines = [...base.explanation, ...entry.extensions.map(extensionLine)];
  if (last >= base.dueOn) return { dueOn: last, explanation: lines };
  return {
    dueOn: base.dueOn,
    explanation: [
      ...lines,
      `The dates now recorded give ${formatLongDate(base.dueOn)}, later than the extension: due ${formatLongDate(base.dueOn)}`,
    ],
  };
}

/**
 * The ledger after the effects of the event at index `at` of the history. Meeting, cancelling,
 * missing and extending touch only an open deadline; a move (corrected facts) touches a deadline
 * whatever its status, so that a deadline met on time under the old dates can turn out met late.
 * An effect on a deadline the ledger does not have (after a correction changed what the history
 * implies) changes nothing; opening one twice is a bug in `deadlineEffects`.
 */
export function applyEffects(
  ledger: Ledger,
  effects: DeadlineEffects,
  calendar: Calendar = defaultCalendar(),
  at = 0,
): Map<string, LedgerEntry> {
  const next = new Map(ledger);
  const change = (
    ruleId: RuleId,
    subjectId: string,
    openOnly: boolean,
    update: (
      e: LedgerEntry,
    ) => Omit<LedgerEntry, 'dueOn' | 'explanation'> & Partial<LedgerEntry>,
  ) => {
    const key = ledgerKey(ruleId, subjectId);
    const entry = next.get(key);
    if (!entry || (openOnly && entry.status !== 'open')) return;
    next.set(key, update(entry) as LedgerEntry);
  };
  for (const open of effects.open) {
    const key = ledgerKey(open.ruleId, open.subjectId);
    if (next.has(key)) throw new Error(`Deadline ${key} opened twice`);
    const entry = {
      ...open,
      status: 'open' as const,
      extensions: [],
      openedAt: at,
      timedAt: at,
    };
    next.set(key, { ...entry, ...settle(entry, calendar) });
  }
  for (const c of effects.close)
    change(c.ruleId, c.subjectId, true, (e) => ({
      ...e,
      status: 'met',
      metOn: c.metOn,
      closedAt: at,
    }));
  for (const m of effects.move) {
    change(m.ruleId, m.subjectId, false, (e) => {
      const moved = { ...e, facts: m.facts };
      const settled = settle(moved, calendar);
      return {
        ...moved,
        ...settled,
        timedAt: settled.dueOn === e.dueOn ? e.timedAt : at,
      };
    });
  }
  for (const c of effects.cancel)
    change(c.ruleId, c.subjectId, true, (e) => ({
      ...e,
      status: 'cancelled',
      closedReason: c.reason,
      closedAt: at,
    }));
  for (const m of effects.miss)
    change(m.ruleId, m.subjectId, true, (e) => ({
      ...e,
      status: 'missed',
      closedReason: m.reason,
      closedAt: at,
    }));
  for (const x of effects.extend) {
    change(x.ruleId, x.subjectId, true, (e) => {
      const extension: LedgerExtension = {
        fromDueOn: e.dueOn,
        toDueOn: x.toDueOn,
        reason: x.reason,
        agreedBy: x.agreedBy,
        ...(x.ground ? { ground: x.ground } : {}),
        at,
      };
      const extended = { ...e, extensions: [...e.extensions, extension] };
      return { ...extended, ...settle(extended, calendar), timedAt: at };
    });
  }
  return next;
}

/**
 * Every deadline a history implies, corrections applied: the ledger had every event been recorded
 * right. Follows each event's `deadlineEffects` in order.
 */
export function plannedDeadlines(
  events: readonly CaseEvent[],
  calendar: Calendar = defaultCalendar(),
): Ledger {
  let snapshot: CaseSnapshot | undefined;
  let ledger: Ledger = new Map();
  effectiveHistory(events).forEach((event, at) => {
    ledger = applyEffects(
      ledger,
      deadlineEffects(snapshot, event),
      calendar,
      at,
    );
    snapshot = applyCaseEvent(snapshot, event);
  });
  return ledger;
}

/**
 * The ledger once the last event of `history` is recorded, from the ledger before it: what the
 * whole history implies (`plannedDeadlines`), and the deadlines it no longer implies (only a
 * correction does that), which are kept: cancelled if they were still open, as they were if not.
 * Nothing is ever removed, so every deadline the case ever showed stays in its history.
 */
export function nextLedger(
  previous: Ledger,
  history: readonly CaseEvent[],
  calendar: Calendar = defaultCalendar(),
): Ledger {
  const next = new Map(plannedDeadlines(history, calendar));
  const at = history.length - 1;
  // Only a correction withdraws a deadline. Any other event leaves a deadline the history does not
  // show as it is (one loaded from elsewhere, say): an overdue marking must never cancel the rest.
  const correction =
    history[at]?.type === 'event.corrected' ||
    history[at]?.type === 'decision.corrected';
  for (const [key, entry] of previous) {
    if (next.has(key)) continue;
    next.set(
      key,
      correction && entry.status === 'open'
        ? {
            ...entry,
            status: 'cancelled',
            closedReason: `No longer applies after the correction recorded as event ${at + 1}`,
            closedAt: at,
          }
        : entry,
    );
  }
  return next;
}

/**
 * The ledger a history leaves when its events are recorded one by one, each with `nextLedger`:
 * what the `deadline` table must hold for the case. (The server applies one step per write; this
 * folds them all, for tests and for checking a stored ledger.)
 */
export function ledgerAfter(
  history: readonly CaseEvent[],
  calendar: Calendar = defaultCalendar(),
): Ledger {
  let ledger: Ledger = new Map();
  for (let n = 1; n <= history.length; n++)
    ledger = nextLedger(ledger, history.slice(0, n), calendar);
  return ledger;
}
