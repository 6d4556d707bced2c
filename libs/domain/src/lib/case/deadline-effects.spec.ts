import { ORDER_TYPES } from '@send/contracts';
import { RULE_IDS } from '../clock/rules';
import type { CaseEvent } from './case-events';
import {
  agreement,
  allowedWithOrders,
  base,
  certificate,
  contacted,
  decided,
  decision,
  declinedM1,
  held,
  lodged,
  opened,
  record,
  registered,
  requested,
  responseSent,
  withAppeal,
} from './case-test-support';
import {
  agreementItemRuleIds,
  deadlineEffects,
  dueOfDeadline,
  ORDER_TYPE_DUTIES,
  orderDutyRuleIds,
  type DeadlineEffects,
} from './deadline-effects';

const none: DeadlineEffects = {
  open: [],
  close: [],
  move: [],
  cancel: [],
  miss: [],
  extend: [],
};
const only = (some: Partial<DeadlineEffects>): DeadlineEffects => ({
  ...none,
  ...some,
});

describe('the deadline effects of each event', () => {
  it.each<[string, CaseEvent[], CaseEvent, DeadlineEffects]>([
    ['case.opened', [], opened, none],
    [
      'contact.added',
      base,
      {
        type: 'contact.added',
        contactId: 'c1',
        name: 'Jo',
        relationship: 'Parent',
        addedOn: '2026-01-05',
      },
      none,
    ],
    [
      'case.reassigned',
      base,
      {
        type: 'case.reassigned',
        caseworker: 'Robin',
        team: 'SEND West',
        reassignedOn: '2026-01-07',
      },
      none,
    ],
    [
      'decision.issued opens the two family deadlines from the letter',
      [opened],
      decision,
      only({
        open: [
          {
            ruleId: 'appeal.lodge',
            subjectId: 'd1',
            facts: { decisionLetterSent: '2026-01-06' },
            dutyHolder: 'family',
          },
          {
            ruleId: 'mediation.contact_adviser',
            subjectId: 'd1',
            facts: { decisionLetterSent: '2026-01-06' },
            dutyHolder: 'family',
          },
        ],
      }),
    ],
    [
      'decision.corrected moves both',
      base,
      {
        type: 'decision.corrected',
        decisionId: 'd1',
        decisionDate: '2026-01-05',
        letterSent: '2026-01-09',
      },
      only({
        move: [
          {
            ruleId: 'appeal.lodge',
            subjectId: 'd1',
            facts: { decisionLetterSent: '2026-01-09' },
          },
          {
            ruleId: 'mediation.contact_adviser',
            subjectId: 'd1',
            facts: { decisionLetterSent: '2026-01-09' },
          },
        ],
      }),
    ],
    [
      'decision.corrected keeps the latest certificate of any mediation of the decision',
      [
        ...base,
        contacted('m1', false),
        declinedM1,
        certificate('c1', 'm1', 'information_only', '2026-01-14'),
        contacted('m2', false, '2026-01-15'),
        requested('m2', '2026-01-15'),
        {
          type: 'mediation.not_arranged',
          mediationId: 'm2',
          adviserInformedOn: '2026-02-16',
        },
        certificate('c2', 'm2', 'mediation_not_arranged', '2026-02-18'),
      ],
      {
        type: 'decision.corrected',
        decisionId: 'd1',
        decisionDate: '2026-01-02',
        letterSent: '2026-01-05',
      },
      only({
        move: [
          {
            ruleId: 'appeal.lodge',
            subjectId: 'd1',
            facts: {
              decisionLetterSent: '2026-01-05',
              certificateIssued: '2026-02-18',
            },
          },
          {
            ruleId: 'mediation.contact_adviser',
            subjectId: 'd1',
            facts: { decisionLetterSent: '2026-01-05' },
          },
        ],
      }),
    ],
    [
      'way_forward.requested',
      base,
      {
        type: 'way_forward.requested',
        meetingId: 'w1',
        decisionId: 'd1',
        requestedOn: '2026-01-08',
      },
      none,
    ],
    [
      'way_forward.held',
      [
        ...base,
        {
          type: 'way_forward.requested',
          meetingId: 'w1',
          requestedOn: '2026-01-08',
        },
      ],
      {
        type: 'way_forward.held',
        meetingId: 'w1',
        heldOn: '2026-01-20',
        outcome: 'resolved',
      },
      none,
    ],
    [
      'mediation.adviser_contacted meets the contact deadline of the decision',
      base,
      contacted('m1', true),
      only({
        close: [
          {
            ruleId: 'mediation.contact_adviser',
            subjectId: 'd1',
            metOn: '2026-01-12',
          },
        ],
      }),
    ],
    [
      'mediation.declined opens the adviser’s certificate deadline',
      [...base, contacted('m1', false)],
      declinedM1,
      only({
        open: [
          {
            ruleId: 'mediation.certificate_declined',
            subjectId: 'm1',
            facts: { adviserInformed: '2026-01-12' },
            dutyHolder: 'mediation_adviser',
          },
        ],
      }),
    ],
    [
      'mediation.requested with health in issue: arrange and tell the ICB',
      [...base, contacted('m1', true)],
      requested('m1'),
      only({
        open: [
          {
            ruleId: 'mediation.arrange',
            subjectId: 'm1',
            facts: { laInformed: '2026-01-13' },
            dutyHolder: 'council',
          },
          {
            ruleId: 'mediation.notify_health',
            subjectId: 'm1',
            facts: { laInformed: '2026-01-13' },
            dutyHolder: 'council',
          },
        ],
      }),
    ],
    [
      'mediation.requested without health in issue: arrange only',
      [...base, contacted('m1', false)],
      requested('m1'),
      only({
        open: [
          {
            ruleId: 'mediation.arrange',
            subjectId: 'm1',
            facts: { laInformed: '2026-01-13' },
            dutyHolder: 'council',
          },
        ],
      }),
    ],
    [
      'mediation.health_notified',
      [...base, contacted('m1', true), requested('m1')],
      {
        type: 'mediation.health_notified',
        mediationId: 'm1',
        notifiedOn: '2026-01-14',
      },
      only({
        close: [
          {
            ruleId: 'mediation.notify_health',
            subjectId: 'm1',
            metOn: '2026-01-14',
          },
        ],
      }),
    ],
    [
      'mediation.arranged',
      [...base, contacted('m1', true), requested('m1')],
      {
        type: 'mediation.arranged',
        mediationId: 'm1',
        arrangedOn: '2026-01-20',
        mediationDate: '2026-02-10',
      },
      none,
    ],
    [
      'mediation.not_arranged opens the certificate deadline and leaves the missed arrange deadline alone',
      [...base, contacted('m1', false), requested('m1')],
      {
        type: 'mediation.not_arranged',
        mediationId: 'm1',
        adviserInformedOn: '2026-02-13',
      },
      only({
        open: [
          {
            ruleId: 'mediation.certificate_not_arranged',
            subjectId: 'm1',
            facts: { adviserInformed: '2026-02-13' },
            dutyHolder: 'mediation_adviser',
          },
        ],
      }),
    ],
    [
      'mediation.held meets the arrange deadline and starts the certificate one from the end of mediation',
      [...base, contacted('m1', false), requested('m1')],
      held,
      only({
        close: [
          { ruleId: 'mediation.arrange', subjectId: 'm1', metOn: '2026-02-10' },
        ],
        open: [
          {
            ruleId: 'mediation.certificate_concluded',
            subjectId: 'm1',
            facts: { mediationConcluded: '2026-02-11' },
            dutyHolder: 'mediation_adviser',
          },
        ],
      }),
    ],
    [
      'mediation.agreement_reached with health in issue and the council a party: no notice from the ICB (reg 42(4))',
      [...base, contacted('m1', true), requested('m1'), held],
      agreement,
      only({
        open: [
          {
            ruleId: 'agreement.appealable_matters.make_plan.draft',
            subjectId: 'i1',
            facts: { agreementDate: '2026-02-11' },
            dutyHolder: 'council',
          },
          {
            ruleId: 'agreement.appealable_matters.make_plan.final',
            subjectId: 'i1',
            facts: { agreementDate: '2026-02-11' },
            dutyHolder: 'council',
          },
          {
            ruleId: 'agreement.other_matters',
            subjectId: 'i2',
            facts: { agreementDate: '2026-02-11' },
            dutyHolder: 'council',
          },
        ],
      }),
    ],
    [
      'mediation.agreement_reached in a health-only mediation: the ICB tells the council within 1 week (reg 42(4)); its own item 2 weeks (reg 42(3)); an agreed timescale (reg 42(5))',
      [
        ...base,
        contacted('m1', true),
        {
          type: 'mediation.requested',
          mediationId: 'm1',
          laInformedOn: '2026-01-13',
          healthOnly: true,
        },
        {
          type: 'mediation.health_notified',
          mediationId: 'm1',
          notifiedOn: '2026-01-14',
        },
        held,
      ],
      {
        ...agreement,
        items: [
          {
            itemId: 'i4',
            description: 'Fund speech and language therapy',
            appealable: false,
            responsibleBody: 'icb',
          },
          {
            itemId: 'i5',
            description: 'Review the therapy',
            appealable: false,
            responsibleBody: 'icb',
            agreedDueOn: '2026-04-30',
          },
        ],
      },
      only({
        open: [
          {
            ruleId: 'agreement.other_matters',
            subjectId: 'i4',
            facts: { agreementDate: '2026-02-11' },
            dutyHolder: 'icb',
            responsibleBody: 'icb',
          },
          {
            ruleId: 'agreement.other_matters',
            subjectId: 'i5',
            facts: { agreementDate: '2026-02-11' },
            dutyHolder: 'icb',
            responsibleBody: 'icb',
            agreedDueOn: '2026-04-30',
            setBy: 'written_agreement',
          },
          {
            ruleId: 'agreement.health_notify_la',
            subjectId: 'm1',
            facts: { agreementDate: '2026-02-11' },
            dutyHolder: 'icb',
            responsibleBody: 'icb',
          },
        ],
      }),
    ],
    [
      'mediation.agreement_reached without health in issue',
      [...base, contacted('m1', false), requested('m1'), held],
      {
        ...agreement,
        items: [
          {
            itemId: 'i3',
            description: 'Amend F',
            appealable: true,
            orderType: 'amend_plan',
          },
        ],
      },
      only({
        open: [
          {
            ruleId: 'agreement.appealable_matters.amend_plan',
            subjectId: 'i3',
            facts: { agreementDate: '2026-02-11' },
            dutyHolder: 'council',
          },
        ],
      }),
    ],
    [
      'mediation.agreement_item_completed meets every deadline of the item',
      [...base, contacted('m1', true), requested('m1'), held, agreement],
      {
        type: 'mediation.agreement_item_completed',
        mediationId: 'm1',
        itemId: 'i1',
        completedOn: '2026-03-01',
        evidence: 'Plan issued',
      },
      only({
        close: [
          {
            ruleId: 'agreement.appealable_matters.make_plan.draft',
            subjectId: 'i1',
            metOn: '2026-03-01',
          },
          {
            ruleId: 'agreement.appealable_matters.make_plan.final',
            subjectId: 'i1',
            metOn: '2026-03-01',
          },
        ],
      }),
    ],
    [
      'certificate.issued meets its certificate deadline and moves the appeal deadline',
      [...base, contacted('m1', false), requested('m1'), held],
      certificate('c1', 'm1', 'mediation_concluded', '2026-02-12'),
      only({
        close: [
          {
            ruleId: 'mediation.certificate_concluded',
            subjectId: 'm1',
            metOn: '2026-02-12',
          },
        ],
        move: [
          {
            ruleId: 'appeal.lodge',
            subjectId: 'd1',
            facts: {
              decisionLetterSent: '2026-01-06',
              certificateIssued: '2026-02-12',
            },
          },
        ],
      }),
    ],
    [
      'a certificate earlier than one already issued for the decision leaves the later one counting',
      [
        ...base,
        contacted('m1', false),
        requested('m1'),
        held,
        certificate('c1', 'm1', 'mediation_concluded', '2026-02-12'),
        contacted('m2', false, '2026-01-12'),
        {
          type: 'mediation.declined',
          mediationId: 'm2',
          adviserInformedOn: '2026-01-12',
        },
      ],
      certificate('c2', 'm2', 'information_only', '2026-01-14'),
      only({
        close: [
          {
            ruleId: 'mediation.certificate_declined',
            subjectId: 'm2',
            metOn: '2026-01-14',
          },
        ],
        move: [
          {
            ruleId: 'appeal.lodge',
            subjectId: 'd1',
            facts: {
              decisionLetterSent: '2026-01-06',
              certificateIssued: '2026-02-12',
            },
          },
        ],
      }),
    ],
    [
      'certificate.issued when mediation was not arranged',
      [
        ...base,
        contacted('m1', false),
        requested('m1'),
        {
          type: 'mediation.not_arranged',
          mediationId: 'm1',
          adviserInformedOn: '2026-02-13',
        },
      ],
      certificate('c1', 'm1', 'mediation_not_arranged', '2026-02-16'),
      only({
        close: [
          {
            ruleId: 'mediation.certificate_not_arranged',
            subjectId: 'm1',
            metOn: '2026-02-16',
          },
        ],
        miss: [
          {
            ruleId: 'mediation.arrange',
            subjectId: 'm1',
            reason:
              'Mediation was not arranged in time: the adviser issued a certificate saying so',
          },
        ],
        move: [
          {
            ruleId: 'appeal.lodge',
            subjectId: 'd1',
            facts: {
              decisionLetterSent: '2026-01-06',
              certificateIssued: '2026-02-16',
            },
          },
        ],
      }),
    ],
    [
      'disagreement_resolution.referred',
      base,
      {
        type: 'disagreement_resolution.referred',
        resolutionId: 'r1',
        referredOn: '2026-01-10',
        subject: 'Transport',
      },
      none,
    ],
    [
      'disagreement_resolution.meeting_held',
      [
        ...base,
        {
          type: 'disagreement_resolution.referred',
          resolutionId: 'r1',
          referredOn: '2026-01-10',
          subject: 'Transport',
        },
      ],
      {
        type: 'disagreement_resolution.meeting_held',
        resolutionId: 'r1',
        heldOn: '2026-01-20',
      },
      none,
    ],
    [
      'disagreement_resolution.concluded',
      [
        ...base,
        {
          type: 'disagreement_resolution.referred',
          resolutionId: 'r1',
          referredOn: '2026-01-10',
          subject: 'Transport',
        },
      ],
      {
        type: 'disagreement_resolution.concluded',
        resolutionId: 'r1',
        concludedOn: '2026-01-20',
        outcome: 'resolved',
      },
      none,
    ],
    [
      'appeal.lodged meets the appeal deadline, and with no mediation ends the window to contact the adviser',
      base,
      lodged,
      only({
        close: [
          { ruleId: 'appeal.lodge', subjectId: 'd1', metOn: '2026-03-02' },
        ],
        cancel: [
          {
            ruleId: 'mediation.contact_adviser',
            subjectId: 'd1',
            reason:
              'The family appealed without contacting the mediation adviser',
          },
        ],
      }),
    ],
    [
      'appeal.registered starts the council’s response deadline',
      [...base, lodged],
      registered,
      only({
        open: [
          {
            ruleId: 'tribunal.la_response',
            subjectId: 'a1',
            facts: { appealReceived: '2026-03-10' },
            dutyHolder: 'council',
          },
        ],
      }),
    ],
    [
      'appeal.response_sent',
      withAppeal,
      responseSent,
      only({
        close: [
          {
            ruleId: 'tribunal.la_response',
            subjectId: 'a1',
            metOn: '2026-04-01',
          },
        ],
      }),
    ],
    [
      'appeal.hearing_listed',
      withAppeal,
      {
        type: 'appeal.hearing_listed',
        appealId: 'a1',
        hearingDate: '2026-05-20',
      },
      none,
    ],
    [
      'appeal.decided before the response: cancels it, opens each order duty and each recommendation',
      withAppeal,
      allowedWithOrders,
      only({
        cancel: [
          {
            ruleId: 'tribunal.la_response',
            subjectId: 'a1',
            reason: 'The Tribunal decided the appeal',
          },
        ],
        open: [
          {
            ruleId: 'order.amend_plan',
            subjectId: 'o1',
            facts: { orderDate: '2026-06-01' },
            dutyHolder: 'council',
          },
          {
            ruleId: 'order.assess.notify',
            subjectId: 'o2',
            facts: { orderDate: '2026-06-01' },
            dutyHolder: 'council',
          },
          {
            ruleId: 'order.assess.no_plan_decision',
            subjectId: 'o2',
            facts: { orderDate: '2026-06-01' },
            dutyHolder: 'council',
          },
          {
            ruleId: 'order.assess.final_plan',
            subjectId: 'o2',
            facts: { orderDate: '2026-06-01' },
            dutyHolder: 'council',
          },
          {
            ruleId: 'recommendation.response',
            subjectId: 'r1',
            facts: { tribunalDecision: '2026-06-01' },
            dutyHolder: 'icb',
            responsibleBody: 'icb',
          },
        ],
      }),
    ],
    [
      'appeal.decided after the response: nothing to cancel',
      [...withAppeal, responseSent],
      decided({ orders: [{ orderId: 'o1', orderType: 'cease' }] }),
      only({
        open: [
          {
            ruleId: 'order.cease',
            subjectId: 'o1',
            facts: { orderDate: '2026-06-01' },
            dutyHolder: 'council',
          },
        ],
      }),
    ],
    [
      'appeal.decided before registration: nothing to cancel',
      [...base, lodged],
      decided({ outcome: 'decided_dismissed' }),
      none,
    ],
    [
      'a concession runs the order periods from the date the council told the Tribunal',
      withAppeal,
      decided({
        outcome: 'conceded_before_response',
        laNotifiedTribunalOn: '2026-03-20',
        decisionDate: '2026-03-25',
        orders: [{ orderId: 'o1', orderType: 'make_plan' }],
      }),
      only({
        cancel: [
          {
            ruleId: 'tribunal.la_response',
            subjectId: 'a1',
            reason: 'The appeal was conceded',
          },
        ],
        open: [
          {
            ruleId: 'concession.make_plan.draft',
            subjectId: 'o1',
            facts: { laNotifiedTribunal: '2026-03-20' },
            dutyHolder: 'council',
          },
          {
            ruleId: 'concession.make_plan.final',
            subjectId: 'o1',
            facts: { laNotifiedTribunal: '2026-03-20' },
            dutyHolder: 'council',
          },
        ],
      }),
    ],
    [
      'a withdrawal cancels the response deadline and opens nothing',
      withAppeal,
      decided({ outcome: 'withdrawn' }),
      only({
        cancel: [
          {
            ruleId: 'tribunal.la_response',
            subjectId: 'a1',
            reason: 'The appeal was withdrawn',
          },
        ],
      }),
    ],
    [
      'a strike-out likewise',
      withAppeal,
      decided({ outcome: 'struck_out' }),
      only({
        cancel: [
          {
            ruleId: 'tribunal.la_response',
            subjectId: 'a1',
            reason: 'The appeal was struck out',
          },
        ],
      }),
    ],
    [
      'a consent order runs from the order',
      withAppeal,
      decided({
        outcome: 'consent_order',
        orders: [{ orderId: 'o1', orderType: 'name_school_only' }],
      }),
      only({
        cancel: [
          {
            ruleId: 'tribunal.la_response',
            subjectId: 'a1',
            reason: 'The appeal ended by consent order',
          },
        ],
        open: [
          {
            ruleId: 'order.name_school_only',
            subjectId: 'o1',
            facts: { orderDate: '2026-06-01' },
            dutyHolder: 'council',
          },
        ],
      }),
    ],
    [
      'a consent order with a shorter agreed period for one duty',
      withAppeal,
      decided({
        outcome: 'consent_order',
        orders: [
          {
            orderId: 'o1',
            orderType: 'make_plan',
            agreedDueDates: { 'order.make_plan.final': '2026-07-20' },
          },
        ],
      }),
      only({
        cancel: [
          {
            ruleId: 'tribunal.la_response',
            subjectId: 'a1',
            reason: 'The appeal ended by consent order',
          },
        ],
        open: [
          {
            ruleId: 'order.make_plan.draft',
            subjectId: 'o1',
            facts: { orderDate: '2026-06-01' },
            dutyHolder: 'council',
          },
          {
            ruleId: 'order.make_plan.final',
            subjectId: 'o1',
            facts: { orderDate: '2026-06-01' },
            dutyHolder: 'council',
            agreedDueOn: '2026-07-20',
          },
        ],
      }),
    ],
    [
      'order.complied meets that one duty',
      [...withAppeal, allowedWithOrders],
      {
        type: 'order.complied',
        orderId: 'o2',
        ruleId: 'order.assess.notify',
        compliedOn: '2026-06-10',
        evidence: 'Letter',
      },
      only({
        close: [
          {
            ruleId: 'order.assess.notify',
            subjectId: 'o2',
            metOn: '2026-06-10',
          },
        ],
      }),
    ],
    [
      'order.complied with the final plan after an ordered assessment: the decision not to issue a plan no longer applies',
      [...withAppeal, allowedWithOrders],
      {
        type: 'order.complied',
        orderId: 'o2',
        ruleId: 'order.assess.final_plan',
        compliedOn: '2026-08-28',
        evidence: 'Final plan',
      },
      only({
        close: [
          {
            ruleId: 'order.assess.final_plan',
            subjectId: 'o2',
            metOn: '2026-08-28',
          },
        ],
        cancel: [
          {
            ruleId: 'order.assess.no_plan_decision',
            subjectId: 'o2',
            reason:
              'The council issued the final EHC plan after the assessment',
          },
        ],
      }),
    ],
    [
      'order.complied with a decision not to issue a plan: the final plan no longer applies',
      [...withAppeal, allowedWithOrders],
      {
        type: 'order.complied',
        orderId: 'o2',
        ruleId: 'order.assess.no_plan_decision',
        compliedOn: '2026-07-28',
        evidence: 'Letter: no plan',
      },
      only({
        close: [
          {
            ruleId: 'order.assess.no_plan_decision',
            subjectId: 'o2',
            metOn: '2026-07-28',
          },
        ],
        cancel: [
          {
            ruleId: 'order.assess.final_plan',
            subjectId: 'o2',
            reason:
              'The council decided not to issue an EHC plan after the assessment',
          },
        ],
      }),
    ],
    [
      'recommendation.responded',
      [...withAppeal, allowedWithOrders],
      {
        type: 'recommendation.responded',
        recommendationId: 'r1',
        outcome: 'followed',
        sentOn: '2026-06-20',
        recipient: 'parent',
        sentTo: ['Parent'],
      },
      only({
        close: [
          {
            ruleId: 'recommendation.response',
            subjectId: 'r1',
            metOn: '2026-06-20',
          },
        ],
      }),
    ],
    [
      'deadline.extended',
      withAppeal,
      {
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
      },
      only({
        extend: [
          {
            ruleId: 'tribunal.la_response',
            subjectId: 'a1',
            toDueOn: '2026-05-07',
            reason: 'Tribunal direction',
            agreedBy: 'SEND Tribunal',
            ground: 'tribunal_extended_time',
          },
        ],
      }),
    ],
    [
      'deadline.overdue',
      withAppeal,
      {
        type: 'deadline.overdue',
        deadlineId: 'x1',
        ruleId: 'tribunal.la_response',
        dueOn: '2026-04-23',
        overdueOn: '2026-04-24',
      },
      none,
    ],
    [
      'document.attached',
      base,
      {
        type: 'document.attached',
        documentId: 'f1',
        eventSequence: 2,
        filename: 'letter.pdf',
        contentType: 'application/pdf',
        size: 10,
        sha256: 'ab',
        attachedOn: '2026-01-06',
      },
      none,
    ],
  ])('%s', (_name, history, event, expected) => {
    expect(deadlineEffects(record(history), event)).toEqual(expected);
  });
});

describe('the duties of an order', () => {
  it('maps each order type to its duties', () => {
    expect(ORDER_TYPE_DUTIES).toEqual({
      assess: ['assess.notify', 'assess.no_plan_decision', 'assess.final_plan'],
      make_plan: ['make_plan.draft', 'make_plan.final'],
      amend_plan: ['amend_plan'],
      name_school_only: ['name_school_only'],
      continue_to_maintain: ['continue_to_maintain'],
      cease: ['cease'],
      reconsider: ['reconsider'],
    });
    expect(orderDutyRuleIds('decided_allowed', 'make_plan')).toEqual([
      'order.make_plan.draft',
      'order.make_plan.final',
    ]);
    expect(orderDutyRuleIds('conceded_before_response', 'amend_plan')).toEqual([
      'concession.amend_plan',
    ]);
    expect(
      agreementItemRuleIds({ appealable: true, orderType: 'cease' }),
    ).toEqual(['agreement.appealable_matters.cease']);
    expect(agreementItemRuleIds({ appealable: false })).toEqual([
      'agreement.other_matters',
    ]);
  });

  it('names only rules the clock knows, for every order type and family', () => {
    // A duty to reconsider exists only as an order (a case referred back): the rules refuse it elsewhere.
    const ids = ORDER_TYPES.flatMap((type) => [
      ...orderDutyRuleIds('referred_back', type),
      ...(type === 'reconsider'
        ? []
        : [
            ...orderDutyRuleIds('conceded_before_response', type),
            ...agreementItemRuleIds({ appealable: true, orderType: type }),
          ]),
    ]);
    expect(ids.filter((id) => !RULE_IDS.includes(id))).toEqual([]);
  });
});

describe('the due date of an opened deadline', () => {
  it('is the shorter date a consent order agreed, with the statutory date still in the explanation', () => {
    // Mon 1 Jun 2026 + 11 weeks = Mon 17 Aug 2026; agreed Mon 20 Jul 2026.
    expect(
      dueOfDeadline({
        ruleId: 'order.make_plan.final',
        facts: { orderDate: '2026-06-01' },
        agreedDueOn: '2026-07-20',
      }),
    ).toEqual({
      dueOn: '2026-07-20',
      explanation: [
        'Tribunal order made Mon 1 Jun 2026; + 11 weeks = Mon 17 Aug 2026',
        'Due Mon 17 Aug 2026 (SEND Regs reg 44(2)(c))',
        'The consent order agreed a shorter period: due Mon 20 Jul 2026',
      ],
    });
  });
});
