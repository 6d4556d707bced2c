import {
  APPEAL_OUTCOMES,
  CERTIFICATE_KINDS,
  DECISION_TYPES,
  MEETING_OUTCOMES,
  ORDER_TYPES,
  RESPONSE_OUTCOMES,
  RESPONSIBLE_BODIES,
} from '@send/contracts';
import { addDays } from 'date-fns';
import fc from 'fast-check';
import { RULE_IDS } from '../clock/rules';
import { isValidIsoDate, toIsoDate, toUtcDate } from '../dates/iso-date';
import { CASE_EVENT_TYPES, type CaseEvent } from './case-events';
import { CaseRuleError } from './case-rule-error';
import { checkCaseEvent } from './case-rules';
import { checkHistory, CORRECTABLE_FIELDS, correctionOf, effectiveHistory, replayCase } from './case-corrections';
import { applyCaseEvent, type CaseSnapshot } from './case-snapshot';
import { businessDateOf, summariseCaseEvent } from './case-summary';
import { applyEffects, ledgerRows, runCase, step, type CaseRun, type Ledger } from './case-test-support';
import { plannedDeadlines } from './deadline-ledger';
import { deadlineEffects, ORDER_TYPE_DUTIES } from './deadline-effects';

const shifted = new Map<string, string>();
/** `iso` + `n` days (memoised: the generator asks for the same few dates again and again). */
function plusDays(iso: string, n: number): string {
  const key = `${iso}+${n}`;
  let result = shifted.get(key);
  if (result === undefined) {
    result = toIsoDate(addDays(toUtcDate(iso), n));
    shifted.set(key, result);
  }
  return result;
}
const at = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;

/** The random choices behind one step of a history. */
interface Choice {
  pick: number;
  gap: number;
  n: number;
  flag: boolean;
}

/**
 * Every event one might try to record next, most of them plausible, some not; the rules filter
 * them. `k` makes fresh ids; `t` is the business date of the step (days only move forward).
 */
function candidates(s: CaseSnapshot | undefined, ledger: Ledger, t: string, c: Choice, k: number): CaseEvent[] {
  if (!s) {
    return [{ type: 'case.opened', reference: `RUT-${k}`, childName: 'Sam', dateOfBirth: '2014-01-01', caseworker: 'Casey', team: 'SEND East', openedOn: t }];
  }
  const { n, flag } = c;
  // A few of each thing at most, so that histories go deep rather than wide.
  const fewer = <T>(items: readonly unknown[], max: number, make: () => T[]): T[] => (items.length < max ? make() : []);
  return [
    { type: 'contact.added', contactId: `p${k}`, name: flag ? 'Jo' : '', relationship: 'Parent', addedOn: t },
    { type: 'case.reassigned', caseworker: flag ? 'Robin' : 'Casey', team: 'SEND East', reassignedOn: t },
    ...fewer(s.decisions, 2, (): CaseEvent[] => [
      { type: 'decision.issued', decisionId: `d${k}`, decisionType: at(DECISION_TYPES, n), decisionDate: t, letterSent: plusDays(t, n % 3), sections: ['F', 'I'] },
    ]),
    ...fewer(s.disagreementResolutions, 1, (): CaseEvent[] => [
      { type: 'disagreement_resolution.referred', resolutionId: `dr${k}`, referredOn: t, subject: 'Transport' },
    ]),
    { type: 'document.attached', documentId: `f${k}`, eventSequence: k, filename: 'a.pdf', contentType: 'application/pdf', size: 1, sha256: 'ab', attachedOn: t },
    ...s.decisions.flatMap((d): CaseEvent[] => [
      { type: 'decision.corrected', decisionId: d.id, decisionDate: d.decisionDate, letterSent: plusDays(d.letterSent, 1 + (n % 3)) },
      ...fewer(s.wayForwardMeetings, 2, (): CaseEvent[] => [
        { type: 'way_forward.requested', meetingId: `w${k}`, decisionId: flag ? d.id : undefined, requestedOn: t },
      ]),
      ...fewer(s.mediations, 3, (): CaseEvent[] => [
        { type: 'mediation.adviser_contacted', mediationId: `m${k}`, decisionId: d.id, providerName: 'Global', contactedOn: t, healthInIssue: flag, socialCareInIssue: !flag },
      ]),
      ...fewer(s.appeals, 3, (): CaseEvent[] => [
        { type: 'appeal.lodged', appealId: `a${k}`, decisionId: d.id, tribunalReference: `EH/${k}`, lodgedOn: t, sections: flag ? ['I'] : ['F'] },
      ]),
    ]),
    ...s.wayForwardMeetings.map((w): CaseEvent => ({ type: 'way_forward.held', meetingId: w.id, heldOn: t, outcome: at(MEETING_OUTCOMES, n) })),
    ...s.mediations.flatMap((m): CaseEvent[] => [
      { type: 'mediation.declined', mediationId: m.id, adviserInformedOn: t },
      { type: 'mediation.requested', mediationId: m.id, laInformedOn: t },
      { type: 'mediation.health_notified', mediationId: m.id, notifiedOn: t },
      { type: 'mediation.arranged', mediationId: m.id, arrangedOn: t, mediationDate: plusDays(t, 7) },
      { type: 'mediation.not_arranged', mediationId: m.id, adviserInformedOn: t },
      { type: 'mediation.held', mediationId: m.id, heldOn: t, concludedOn: plusDays(t, n % 2), outcome: at(MEETING_OUTCOMES, n) },
      {
        type: 'mediation.agreement_reached',
        mediationId: m.id,
        agreementDate: t,
        items: [
          { itemId: `i${k}a`, description: 'Appealable', appealable: true, orderType: at(ORDER_TYPES, n) },
          ...(flag ? [{ itemId: `i${k}b`, description: 'Other', appealable: false }] : []),
        ],
      },
      ...CERTIFICATE_KINDS.map((kind): CaseEvent => ({ type: 'certificate.issued', certificateId: `c${k}`, mediationId: m.id, kind, issuedOn: t })),
      { type: 'mediation.health_response_received', mediationId: m.id, receivedOn: t },
      ...m.agreementItems.map((i): CaseEvent => ({ type: 'mediation.agreement_item_completed', mediationId: m.id, itemId: i.id, completedOn: t, evidence: 'Done' })),
    ]),
    ...s.disagreementResolutions.flatMap((r): CaseEvent[] => [
      { type: 'disagreement_resolution.meeting_held', resolutionId: r.id, heldOn: t },
      { type: 'disagreement_resolution.concluded', resolutionId: r.id, concludedOn: t, outcome: at(MEETING_OUTCOMES, n) },
    ]),
    ...s.appeals.flatMap((a): CaseEvent[] => {
      const outcome = at(APPEAL_OUTCOMES, n);
      return [
        { type: 'appeal.registered', appealId: a.id, registeredOn: t, appealReceivedOn: plusDays(t, n % 2) },
        { type: 'appeal.response_sent', appealId: a.id, sentOn: t },
        { type: 'appeal.hearing_listed', appealId: a.id, hearingDate: plusDays(t, 30) },
        {
          type: 'appeal.decided',
          appealId: a.id,
          outcome,
          decisionDate: t,
          laNotifiedTribunalOn: outcome === 'conceded_before_response' ? t : undefined,
          orders:
            flag || n % 3 === 0
              ? [
                  {
                    orderId: `o${k}`,
                    orderType: at(ORDER_TYPES, n),
                    // A consent order may agree a shorter period: here, the first duty at once.
                    ...(outcome === 'consent_order' && n % 2 === 0 ? { agreedDueDates: { [`order.${ORDER_TYPE_DUTIES[at(ORDER_TYPES, n)][0]}`]: t } } : {}),
                  },
                ]
              : [],
          recommendations: flag ? [] : [{ recommendationId: `rec${k}`, section: 'G', responsibleBody: at(RESPONSIBLE_BODIES, n), text: 'Therapy' }],
        },
      ];
    }),
    ...s.orders.flatMap((o) =>
      o.duties.map((d): CaseEvent => ({ type: 'order.complied', orderId: o.id, ruleId: d.ruleId, compliedOn: t, evidence: 'Done' })),
    ),
    ...s.recommendations.map((r): CaseEvent => ({
      type: 'recommendation.responded',
      recommendationId: r.id,
      outcome: at(RESPONSE_OUTCOMES, n),
      reasons: flag ? undefined : 'Already provided',
      sentOn: t,
      sentTo: ['Parent'],
    })),
    ...[...ledger.values()]
      .filter((d) => d.status === 'open')
      .flatMap((d): CaseEvent[] => [
        {
          type: 'deadline.extended',
          deadlineId: `x${k}`,
          ruleId: d.ruleId,
          subjectId: d.subjectId,
          fromDueOn: d.dueOn,
          toDueOn: plusDays(d.dueOn, 14),
          reason: 'Exceptional personal circumstances',
          agreedBy: 'SEND manager',
          extendedOn: t,
        },
        { type: 'deadline.overdue', deadlineId: `x${k}`, ruleId: d.ruleId, dueOn: d.dueOn, overdueOn: plusDays(d.dueOn, 1) },
      ]),
  ];
}

const allowed = (s: CaseSnapshot | undefined, e: CaseEvent) => {
  try {
    checkCaseEvent(s, e);
    return true;
  } catch (error) {
    if (error instanceof CaseRuleError) return false;
    throw error;
  }
};

/** A history the rules accept: at each step, one of the candidate events they allow. */
const history = fc.array(fc.record({ pick: fc.nat(), gap: fc.integer({ min: 0, max: 12 }), n: fc.nat({ max: 1000 }), flag: fc.boolean() }), { maxLength: 45, size: 'max' }).map((choices) => {
  const events: CaseEvent[] = [];
  let run: CaseRun = { snapshot: undefined, ledger: new Map() };
  let today = '2026-01-05';
  for (const choice of choices) {
    today = plusDays(today, choice.gap);
    const valid = candidates(run.snapshot, run.ledger, today, choice, events.length + 1).filter((e) => allowed(run.snapshot, e));
    // Pick the kind of event first, so that rare kinds are as likely as common ones.
    const types = [...new Set(valid.map((e) => e.type))];
    const ofType = valid.filter((e) => e.type === types[choice.pick % Math.max(types.length, 1)]);
    const event = ofType[Math.floor(choice.pick / Math.max(types.length, 1)) % Math.max(ofType.length, 1)];
    if (!event) continue;
    events.push(event);
    run = step(run, event);
  }
  return events;
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

const ruleIds: ReadonlySet<string> = new Set(RULE_IDS);

describe('recorded histories (property)', () => {
  it('replay gives the checked snapshot, never mutates, and every effect names a rule of the clock', () => {
    fc.assert(
      fc.property(history, (events) => {
        let snapshot: CaseSnapshot | undefined;
        let ledger: Ledger = new Map();
        for (const event of events) {
          checkCaseEvent(snapshot, event);
          const effects = deadlineEffects(snapshot, event);
          const unknownRules = [...effects.open, ...effects.close, ...effects.move, ...effects.cancel, ...effects.extend].filter(
            (effect) => !ruleIds.has(effect.ruleId),
          );
          if (unknownRules.length > 0) throw new Error(`${event.type} names unknown rules: ${JSON.stringify(unknownRules)}`);
          // Opens nothing twice, changes only deadlines it opened, and every due date computes.
          ledger = applyEffects(ledger, effects);

          // Frozen input: any write would throw; the JSON comparison also catches replaced parts.
          const before = JSON.stringify(snapshot);
          const next = applyCaseEvent(deepFreeze(snapshot), deepFreeze(event));
          if (JSON.stringify(snapshot) !== before) throw new Error(`${event.type} changed the snapshot it was given`);
          snapshot = next;

          if (!isValidIsoDate(businessDateOf(event))) throw new Error(`${event.type} has no business date`);
          if (/undefined|NaN/.test(summariseCaseEvent(event))) throw new Error(`${event.type}: ${summariseCaseEvent(event)}`);
        }
        expect(replayCase(events)).toStrictEqual(snapshot);
        // Stored as JSON, the snapshot comes back the same (no undefined fields).
        expect(JSON.parse(JSON.stringify(snapshot ?? null))).toStrictEqual(snapshot ?? null);
      }),
      { numRuns: 100 },
    );
  });

  it('the generator reaches every kind of event (corrections have their own property below)', () => {
    const seen = new Set(fc.sample(history, { numRuns: 100, seed: 7 }).flatMap((events) => events.map((e) => e.type)));
    expect(CASE_EVENT_TYPES.filter((type) => type !== 'event.corrected' && !seen.has(type))).toEqual([]);
  });

  it('a corrected history gives the case and the deadlines of the same history recorded right', () => {
    let accepted = 0;
    fc.assert(
      fc.property(history, fc.nat(), fc.integer({ min: -10, max: 40 }), (events, pick, shift) => {
        // Every date field a correction may change, on every event of the history.
        const targets = events.flatMap((event, index) =>
          Object.entries(CORRECTABLE_FIELDS[event.type] ?? {})
            .filter(([field, kind]) => kind?.kind === 'date' && typeof (event as unknown as Record<string, unknown>)[field] === 'string')
            .map(([field]) => ({ index, field, value: (event as unknown as Record<string, string>)[field] as string })),
        );
        const target = targets[pick % Math.max(targets.length, 1)];
        if (!target || shift === 0) return;
        const corrected = [...events];
        try {
          corrected.push(correctionOf(events, target.index + 1, { [target.field]: plusDays(target.value, shift) }, '2027-01-04'));
          checkHistory(corrected);
        } catch (error) {
          if (error instanceof CaseRuleError) return; // refused: the rest of the history contradicts it
          throw error;
        }
        accepted++;
        const recordedRight = effectiveHistory(corrected).slice(0, events.length);
        const run = runCase(recordedRight); // the rules accept it from the start too
        expect(checkHistory(corrected)).toStrictEqual(run.snapshot);
        expect(replayCase(corrected)).toStrictEqual(run.snapshot);
        expect(ledgerRows(plannedDeadlines(corrected))).toEqual(ledgerRows(run.ledger));
      }),
      { numRuns: 150 },
    );
    expect(accepted).toBeGreaterThan(30); // the property was exercised, not vacuously true
  });
});
