import type { CaseEvent, CaseEventOf } from './case-events';
import { CaseRuleError } from './case-rule-error';
import { checkCaseEvent, overCompulsorySchoolAgeFrom } from './case-rules';
import {
  agreement,
  allowedWithOrders,
  base,
  opened,
  certificate,
  contacted,
  decided,
  decision,
  declinedM1,
  held,
  lodged,
  record,
  registered,
  requested,
  responseSent,
  withAppeal,
} from './case-test-support';

type Code = CaseRuleError['code'];

const contact: CaseEvent = {
  type: 'contact.added',
  contactId: 'p1',
  name: 'Jo Example',
  relationship: 'Parent',
  addedOn: '2026-01-05',
};
const wayForward: CaseEvent = {
  type: 'way_forward.requested',
  meetingId: 'w1',
  decisionId: 'd1',
  requestedOn: '2026-01-08',
};
const wayForwardHeld: CaseEvent = {
  type: 'way_forward.held',
  meetingId: 'w1',
  heldOn: '2026-01-20',
  outcome: 'resolved',
};
const notArranged: CaseEvent = {
  type: 'mediation.not_arranged',
  mediationId: 'm1',
  adviserInformedOn: '2026-02-13',
};
const healthNotified: CaseEvent = {
  type: 'mediation.health_notified',
  mediationId: 'm1',
  notifiedOn: '2026-01-14',
};
const arranged: CaseEvent = {
  type: 'mediation.arranged',
  mediationId: 'm1',
  arrangedOn: '2026-01-20',
  mediationDate: '2026-02-10',
};
const itemDone: CaseEvent = {
  type: 'mediation.agreement_item_completed',
  mediationId: 'm1',
  itemId: 'i2',
  completedOn: '2026-02-20',
  evidence: 'Visit took place',
};
const referred: CaseEvent = {
  type: 'disagreement_resolution.referred',
  resolutionId: 'dr1',
  referredOn: '2026-01-10',
  subject: 'Transport',
};
const drMeeting: CaseEvent = {
  type: 'disagreement_resolution.meeting_held',
  resolutionId: 'dr1',
  heldOn: '2026-01-20',
};
const drConcluded: CaseEvent = {
  type: 'disagreement_resolution.concluded',
  resolutionId: 'dr1',
  concludedOn: '2026-01-20',
  outcome: 'resolved',
};
const hearing: CaseEvent = {
  type: 'appeal.hearing_listed',
  appealId: 'a1',
  hearingDate: '2026-05-20',
};
const complied: CaseEvent = {
  type: 'order.complied',
  orderId: 'o1',
  ruleId: 'order.amend_plan',
  compliedOn: '2026-06-20',
  evidence: 'Amended plan',
};
const conceded = decided({
  outcome: 'conceded_before_response',
  decisionDate: '2026-03-25',
  laNotifiedTribunalOn: '2026-03-20',
  orders: [{ orderId: 'o1', orderType: 'amend_plan' }],
});
const extended: CaseEventOf<'deadline.extended'> = {
  type: 'deadline.extended',
  deadlineId: 'x1',
  ruleId: 'tribunal.la_response',
  subjectId: 'a1',
  fromDueOn: '2026-04-23',
  toDueOn: '2026-05-07',
  ground: 'tribunal_extended_time',
  reason: 'Tribunal direction',
  agreedBy: 'SEND Tribunal',
  extendedOn: '2026-04-01',
};
const document: CaseEvent = {
  type: 'document.attached',
  documentId: 'f1',
  eventSequence: 2,
  filename: 'letter.pdf',
  contentType: 'application/pdf',
  size: 10,
  sha256: 'ab',
  attachedOn: '2026-01-06',
};
const secondAppeal: CaseEvent = {
  ...lodged,
  appealId: 'a2',
  tribunalReference: 'EH1/26/2',
} as CaseEvent;

/** A shallow change to an event, keeping its type. */
const with_ = <E extends CaseEvent>(
  event: E,
  change: Partial<E>,
): CaseEvent => ({ ...event, ...change });

const m1Requested = [...base, contacted('m1', true), requested('m1')];
const m1Held = [...m1Requested, held];
const m1Agreed = [...m1Held, agreement];
const m1Plain = [...base, contacted('m1', false), requested('m1')];
const decidedWithOrders = [...withAppeal, allowedWithOrders];

describe('events the rules refuse', () => {
  it.each<[string, CaseEvent[], CaseEvent, Code, string]>([
    // The case
    [
      'the same contact twice',
      [...base, contact],
      contact,
      'INCONSISTENT_FACT',
      'Contact p1 is already recorded',
    ],
    [
      'a contact without a name',
      base,
      with_(contact, { name: ' ' }),
      'INCONSISTENT_FACT',
      "Give the contact's name",
    ],
    [
      'reassigning to the same caseworker and team',
      base,
      {
        type: 'case.reassigned',
        caseworker: 'Casey Worker',
        team: 'SEND East',
        reassignedOn: '2026-02-01',
      },
      'INCONSISTENT_FACT',
      'already with Casey Worker',
    ],
    [
      'a date that does not exist',
      [base[0] as CaseEvent],
      with_(decision, { letterSent: '2026-02-30' }),
      'INCONSISTENT_FACT',
      "Check the date the letter was sent: '2026-02-30' is not a real date",
    ],
    // Decisions
    [
      'the same decision twice',
      base,
      decision,
      'INCONSISTENT_FACT',
      'Decision d1 is already recorded',
    ],
    [
      'correcting a decision not recorded',
      base,
      {
        type: 'decision.corrected',
        decisionId: 'd9',
        decisionDate: '2026-01-05',
        letterSent: '2026-01-07',
      },
      'UNKNOWN_SUBJECT',
      'record the decision before correcting it',
    ],
    [
      'a correction with the letter before the decision',
      base,
      {
        type: 'decision.corrected',
        decisionId: 'd1',
        decisionDate: '2026-01-08',
        letterSent: '2026-01-07',
      },
      'INCONSISTENT_FACT',
      'cannot have been sent',
    ],
    [
      'a correction that changes nothing',
      base,
      {
        type: 'decision.corrected',
        decisionId: 'd1',
        decisionDate: '2026-01-05',
        letterSent: '2026-01-06',
      },
      'INCONSISTENT_FACT',
      'nothing to correct',
    ],
    [
      'a correction that puts the decision after its appeal',
      [...base, lodged],
      {
        type: 'decision.corrected',
        decisionId: 'd1',
        decisionDate: '2026-03-05',
        letterSent: '2026-03-06',
      },
      'INCONSISTENT_FACT',
      'appeal EH1/26/1 was lodged on Mon 2 Mar 2026',
    ],
    // Way forward meetings
    [
      'a way forward meeting about an unknown decision',
      base,
      with_(wayForward, { decisionId: 'd9' }),
      'UNKNOWN_SUBJECT',
      'no such decision',
    ],
    [
      'a way forward meeting requested before the decision',
      base,
      with_(wayForward, { requestedOn: '2026-01-01' }),
      'INCONSISTENT_FACT',
      'cannot have been requested',
    ],
    [
      'a way forward meeting held without a request',
      base,
      wayForwardHeld,
      'EVENT_NOT_ALLOWED',
      'record the request for it first',
    ],
    [
      'a way forward meeting held twice',
      [...base, wayForward, wayForwardHeld],
      wayForwardHeld,
      'EVENT_NOT_ALLOWED',
      'already recorded as held',
    ],
    [
      'a way forward meeting held before it was requested',
      [...base, wayForward],
      with_(wayForwardHeld, { heldOn: '2026-01-07' }),
      'INCONSISTENT_FACT',
      'before it was requested',
    ],
    // Mediation
    [
      'mediation about an unknown decision',
      base,
      { ...contacted('m1', false), decisionId: 'd9' } as CaseEvent,
      'UNKNOWN_SUBJECT',
      'record the decision before recording contact',
    ],
    [
      'the same mediation twice',
      [...base, contacted('m1', false)],
      contacted('m1', false),
      'INCONSISTENT_FACT',
      'Mediation m1 is already recorded',
    ],
    [
      'contact with the adviser before the decision',
      base,
      contacted('m1', false, '2026-01-02'),
      'INCONSISTENT_FACT',
      'cannot have contacted the mediation adviser',
    ],
    [
      'a choice before any contact with the adviser',
      base,
      declinedM1,
      'EVENT_NOT_ALLOWED',
      "record the family's contact with the mediation adviser first",
    ],
    [
      'asking for mediation after declining it',
      [...base, contacted('m1', false), declinedM1],
      requested('m1'),
      'EVENT_NOT_ALLOWED',
      'they declined mediation',
    ],
    [
      'declining mediation after asking for it',
      m1Requested,
      declinedM1,
      'EVENT_NOT_ALLOWED',
      'they asked for mediation',
    ],
    [
      'a choice before the contact',
      [...base, contacted('m1', false)],
      requested('m1', '2026-01-11'),
      'INCONSISTENT_FACT',
      'before they contacted the mediation adviser',
    ],
    [
      'telling the ICB when health is not in issue',
      m1Plain,
      healthNotified,
      'INCONSISTENT_FACT',
      'not in issue',
    ],
    [
      'telling the ICB before mediation was asked for',
      [...base, contacted('m1', true)],
      healthNotified,
      'EVENT_NOT_ALLOWED',
      'asked for mediation before',
    ],
    [
      'telling the ICB twice',
      [...m1Requested, healthNotified],
      healthNotified,
      'EVENT_NOT_ALLOWED',
      'already told',
    ],
    [
      'telling the ICB before the council knew',
      m1Requested,
      with_(healthNotified, { notifiedOn: '2026-01-12' }),
      'INCONSISTENT_FACT',
      'cannot have been told',
    ],
    [
      'arranging mediation nobody asked for',
      [...base, contacted('m1', false)],
      arranged,
      'EVENT_NOT_ALLOWED',
      'asked for mediation',
    ],
    [
      'arranging mediation after it was held',
      m1Held,
      arranged,
      'EVENT_NOT_ALLOWED',
      'already took place',
    ],
    [
      'a mediation date before it was arranged',
      m1Requested,
      with_(arranged, { mediationDate: '2026-01-19' }),
      'INCONSISTENT_FACT',
      'before it was arranged',
    ],
    [
      'mediation held without a request',
      [...base, contacted('m1', false)],
      held,
      'EVENT_NOT_ALLOWED',
      'asked for mediation',
    ],
    [
      'mediation held after it was declined',
      [...base, contacted('m1', false), declinedM1],
      held,
      'EVENT_NOT_ALLOWED',
      'asked for mediation',
    ],
    [
      'mediation held twice',
      m1Held,
      held,
      'EVENT_NOT_ALLOWED',
      'already recorded as held',
    ],
    [
      'mediation concluded before it was held',
      m1Requested,
      with_(held, { concludedOn: '2026-02-09' }),
      'INCONSISTENT_FACT',
      'cannot have concluded',
    ],
    [
      'mediation not arranged when nobody asked for it',
      [...base, contacted('m1', false), declinedM1],
      notArranged,
      'EVENT_NOT_ALLOWED',
      'asked for mediation',
    ],
    [
      'mediation not arranged after it was held',
      m1Held,
      notArranged,
      'INCONSISTENT_FACT',
      'cannot be recorded as not arranged',
    ],
    [
      'mediation not arranged twice',
      [...m1Plain, notArranged],
      notArranged,
      'EVENT_NOT_ALLOWED',
      'already recorded as not arranged',
    ],
    [
      'an agreement before the mediation meeting',
      m1Requested,
      agreement,
      'EVENT_NOT_ALLOWED',
      'Record the mediation meeting before',
    ],
    [
      'two agreements from one mediation',
      m1Agreed,
      agreement,
      'EVENT_NOT_ALLOWED',
      'already recorded',
    ],
    [
      'an agreement dated before the mediation',
      m1Held,
      with_(agreement, { agreementDate: '2026-02-09' }),
      'INCONSISTENT_FACT',
      'before the mediation was held',
    ],
    [
      'an agreement with nothing agreed',
      m1Held,
      with_(agreement, { items: [] }),
      'INCONSISTENT_FACT',
      'at least one item',
    ],
    [
      'an appealable item without its order type',
      m1Held,
      with_(agreement, {
        items: [{ itemId: 'i1', description: 'Amend F', appealable: true }],
      }),
      'INCONSISTENT_FACT',
      'Say what the agreed item "Amend F" requires',
    ],
    [
      'an order type on a matter that was not appealable',
      m1Held,
      with_(agreement, {
        items: [
          {
            itemId: 'i1',
            description: 'Visit',
            appealable: false,
            orderType: 'cease',
          },
        ],
      }),
      'INCONSISTENT_FACT',
      'takes no order type',
    ],
    [
      'the same item twice in an agreement',
      m1Held,
      with_(agreement, {
        items: [agreement.items[1], agreement.items[1]].filter(
          (i) => i !== undefined,
        ),
      }),
      'INCONSISTENT_FACT',
      'Agreement item i2 is already recorded',
    ],
    [
      'completing an item the agreement does not have',
      m1Agreed,
      with_(itemDone, { itemId: 'i9' }),
      'UNKNOWN_SUBJECT',
      'no such item',
    ],
    [
      'completing an item twice',
      [...m1Agreed, itemDone],
      itemDone,
      'EVENT_NOT_ALLOWED',
      'already recorded as done',
    ],
    [
      'completing an item before the agreement',
      m1Agreed,
      with_(itemDone, { completedOn: '2026-02-10' }),
      'INCONSISTENT_FACT',
      'before the agreement was made',
    ],
    [
      'completing an item without evidence',
      m1Agreed,
      with_(itemDone, { evidence: '' }),
      'INCONSISTENT_FACT',
      'the evidence',
    ],
    // Certificates
    [
      'a certificate for a mediation not recorded',
      base,
      certificate('c1', 'm1', 'information_only', '2026-01-14'),
      'EVENT_NOT_ALLOWED',
      'no such mediation',
    ],
    [
      'an information-only certificate when mediation was wanted',
      m1Requested,
      certificate('c1', 'm1', 'information_only', '2026-01-14'),
      'EVENT_NOT_ALLOWED',
      'declined mediation, or no longer wish to pursue it, before',
    ],
    [
      'a concluded certificate before mediation was held',
      m1Requested,
      certificate('c1', 'm1', 'mediation_concluded', '2026-01-14'),
      'EVENT_NOT_ALLOWED',
      'Record the mediation meeting',
    ],
    [
      'a not-arranged certificate while mediation may still be arranged',
      m1Requested,
      certificate('c1', 'm1', 'mediation_not_arranged', '2026-01-14'),
      'EVENT_NOT_ALLOWED',
      'could not arrange mediation',
    ],
    [
      'two certificates of one kind for one mediation',
      [...m1Held, certificate('c1', 'm1', 'mediation_concluded', '2026-02-12')],
      certificate('c2', 'm1', 'mediation_concluded', '2026-02-13'),
      'EVENT_NOT_ALLOWED',
      'already recorded for this mediation',
    ],
    [
      'the same certificate id on two mediations',
      [
        ...m1Held,
        certificate('c1', 'm1', 'mediation_concluded', '2026-02-12'),
        contacted('m2', false),
        {
          type: 'mediation.declined',
          mediationId: 'm2',
          adviserInformedOn: '2026-01-12',
        },
      ],
      certificate('c1', 'm2', 'information_only', '2026-02-13'),
      'INCONSISTENT_FACT',
      'Certificate c1 is already recorded',
    ],
    [
      'a certificate dated before the mediation',
      m1Held,
      certificate('c1', 'm1', 'mediation_concluded', '2026-02-09'),
      'INCONSISTENT_FACT',
      'before the mediation was held',
    ],
    // Disagreement resolution
    [
      'the same referral twice',
      [...base, referred],
      referred,
      'INCONSISTENT_FACT',
      'already recorded',
    ],
    [
      'a referral that does not say what it is about',
      base,
      with_(referred, { subject: '' }),
      'INCONSISTENT_FACT',
      'what the disagreement is about',
    ],
    [
      'a meeting with no referral',
      base,
      drMeeting,
      'EVENT_NOT_ALLOWED',
      'record the referral first',
    ],
    [
      'a meeting after disagreement resolution ended',
      [...base, referred, drConcluded],
      drMeeting,
      'EVENT_NOT_ALLOWED',
      'already concluded',
    ],
    [
      'a meeting before the referral',
      [...base, referred],
      with_(drMeeting, { heldOn: '2026-01-09' }),
      'INCONSISTENT_FACT',
      'before the referral',
    ],
    [
      'concluding before the last meeting',
      [...base, referred, with_(drMeeting, { heldOn: '2026-01-25' })],
      drConcluded,
      'INCONSISTENT_FACT',
      'before its last meeting',
    ],
    [
      'concluding twice',
      [...base, referred, drConcluded],
      drConcluded,
      'EVENT_NOT_ALLOWED',
      'already concluded',
    ],
    // Appeals
    [
      'the same appeal under another reference',
      [...base, lodged],
      with_(lodged, { tribunalReference: 'EH1/26/9' }),
      'INCONSISTENT_FACT',
      'Appeal a1 is already recorded',
    ],
    [
      'registering an appeal not recorded',
      base,
      registered,
      'EVENT_NOT_ALLOWED',
      'record the appeal before recording its registration',
    ],
    [
      'registering an appeal twice',
      withAppeal,
      registered,
      'EVENT_NOT_ALLOWED',
      'already recorded as registered',
    ],
    [
      'registration before the appeal was lodged',
      [...base, lodged],
      with_(registered, { registeredOn: '2026-03-01' }),
      'INCONSISTENT_FACT',
      'before it was lodged',
    ],
    [
      'the council receiving the appeal before registration',
      [...base, lodged],
      with_(registered, { appealReceivedOn: '2026-03-08' }),
      'INCONSISTENT_FACT',
      'before the Tribunal registered it',
    ],
    [
      'registering an appeal that has ended',
      [...base, lodged, decided({ outcome: 'withdrawn' })],
      registered,
      'EVENT_NOT_ALLOWED',
      'already ended (withdrawn)',
    ],
    [
      'a response before the appeal reached the council',
      [...base, lodged],
      responseSent,
      'EVENT_NOT_ALLOWED',
      'registered the appeal and sent it',
    ],
    [
      'two responses',
      [...withAppeal, responseSent],
      responseSent,
      'EVENT_NOT_ALLOWED',
      'already recorded',
    ],
    [
      'a response before the council received the appeal',
      withAppeal,
      with_(responseSent, { sentOn: '2026-03-09' }),
      'INCONSISTENT_FACT',
      'before the council received the appeal',
    ],
    [
      'a hearing before the appeal was registered',
      withAppeal,
      with_(hearing, { hearingDate: '2026-03-08' }),
      'INCONSISTENT_FACT',
      'before the appeal was registered',
    ],
    [
      'listing a hearing after the appeal ended',
      decidedWithOrders,
      hearing,
      'EVENT_NOT_ALLOWED',
      'already ended (allowed)',
    ],
    [
      'orders on a withdrawn appeal',
      withAppeal,
      decided({
        outcome: 'withdrawn',
        orders: [{ orderId: 'o1', orderType: 'amend_plan' }],
      }),
      'EVENT_NOT_ALLOWED',
      'ends without orders',
    ],
    [
      'orders on an appeal struck out',
      withAppeal,
      decided({
        outcome: 'struck_out',
        orders: [{ orderId: 'o1', orderType: 'amend_plan' }],
      }),
      'EVENT_NOT_ALLOWED',
      'ends without orders',
    ],
    [
      'a concession without the date the Tribunal was told',
      withAppeal,
      with_(conceded as CaseEventOf<'appeal.decided'>, {
        laNotifiedTribunalOn: undefined,
      }),
      'INCONSISTENT_FACT',
      'Give the date the council told the Tribunal',
    ],
    [
      'a concession "before the response" after the response',
      [...withAppeal, responseSent],
      conceded,
      'EVENT_NOT_ALLOWED',
      'was not conceded before the response',
    ],
    [
      'a concession before the appeal was lodged',
      withAppeal,
      with_(conceded as CaseEventOf<'appeal.decided'>, {
        laNotifiedTribunalOn: '2026-03-01',
      }),
      'INCONSISTENT_FACT',
      'cannot have conceded',
    ],
    [
      'recommendations on a concession',
      withAppeal,
      with_(conceded as CaseEventOf<'appeal.decided'>, {
        recommendations: [
          {
            recommendationId: 'r1',
            section: 'G',
            responsibleBody: 'icb',
            text: 'x',
          },
        ],
      }),
      'EVENT_NOT_ALLOWED',
      'without recommendations',
    ],
    [
      'an order sent before it was made',
      withAppeal,
      decided({ orderSentOn: '2026-05-30' }),
      'INCONSISTENT_FACT',
      'cannot have been sent',
    ],
    [
      'an order id used on another appeal',
      [...decidedWithOrders, secondAppeal],
      decided({
        appealId: 'a2',
        orders: [{ orderId: 'o1', orderType: 'cease' }],
      }),
      'INCONSISTENT_FACT',
      'Order o1 is already recorded',
    ],
    [
      'one recommendation id twice',
      withAppeal,
      decided({
        recommendations: [
          {
            recommendationId: 'r1',
            section: 'G',
            responsibleBody: 'icb',
            text: 'x',
          },
          {
            recommendationId: 'r1',
            section: 'D',
            responsibleBody: 'council_social_care',
            text: 'y',
          },
        ],
      }),
      'INCONSISTENT_FACT',
      'Recommendation r1 is already recorded',
    ],
    // Orders
    [
      'compliance with an order not recorded',
      withAppeal,
      complied,
      'EVENT_NOT_ALLOWED',
      'no such order',
    ],
    [
      'compliance with a duty the order does not impose',
      decidedWithOrders,
      with_(complied, { ruleId: 'order.make_plan.draft' }),
      'INCONSISTENT_FACT',
      'does not impose order.make_plan.draft: its duties are order.amend_plan',
    ],
    [
      'compliance recorded twice',
      [...decidedWithOrders, complied],
      complied,
      'EVENT_NOT_ALLOWED',
      'already recorded',
    ],
    [
      'the final plan after the council decided not to issue one',
      [
        ...decidedWithOrders,
        {
          type: 'order.complied',
          orderId: 'o2',
          ruleId: 'order.assess.no_plan_decision',
          compliedOn: '2026-07-20',
          evidence: 'Letter',
        },
      ],
      {
        type: 'order.complied',
        orderId: 'o2',
        ruleId: 'order.assess.final_plan',
        compliedOn: '2026-08-20',
        evidence: 'Plan',
      },
      'EVENT_NOT_ALLOWED',
      'The council decided not to issue an EHC plan after the assessment (Mon 20 Jul 2026), so this duty no longer applies',
    ],
    [
      'a health recommendation answered by social care',
      withAppeal,
      decided({
        recommendations: [
          {
            recommendationId: 'r1',
            section: 'G',
            responsibleBody: 'council_social_care',
            text: 'Therapy',
          },
        ],
      }),
      'INCONSISTENT_FACT',
      'section G (health provision) is answered by the integrated care board (ICB)',
    ],
    [
      'a young person appealing before the end of compulsory school age',
      base,
      with_(lodged, { appellant: 'young_person' }),
      'INCONSISTENT_FACT',
      'Alex Example is under compulsory school age until Sat 28 Jun 2031',
    ],
    [
      'a second appeal against a decision while the first is running',
      withAppeal,
      secondAppeal,
      'EVENT_NOT_ALLOWED',
      'Appeal EH1/26/1 against this decision is still running',
    ],
    [
      'an agreed period on an order that is not a consent order',
      withAppeal,
      decided({
        orders: [
          {
            orderId: 'o1',
            orderType: 'amend_plan',
            agreedDueDates: { 'order.amend_plan': '2026-06-20' },
          },
        ],
      }),
      'INCONSISTENT_FACT',
      'Only a consent order can agree shorter periods',
    ],
    [
      'an agreed period longer than the statutory one',
      withAppeal,
      decided({
        outcome: 'consent_order',
        orders: [
          {
            orderId: 'o1',
            orderType: 'amend_plan',
            agreedDueDates: { 'order.amend_plan': '2026-07-07' },
          },
        ],
      }),
      'INCONSISTENT_FACT',
      'order.amend_plan is due Mon 6 Jul 2026 at the latest',
    ],
    [
      'an agreed date for a duty the order does not impose',
      withAppeal,
      decided({
        outcome: 'consent_order',
        orders: [
          {
            orderId: 'o1',
            orderType: 'amend_plan',
            agreedDueDates: { 'order.cease': '2026-06-02' },
          },
        ],
      }),
      'INCONSISTENT_FACT',
      'has no duty order.cease',
    ],
    [
      'compliance before the order',
      decidedWithOrders,
      with_(complied, { compliedOn: '2026-05-31' }),
      'INCONSISTENT_FACT',
      'before the order was made',
    ],
    [
      'compliance before the concession',
      [...withAppeal, conceded],
      with_(complied, {
        ruleId: 'concession.amend_plan',
        compliedOn: '2026-03-19',
      }),
      'INCONSISTENT_FACT',
      'before it conceded the appeal',
    ],
    [
      'compliance without evidence',
      decidedWithOrders,
      with_(complied, { evidence: ' ' }),
      'INCONSISTENT_FACT',
      'the evidence',
    ],
    // Deadlines and documents
    [
      'extending a rule that does not exist',
      withAppeal,
      with_(extended, { ruleId: 'tribunal.anything' }),
      'INCONSISTENT_FACT',
      'no deadline rule called tribunal.anything',
    ],
    [
      'extending a deadline of something the case does not have',
      withAppeal,
      with_(extended, { subjectId: 'a9' }),
      'UNKNOWN_SUBJECT',
      'no tribunal.la_response deadline',
    ],
    [
      'extending a rule on the wrong kind of subject',
      withAppeal,
      with_(extended, { ruleId: 'appeal.lodge' }),
      'UNKNOWN_SUBJECT',
      'no appeal.lodge deadline',
    ],
    [
      'an extension that does not extend',
      withAppeal,
      with_(extended, { toDueOn: '2026-04-23' }),
      'INCONSISTENT_FACT',
      'later due date than Thu 23 Apr 2026',
    ],
    [
      'an extension without a reason',
      withAppeal,
      with_(extended, { reason: '' }),
      'INCONSISTENT_FACT',
      'Give the reason',
    ],
    [
      'an extension nobody agreed',
      withAppeal,
      with_(extended, { agreedBy: '' }),
      'INCONSISTENT_FACT',
      'who agreed',
    ],
    // The message cites where the law gives the exceptions (HESC r.5(3)(a)), not the rule that sets the period (r.21).
    [
      'an extension on a ground the rule does not allow',
      withAppeal,
      with_(extended, { ground: 'school_closure' }),
      'INCONSISTENT_FACT',
      'That exception does not apply to this time limit. HESC Rules r.5(3)(a) allows: tribunal_extended_time',
    ],
    [
      'the same document twice',
      [...base, document],
      document,
      'INCONSISTENT_FACT',
      'Document f1 is already recorded',
    ],
    [
      'a document belonging to no event',
      base,
      with_(document, { eventSequence: 0 }),
      'INCONSISTENT_FACT',
      'must belong to an event',
    ],
  ])('refuses %s', (_name, history, event, code, message) => {
    const snapshot = record(history);
    let error: unknown;
    try {
      checkCaseEvent(snapshot, event);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CaseRuleError);
    expect(error).toMatchObject({
      code,
      message: expect.stringContaining(message),
    });
  });
});

describe('real cases the rules accept', () => {
  it.each<[string, CaseEvent[], CaseEvent]>([
    [
      'an appeal about section I only, without mediation',
      base,
      with_(lodged, { sections: ['I'] }),
    ],
    [
      'mediation going on while the appeal runs',
      [...m1Requested, lodged, registered],
      held,
    ],
    [
      'a way forward meeting alongside mediation and an appeal',
      [...m1Requested, lodged, wayForward],
      wayForwardHeld,
    ],
    ['disagreement resolution alongside an appeal', withAppeal, referred],
    [
      'disagreement resolution with no decision',
      [base[0] as CaseEvent],
      referred,
    ],
    [
      'a way forward meeting about no particular decision',
      base,
      with_(wayForward, { decisionId: undefined }),
    ],
    [
      'a second mediation about the same decision',
      [...base, contacted('m1', false), declinedM1],
      contacted('m2', true, '2026-01-20'),
    ],
    [
      'mediation rearranged',
      [...m1Requested, arranged],
      with_(arranged, {
        arrangedOn: '2026-02-01',
        mediationDate: '2026-02-20',
      }),
    ],
    [
      'mediation held late, after it was reported not arranged',
      [
        ...m1Plain,
        notArranged,
        certificate('c1', 'm1', 'mediation_not_arranged', '2026-02-16'),
      ],
      with_(held, { heldOn: '2026-02-20', concludedOn: '2026-02-20' }),
    ],
    [
      'a concluded certificate after a not-arranged one',
      [
        ...m1Plain,
        notArranged,
        certificate('c1', 'm1', 'mediation_not_arranged', '2026-02-16'),
        with_(held, { heldOn: '2026-02-20', concludedOn: '2026-02-20' }),
      ],
      certificate('c2', 'm1', 'mediation_concluded', '2026-02-23'),
    ],
    [
      'a hearing listed again',
      [...withAppeal, hearing],
      with_(hearing, { hearingDate: '2026-06-10' }),
    ],
    [
      'a concession before the appeal was registered',
      [...base, lodged],
      conceded,
    ],
    [
      'a consent order with orders and recommendations',
      withAppeal,
      with_(allowedWithOrders as CaseEventOf<'appeal.decided'>, {
        outcome: 'consent_order',
      }),
    ],
    [
      'a dismissed appeal against ceasing, with an order to cease',
      [
        opened,
        with_(decision, { decisionType: 'cease_plan' }),
        lodged,
        registered,
      ],
      decided({
        outcome: 'decided_dismissed',
        orders: [{ orderId: 'o1', orderType: 'cease' }],
      }),
    ],
    [
      'a strike-out with nothing to do',
      withAppeal,
      decided({ outcome: 'struck_out' }),
    ],
    [
      'a new decision while an earlier appeal is in compliance',
      decidedWithOrders,
      with_(decision, {
        decisionId: 'd2',
        decisionDate: '2026-07-01',
        letterSent: '2026-07-01',
      }),
    ],
    [
      'a second appeal while the first is in compliance',
      decidedWithOrders,
      secondAppeal,
    ],
    [
      'a followed recommendation needs no reasons',
      decidedWithOrders,
      {
        type: 'recommendation.responded',
        recommendationId: 'r1',
        outcome: 'followed',
        sentOn: '2026-06-20',
        recipient: 'parent',
        sentTo: ['Parent'],
      },
    ],
    [
      'complying late',
      decidedWithOrders,
      with_(complied, { compliedOn: '2026-12-01' }),
    ],
    [
      'extending an order duty under reg 44(3)',
      decidedWithOrders,
      with_(extended, {
        ruleId: 'order.assess.final_plan',
        subjectId: 'o2',
        fromDueOn: '2026-09-07',
        toDueOn: '2026-09-21',
        ground: 'absent_from_area_2_weeks',
      }),
    ],
    [
      "extending the council's response when the Tribunal directs it",
      withAppeal,
      extended,
    ],
    [
      'a young person of 17 appealing in their own right',
      [
        { ...base[0], dateOfBirth: '2008-11-02' } as CaseEvent,
        base[1] as CaseEvent,
      ],
      with_(lodged, { appellant: 'young_person' }),
    ],
    ['a document attached to any event', base, document],
    [
      'a system record of a missed deadline',
      withAppeal,
      {
        type: 'deadline.overdue',
        deadlineId: 'x1',
        ruleId: 'tribunal.la_response',
        dueOn: '2026-04-23',
        overdueOn: '2026-04-24',
      },
    ],
  ])('accepts %s', (_name, history, event) => {
    expect(() => checkCaseEvent(record(history), event)).not.toThrow();
  });
});

describe('the end of compulsory school age (when a young person may appeal in their own right)', () => {
  it.each([
    // Turns 16 on Mon 31 Aug 2026: school year Sep 2025 to Aug 2026; its last Friday of June is 26 Jun 2026.
    ['2010-08-31', '2026-06-27'],
    // Turns 16 on Tue 1 Sep 2026: the next school year, ending with Fri 25 Jun 2027.
    ['2010-09-01', '2027-06-26'],
    // Born on a leap day; 2032's last Friday of June is 25 Jun.
    ['2016-02-29', '2032-06-26'],
  ])('born %s: from %s', (dateOfBirth, from) => {
    expect(overCompulsorySchoolAgeFrom(dateOfBirth)).toBe(from);
  });
});
