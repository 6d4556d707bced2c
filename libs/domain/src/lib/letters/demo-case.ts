import type { CaseEvent } from '../case/case-events';
import type { LetterKind } from './letters';

/*
 * A demo case, made up, with an entry of each letter kind: what an administrator previews a
 * template against before publishing it (no real family's data is shown to try a template).
 */

const opened: CaseEvent[] = [
  {
    type: 'case.opened',
    reference: 'DEMO-0001',
    childName: 'Sam Example',
    dateOfBirth: '2015-03-02',
    caseworker: 'Casey Example',
    team: 'Demo team',
    openedOn: '2026-01-02',
  },
  {
    type: 'contact.added',
    contactId: 'demo-contact',
    name: 'Alex Example',
    relationship: 'parent',
    addedOn: '2026-01-02',
  },
  {
    type: 'decision.issued',
    decisionId: 'demo-decision',
    decisionType: 'refuse_reassessment',
    decisionDate: '2026-01-05',
    letterSent: '2026-01-06',
    sections: [],
    rationale: 'The advice received shows that the needs have not changed.',
  },
];

const mediationStart: CaseEvent[] = [
  {
    type: 'mediation.adviser_contacted',
    mediationId: 'demo-mediation',
    decisionId: 'demo-decision',
    providerName: 'Example Mediation Service',
    contactedOn: '2026-01-12',
    healthInIssue: false,
    socialCareInIssue: false,
  },
];

const appealed: CaseEvent[] = [
  ...opened,
  ...mediationStart,
  {
    type: 'mediation.declined',
    mediationId: 'demo-mediation',
    adviserInformedOn: '2026-01-12',
  },
  {
    type: 'certificate.issued',
    certificateId: 'demo-certificate',
    mediationId: 'demo-mediation',
    kind: 'information_only',
    issuedOn: '2026-01-13',
  },
  {
    type: 'appeal.lodged',
    appealId: 'demo-appeal',
    decisionId: 'demo-decision',
    tribunalReference: 'EH999/26/00001',
    lodgedOn: '2026-01-20',
  },
  {
    type: 'appeal.registered',
    appealId: 'demo-appeal',
    registeredOn: '2026-01-22',
    appealReceivedOn: '2026-01-23',
  },
];

const decided: CaseEvent[] = [
  ...appealed,
  {
    type: 'appeal.decided',
    appealId: 'demo-appeal',
    outcome: 'decided_allowed',
    decisionDate: '2026-02-10',
    orderSentOn: '2026-02-11',
    orders: [{ orderId: 'demo-order', orderType: 'assess' }],
    recommendations: [
      {
        recommendationId: 'demo-recommendation',
        section: 'G',
        responsibleBody: 'icb',
        text: 'Speech and language therapy review.',
      },
    ],
  },
];

/** The demo case's history up to and including its entry of `kind` (the last event). */
export const DEMO_LETTER_HISTORIES: Record<LetterKind, CaseEvent[]> = {
  decision_notice: opened,
  recommendation_response: [
    ...decided,
    {
      type: 'recommendation.responded',
      recommendationId: 'demo-recommendation',
      outcome: 'not_followed',
      reasons: 'A review by the school’s therapist is already booked.',
      sentOn: '2026-02-20',
      recipient: 'parent',
      sentTo: ['Alex Example'],
    },
  ],
  concession_notice: [
    ...appealed,
    {
      type: 'appeal.decided',
      appealId: 'demo-appeal',
      outcome: 'conceded_before_response',
      decisionDate: '2026-02-16',
      laNotifiedTribunalOn: '2026-02-16',
      orders: [{ orderId: 'demo-order', orderType: 'assess' }],
      recommendations: [],
    },
  ],
  mediation_arranged: [
    ...opened,
    ...mediationStart,
    {
      type: 'mediation.requested',
      mediationId: 'demo-mediation',
      laInformedOn: '2026-01-13',
    },
    {
      type: 'mediation.arranged',
      mediationId: 'demo-mediation',
      arrangedOn: '2026-01-28',
      mediationDate: '2026-02-12',
    },
  ],
  order_compliance: [
    ...decided,
    {
      type: 'order.complied',
      orderId: 'demo-order',
      ruleId: 'order.assess.notify',
      compliedOn: '2026-02-27',
      evidence: 'Letter to the parent: the re-assessment has started.',
    },
  ],
};
