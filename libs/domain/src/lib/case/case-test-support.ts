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
import { deadlineEffects } from './deadline-effects';
import { applyEffects, type Ledger } from './deadline-ledger';

const calendar = defaultCalendar();

/** Checks then applies each event, as the API does. */
export function record(events: readonly CaseEvent[]): CaseSnapshot | undefined {
  return events.reduce<CaseSnapshot | undefined>((s, e) => {
    checkCaseEvent(s, e);
    return applyCaseEvent(s, e);
  }, undefined);
}

export {
  applyEffects,
  ledgerKey,
  type Ledger,
  type LedgerEntry,
} from './deadline-ledger';

export interface CaseRun {
  snapshot: CaseSnapshot | undefined;
  ledger: Ledger;
}

/** Records one more event: checked, applied, and its deadline effects played on the table. */
export function step(run: CaseRun, event: CaseEvent): CaseRun {
  checkCaseEvent(run.snapshot, event);
  const effects = deadlineEffects(run.snapshot, event);
  return {
    snapshot: applyCaseEvent(run.snapshot, event),
    ledger: applyEffects(run.ledger, effects),
  };
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
    e.status === 'met'
      ? `met ${e.metOn}`
      : e.status === 'cancelled'
        ? `cancelled: ${e.closedReason}`
        : e.status === 'missed'
          ? `missed: ${e.closedReason}`
          : 'open',
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
export const contacted = (
  mediationId: string,
  healthInIssue: boolean,
  contactedOn = '2026-01-12',
): CaseEvent => ({
  type: 'mediation.adviser_contacted',
  mediationId,
  decisionId: 'd1',
  providerName: 'Global Mediation',
  contactedOn,
  healthInIssue,
  socialCareInIssue: false,
});
export const requested = (
  mediationId: string,
  laInformedOn = '2026-01-13',
): CaseEvent => ({ type: 'mediation.requested', mediationId, laInformedOn });
export const held: CaseEvent = {
  type: 'mediation.held',
  mediationId: 'm1',
  heldOn: '2026-02-10',
  concludedOn: '2026-02-11',
  outcome: 'partly_resolved',
};
export const agreement: CaseEventOf<'mediation.agreement_reached'> = {
  type: 'mediation.agreement_reached',
  mediationId: 'm1',
  agreementDate: '2026-02-11',
  items: [
    {
      itemId: 'i1',
      description: 'Make a plan',
      appealable: true,
      orderType: 'make_plan',
    },
    {
      itemId: 'i2',
      description: 'Arrange a visit to the school',
      appealable: false,
    },
  ],
};
export const declinedM1: CaseEvent = {
  type: 'mediation.declined',
  mediationId: 'm1',
  adviserInformedOn: '2026-01-12',
};
export const certificate = (
  certificateId: string,
  mediationId: string,
  kind: CaseEventOf<'certificate.issued'>['kind'],
  issuedOn: string,
): CaseEvent => ({
  type: 'certificate.issued',
  certificateId,
  mediationId,
  kind,
  issuedOn,
});
// The specs' appeal comes without a mediation certificate: confirmed as what happened (it is flagged).
export const lodged: CaseEvent = {
  type: 'appeal.lodged',
  appealId: 'a1',
  decisionId: 'd1',
  tribunalReference: 'EH1/26/1',
  lodgedOn: '2026-03-02',
  confirmedUnusual: true,
};
export const registered: CaseEvent = {
  type: 'appeal.registered',
  appealId: 'a1',
  registeredOn: '2026-03-09',
  appealReceivedOn: '2026-03-10',
};
export const responseSent: CaseEvent = {
  type: 'appeal.response_sent',
  appealId: 'a1',
  sentOn: '2026-04-01',
};
export const decided = (
  more: Partial<CaseEventOf<'appeal.decided'>>,
): CaseEvent => ({
  type: 'appeal.decided',
  appealId: 'a1',
  outcome: 'decided_allowed',
  decisionDate: '2026-06-01',
  recommendations: [],
  ...more,
});
// An order to assess on an appeal about content is not provided for: confirmed as what happened (flagged).
export const allowedWithOrders = decided({
  orders: [
    { orderId: 'o1', orderType: 'amend_plan' },
    { orderId: 'o2', orderType: 'assess' },
  ],
  recommendations: [
    {
      recommendationId: 'r1',
      section: 'G',
      responsibleBody: 'icb',
      text: 'Therapy',
    },
  ],
  confirmedUnusual: true,
});

export const base = [opened, decision];
export const withAppeal = [...base, lodged, registered];
