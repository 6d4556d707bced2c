import type { CaseEvent, CaseEventOf } from './case-events';
import { CaseRuleError } from './case-rule-error';
import { checkCaseEvent } from './case-rules';
import { correctionOf } from './case-corrections';
import { record } from './case-test-support';
import {
  ledgerAfter,
  ledgerKey,
  type Ledger,
  type LedgerEntry,
} from './deadline-ledger';

/*
 * Issue "The law, exactly": each case worked out by hand from statutory-clock.md and the law; every
 * weekday checked with `date -ud`. Bank holidays 2026: Thu 1 Jan, Fri 3 Apr, Mon 6 Apr, Mon 4 May,
 * Mon 25 May, Mon 31 Aug, Fri 25 Dec, Mon 28 Dec (Boxing Day substitute).
 */

const D = '0b6f0e65-0000-4000-8000-000000000001';
const M = '0b6f0e65-0000-4000-8000-000000000002';
const A = '0b6f0e65-0000-4000-8000-000000000003';

const opened: CaseEvent = {
  type: 'case.opened',
  reference: 'LAW-1',
  childName: 'Sam Example',
  dateOfBirth: '2014-05-01',
  caseworker: 'Casey Worker',
  team: 'SEND North',
  openedOn: '2026-01-02',
};
const decision = (
  letterSent: string,
  more: Partial<CaseEventOf<'decision.issued'>> = {},
): CaseEvent => ({
  type: 'decision.issued',
  decisionId: D,
  decisionType: 'final_plan_content',
  decisionDate: letterSent,
  letterSent,
  sections: ['F', 'I'],
  ...more,
});
const contacted = (on: string, healthInIssue = false): CaseEvent => ({
  type: 'mediation.adviser_contacted',
  mediationId: M,
  decisionId: D,
  providerName: 'Global Mediation',
  contactedOn: on,
  healthInIssue,
  socialCareInIssue: false,
});

const entry = (
  ledger: Ledger,
  ruleId: string,
  subjectId: string,
): LedgerEntry => {
  const found = ledger.get(ledgerKey(ruleId, subjectId));
  if (!found)
    throw new Error(
      `no ${ruleId} for ${subjectId} in ${[...ledger.keys()].join(', ')}`,
    );
  return found;
};

const refusal = (history: CaseEvent[], event: CaseEvent, context = {}) => {
  try {
    checkCaseEvent(record(history), event, context);
  } catch (error) {
    if (error instanceof CaseRuleError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('one deadline ledger, decided by the domain', () => {
  it('keeps an extension when a certificate moves the appeal deadline to an earlier date', () => {
    // Letter Tue 24 Feb 2026 + 2 months = Fri 24 Apr 2026 (a working day: no move). The Tribunal extends it to Fri 1 May.
    // Certificate Mon 2 Mar + 1 month = Thu 2 Apr; the later of the two is still Fri 24 Apr, so the extension stands: Fri 1 May.
    const history: CaseEvent[] = [
      opened,
      decision('2026-02-24'),
      {
        type: 'deadline.extended',
        deadlineId: 'x',
        ruleId: 'appeal.lodge',
        subjectId: D,
        fromDueOn: '2026-04-24',
        toDueOn: '2026-05-01',
        ground: 'tribunal_extended_time',
        reason: 'The Tribunal extended time',
        agreedBy: 'SEND Tribunal',
        extendedOn: '2026-02-26',
      },
      contacted('2026-02-25'),
      {
        type: 'mediation.declined',
        mediationId: M,
        adviserInformedOn: '2026-02-25',
      },
      {
        type: 'certificate.issued',
        certificateId: 'c1',
        mediationId: M,
        kind: 'information_only',
        issuedOn: '2026-03-02',
      },
    ];
    record(history);
    const appeal = entry(ledgerAfter(history), 'appeal.lodge', D);
    expect(appeal.dueOn).toBe('2026-05-01');
    expect(appeal.explanation).toContain(
      'Extended from Fri 24 Apr 2026 to Fri 1 May 2026 on the ground that the Tribunal directed that the time be extended: The Tribunal extended time (agreed by SEND Tribunal)',
    );
  });

  it.each([
    [
      'decision.corrected',
      (history: CaseEvent[]) =>
        ({
          type: 'decision.corrected',
          decisionId: D,
          decisionDate: '2026-02-27',
          letterSent: '2026-02-27',
        }) as CaseEvent,
    ],
    [
      'event.corrected',
      (history: CaseEvent[]) =>
        correctionOf(
          history,
          2,
          { letterSent: '2026-02-27', decisionDate: '2026-02-27' },
          '2026-05-06',
        ),
    ],
  ])(
    'moves a deadline already met when its facts are corrected (%s): met on time becomes met late',
    (_kind, correction) => {
      // Letter Mon 2 Mar 2026 + 2 months = Sat 2 May → r.12(2): Sun 3, Mon 4 May (early May bank holiday) → Tue 5 May.
      // Appeal lodged Wed 29 Apr: met on time. The letter was in fact sent Fri 27 Feb: + 2 months = Mon 27 Apr
      // (a working day), so the appeal of Wed 29 Apr was lodged late.
      const history: CaseEvent[] = [
        opened,
        decision('2026-03-02'),
        {
          type: 'appeal.lodged',
          appealId: A,
          decisionId: D,
          tribunalReference: 'EH857/26/00001',
          lodgedOn: '2026-04-29',
          sections: ['I'],
        },
      ];
      expect(entry(ledgerAfter(history), 'appeal.lodge', D)).toMatchObject({
        dueOn: '2026-05-05',
        status: 'met',
        metOn: '2026-04-29',
      });
      const corrected = [...history, correction(history)];
      record(corrected.filter((e) => e.type !== 'event.corrected'));
      const appeal = entry(ledgerAfter(corrected), 'appeal.lodge', D);
      expect(appeal).toMatchObject({
        dueOn: '2026-04-27',
        status: 'met',
        metOn: '2026-04-29',
      });
      expect(appeal.explanation[0]).toBe(
        'Decision letter sent Fri 27 Feb 2026; + 2 months = Mon 27 Apr 2026',
      );
    },
  );
});

describe("the law's exceptions and the family's choices", () => {
  const withRecommendation: CaseEvent[] = [
    opened,
    decision('2026-01-05'),
    {
      type: 'appeal.lodged',
      appealId: A,
      decisionId: D,
      tribunalReference: 'EH857/26/00002',
      lodgedOn: '2026-01-20',
      sections: ['I'],
    },
    {
      type: 'appeal.decided',
      appealId: A,
      outcome: 'decided_allowed',
      decisionDate: '2026-06-01',
      orders: [{ orderId: 'o1', orderType: 'name_school_only' }],
      recommendations: [
        {
          recommendationId: 'r1',
          section: 'G',
          responsibleBody: 'icb',
          text: 'Therapy',
        },
      ],
    },
  ];
  const extension = (
    ruleId: string,
    subjectId: string,
    ground?: CaseEventOf<'deadline.extended'>['ground'],
  ): CaseEvent => ({
    type: 'deadline.extended',
    deadlineId: 'x',
    ruleId,
    subjectId,
    fromDueOn: '2026-07-06',
    toDueOn: '2026-07-20',
    ...(ground ? { ground } : {}),
    reason: 'Asked for more time',
    agreedBy: 'Morgan Lee',
    extendedOn: '2026-06-20',
  });

  it('refuses to extend the 5-week recommendation response: the law gives it no exception', () => {
    const error = refusal(
      withRecommendation,
      extension(
        'recommendation.response',
        'r1',
        'exceptional_personal_circumstances',
      ),
    );
    expect(error.code).toBe('EVENT_NOT_ALLOWED');
    expect(error.message).toContain('Recommendations Power Regs 2017 regs 6–7');
    expect(error.message).toContain('has no statutory exception');
  });

  it('refuses an exception the rule does not allow, and names the ones it does', () => {
    const error = refusal(
      withRecommendation,
      extension('order.name_school_only', 'o1', 'tribunal_extended_time'),
    );
    expect(error.code).toBe('INCONSISTENT_FACT');
    expect(error.message).toContain(
      'SEND Regs reg 44(3) allows: exceptional_personal_circumstances',
    );
    expect(
      refusal(withRecommendation, extension('order.name_school_only', 'o1'))
        .message,
    ).toContain('Say which statutory exception applies');
    expect(() =>
      checkCaseEvent(
        record(withRecommendation),
        extension('order.name_school_only', 'o1', 'absent_from_area_2_weeks'),
      ),
    ).not.toThrow();
  });

  it('lets the family withdraw from mediation: the adviser certifies within 3 working days and the arranging duty ends (reg 34)', () => {
    // Council told Mon 12 Jan 2026; arrange by Wed 11 Feb (30 days). The family withdraws; adviser told Fri 23 Jan:
    // + 3 working days (Mon 26, Tue 27, Wed 28) = Wed 28 Jan. Certificate Tue 27 Jan + 1 month = Fri 27 Feb is later
    // than the letter's Thu 5 Mar? No: letter Mon 5 Jan + 2 months = Thu 5 Mar is later, so the appeal stays due Thu 5 Mar.
    const history: CaseEvent[] = [
      opened,
      decision('2026-01-05'),
      contacted('2026-01-09'),
      {
        type: 'mediation.requested',
        mediationId: M,
        laInformedOn: '2026-01-12',
      },
      {
        type: 'mediation.withdrawn',
        mediationId: M,
        adviserInformedOn: '2026-01-23',
      },
      {
        type: 'certificate.issued',
        certificateId: 'c1',
        mediationId: M,
        kind: 'information_only',
        issuedOn: '2026-01-27',
      },
    ];
    record(history);
    const ledger = ledgerAfter(history);
    expect(entry(ledger, 'mediation.arrange', M)).toMatchObject({
      status: 'cancelled',
      closedReason: 'The family no longer wishes to pursue mediation',
    });
    expect(entry(ledger, 'mediation.certificate_declined', M)).toMatchObject({
      dueOn: '2026-01-28',
      status: 'met',
      metOn: '2026-01-27',
    });
    expect(entry(ledger, 'appeal.lodge', D).dueOn).toBe('2026-03-05');
  });

  it('closes the arranging duty as missed once the certificate says mediation was not arranged in time', () => {
    const history: CaseEvent[] = [
      opened,
      decision('2026-01-05'),
      contacted('2026-01-09'),
      {
        type: 'mediation.requested',
        mediationId: M,
        laInformedOn: '2026-01-12',
      },
      {
        type: 'mediation.not_arranged',
        mediationId: M,
        adviserInformedOn: '2026-02-12',
      },
      {
        type: 'certificate.issued',
        certificateId: 'c1',
        mediationId: M,
        kind: 'mediation_not_arranged',
        issuedOn: '2026-02-16',
      },
    ];
    record(history);
    expect(entry(ledgerAfter(history), 'mediation.arrange', M)).toMatchObject({
      dueOn: '2026-02-11',
      status: 'missed',
    });
  });

  it('health-only mediation: the ICB arranges it within 30 days of being told, and tells the council of any agreement within 1 week (regs 35, 42)', () => {
    // Council told Mon 12 Jan; it tells the ICB within 3 working days (Thu 15 Jan): told Wed 14 Jan.
    // The ICB arranges it by Wed 14 Jan + 30 days = Fri 13 Feb. Agreement Tue 10 Feb: the ICB tells the council by
    // Tue 17 Feb (1 week, reg 42(4)); its own item within 2 weeks, Tue 24 Feb (reg 42(3)); another by the date the
    // parties agreed in writing, Tue 31 Mar (reg 42(5)).
    const history: CaseEvent[] = [
      opened,
      decision('2026-01-05'),
      contacted('2026-01-09', true),
      {
        type: 'mediation.requested',
        mediationId: M,
        laInformedOn: '2026-01-12',
        healthOnly: true,
      },
      {
        type: 'mediation.health_notified',
        mediationId: M,
        notifiedOn: '2026-01-14',
      },
      {
        type: 'mediation.held',
        mediationId: M,
        heldOn: '2026-02-10',
        concludedOn: '2026-02-10',
        outcome: 'resolved',
        participants: ['Jo Example (parent)', 'North ICB'],
      },
      {
        type: 'mediation.agreement_reached',
        mediationId: M,
        agreementDate: '2026-02-10',
        items: [
          {
            itemId: 'i1',
            description: 'Fund speech and language therapy',
            appealable: false,
            responsibleBody: 'icb',
          },
          {
            itemId: 'i2',
            description: 'Review it with the family',
            appealable: false,
            responsibleBody: 'icb',
            agreedDueOn: '2026-03-31',
          },
        ],
      },
    ];
    record(history);
    const ledger = ledgerAfter(history);
    expect(ledger.has(ledgerKey('mediation.arrange', M))).toBe(false);
    expect(entry(ledger, 'mediation.notify_health', M)).toMatchObject({
      dueOn: '2026-01-15',
      status: 'met',
    });
    expect(entry(ledger, 'mediation.arrange_health_only', M)).toMatchObject({
      dueOn: '2026-02-13',
      status: 'met',
      metOn: '2026-02-10',
      dutyHolder: 'icb',
    });
    expect(entry(ledger, 'agreement.health_notify_la', M)).toMatchObject({
      dueOn: '2026-02-17',
      status: 'open',
      dutyHolder: 'icb',
    });
    expect(entry(ledger, 'agreement.other_matters', 'i1')).toMatchObject({
      dueOn: '2026-02-24',
      dutyHolder: 'icb',
    });
    expect(entry(ledger, 'agreement.other_matters', 'i2').dueOn).toBe(
      '2026-03-31',
    );
    expect(
      entry(ledger, 'agreement.other_matters', 'i2').explanation.at(-1),
    ).toBe(
      'The parties agreed a different timescale in writing (SEND Regs reg 42(5)): due Tue 31 Mar 2026',
    );
  });

  it('a mediation the council took part in needs no notice from the ICB (reg 42(4))', () => {
    const history: CaseEvent[] = [
      opened,
      decision('2026-01-05'),
      contacted('2026-01-09', true),
      {
        type: 'mediation.requested',
        mediationId: M,
        laInformedOn: '2026-01-12',
      },
      {
        type: 'mediation.held',
        mediationId: M,
        heldOn: '2026-02-10',
        concludedOn: '2026-02-10',
        outcome: 'resolved',
      },
      {
        type: 'mediation.agreement_reached',
        mediationId: M,
        agreementDate: '2026-02-10',
        items: [
          {
            itemId: 'i1',
            description: 'Amend F',
            appealable: true,
            orderType: 'amend_plan',
          },
        ],
      },
    ];
    expect(
      ledgerAfter(history).has(ledgerKey('agreement.health_notify_la', M)),
    ).toBe(false);
    expect(
      refusal(history, {
        type: 'mediation.health_response_received',
        mediationId: M,
        receivedOn: '2026-02-12',
      }).message,
    ).toContain('reg 42(4)');
  });
});

describe('what the Tribunal decided, as the law frames it', () => {
  const refusePlan: CaseEvent[] = [
    opened,
    decision('2026-01-05', { decisionType: 'refuse_plan', sections: [] }),
    contacted('2026-01-09'),
    {
      type: 'mediation.declined',
      mediationId: M,
      adviserInformedOn: '2026-01-09',
    },
    {
      type: 'certificate.issued',
      certificateId: 'c1',
      mediationId: M,
      kind: 'information_only',
      issuedOn: '2026-01-12',
    },
    {
      type: 'appeal.lodged',
      appealId: A,
      decisionId: D,
      tribunalReference: 'EH857/26/00003',
      lodgedOn: '2026-01-20',
    },
  ];

  it('a case referred back opens the duty to reconsider within 2 weeks (reg 44(2)(d))', () => {
    // Order Mon 1 Jun 2026 + 2 weeks = Mon 15 Jun 2026.
    const history: CaseEvent[] = [
      ...refusePlan,
      {
        type: 'appeal.decided',
        appealId: A,
        outcome: 'referred_back',
        decisionDate: '2026-06-01',
        recommendations: [],
      },
    ];
    const snapshot = record(history);
    expect(snapshot?.orders).toEqual([
      {
        id: `${A}.reconsider`,
        appealId: A,
        type: 'reconsider',
        duties: [{ ruleId: 'order.reconsider' }],
      },
    ]);
    expect(
      entry(ledgerAfter(history), 'order.reconsider', `${A}.reconsider`),
    ).toMatchObject({
      dueOn: '2026-06-15',
      status: 'open',
      dutyHolder: 'council',
    });
  });

  it('only an appeal against a refusal to issue a plan can be referred back', () => {
    const content = [
      opened,
      decision('2026-01-05'),
      {
        type: 'appeal.lodged',
        appealId: A,
        decisionId: D,
        tribunalReference: 'EH857/26/00004',
        lodgedOn: '2026-01-20',
        sections: ['I'],
      },
    ] as CaseEvent[];
    expect(
      refusal(content, {
        type: 'appeal.decided',
        appealId: A,
        outcome: 'referred_back',
        decisionDate: '2026-06-01',
        recommendations: [],
      }).message,
    ).toContain('reg 43(2)(d)');
  });

  it('takes a period the Tribunal directed (reg 44(1)), later or earlier than the statutory one', () => {
    // make_plan: draft 5 weeks from Mon 1 Jun = Mon 6 Jul; the Tribunal directed Fri 31 Jul.
    const history: CaseEvent[] = [
      ...refusePlan,
      {
        type: 'appeal.decided',
        appealId: A,
        outcome: 'decided_allowed',
        decisionDate: '2026-06-01',
        orders: [
          {
            orderId: 'o1',
            orderType: 'make_plan',
            directedDueDates: { 'order.make_plan.draft': '2026-07-31' },
          },
        ],
        recommendations: [],
      },
    ];
    record(history);
    const draft = entry(ledgerAfter(history), 'order.make_plan.draft', 'o1');
    expect(draft.dueOn).toBe('2026-07-31');
    expect(draft.explanation).toEqual([
      'Tribunal order made Mon 1 Jun 2026; + 5 weeks = Mon 6 Jul 2026',
      'Due Mon 6 Jul 2026 (SEND Regs reg 44(2)(c))',
      'The Tribunal directed a different period (SEND Regs reg 44(1)): due Fri 31 Jul 2026',
    ]);
  });

  it('refuses what the law does not provide for on the route, unless confirmed; then it is recorded and flagged', () => {
    const noCertificate = [opened, decision('2026-01-05')];
    const appeal: CaseEvent = {
      type: 'appeal.lodged',
      appealId: A,
      decisionId: D,
      tribunalReference: 'EH857/26/00005',
      lodgedOn: '2026-01-20',
      sections: ['F'],
    };
    const error = refusal(noCertificate, appeal);
    expect(error.code).toBe('UNUSUAL_FACT');
    expect(error.message).toContain('s.55(3)');
    expect(
      refusal(noCertificate, { ...appeal, sections: ['G'] } as CaseEvent)
        .message,
    ).toContain('sections B, F and I');
    const snapshot = record([
      ...noCertificate,
      { ...appeal, confirmedUnusual: true } as CaseEvent,
    ]);
    expect(snapshot?.flags).toEqual([
      {
        eventType: 'appeal.lodged',
        reason: expect.stringContaining('No mediation certificate'),
        on: '2026-01-20',
      },
    ]);
    // An order to make a plan on an appeal about content; an order to cease on an allowed appeal.
    const content = [
      ...noCertificate,
      { ...appeal, confirmedUnusual: true } as CaseEvent,
    ];
    const decided = (orderType: 'make_plan' | 'cease'): CaseEvent => ({
      type: 'appeal.decided',
      appealId: A,
      outcome: 'decided_allowed',
      decisionDate: '2026-06-01',
      orders: [{ orderId: 'o1', orderType }],
      recommendations: [],
    });
    expect(refusal(content, decided('make_plan')).message).toContain(
      'reg 43(2)',
    );
    expect(refusal(content, decided('cease')).code).toBe('UNUSUAL_FACT');
  });

  it('a response to the recommendations goes to the parent or the young person', () => {
    const history: CaseEvent[] = [
      opened,
      decision('2026-01-05'),
      {
        type: 'appeal.lodged',
        appealId: A,
        decisionId: D,
        tribunalReference: 'EH857/26/00006',
        lodgedOn: '2026-01-20',
        sections: ['I'],
      },
      {
        type: 'appeal.decided',
        appealId: A,
        outcome: 'decided_allowed',
        decisionDate: '2026-06-01',
        recommendations: [
          {
            recommendationId: 'r1',
            section: 'G',
            responsibleBody: 'icb',
            text: 'Therapy',
          },
        ],
      },
    ];
    const response: CaseEvent = {
      type: 'recommendation.responded',
      recommendationId: 'r1',
      outcome: 'followed',
      sentOn: '2026-06-20',
      sentTo: ['Council SEND team'],
    };
    expect(refusal(history, response).message).toContain(
      'parent or to the young person',
    );
    expect(() =>
      checkCaseEvent(record(history), {
        ...response,
        recipient: 'parent',
        sentTo: ['Jo Example', 'Council SEND team'],
      } as CaseEvent),
    ).not.toThrow();
  });
});

describe('histories recorded after the fact', () => {
  it('refuses a date after today wherever the field is a date that has happened, and accepts a hearing ahead', () => {
    const today = { today: '2026-03-02' };
    expect(refusal([opened], decision('2026-03-03'), today).message).toBe(
      'The date of the decision (Tue 3 Mar 2026) is after today (Mon 2 Mar 2026): record it once it has happened.',
    );
    const appealed: CaseEvent[] = [
      opened,
      decision('2026-01-05'),
      {
        type: 'appeal.lodged',
        appealId: A,
        decisionId: D,
        tribunalReference: 'EH857/26/00007',
        lodgedOn: '2026-01-20',
        sections: ['I'],
      },
    ];
    expect(() =>
      checkCaseEvent(
        record(appealed),
        {
          type: 'appeal.hearing_listed',
          appealId: A,
          hearingDate: '2026-06-10',
        },
        today,
      ),
    ).not.toThrow();
  });
});

describe("the decision's own deadline", () => {
  const Q = '0b6f0e65-0000-4000-8000-000000000010';
  const R = '0b6f0e65-0000-4000-8000-000000000011';
  const T = '0b6f0e65-0000-4000-8000-000000000012';

  it('a request for an assessment: 6 weeks to decide (reg 5(1)), met by a refusal to assess that answers it', () => {
    // Received Mon 5 Jan 2026 + 6 weeks = Mon 16 Feb; refusal letter Fri 13 Feb: on time.
    const history: CaseEvent[] = [
      opened,
      { type: 'assessment.requested', requestId: Q, receivedOn: '2026-01-05' },
      decision('2026-02-13', {
        decisionType: 'refuse_assessment',
        sections: [],
        answers: { kind: 'assessment_request', id: Q },
      }),
    ];
    record(history);
    expect(entry(ledgerAfter(history), 'assessment.decide', Q)).toMatchObject({
      dueOn: '2026-02-16',
      status: 'met',
      metOn: '2026-02-13',
    });
  });

  it('after a decision to assess: 16 weeks to decide not to issue a plan, 20 to issue it (regs 10(1), 13(2)); the plan meets one and cancels the other', () => {
    // Received Mon 5 Jan: + 16 weeks = Mon 27 Apr; + 20 weeks = Mon 25 May (spring bank holiday: does not move).
    const history: CaseEvent[] = [
      opened,
      { type: 'assessment.requested', requestId: Q, receivedOn: '2026-01-05' },
      { type: 'assessment.agreed', requestId: Q, notifiedOn: '2026-02-09' },
      decision('2026-05-22', {
        answers: { kind: 'assessment_request', id: Q },
      }),
    ];
    record(history);
    const ledger = ledgerAfter(history);
    expect(entry(ledger, 'assessment.decide', Q)).toMatchObject({
      dueOn: '2026-02-16',
      status: 'met',
      metOn: '2026-02-09',
    });
    expect(entry(ledger, 'assessment.final_plan', Q)).toMatchObject({
      dueOn: '2026-05-25',
      status: 'met',
      metOn: '2026-05-22',
    });
    expect(entry(ledger, 'assessment.no_plan_decision', Q)).toMatchObject({
      dueOn: '2026-04-27',
      status: 'cancelled',
    });
  });

  it('an annual review: 4 weeks to decide (reg 20(10)); proposed amendments meet it; the amended plan is due 8 weeks later (reg 22(3))', () => {
    // Meeting Mon 1 Jun 2026 + 4 weeks = Mon 29 Jun; amendments sent Fri 26 Jun + 8 weeks = Fri 21 Aug; plan Mon 17 Aug.
    const history: CaseEvent[] = [
      opened,
      decision('2026-01-05', { decisionType: 'refuse_amend', sections: [] }),
      { type: 'review.meeting_held', reviewId: R, heldOn: '2026-06-01' },
      { type: 'review.amendments_proposed', reviewId: R, sentOn: '2026-06-26' },
      {
        ...decision('2026-08-17', {
          decisionType: 'amended_plan_content',
          answers: { kind: 'review', id: R },
        }),
        decisionId: 'd2',
      } as CaseEvent,
    ];
    record(history);
    const ledger = ledgerAfter(history);
    expect(entry(ledger, 'review.decision', R)).toMatchObject({
      dueOn: '2026-06-29',
      status: 'met',
      metOn: '2026-06-26',
    });
    expect(entry(ledger, 'review.final_amended_plan', R)).toMatchObject({
      dueOn: '2026-08-21',
      status: 'met',
      metOn: '2026-08-17',
    });
  });

  it('a phase transfer: the plan reviewed and amended by 15 February of the year of the transfer (reg 18(1))', () => {
    const history: CaseEvent[] = [
      opened,
      {
        type: 'phase_transfer.recorded',
        transferId: T,
        transferDate: '2027-09-01',
        kind: 'school',
        recordedOn: '2026-03-02',
      },
    ];
    expect(
      entry(ledgerAfter(history), 'phase_transfer.school', T),
    ).toMatchObject({ dueOn: '2027-02-15', status: 'open' });
  });
});
