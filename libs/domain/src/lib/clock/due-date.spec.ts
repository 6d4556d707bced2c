import { Calendar } from '../calendar/calendar';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '../calendar/england-and-wales.data';
import { StatutoryClockError } from '../errors';
import { dueDate } from './due-date';
import type { RuleId } from './rules';
import { ORDER_SUFFIXES, RULE_IDS, RULES } from './rules';

type Row = [rule: RuleId, facts: Record<string, string>, dueOn: string];

/**
 * Hand-computed scenarios; every weekday named in a comment was checked with `date -ud`.
 * One row per scenario; the comment names the hard case.
 */
const SCENARIOS: Row[] = [
  // --- appeal.lodge (HESC r.20(1)(c), r.12): the only deadline that moves ---
  [
    'appeal.lodge',
    { decisionLetterSent: '2026-10-01', certificateIssued: '2026-11-29' },
    '2027-01-04',
  ], // doc example: later is Tue 29 Dec → after 1 Jan, Sat 2/Sun 3 → Mon 4 Jan 2027
  ['appeal.lodge', { decisionLetterSent: '2026-03-10' }, '2026-05-11'], // letter only: Sun 10 May → Mon 11 May
  ['appeal.lodge', { decisionLetterSent: '2026-04-22' }, '2026-06-22'], // Mon 22 Jun is a working day: no move
  ['appeal.lodge', { decisionLetterSent: '2026-06-15' }, '2026-09-01'], // Sat 15 Aug → August → Tue 1 Sep (Mon 31 Aug is in August anyway)
  ['appeal.lodge', { decisionLetterSent: '2018-06-10' }, '2018-09-03'], // Fri 10 Aug 2018 → August; 1 Sep 2018 is a Saturday → Mon 3 Sep
  ['appeal.lodge', { decisionLetterSent: '2027-05-31' }, '2027-08-02'], // Sat 31 Jul 2027 → r.12(2): next working day Mon 2 Aug; the moves do not chain (the time did not end in August)
  [
    'appeal.lodge',
    { decisionLetterSent: '2025-12-20', certificateIssued: '2026-01-31' },
    '2026-03-02',
  ], // certificate + 1 month clamps to Sat 28 Feb (later than Fri 20 Feb) → Mon 2 Mar
  [
    'appeal.lodge',
    { decisionLetterSent: '2026-07-01', certificateIssued: '2026-08-31' },
    '2026-09-30',
  ], // 31 Aug + 1 month → Wed 30 Sep (later than Tue 1 Sep)
  [
    'appeal.lodge',
    { decisionLetterSent: '2026-01-10', certificateIssued: '2026-03-03' },
    '2026-04-07',
  ], // Good Fri 3 Apr → Sat, Sun, Easter Mon → Tue 7 Apr
  [
    'appeal.lodge',
    { decisionLetterSent: '2026-08-01', certificateIssued: '2026-08-20' },
    '2026-10-01',
  ], // letter later than certificate: Thu 1 Oct
  ['appeal.lodge', { decisionLetterSent: '2027-10-28' }, '2028-01-04'], // Tue 28 Dec 2027 → after 1 Jan: Sun 2, Mon 3 (New Year substitute) → Tue 4 Jan 2028
  ['appeal.lodge', { decisionLetterSent: '2022-10-24' }, '2022-12-28'], // Sat 24 Dec 2022 → r.12(2): Sun 25, Mon 26 Boxing Day, Tue 27 Christmas substitute → Wed 28 Dec (no chaining into January)
  ['appeal.lodge', { decisionLetterSent: '2028-10-24' }, '2028-12-27'], // Sun 24 Dec 2028 → r.12(2): Mon 25 Christmas, Tue 26 Boxing Day → Wed 27 Dec 2028
  ['appeal.lodge', { decisionLetterSent: '2026-05-31' }, '2026-07-31'], // Fri 31 Jul 2026 is a working day: no move
  ['appeal.lodge', { decisionLetterSent: '2026-06-01' }, '2026-09-01'], // Sat 1 Aug 2026 ends in August → r.12(3)(a): Tue 1 Sep (Mon 31 Aug is in August)
  ['appeal.lodge', { decisionLetterSent: '2026-10-24' }, '2026-12-24'], // Thu 24 Dec 2026 is a working day: no move
  ['appeal.lodge', { decisionLetterSent: '2026-11-01' }, '2027-01-04'], // Fri 1 Jan 2027 itself is in the break
  ['appeal.lodge', { decisionLetterSent: '2035-01-23' }, '2035-03-27'], // projected Good Friday 23 Mar 2035 → Easter Mon 26 → Tue 27 Mar 2035
  // --- mediation (SEND Regs regs 33–39) ---
  [
    'mediation.contact_adviser',
    { decisionLetterSent: '2027-12-31' },
    '2028-02-29',
  ], // 31 Dec + 2 months → 29 Feb in a leap year
  [
    'mediation.contact_adviser',
    { decisionLetterSent: '2026-12-31' },
    '2027-02-28',
  ], // 31 Dec + 2 months → 28 Feb (a Sunday: does not move)
  [
    'mediation.contact_adviser',
    { decisionLetterSent: '2025-11-30' },
    '2026-01-30',
  ], // 30 Nov + 2 months: no clamping needed
  [
    'mediation.contact_adviser',
    { decisionLetterSent: '2026-01-07' },
    '2026-03-07',
  ], // lands on Sat 7 Mar: SEND Regs deadline does not move
  [
    'mediation.certificate_declined',
    { adviserInformed: '2026-06-05' },
    '2026-06-10',
  ], // informed Fri + 3 working days → Wed
  [
    'mediation.certificate_declined',
    { adviserInformed: '2025-08-22' },
    '2025-08-28',
  ], // Fri, weekend, Summer bank holiday Mon 25 Aug → Thu 28 Aug
  [
    'mediation.certificate_declined',
    { adviserInformed: '2035-03-21' },
    '2035-03-28',
  ], // projected Easter 2035: Good Fri 23, Easter Mon 26 → Wed 28 Mar
  ['mediation.notify_health', { laInformed: '2026-04-02' }, '2026-04-09'], // Thu before Easter: Good Fri, weekend, Easter Mon skipped → Thu 9 Apr
  ['mediation.arrange', { laInformed: '2026-06-01' }, '2026-07-01'], // 30 calendar days
  ['mediation.arrange', { laInformed: '2026-12-02' }, '2027-01-01'], // lands on New Year's Day: does not move
  [
    'mediation.certificate_not_arranged',
    { adviserInformed: '2026-12-23' },
    '2026-12-30',
  ], // Thu 24 counts; Christmas, weekend, Boxing Day substitute Mon 28 skipped → Wed 30 Dec
  [
    'mediation.certificate_concluded',
    { mediationConcluded: '2022-06-01' },
    '2022-06-08',
  ], // Platinum Jubilee: Thu 2 + Fri 3 Jun 2022 skipped
  [
    'mediation.certificate_concluded',
    { mediationConcluded: '2022-09-16' },
    '2022-09-22',
  ], // State Funeral Mon 19 Sep 2022 skipped
  [
    'mediation.certificate_concluded',
    { mediationConcluded: '2023-05-05' },
    '2023-05-11',
  ], // Coronation Mon 8 May 2023 skipped
  [
    'mediation.certificate_concluded',
    { mediationConcluded: '2020-05-07' },
    '2020-05-13',
  ], // VE day Fri 8 May 2020 skipped
  [
    'mediation.certificate_concluded',
    { mediationConcluded: '2020-05-01' },
    '2020-05-06',
  ], // Mon 4 May 2020 was NOT a holiday: it counts
  [
    'mediation.certificate_concluded',
    { mediationConcluded: '2020-12-24' },
    '2020-12-31',
  ], // Boxing Day substitute Mon 28 Dec 2020
  [
    'mediation.certificate_concluded',
    { mediationConcluded: '2021-12-24' },
    '2021-12-31',
  ], // substitutes Mon 27 + Tue 28 Dec 2021
  [
    'mediation.certificate_concluded',
    { mediationConcluded: '2021-12-31' },
    '2022-01-06',
  ], // New Year substitute Mon 3 Jan 2022
  [
    'mediation.certificate_concluded',
    { mediationConcluded: '2022-12-23' },
    '2022-12-30',
  ], // Christmas 2022 Sunday: Mon 26 + Tue 27 Dec skipped
  // --- mediation agreements (reg 42) ---
  ['agreement.other_matters', { agreementDate: '2026-03-02' }, '2026-03-16'], // 2 weeks
  ['agreement.health_notify_la', { agreementDate: '2026-03-02' }, '2026-03-09'], // 1 week
  // --- Tribunal (HESC r.21, r.12) ---
  ['tribunal.la_response', { appealReceived: '2026-07-20' }, '2026-09-29'], // 9 days in July, all of August skipped, 21 in September
  ['tribunal.la_response', { appealReceived: '2026-12-10' }, '2027-01-29'], // 25 Dec–1 Jan skipped, then weekends
  ['tribunal.la_response', { appealReceived: '2026-03-02' }, '2026-04-15'], // across Good Friday and Easter Monday 2026
  ['recommendation.response', { tribunalDecision: '2026-03-02' }, '2026-04-06'], // 5 weeks lands on Easter Monday: does not move
  // --- EHC needs assessment and plans ---
  ['assessment.decide', { requestReceived: '2026-01-05' }, '2026-02-16'], // 6 weeks
  [
    'assessment.no_plan_decision',
    { requestReceived: '2026-01-05' },
    '2026-04-27',
  ], // 16 weeks
  ['assessment.final_plan', { requestReceived: '2026-01-05' }, '2026-05-25'], // 20 weeks lands on Spring bank holiday: does not move
  ['draft_plan.comments', { draftServed: '2026-06-01' }, '2026-06-15'], // 15 days beginning with 1 Jun → 15 Jun
  ['draft_plan.comments', { draftServed: '2026-02-20' }, '2026-03-06'], // across the end of February
  ['review.decision', { reviewMeeting: '2026-06-01' }, '2026-06-29'], // 4 weeks
  [
    'review.final_amended_plan',
    { proposedAmendmentsSent: '2026-06-01' },
    '2026-07-27',
  ], // 8 weeks
  ['order.name_school_only', { orderDate: '2026-02-21' }, '2026-03-07'], // Sat + 2 weeks = Sat: does not move
  ['order.reconsider', { orderDate: '2026-06-01' }, '2026-06-15'], // referred back: reconsider within 2 weeks (reg 44(2)(d))
  [
    'mediation.arrange_health_only',
    { healthCommissionerInformed: '2026-01-16' },
    '2026-02-15',
  ], // ICB arranges within 30 days of being told (Sun: does not move)
  ['phase_transfer.school', { transferDate: '2027-09-01' }, '2027-02-15'], // by 15 Feb of the calendar year of the transfer (reg 18(1))
  ['phase_transfer.post16', { transferDate: '2027-09-01' }, '2027-03-31'], // post-16: by 31 Mar of that year
];

/** The reg 44 periods from Mon 2 Mar 2026, shared by order.*, concession.* and agreement.appealable_matters.*. */
const ORDER_PERIODS_FROM_2_MAR_2026: Record<
  (typeof ORDER_SUFFIXES)[number],
  string
> = {
  'assess.notify': '2026-03-16', // 2 weeks
  'assess.no_plan_decision': '2026-05-11', // 10 weeks
  'assess.final_plan': '2026-06-08', // 14 weeks
  'make_plan.draft': '2026-04-06', // 5 weeks: the doc's example (Mon 2 Mar → Mon 6 Apr)
  'make_plan.final': '2026-05-18', // 11 weeks
  amend_plan: '2026-04-06', // 5 weeks
  name_school_only: '2026-03-16', // 2 weeks
  continue_to_maintain: '2026-03-02', // immediately
  cease: '2026-03-02', // immediately
  reconsider: '2026-03-16', // 2 weeks (order.* only: a case referred back)
};

const FAMILIES = [
  ['order', 'orderDate'],
  ['concession', 'laNotifiedTribunal'],
  ['agreement.appealable_matters', 'agreementDate'],
] as const;

const FAMILY_ROWS: Row[] = FAMILIES.flatMap(([prefix, fact]) =>
  ORDER_SUFFIXES.filter(
    (suffix) => prefix === 'order' || suffix !== 'reconsider',
  ).map(
    (suffix): Row => [
      `${prefix}.${suffix}` as RuleId,
      { [fact]: '2026-03-02' },
      ORDER_PERIODS_FROM_2_MAR_2026[suffix],
    ],
  ),
);

describe('dueDate', () => {
  it.each(SCENARIOS)('%s %j → %s', (rule, facts, expected) => {
    expect(dueDate(rule, facts).dueOn).toBe(expected);
  });

  it.each(FAMILY_ROWS)(
    '%s %j → %s (reg 44 periods)',
    (rule, facts, expected) => {
      expect(dueDate(rule, facts).dueOn).toBe(expected);
    },
  );

  it('has at least one scenario for every rule', () => {
    const tested = new Set(
      [...SCENARIOS, ...FAMILY_ROWS].map(([rule]) => rule),
    );
    expect(RULE_IDS.filter((id) => !tested.has(id))).toEqual([]);
  });

  it('ignores facts the rule does not use', () => {
    expect(
      dueDate('review.decision', {
        reviewMeeting: '2026-06-01',
        orderDate: 'not a date',
      }).dueOn,
    ).toBe('2026-06-29');
  });

  it('uses the calendar it is given', () => {
    const withExtraHoliday = new Calendar([
      ...ENGLAND_AND_WALES_BANK_HOLIDAYS,
      { date: '2026-06-08', title: 'An extra holiday' },
    ]);
    expect(
      dueDate(
        'mediation.certificate_declined',
        { adviserInformed: '2026-06-05' },
        withExtraHoliday,
      ).dueOn,
    ).toBe('2026-06-11');
  });
});

describe('dueDate explanations', () => {
  it('walks through the appeal deadline as in statutory-clock.md', () => {
    expect(
      dueDate('appeal.lodge', {
        decisionLetterSent: '2026-10-01',
        certificateIssued: '2026-11-29',
      }).explanation,
    ).toEqual([
      'Decision letter sent Thu 1 Oct 2026; + 2 months = Tue 1 Dec 2026',
      'Mediation certificate issued Sun 29 Nov 2026; + 1 month = Tue 29 Dec 2026',
      'The later is Tue 29 Dec 2026',
      'Tue 29 Dec 2026 falls between 25 Dec and 1 Jan, so the deadline moves to the first working day after 1 Jan: Mon 4 Jan 2027 (HESC Rules r.12(3)(a))',
      'Due Mon 4 Jan 2027 (HESC Rules r.20(1)(c), r.12)',
    ]);
  });

  it('names the one move and the bank holidays passed over; moves do not chain', () => {
    expect(
      dueDate('appeal.lodge', { decisionLetterSent: '2022-10-24' }).explanation,
    ).toEqual([
      'Decision letter sent Mon 24 Oct 2022; + 2 months = Sat 24 Dec 2022',
      'No mediation certificate is recorded, so the 2 months after the letter apply',
      'Sat 24 Dec 2022 is a weekend day, not a working day, so the deadline moves to the next working day: Wed 28 Dec 2022 (HESC Rules r.12(2))',
      'Mon 26 Dec 2022 is a bank holiday (Boxing Day), so is not a working day',
      'Tue 27 Dec 2022 is a bank holiday (Christmas Day (substitute day)), so is not a working day',
      'Due Wed 28 Dec 2022 (HESC Rules r.20(1)(c), r.12)',
    ]);
    expect(
      dueDate('appeal.lodge', { decisionLetterSent: '2027-05-31' }).explanation,
    ).toEqual([
      'Decision letter sent Mon 31 May 2027; + 2 months = Sat 31 Jul 2027',
      'No mediation certificate is recorded, so the 2 months after the letter apply',
      'Sat 31 Jul 2027 is a weekend day, not a working day, so the deadline moves to the next working day: Mon 2 Aug 2027 (HESC Rules r.12(2))',
      'Due Mon 2 Aug 2027 (HESC Rules r.20(1)(c), r.12)',
    ]);
  });

  it('says which days were skipped when counting working days, and why', () => {
    expect(
      dueDate('mediation.certificate_declined', {
        adviserInformed: '2025-08-22',
      }).explanation,
    ).toEqual([
      'Mediation adviser informed Fri 22 Aug 2025; counting 3 working days after that day (the day itself is not counted; weekends and bank holidays are not counted)',
      'Sat 23 Aug 2025 and Sun 24 Aug 2025 are a weekend, so are not counted',
      'Mon 25 Aug 2025 is a bank holiday (Summer bank holiday), so is not counted',
      'The 3rd working day is Thu 28 Aug 2025',
      'Due Thu 28 Aug 2025 (SEND Regs reg 34)',
    ]);
  });

  it('groups the Tribunal’s August and Christmas breaks', () => {
    const lines = dueDate('tribunal.la_response', {
      appealReceived: '2026-07-20',
    }).explanation;
    expect(lines).toContain(
      'Sat 1 Aug 2026 to Mon 31 Aug 2026 are in August, so are not counted',
    );
    expect(
      dueDate('tribunal.la_response', { appealReceived: '2026-12-10' })
        .explanation,
    ).toContain(
      'Fri 25 Dec 2026 to Fri 1 Jan 2027 are in the Christmas break (25 Dec to 1 Jan), so are not counted',
    );
  });

  it('says when a holiday is projected rather than published', () => {
    expect(
      dueDate('mediation.certificate_declined', {
        adviserInformed: '2035-03-21',
      }).explanation,
    ).toContain(
      'Fri 23 Mar 2035 is a bank holiday (Good Friday; projected: 2035 is not in the published list, so the regular pattern is used), so is not counted',
    );
  });

  it('says a SEND Regulations deadline on a non-working day does not move', () => {
    expect(
      dueDate('order.make_plan.draft', { orderDate: '2026-03-02' }).explanation,
    ).toEqual([
      'Tribunal order made Mon 2 Mar 2026; + 5 weeks = Mon 6 Apr 2026',
      'Mon 6 Apr 2026 is a bank holiday (Easter Monday), but this deadline does not move: only the appeal deadline moves off non-working days',
      'Due Mon 6 Apr 2026 (SEND Regs reg 44(2)(c))',
    ]);
  });

  it.each([
    [
      'mediation.contact_adviser',
      { decisionLetterSent: '2027-12-31' },
      'Decision letter sent Fri 31 Dec 2027; + 2 months = Tue 29 Feb 2028 (Feb 2028 has no day 31, so its last day is used)',
    ],
    [
      'draft_plan.comments',
      { draftServed: '2026-06-01' },
      'Draft plan served Mon 1 Jun 2026; 15 days beginning with that day (it counts as day 1) end on Mon 15 Jun 2026',
    ],
    [
      'concession.cease',
      { laNotifiedTribunal: '2026-03-02' },
      'Council told the Tribunal it will not oppose the appeal Mon 2 Mar 2026; this must be done immediately, so it is due that same day',
    ],
    [
      'mediation.arrange',
      { laInformed: '2026-06-01' },
      'Council informed Mon 1 Jun 2026; + 30 days = Wed 1 Jul 2026',
    ],
  ] as const)('%s starts with the counting step', (rule, facts, firstLine) => {
    expect(dueDate(rule, facts).explanation[0]).toBe(firstLine);
  });
});

describe('dueDate errors', () => {
  it.each([
    [
      'no.such.rule',
      {},
      'UNKNOWN_RULE',
      undefined,
      "'no.such.rule' is not a known rule",
    ],
    [
      'agreement.appealable_matters',
      { agreementDate: '2026-03-02' },
      'UNKNOWN_RULE',
      undefined,
      "'agreement.appealable_matters' is not a known rule: name the duty too, e.g. agreement.appealable_matters.amend_plan",
    ],
    [
      'appeal.lodge',
      {},
      'MISSING_FACT',
      'decisionLetterSent',
      "The fact 'decisionLetterSent' is required for rule appeal.lodge",
    ],
    [
      'order.cease',
      { orderdate: '2026-03-02' },
      'MISSING_FACT',
      'orderDate',
      "The fact 'orderDate' is required for rule order.cease",
    ],
    [
      'appeal.lodge',
      { decisionLetterSent: '2026-02-30' },
      'INVALID_DATE',
      'decisionLetterSent',
      "'2026-02-30' is not a real date (fact decisionLetterSent)",
    ],
    [
      'appeal.lodge',
      { decisionLetterSent: '2026-2-3' },
      'INVALID_DATE',
      'decisionLetterSent',
      "'2026-2-3' is not a date written YYYY-MM-DD (fact decisionLetterSent)",
    ],
    [
      'appeal.lodge',
      { decisionLetterSent: '2026-13-01' },
      'INVALID_DATE',
      'decisionLetterSent',
      "'2026-13-01' is not a real date (fact decisionLetterSent)",
    ],
    [
      'appeal.lodge',
      { decisionLetterSent: '2026-10-01', certificateIssued: '29/11/2026' },
      'INVALID_DATE',
      'certificateIssued',
      "'29/11/2026' is not a date written YYYY-MM-DD (fact certificateIssued)",
    ],
    [
      'review.decision',
      { reviewMeeting: 20260601 },
      'INVALID_DATE',
      'reviewMeeting',
      '20260601 (a number) is not a date written YYYY-MM-DD (fact reviewMeeting)',
    ],
  ])('%s %j → %s', (rule, facts, code, fact, message) => {
    const call = () => dueDate(rule as RuleId, facts as Record<string, string>);
    expect(call).toThrow(StatutoryClockError);
    expect(call).toThrow(message);
    try {
      call();
    } catch (error) {
      expect(error).toMatchObject({
        code,
        fact,
        rule,
        name: 'StatutoryClockError',
      });
    }
  });
});

describe('RULES', () => {
  it('lists every rule once, each with a title, a source and its facts', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    expect(RULE_IDS).toHaveLength(1 + 19 + 10 + 2 * 9); // appeal.lodge, the single-period rules, order.* (with reconsider), concession.* and agreement.*
    for (const rule of RULES) {
      expect(rule.title).not.toBe('');
      expect(rule.source).toMatch(/reg|r\./);
      expect(rule.requiredFacts.length).toBeGreaterThan(0);
    }
  });

  it('gives concession.* and agreement.appealable_matters.* the periods of the matching order.* rule', () => {
    const byId = new Map(RULES.map((rule) => [rule.id, rule]));
    for (const suffix of ORDER_SUFFIXES.filter((s) => s !== 'reconsider')) {
      const order = byId.get(`order.${suffix}`);
      expect(byId.get(`concession.${suffix}` as RuleId)).toMatchObject({
        period: order?.period,
        requiredFacts: ['laNotifiedTribunal'],
      });
      expect(
        byId.get(`agreement.appealable_matters.${suffix}` as RuleId),
      ).toMatchObject({
        period: order?.period,
        requiredFacts: ['agreementDate'],
      });
    }
  });
});
