import {
  checkHistory,
  correctionOf,
  describeCorrection,
  effectiveHistory,
  replayCase,
} from './case-corrections';
import type { CaseEvent, CaseEventOf } from './case-events';
import { CaseRuleError } from './case-rule-error';
import { summariseCaseEvent } from './case-summary';
import {
  allowedWithOrders,
  base,
  certificate,
  contacted,
  declinedM1,
  ledgerRows,
  lodged,
  registered,
  runCase,
  withAppeal,
} from './case-test-support';
import { plannedDeadlines } from './deadline-ledger';

const rows = (events: CaseEvent[]) => ledgerRows(plannedDeadlines(events));
const error = (run: () => unknown): CaseRuleError => {
  try {
    run();
  } catch (e) {
    if (e instanceof CaseRuleError) return e;
    throw e;
  }
  throw new Error('expected a CaseRuleError');
};

describe('correcting an earlier event', () => {
  // withAppeal: 1 opened, 2 decision d1, 3 appeal a1 lodged Mon 2 Mar, 4 registered Mon 9 Mar, received Tue 10 Mar.
  it('moves the deadlines counted from the corrected fact, as if it had been recorded right', () => {
    const correction = correctionOf(
      withAppeal,
      4,
      { appealReceivedOn: '2026-03-16' },
      '2026-03-20',
    );
    expect(correction).toEqual({
      type: 'event.corrected',
      correctsSequence: 4,
      correctsType: 'appeal.registered',
      changes: { appealReceivedOn: '2026-03-16' },
      previous: { appealReceivedOn: '2026-03-10' },
      correctedOn: '2026-03-20',
    });
    const history = [...withAppeal, correction];
    // The corrected history is exactly the one recorded right from the start.
    const recordedRight: CaseEvent[] = [
      ...withAppeal.slice(0, 3),
      { ...registered, appealReceivedOn: '2026-03-16' } as CaseEvent,
    ];
    expect(effectiveHistory(history).slice(0, 4)).toEqual(recordedRight);
    expect(checkHistory(history)).toEqual(runCase(recordedRight).snapshot);
    expect(replayCase(history)).toEqual(runCase(recordedRight).snapshot);
    // Mon 16 Mar + 30 Tribunal working days, skipping Good Friday 3 Apr and Easter Monday 6 Apr = Wed 29 Apr (was Thu 23 Apr).
    expect(
      rows(history).find(([rule]) => rule === 'tribunal.la_response'),
    ).toEqual(['tribunal.la_response', 'a1', '2026-04-29', 'open']);
    expect(rows(history)).toEqual(ledgerRows(runCase(recordedRight).ledger));
  });

  it('says in the history what changed, from what to what', () => {
    const correction = correctionOf(
      withAppeal,
      4,
      { appealReceivedOn: '2026-03-16' },
      '2026-03-20',
    );
    expect(describeCorrection(correction)).toBe(
      'date the council received the appeal: Tue 10 Mar 2026 → Mon 16 Mar 2026',
    );
    expect(summariseCaseEvent(correction)).toBe(
      'Correction to event 4: date the council received the appeal: Tue 10 Mar 2026 → Mon 16 Mar 2026',
    );
  });

  it('corrects an event already corrected, starting from its corrected values', () => {
    const first = correctionOf(
      withAppeal,
      4,
      { appealReceivedOn: '2026-03-16' },
      '2026-03-20',
    );
    const second = correctionOf(
      [...withAppeal, first],
      4,
      { appealReceivedOn: '2026-03-11' },
      '2026-03-21',
    );
    expect(second.previous).toEqual({ appealReceivedOn: '2026-03-16' });
    // Wed 11 Mar + 30 Tribunal working days = Fri 24 Apr.
    expect(
      rows([...withAppeal, first, second]).find(
        ([rule]) => rule === 'tribunal.la_response',
      )?.[2],
    ).toBe('2026-04-24');
  });

  it('moves the appeal deadline when a certificate date is corrected, and opens nothing twice', () => {
    const history = [
      ...base,
      contacted('m1', false),
      declinedM1,
      certificate('c1', 'm1', 'information_only', '2026-01-14'),
    ];
    // Letter Tue 6 Jan + 2 months = Fri 6 Mar; certificate corrected to Mon 16 Feb + 1 month = Mon 16 Mar: the later.
    const corrected = [
      ...history,
      correctionOf(history, 5, { issuedOn: '2026-02-16' }, '2026-02-20'),
    ];
    expect(rows(corrected).find(([rule]) => rule === 'appeal.lodge')).toEqual([
      'appeal.lodge',
      'd1',
      '2026-03-16',
      'open',
    ]);
    // The certificate deadline (Mon 12 Jan + 3 working days = Thu 15 Jan) is now met late.
    expect(
      rows(corrected).find(
        ([rule]) => rule === 'mediation.certificate_declined',
      ),
    ).toEqual([
      'mediation.certificate_declined',
      'm1',
      '2026-01-15',
      'met 2026-02-16',
    ]);
  });

  it('changes which deadlines apply when the way the appeal ended is corrected', () => {
    const history = [...withAppeal, allowedWithOrders];
    const conceded = correctionOf(
      history,
      5,
      { outcome: 'consent_order' },
      '2026-06-10',
    );
    expect(
      rows([...history, conceded]).map(
        ([rule, , , what]) => `${rule}: ${what}`,
      ),
    ).toContain(
      'tribunal.la_response: cancelled: The appeal ended by consent order',
    );
  });

  it.each<
    [
      string,
      CaseEvent[],
      number,
      Record<string, unknown>,
      CaseRuleError['code'],
      string,
    ]
  >([
    [
      'an event that is not in the history',
      withAppeal,
      9,
      { lodgedOn: '2026-03-03' },
      'UNKNOWN_SUBJECT',
      'has no event 9',
    ],
    [
      'a field that cannot be corrected',
      withAppeal,
      3,
      { appealId: 'a9' },
      'INCONSISTENT_FACT',
      "'appealId' cannot be corrected on this event",
    ],
    [
      'no change at all',
      withAppeal,
      3,
      {},
      'INCONSISTENT_FACT',
      'at least one field',
    ],
    [
      'the value already recorded',
      withAppeal,
      3,
      { lodgedOn: '2026-03-02' },
      'INCONSISTENT_FACT',
      'nothing to correct',
    ],
    [
      'a date that does not exist',
      withAppeal,
      3,
      { lodgedOn: '2026-02-30' },
      'INCONSISTENT_FACT',
      "Check the date lodged: '2026-02-30' is not a real date",
    ],
    [
      'a value outside the choices',
      [...withAppeal, allowedWithOrders],
      5,
      { outcome: 'won' },
      'INCONSISTENT_FACT',
      'The outcome must be one of',
    ],
    [
      'removing a required field',
      withAppeal,
      3,
      { lodgedOn: null },
      'INCONSISTENT_FACT',
      'cannot be removed',
    ],
    [
      'a system event',
      [
        ...withAppeal,
        {
          type: 'deadline.overdue',
          deadlineId: 'x',
          ruleId: 'tribunal.la_response',
          dueOn: '2026-04-23',
          overdueOn: '2026-04-24',
        },
      ],
      5,
      { dueOn: '2026-04-24' },
      'EVENT_NOT_ALLOWED',
      'cannot be corrected',
    ],
  ])('refuses %s', (_name, history, sequence, changes, code, message) => {
    const e = error(() =>
      correctionOf(history, sequence, changes, '2026-04-01'),
    );
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
  });

  it('refuses a correction that the rest of the history contradicts, naming the event it no longer fits', () => {
    // The appeal cannot have been lodged before the decision (Mon 5 Jan) it appeals.
    const correction = correctionOf(
      withAppeal,
      3,
      { lodgedOn: '2026-01-02' },
      '2026-04-01',
    );
    const e = error(() => checkHistory([...withAppeal, correction]));
    expect(e.code).toBe('INCONSISTENT_FACT');
    expect(e.message).toMatch(
      /^With this correction, event 3 of the history no longer fits: The appeal cannot have been lodged/,
    );
  });

  it('refuses a history whose correction does not match the event it names', () => {
    const bogus: CaseEventOf<'event.corrected'> = {
      type: 'event.corrected',
      correctsSequence: 2,
      correctsType: 'appeal.lodged',
      changes: { lodgedOn: '2026-03-03' },
      previous: { lodgedOn: '2026-03-02' },
      correctedOn: '2026-04-01',
    };
    expect(
      error(() => effectiveHistory([...base, lodged, bogus])).message,
    ).toContain('does not match the history');
  });
});
