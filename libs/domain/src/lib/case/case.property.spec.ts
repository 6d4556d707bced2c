import fc from 'fast-check';
import { RULE_IDS } from '../clock/rules';
import { isValidIsoDate } from '../dates/iso-date';
import { CASE_EVENT_TYPES } from './case-events';
import { CaseRuleError } from './case-rule-error';
import { checkCaseEvent } from './case-rules';
import {
  checkHistory,
  CORRECTABLE_FIELDS,
  correctionOf,
  effectiveHistory,
  replayCase,
} from './case-corrections';
import { applyCaseEvent, type CaseSnapshot } from './case-snapshot';
import { businessDateOf, summariseCaseEvent } from './case-summary';
import {
  applyEffects,
  ledgerRows,
  runCase,
  type Ledger,
} from './case-test-support';
import { ledgerAfter, plannedDeadlines } from './deadline-ledger';
import { caseHistory, plusDays } from '../../testing/case-histories';
import { deadlineEffects } from './deadline-effects';

const history = caseHistory();

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
          const unknownRules = [
            ...effects.open,
            ...effects.close,
            ...effects.move,
            ...effects.cancel,
            ...effects.miss,
            ...effects.extend,
          ].filter((effect) => !ruleIds.has(effect.ruleId));
          if (unknownRules.length > 0)
            throw new Error(
              `${event.type} names unknown rules: ${JSON.stringify(unknownRules)}`,
            );
          // Opens nothing twice, changes only deadlines it opened, and every due date computes.
          ledger = applyEffects(ledger, effects);

          // Frozen input: any write would throw; the JSON comparison also catches replaced parts.
          const before = JSON.stringify(snapshot);
          const next = applyCaseEvent(deepFreeze(snapshot), deepFreeze(event));
          if (JSON.stringify(snapshot) !== before)
            throw new Error(`${event.type} changed the snapshot it was given`);
          snapshot = next;

          if (!isValidIsoDate(businessDateOf(event)))
            throw new Error(`${event.type} has no business date`);
          if (/undefined|NaN/.test(summariseCaseEvent(event)))
            throw new Error(`${event.type}: ${summariseCaseEvent(event)}`);
        }
        expect(replayCase(events)).toStrictEqual(snapshot);
        // Stored as JSON, the snapshot comes back the same (no undefined fields).
        expect(JSON.parse(JSON.stringify(snapshot ?? null))).toStrictEqual(
          snapshot ?? null,
        );
      }),
      { numRuns: 100 },
    );
  });

  it('the ledger recorded event by event (nextLedger) is the ledger the whole history implies (plannedDeadlines)', () => {
    fc.assert(
      fc.property(history, (events) => {
        const planned = plannedDeadlines(events);
        const recorded = ledgerAfter(events);
        // Without a correction nothing is left behind: the same entries, the same dates, statuses and explanations.
        expect([...recorded.entries()]).toEqual([...planned.entries()]);
      }),
      { numRuns: 60 },
    );
  });

  it('the generator reaches every kind of event (corrections have their own property below)', () => {
    const seen = new Set(
      fc
        .sample(history, { numRuns: 1000, seed: 7 })
        .flatMap((events) => events.map((e) => e.type)),
    );
    expect(
      CASE_EVENT_TYPES.filter(
        // A note changes nothing on the case and opens no deadline (its own tests: search-terms.spec.ts).
        (type) =>
          type !== 'event.corrected' &&
          type !== 'note.recorded' &&
          !seen.has(type),
      ),
    ).toEqual([]);
  });

  it('a corrected history gives the case and the deadlines of the same history recorded right', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        history,
        fc.nat(),
        fc.integer({ min: -10, max: 40 }),
        (events, pick, shift) => {
          // Every date field a correction may change, on every event of the history.
          const targets = events.flatMap((event, index) =>
            Object.entries(CORRECTABLE_FIELDS[event.type] ?? {})
              .filter(
                ([field, kind]) =>
                  kind?.kind === 'date' &&
                  typeof (event as unknown as Record<string, unknown>)[
                    field
                  ] === 'string',
              )
              .map(([field]) => ({
                index,
                field,
                value: (event as unknown as Record<string, string>)[
                  field
                ] as string,
              })),
          );
          const target = targets[pick % Math.max(targets.length, 1)];
          if (!target || shift === 0) return;
          const corrected = [...events];
          try {
            corrected.push(
              correctionOf(
                events,
                target.index + 1,
                { [target.field]: plusDays(target.value, shift) },
                '2027-01-04',
              ),
            );
            checkHistory(corrected);
          } catch (error) {
            if (error instanceof CaseRuleError) return; // refused: the rest of the history contradicts it
            throw error;
          }
          accepted++;
          const recordedRight = effectiveHistory(corrected).slice(
            0,
            events.length,
          );
          const run = runCase(recordedRight); // the rules accept it from the start too
          expect(checkHistory(corrected)).toStrictEqual(run.snapshot);
          expect(replayCase(corrected)).toStrictEqual(run.snapshot);
          expect(ledgerRows(plannedDeadlines(corrected))).toEqual(
            ledgerRows(run.ledger),
          );
          // Recorded step by step, the ledger keeps what the correction no longer implies (cancelled if it was open) and is otherwise the planned one.
          const recorded = ledgerAfter(corrected);
          for (const [key, entry] of plannedDeadlines(corrected))
            expect(recorded.get(key)).toEqual(entry);
          for (const [key, entry] of recorded) {
            if (!plannedDeadlines(corrected).has(key))
              expect(entry.status).not.toBe('open');
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(accepted).toBeGreaterThan(30); // the property was exercised, not vacuously true
  });
});
