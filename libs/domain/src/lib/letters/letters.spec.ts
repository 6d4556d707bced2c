import type { CaseEvent } from '../case/case-events';
import { checkHistory } from '../case/case-corrections';
import { DEMO_LETTER_HISTORIES } from './demo-case';
import {
  EXAMPLE_SENDER,
  LETTER_KINDS,
  letterChecklistOf,
  letterData,
  letterDeadlineLine,
  letterFacts,
  letterKindOf,
  missingParts,
  REQUIRED_PARTS,
} from './letters';

const opened: CaseEvent[] = [
  {
    type: 'case.opened',
    reference: 'SEND-1',
    childName: 'Sam Taylor',
    dateOfBirth: '2015-03-02',
    caseworker: 'Casey Worker',
    team: 'North',
    openedOn: '2026-01-02',
  },
  {
    type: 'contact.added',
    contactId: 'c1',
    name: 'Alex Taylor',
    relationship: 'parent',
    addedOn: '2026-01-02',
  },
  {
    type: 'decision.issued',
    decisionId: 'd1',
    decisionType: 'refuse_reassessment',
    decisionDate: '2026-01-05',
    letterSent: '2026-01-06',
    sections: [],
  },
];

const appealed: CaseEvent[] = [
  ...opened,
  {
    type: 'mediation.adviser_contacted',
    mediationId: 'm0',
    decisionId: 'd1',
    providerName: 'Example Mediation Service',
    contactedOn: '2026-01-12',
    healthInIssue: false,
    socialCareInIssue: false,
  },
  {
    type: 'mediation.declined',
    mediationId: 'm0',
    adviserInformedOn: '2026-01-12',
  },
  {
    type: 'certificate.issued',
    certificateId: 'cert0',
    mediationId: 'm0',
    kind: 'information_only',
    issuedOn: '2026-01-13',
  },
  {
    type: 'appeal.lodged',
    appealId: 'a1',
    decisionId: 'd1',
    tribunalReference: 'EH100/26/00001',
    lodgedOn: '2026-02-20',
  },
  {
    type: 'appeal.registered',
    appealId: 'a1',
    registeredOn: '2026-02-23',
    appealReceivedOn: '2026-02-24',
  },
];

const decided: CaseEvent[] = [
  ...appealed,
  {
    type: 'appeal.decided',
    appealId: 'a1',
    outcome: 'decided_allowed',
    decisionDate: '2026-06-01',
    orderSentOn: '2026-06-02',
    orders: [{ orderId: 'o1', orderType: 'assess' }],
    recommendations: [
      {
        recommendationId: 'r1',
        section: 'G',
        responsibleBody: 'icb',
        text: 'Speech and language therapy',
      },
    ],
  },
];

const data = (history: CaseEvent[]) => {
  checkHistory(history);
  const facts = letterFacts(history);
  const kind = letterKindOf(facts.event);
  if (!kind) throw new Error('no letter for this entry');
  return letterData(kind, facts, EXAMPLE_SENDER);
};

describe('letter data: each kind from the case record and the deadline clock', () => {
  it('decision notice (a refusal to re-assess): the family’s time limits as the clock counted them, and whom to contact', () => {
    const d = data(opened);
    expect(d).toMatchObject({
      letterDate: 'Tue 6 Jan 2026',
      childName: 'Sam Taylor',
      recipientName: 'Alex Taylor',
      caseworkerName: 'Casey Worker',
      decisionTitle: 'Not to carry out a re-assessment',
      decisionDate: 'Mon 5 Jan 2026',
      // CFA s.55(2), SEND Regs reg 33 and HESC r.20: two months after the notice was sent.
      mediationContactBy: 'Fri 6 Mar 2026',
      appealBy: 'Fri 6 Mar 2026',
      mediationAdviserName: 'Example Mediation Service',
      iassName: 'Example SENDIASS',
      disagreementResolutionName: 'Example Disagreement Resolution Service',
    });
    expect(d['deadlines']).toHaveLength(2);
    expect(d['appealExplanation']).toMatch(/6 Jan 2026/);
  });

  it('decision notice of a final or amended plan: names the school of section I (SEND Regs reg 12(1)(i)); none named, the placeholder is empty', () => {
    expect(data(opened)['placement']).toBe('');
    const plan = (
      decisionType: 'final_plan_content' | 'amended_plan_content',
    ) =>
      data([
        ...opened.slice(0, -1),
        {
          type: 'decision.issued',
          decisionId: 'd2',
          decisionType,
          decisionDate: '2026-01-05',
          letterSent: '2026-01-06',
          sections: ['I'],
          placement: 'Riverside Academy',
        },
      ]);
    expect(plan('final_plan_content')['placement']).toBe('Riverside Academy');
    expect(plan('amended_plan_content')['placement']).toBe('Riverside Academy');
  });

  it('recommendation response: the body, the outcome and the reasons, and the 5 weeks from the Tribunal’s decision', () => {
    const d = data([
      ...decided,
      {
        type: 'recommendation.responded',
        recommendationId: 'r1',
        outcome: 'not_followed',
        reasons: 'Therapy is already provided by the school.',
        sentOn: '2026-06-30',
        recipient: 'parent',
        sentTo: ['Alex Taylor'],
      },
    ]);
    expect(d).toMatchObject({
      letterDate: 'Tue 30 Jun 2026',
      tribunalReference: 'EH100/26/00001',
      responsibleBody: 'Integrated care board (ICB)',
      recommendationText: 'Speech and language therapy',
      reasons: 'Therapy is already provided by the school.',
      // Recommendations Power Regs 2017 reg 6(2): 5 weeks from the decision of 1 June.
      responseDueOn: 'Mon 6 Jul 2026',
    });
    expect(d['outcome']).toMatch(/not followed/i);
  });

  it('recommendation response: lists whom it went to by name (the parents among the contacts, or the young person), the role only when no name is recorded', () => {
    const responded = (
      recipient: 'parent' | 'young_person',
      sentTo: string[],
      contacts: CaseEvent[] = [],
    ) =>
      data([
        ...decided,
        ...contacts,
        {
          type: 'recommendation.responded',
          recommendationId: 'r1',
          outcome: 'followed',
          sentOn: '2026-06-30',
          recipient,
          sentTo,
        },
      ])['sentTo'];
    const contact = (contactId: string, name: string, relationship: string) =>
      ({
        type: 'contact.added',
        contactId,
        name,
        relationship,
        addedOn: '2026-06-03',
      }) satisfies CaseEvent;
    // The case's parent (Alex Taylor), and a copy to the SEND team as given.
    expect(responded('parent', ['Parent', 'Council SEND team'])).toBe(
      'Alex Taylor, Council SEND team',
    );
    // Two parents or carers, each by name; someone else among the contacts is not a parent.
    expect(
      responded(
        'parent',
        ['Parent'],
        [
          contact('c2', 'Jamie Taylor', 'Foster carer'),
          contact('c3', 'Dr Lee', 'Educational psychologist'),
        ],
      ),
    ).toBe('Alex Taylor, Jamie Taylor');
    // The young person is the child the case is about.
    expect(responded('young_person', ['Young person'])).toBe('Sam Taylor');
    // The letter is addressed to whom the response went (regs 6-7): the young person, or the parent.
    const addressed = (recipient: 'parent' | 'young_person') =>
      data([
        ...decided,
        {
          type: 'recommendation.responded',
          recommendationId: 'r1',
          outcome: 'followed',
          sentOn: '2026-06-30',
          recipient,
          sentTo: [recipient === 'parent' ? 'Parent' : 'Young person'],
        },
      ])['recipientName'];
    expect(addressed('young_person')).toBe('Sam Taylor');
    expect(addressed('parent')).toBe('Alex Taylor');
    // Names the caseworker typed stay as they are.
    expect(responded('parent', ['Alex Taylor'])).toBe('Alex Taylor');
  });

  it('recommendation response: the role, where the case records no parent by name', () => {
    const [caseOpened, , ...rest] = decided;
    const d = data([
      caseOpened!,
      ...rest,
      {
        type: 'recommendation.responded',
        recommendationId: 'r1',
        outcome: 'followed',
        sentOn: '2026-06-30',
        recipient: 'parent',
        sentTo: ['Parent'],
      },
    ]);
    expect(d['sentTo']).toBe('Parent');
  });

  it('the facts of a response to a recommendation: it opens no deadline and meets its 5 weeks', () => {
    const history: CaseEvent[] = [
      ...decided,
      {
        type: 'recommendation.responded',
        recommendationId: 'r1',
        outcome: 'followed',
        sentOn: '2026-06-30',
        recipient: 'parent',
        sentTo: ['Alex Taylor'],
      },
    ];
    checkHistory(history);
    const facts = letterFacts(history);
    expect(facts.opened).toEqual([]);
    expect(facts.met.map(letterDeadlineLine)).toEqual([
      expect.objectContaining({ dueOn: 'Mon 6 Jul 2026' }),
    ]);
    expect(facts.met[0]).toMatchObject({
      ruleId: 'recommendation.response',
      subjectId: 'r1',
      metOn: '2026-06-30',
    });
    // The entry before it met nothing.
    expect(letterFacts(history, history.length - 2).met).toEqual([]);
  });

  it('concession notice: dated the day the Tribunal was told, with the duties that run from it', () => {
    const d = data([
      ...appealed,
      {
        type: 'appeal.decided',
        appealId: 'a1',
        outcome: 'conceded_before_response',
        decisionDate: '2026-03-10',
        laNotifiedTribunalOn: '2026-03-10',
        orders: [{ orderId: 'o1', orderType: 'assess' }],
        recommendations: [],
      },
    ]);
    expect(d).toMatchObject({
      letterDate: 'Tue 10 Mar 2026',
      noticeDate: 'Tue 10 Mar 2026',
      tribunalReference: 'EH100/26/00001',
    });
    expect(d['orders']).toEqual([
      { order: 'Carry out an EHC needs assessment', details: '' },
    ]);
    expect((d['deadlines'] as { dueOn: string }[]).length).toBeGreaterThan(0);
  });

  it('mediation arranged: the date of the mediation and the 30 days it had to be arranged in', () => {
    const d = data([
      ...opened,
      {
        type: 'mediation.adviser_contacted',
        mediationId: 'm1',
        decisionId: 'd1',
        providerName: 'Example Mediation Service',
        contactedOn: '2026-01-20',
        healthInIssue: false,
        socialCareInIssue: false,
      },
      {
        type: 'mediation.requested',
        mediationId: 'm1',
        laInformedOn: '2026-01-21',
      },
      {
        type: 'mediation.arranged',
        mediationId: 'm1',
        arrangedOn: '2026-01-28',
        mediationDate: '2026-02-12',
      },
    ]);
    expect(d).toMatchObject({
      letterDate: 'Wed 28 Jan 2026',
      mediationDate: 'Thu 12 Feb 2026',
      mediationProvider: 'Example Mediation Service',
      // SEND Regs reg 37: within 30 days of the council being told (21 January).
      arrangeBy: 'Fri 20 Feb 2026',
    });
  });

  it('order compliance: the duty, when it was due by the clock, and when the council complied', () => {
    const d = data([
      ...decided,
      {
        type: 'order.complied',
        orderId: 'o1',
        ruleId: 'order.assess.notify',
        compliedOn: '2026-06-20',
        evidence: 'Assessment started',
      },
    ]);
    expect(d).toMatchObject({
      letterDate: 'Sat 20 Jun 2026',
      order: 'Carry out an EHC needs assessment',
      compliedOn: 'Sat 20 Jun 2026',
      evidence: 'Assessment started',
      tribunalReference: 'EH100/26/00001',
    });
    expect(d['dutyDueOn']).toMatch(/2026/);
    expect(d['duty']).not.toBe('order.assess.notify');
  });
});

describe('missingParts: what the law requires a template to contain', () => {
  const complete = REQUIRED_PARTS.decision_notice
    .flatMap((p) => p.placeholders.map((n) => `{${n}}`))
    .join(' ');

  it('a decision notice with every part is complete, and fills the whole checklist', () => {
    const text = `${complete} You can appeal without mediation, but you need a mediation certificate.`;
    expect(missingParts('decision_notice', text)).toEqual([]);
    expect(letterChecklistOf(text)).toEqual({
      mediationInformation: true,
      appealRights: true,
      timeLimits: true,
      disagreementResolution: true,
    });
  });

  it('names each missing part, and leaves its checklist item unticked', () => {
    const text = complete.replace('{appealBy}', '');
    const missing = missingParts('decision_notice', text).map((p) => p.id);
    expect(missing).toEqual(['appeal_time_limit', 'certificate_only']);
    expect(letterChecklistOf(text)).toMatchObject({
      appealRights: false,
      mediationInformation: false,
      timeLimits: true,
    });
  });

  it('a recommendation response must say the outcome and the reasons', () => {
    expect(
      missingParts('recommendation_response', '{outcome}').map((p) => p.id),
    ).toEqual(['reasons']);
  });
});

describe('the demo case administrators preview templates against', () => {
  it.each(LETTER_KINDS)(
    'has a lawful entry for %s, whose letter data fills',
    (kind) => {
      const history = DEMO_LETTER_HISTORIES[kind];
      checkHistory(history);
      const facts = letterFacts(history);
      expect(letterKindOf(facts.event)).toBe(kind);
      expect(letterData(kind, facts, EXAMPLE_SENDER)['childName']).toBe(
        'Sam Example',
      );
    },
  );
});
