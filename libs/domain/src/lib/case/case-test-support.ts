/**
 * Test support for the case specs (not exported from the library): recording a history the way the
 * API does, and a small in-memory deadline table that follows `deadlineEffects` the way the
 * server's table does (close, move, cancel and extend touch only a live deadline).
 */
import { defaultCalendar } from '../calendar/calendar';
import { dueDate } from '../clock/due-date';
import type { RuleId } from '../clock/rules';
import type { CaseEvent, CaseEventOf } from './case-events';
import { checkCaseEvent } from './case-rules';
import { applyCaseEvent, type CaseSnapshot } from './case-snapshot';
import { deadlineEffects, type DeadlineEffects, type DeadlineToOpen } from './deadline-effects';

const calendar = defaultCalendar();

/** Checks then applies each event, as the API does. */
export function record(events: readonly CaseEvent[]): CaseSnapshot | undefined {
  return events.reduce<CaseSnapshot | undefined>((s, e) => {
    checkCaseEvent(s, e);
    return applyCaseEvent(s, e);
  }, undefined);
}

export interface LedgerEntry extends DeadlineToOpen {
  dueOn: string;
  status: 'open' | 'met' | 'cancelled';
  metOn?: string;
  cancelledReason?: string;
}

export type Ledger = ReadonlyMap<string, LedgerEntry>;

export const ledgerKey = (ruleId: RuleId, subjectId: string) => `${ruleId} ${subjectId}`;

/**
 * The table after `effects`. Throws when an effect opens a deadline that exists already, or
 * closes, moves, cancels or extends one that was never opened: both would be bugs.
 */
export function applyEffects(ledger: Ledger, effects: DeadlineEffects): Map<string, LedgerEntry> {
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
    next.set(key, { ...open, dueOn: dueDate(open.ruleId, open.facts, calendar).dueOn, status: 'open' });
  }
  for (const c of effects.close) live(c.ruleId, c.subjectId, (e) => ({ ...e, status: 'met', metOn: c.metOn }));
  for (const m of effects.move) {
    live(m.ruleId, m.subjectId, (e) => ({ ...e, facts: m.facts, dueOn: dueDate(m.ruleId, m.facts, calendar).dueOn }));
  }
  for (const c of effects.cancel) live(c.ruleId, c.subjectId, (e) => ({ ...e, status: 'cancelled', cancelledReason: c.reason }));
  for (const x of effects.extend) live(x.ruleId, x.subjectId, (e) => ({ ...e, dueOn: x.toDueOn }));
  return next;
}

export interface CaseRun {
  snapshot: CaseSnapshot | undefined;
  ledger: Ledger;
}

/** Records one more event: checked, applied, and its deadline effects played on the table. */
export function step(run: CaseRun, event: CaseEvent): CaseRun {
  checkCaseEvent(run.snapshot, event);
  const effects = deadlineEffects(run.snapshot, event);
  return { snapshot: applyCaseEvent(run.snapshot, event), ledger: applyEffects(run.ledger, effects) };
}

export function runCase(events: readonly CaseEvent[]): CaseRun {
  return events.reduce(step, { snapshot: undefined, ledger: new Map() });
}

/** The table as readable rows: rule, subject, due date, and what became of it. */
export function ledgerRows(ledger: Ledger): [string, string, string, string][] {
  return [...ledger.values()].map((e) => [
    e.ruleId,
    e.subjectId,
    e.dueOn,
    e.status === 'met' ? `met ${e.metOn}` : e.status === 'cancelled' ? `cancelled: ${e.cancelledReason}` : 'open',
  ]);
}

// ── Events shared by the specs: one case, decision d1, mediations m1 and m2, appeal a1 ──────────

export const opened: CaseEvent = {
  type: 'case.opened',
  reference: 'RUT-0002',
  childName: 'Alex Example',
  dateOfBirth: '2015-04-02',
  caseworker: 'Casey Worker',
  team: 'SEND East',
  openedOn: '2026-01-05',
};
export const decision: CaseEvent = {
  type: 'decision.issued',
  decisionId: 'd1',
  decisionType: 'amended_plan_content',
  decisionDate: '2026-01-05',
  letterSent: '2026-01-06',
  sections: ['F', 'G'],
};
export const contacted = (mediationId: string, healthInIssue: boolean, contactedOn = '2026-01-12'): CaseEvent => ({
  type: 'mediation.adviser_contacted',
  mediationId,
  decisionId: 'd1',
  providerName: 'Global Mediation',
  contactedOn,
  healthInIssue,
  socialCareInIssue: false,
});
export const requested = (mediationId: string, laInformedOn = '2026-01-13'): CaseEvent => ({ type: 'mediation.requested', mediationId, laInformedOn });
export const held: CaseEvent = { type: 'mediation.held', mediationId: 'm1', heldOn: '2026-02-10', concludedOn: '2026-02-11', outcome: 'partly_resolved' };
export const agreement: CaseEventOf<'mediation.agreement_reached'> = {
  type: 'mediation.agreement_reached',
  mediationId: 'm1',
  agreementDate: '2026-02-11',
  items: [
    { itemId: 'i1', description: 'Make a plan', appealable: true, orderType: 'make_plan' },
    { itemId: 'i2', description: 'Arrange a visit to the school', appealable: false },
  ],
};
export const declinedM1: CaseEvent = { type: 'mediation.declined', mediationId: 'm1', adviserInformedOn: '2026-01-12' };
export const certificate = (certificateId: string, mediationId: string, kind: CaseEventOf<'certificate.issued'>['kind'], issuedOn: string): CaseEvent => ({
  type: 'certificate.issued',
  certificateId,
  mediationId,
  kind,
  issuedOn,
});
export const lodged: CaseEvent = { type: 'appeal.lodged', appealId: 'a1', decisionId: 'd1', tribunalReference: 'EH1/26/1', lodgedOn: '2026-03-02' };
export const registered: CaseEvent = { type: 'appeal.registered', appealId: 'a1', registeredOn: '2026-03-09', appealReceivedOn: '2026-03-10' };
export const responseSent: CaseEvent = { type: 'appeal.response_sent', appealId: 'a1', sentOn: '2026-04-01' };
export const decided = (more: Partial<CaseEventOf<'appeal.decided'>>): CaseEvent => ({
  type: 'appeal.decided',
  appealId: 'a1',
  outcome: 'decided_allowed',
  decisionDate: '2026-06-01',
  recommendations: [],
  ...more,
});
export const allowedWithOrders = decided({
  orders: [
    { orderId: 'o1', orderType: 'amend_plan' },
    { orderId: 'o2', orderType: 'assess' },
  ],
  recommendations: [{ recommendationId: 'r1', section: 'G', responsibleBody: 'icb', text: 'Therapy' }],
});

export const base = [opened, decision];
export const withAppeal = [...base, lodged, registered];
