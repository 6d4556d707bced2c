import type { CaseStage } from '@send/contracts';
import type { CaseEvent } from './case-events';
import { replayCase } from './case-corrections';
import { ledgerRows, runCase } from './case-test-support';

/**
 * One realistic case for each decision a family can disagree with, from the decision to the last
 * deadline it sets. Each expected due date was worked out by hand from statutory-clock.md (the
 * working shown in the comments); the table is the deadline table the server would hold.
 */
const opened = (reference: string, openedOn: string): CaseEvent => ({
  type: 'case.opened',
  reference,
  childName: 'Sam Example',
  dateOfBirth: '2014-06-30',
  caseworker: 'Casey Worker',
  team: 'SEND East',
  openedOn,
});

interface Walk {
  name: string;
  events: CaseEvent[];
  stage: CaseStage;
  deadlines: [string, string, string, string][];
}

const walks: Walk[] = [
  {
    name: 'refuse_assessment: mediation declined, the council concedes before its response',
    events: [
      opened('RUT-A', '2026-01-12'),
      {
        type: 'decision.issued',
        decisionId: 'd1',
        decisionType: 'refuse_assessment',
        decisionDate: '2026-01-12',
        letterSent: '2026-01-13',
        sections: [],
      },
      {
        type: 'mediation.adviser_contacted',
        mediationId: 'm1',
        decisionId: 'd1',
        providerName: 'Global Mediation',
        contactedOn: '2026-01-20',
        healthInIssue: false,
        socialCareInIssue: false,
      },
      {
        type: 'mediation.declined',
        mediationId: 'm1',
        adviserInformedOn: '2026-01-20',
      },
      {
        type: 'certificate.issued',
        certificateId: 'c1',
        mediationId: 'm1',
        kind: 'information_only',
        issuedOn: '2026-01-22',
      },
      {
        type: 'appeal.lodged',
        appealId: 'a1',
        decisionId: 'd1',
        tribunalReference: 'EH857/26/00001',
        lodgedOn: '2026-03-02',
        appellant: 'parent',
      },
      {
        type: 'appeal.registered',
        appealId: 'a1',
        registeredOn: '2026-03-09',
        appealReceivedOn: '2026-03-10',
      },
      {
        type: 'appeal.decided',
        appealId: 'a1',
        outcome: 'conceded_before_response',
        decisionDate: '2026-04-08',
        laNotifiedTribunalOn: '2026-04-01',
        orders: [{ orderId: 'o1', orderType: 'assess' }],
        recommendations: [],
      },
      {
        type: 'order.complied',
        orderId: 'o1',
        ruleId: 'concession.assess.notify',
        compliedOn: '2026-04-14',
        evidence: 'Letter to parent',
      },
      {
        type: 'order.complied',
        orderId: 'o1',
        ruleId: 'concession.assess.final_plan',
        compliedOn: '2026-07-01',
        evidence: 'Final plan issued',
      },
    ],
    stage: 'compliance',
    deadlines: [
      // letter Tue 13 Jan + 2 months = Fri 13 Mar; certificate Thu 22 Jan + 1 month = Sun 22 Feb; the later stands.
      ['appeal.lodge', 'd1', '2026-03-13', 'met 2026-03-02'],
      ['mediation.contact_adviser', 'd1', '2026-03-13', 'met 2026-01-20'],
      // Tue 20 Jan + 3 working days = Fri 23 Jan.
      ['mediation.certificate_declined', 'm1', '2026-01-23', 'met 2026-01-22'],
      // Tue 10 Mar + 30 Tribunal working days, skipping Good Friday 3 Apr and Easter Monday 6 Apr = Thu 23 Apr.
      [
        'tribunal.la_response',
        'a1',
        '2026-04-23',
        'cancelled: The appeal was conceded',
      ],
      // From the concession, Wed 1 Apr: + 2 weeks; + 14 weeks.
      ['concession.assess.notify', 'o1', '2026-04-15', 'met 2026-04-14'],
      // Wed 1 Apr + 10 weeks = Wed 10 Jun: the alternative to the final plan, cancelled once the plan was issued.
      [
        'concession.assess.no_plan_decision',
        'o1',
        '2026-06-10',
        'cancelled: The council issued the final EHC plan after the assessment',
      ],
      ['concession.assess.final_plan', 'o1', '2026-07-08', 'met 2026-07-01'],
    ],
  },
  {
    name: 'refuse_plan: mediation with health in issue, appeal allowed, plan ordered, ICB recommendation',
    events: [
      opened('RUT-B', '2026-03-02'),
      {
        type: 'decision.issued',
        decisionId: 'd1',
        decisionType: 'refuse_plan',
        decisionDate: '2026-03-02',
        letterSent: '2026-03-03',
        sections: [],
      },
      {
        type: 'mediation.adviser_contacted',
        mediationId: 'm1',
        decisionId: 'd1',
        providerName: 'Global Mediation',
        contactedOn: '2026-03-16',
        healthInIssue: true,
        socialCareInIssue: false,
      },
      {
        type: 'mediation.requested',
        mediationId: 'm1',
        laInformedOn: '2026-03-17',
      },
      {
        type: 'mediation.health_notified',
        mediationId: 'm1',
        notifiedOn: '2026-03-19',
      },
      {
        type: 'mediation.arranged',
        mediationId: 'm1',
        arrangedOn: '2026-03-25',
        mediationDate: '2026-04-14',
      },
      {
        type: 'mediation.held',
        mediationId: 'm1',
        heldOn: '2026-04-14',
        concludedOn: '2026-04-14',
        outcome: 'not_resolved',
      },
      {
        type: 'certificate.issued',
        certificateId: 'c1',
        mediationId: 'm1',
        kind: 'mediation_concluded',
        issuedOn: '2026-04-16',
      },
      {
        type: 'appeal.lodged',
        appealId: 'a1',
        decisionId: 'd1',
        tribunalReference: 'EH857/26/00002',
        lodgedOn: '2026-05-11',
        healthAndSocialCareSought: true,
      },
      {
        type: 'appeal.registered',
        appealId: 'a1',
        registeredOn: '2026-05-18',
        appealReceivedOn: '2026-05-19',
      },
      { type: 'appeal.response_sent', appealId: 'a1', sentOn: '2026-06-26' },
      {
        type: 'appeal.hearing_listed',
        appealId: 'a1',
        hearingDate: '2026-09-15',
      },
      {
        type: 'appeal.decided',
        appealId: 'a1',
        outcome: 'decided_allowed',
        decisionDate: '2026-09-21',
        orderSentOn: '2026-09-22',
        orders: [{ orderId: 'o1', orderType: 'make_plan' }],
        recommendations: [
          {
            recommendationId: 'r1',
            section: 'G',
            responsibleBody: 'icb',
            text: 'Speech and language therapy',
          },
        ],
      },
      {
        type: 'recommendation.responded',
        recommendationId: 'r1',
        outcome: 'followed',
        sentOn: '2026-10-20',
        recipient: 'parent',
        sentTo: ['Parent'],
      },
      {
        type: 'order.complied',
        orderId: 'o1',
        ruleId: 'order.make_plan.draft',
        compliedOn: '2026-10-23',
        evidence: 'Draft plan sent',
      },
      {
        type: 'order.complied',
        orderId: 'o1',
        ruleId: 'order.make_plan.final',
        compliedOn: '2026-12-04',
        evidence: 'Final plan issued',
      },
    ],
    stage: 'compliance',
    deadlines: [
      // letter Tue 3 Mar + 2 months = Sun 3 May; certificate Thu 16 Apr + 1 month = Sat 16 May, moved to Mon 18 May.
      ['appeal.lodge', 'd1', '2026-05-18', 'met 2026-05-11'],
      ['mediation.contact_adviser', 'd1', '2026-05-03', 'met 2026-03-16'],
      // Tue 17 Mar + 30 days; + 3 working days.
      ['mediation.arrange', 'm1', '2026-04-16', 'met 2026-04-14'],
      ['mediation.notify_health', 'm1', '2026-03-20', 'met 2026-03-19'],
      // Tue 14 Apr + 3 working days.
      ['mediation.certificate_concluded', 'm1', '2026-04-17', 'met 2026-04-16'],
      // Tue 19 May + 30 Tribunal working days, skipping the spring bank holiday Mon 25 May = Wed 1 Jul.
      ['tribunal.la_response', 'a1', '2026-07-01', 'met 2026-06-26'],
      // Order Mon 21 Sep: draft + 5 weeks, final + 11 weeks; recommendation + 5 weeks.
      ['order.make_plan.draft', 'o1', '2026-10-26', 'met 2026-10-23'],
      ['order.make_plan.final', 'o1', '2026-12-07', 'met 2026-12-04'],
      ['recommendation.response', 'r1', '2026-10-26', 'met 2026-10-20'],
    ],
  },
  {
    name: 'final_plan_content: way forward meeting, then a section I appeal without mediation, ended by consent order',
    events: [
      opened('RUT-C', '2026-06-01'),
      {
        type: 'decision.issued',
        decisionId: 'd1',
        decisionType: 'final_plan_content',
        decisionDate: '2026-06-01',
        letterSent: '2026-06-02',
        sections: ['B', 'F', 'I'],
      },
      {
        type: 'way_forward.requested',
        meetingId: 'w1',
        decisionId: 'd1',
        requestedOn: '2026-06-05',
      },
      {
        type: 'way_forward.held',
        meetingId: 'w1',
        heldOn: '2026-06-19',
        outcome: 'not_resolved',
      },
      {
        type: 'appeal.lodged',
        appealId: 'a1',
        decisionId: 'd1',
        tribunalReference: 'EH857/26/00003',
        lodgedOn: '2026-07-10',
        sections: ['I'],
      },
      {
        type: 'appeal.registered',
        appealId: 'a1',
        registeredOn: '2026-07-13',
        appealReceivedOn: '2026-07-14',
      },
      {
        type: 'deadline.extended',
        deadlineId: 'x1',
        ruleId: 'tribunal.la_response',
        subjectId: 'a1',
        fromDueOn: '2026-09-23',
        toDueOn: '2026-09-30',
        ground: 'tribunal_extended_time',
        reason: 'The Tribunal directed a later date',
        agreedBy: 'SEND Tribunal',
        extendedOn: '2026-09-01',
      },
      { type: 'appeal.response_sent', appealId: 'a1', sentOn: '2026-09-29' },
      {
        type: 'appeal.decided',
        appealId: 'a1',
        outcome: 'consent_order',
        decisionDate: '2026-10-19',
        orders: [
          {
            orderId: 'o1',
            orderType: 'name_school_only',
            details: 'Oakham Primary School',
          },
        ],
        recommendations: [],
      },
      {
        type: 'order.complied',
        orderId: 'o1',
        ruleId: 'order.name_school_only',
        compliedOn: '2026-10-30',
        evidence: 'Amended plan naming the school',
      },
    ],
    stage: 'compliance',
    deadlines: [
      // Tue 2 Jun + 2 months = Sun 2 Aug: in August, so the first working day after 31 Aug (a bank holiday) = Tue 1 Sep.
      ['appeal.lodge', 'd1', '2026-09-01', 'met 2026-07-10'],
      // The family never went to the mediation adviser: a section I appeal needs no certificate.
      [
        'mediation.contact_adviser',
        'd1',
        '2026-08-02',
        'cancelled: The family appealed without contacting the mediation adviser',
      ],
      // Tue 14 Jul + 30 Tribunal working days, skipping August = Wed 23 Sep; extended to Wed 30 Sep.
      ['tribunal.la_response', 'a1', '2026-09-30', 'met 2026-09-29'],
      // Order Mon 19 Oct + 2 weeks.
      ['order.name_school_only', 'o1', '2026-11-02', 'met 2026-10-30'],
    ],
  },
  {
    name: 'refuse_amend: mediation not arranged in time, appeal partly allowed, two recommendations',
    events: [
      opened('RUT-D', '2026-09-07'),
      {
        type: 'decision.issued',
        decisionId: 'd1',
        decisionType: 'refuse_amend',
        decisionDate: '2026-09-07',
        letterSent: '2026-09-08',
        sections: [],
      },
      {
        type: 'mediation.adviser_contacted',
        mediationId: 'm1',
        decisionId: 'd1',
        providerName: 'Global Mediation',
        contactedOn: '2026-09-21',
        healthInIssue: false,
        socialCareInIssue: true,
      },
      {
        type: 'mediation.requested',
        mediationId: 'm1',
        laInformedOn: '2026-09-22',
      },
      {
        type: 'mediation.not_arranged',
        mediationId: 'm1',
        adviserInformedOn: '2026-10-23',
      },
      {
        type: 'certificate.issued',
        certificateId: 'c1',
        mediationId: 'm1',
        kind: 'mediation_not_arranged',
        issuedOn: '2026-10-27',
      },
      {
        type: 'appeal.lodged',
        appealId: 'a1',
        decisionId: 'd1',
        tribunalReference: 'EH857/26/00004',
        lodgedOn: '2026-11-20',
      },
      {
        type: 'appeal.registered',
        appealId: 'a1',
        registeredOn: '2026-11-23',
        appealReceivedOn: '2026-11-24',
      },
      { type: 'appeal.response_sent', appealId: 'a1', sentOn: '2027-01-08' },
      {
        type: 'appeal.decided',
        appealId: 'a1',
        outcome: 'decided_partly_allowed',
        decisionDate: '2027-03-15',
        orders: [
          {
            orderId: 'o1',
            orderType: 'amend_plan',
            details: 'Section F: 1:1 support',
          },
        ],
        recommendations: [
          {
            recommendationId: 'r1',
            section: 'H1',
            responsibleBody: 'council_social_care',
            text: 'Short breaks',
          },
          {
            recommendationId: 'r2',
            section: 'G',
            responsibleBody: 'icb',
            text: 'Occupational therapy',
          },
        ],
      },
      {
        type: 'order.complied',
        orderId: 'o1',
        ruleId: 'order.amend_plan',
        compliedOn: '2027-04-16',
        evidence: 'Amended plan issued',
      },
      {
        type: 'recommendation.responded',
        recommendationId: 'r1',
        outcome: 'not_followed',
        reasons: 'Short breaks are already provided under the local offer.',
        sentOn: '2027-04-12',
        recipient: 'parent',
        sentTo: ['Parent', 'SEND team'],
      },
      {
        type: 'recommendation.responded',
        recommendationId: 'r2',
        outcome: 'partly_followed',
        reasons: 'A block of six sessions rather than weekly therapy.',
        sentOn: '2027-04-20',
        recipient: 'parent',
        sentTo: ['Parent'],
      },
    ],
    stage: 'compliance',
    deadlines: [
      // letter Tue 8 Sep + 2 months = Sun 8 Nov; certificate Tue 27 Oct + 1 month = Fri 27 Nov: the later.
      ['appeal.lodge', 'd1', '2026-11-27', 'met 2026-11-20'],
      ['mediation.contact_adviser', 'd1', '2026-11-08', 'met 2026-09-21'],
      // Tue 22 Sep + 30 days: missed, and stays so.
      [
        'mediation.arrange',
        'm1',
        '2026-10-22',
        'missed: Mediation was not arranged in time: the adviser issued a certificate saying so',
      ],
      // Fri 23 Oct + 3 working days.
      [
        'mediation.certificate_not_arranged',
        'm1',
        '2026-10-28',
        'met 2026-10-27',
      ],
      // Tue 24 Nov + 30 Tribunal working days, skipping 25 Dec to 1 Jan = Wed 13 Jan.
      ['tribunal.la_response', 'a1', '2027-01-13', 'met 2027-01-08'],
      // Mon 15 Mar + 5 weeks, for the order and both recommendations (the ICB answered a day late).
      ['order.amend_plan', 'o1', '2027-04-19', 'met 2027-04-16'],
      ['recommendation.response', 'r1', '2027-04-19', 'met 2027-04-12'],
      ['recommendation.response', 'r2', '2027-04-19', 'met 2027-04-20'],
    ],
  },
  {
    name: 'amended_plan_content: mediation agreement with health in issue, then an appeal withdrawn',
    events: [
      opened('RUT-E', '2027-01-11'),
      {
        type: 'decision.issued',
        decisionId: 'd1',
        decisionType: 'amended_plan_content',
        decisionDate: '2027-01-11',
        letterSent: '2027-01-12',
        sections: ['F', 'G'],
      },
      {
        type: 'mediation.adviser_contacted',
        mediationId: 'm1',
        decisionId: 'd1',
        providerName: 'Global Mediation',
        contactedOn: '2027-01-25',
        healthInIssue: true,
        socialCareInIssue: false,
      },
      {
        type: 'mediation.requested',
        mediationId: 'm1',
        laInformedOn: '2027-01-26',
      },
      {
        type: 'mediation.health_notified',
        mediationId: 'm1',
        notifiedOn: '2027-01-28',
      },
      {
        type: 'mediation.arranged',
        mediationId: 'm1',
        arrangedOn: '2027-02-01',
        mediationDate: '2027-02-17',
      },
      {
        type: 'mediation.held',
        mediationId: 'm1',
        heldOn: '2027-02-17',
        concludedOn: '2027-02-17',
        outcome: 'partly_resolved',
      },
      {
        type: 'mediation.agreement_reached',
        mediationId: 'm1',
        agreementDate: '2027-02-17',
        items: [
          {
            itemId: 'i1',
            description: 'Amend section F: weekly speech and language therapy',
            appealable: true,
            orderType: 'amend_plan',
          },
          {
            itemId: 'i2',
            description: 'Review the transport arrangements',
            appealable: false,
          },
        ],
      },
      {
        type: 'certificate.issued',
        certificateId: 'c1',
        mediationId: 'm1',
        kind: 'mediation_concluded',
        issuedOn: '2027-02-19',
      },
      {
        type: 'mediation.agreement_item_completed',
        mediationId: 'm1',
        itemId: 'i2',
        completedOn: '2027-03-02',
        evidence: 'Transport review letter',
      },
      {
        type: 'appeal.lodged',
        appealId: 'a1',
        decisionId: 'd1',
        tribunalReference: 'EH857/27/00005',
        lodgedOn: '2027-03-18',
        sections: ['F'],
      },
      {
        type: 'appeal.registered',
        appealId: 'a1',
        registeredOn: '2027-03-22',
        appealReceivedOn: '2027-03-23',
      },
      {
        type: 'mediation.agreement_item_completed',
        mediationId: 'm1',
        itemId: 'i1',
        completedOn: '2027-03-22',
        evidence: 'Amended plan issued',
      },
      {
        type: 'appeal.decided',
        appealId: 'a1',
        outcome: 'withdrawn',
        decisionDate: '2027-04-12',
        recommendations: [],
      },
    ],
    stage: 'closed',
    deadlines: [
      // letter Tue 12 Jan + 2 months = Fri 12 Mar; certificate Fri 19 Feb + 1 month = Fri 19 Mar: the later.
      ['appeal.lodge', 'd1', '2027-03-19', 'met 2027-03-18'],
      ['mediation.contact_adviser', 'd1', '2027-03-12', 'met 2027-01-25'],
      // Tue 26 Jan + 30 days; + 3 working days.
      ['mediation.arrange', 'm1', '2027-02-25', 'met 2027-02-17'],
      ['mediation.notify_health', 'm1', '2027-01-29', 'met 2027-01-28'],
      // Wed 17 Feb + 3 working days.
      ['mediation.certificate_concluded', 'm1', '2027-02-22', 'met 2027-02-19'],
      // Agreement Wed 17 Feb: the appealable item as an amend order (+ 5 weeks), the other + 2 weeks, the ICB + 1 week.
      [
        'agreement.appealable_matters.amend_plan',
        'i1',
        '2027-03-24',
        'met 2027-03-22',
      ],
      ['agreement.other_matters', 'i2', '2027-03-03', 'met 2027-03-02'],
      // No event records the ICB's answer, so it stays open (see the report).
      // Tue 23 Mar + 30 Tribunal working days, skipping Easter (26 and 29 Mar) and early May (3 May) = Fri 7 May.
      [
        'tribunal.la_response',
        'a1',
        '2027-05-07',
        'cancelled: The appeal was withdrawn',
      ],
    ],
  },
  {
    name: 'cease_plan: letter date corrected, disagreement resolution alongside, appeal allowed, plan maintained',
    events: [
      // A young person of 19, who appeals in their own right.
      {
        ...opened('RUT-F', '2027-05-10'),
        dateOfBirth: '2008-03-14',
      } as CaseEvent,
      {
        type: 'contact.added',
        contactId: 'p1',
        name: 'Jo Example',
        relationship: 'Parent',
        email: 'jo@example.org',
        addedOn: '2027-05-10',
      },
      {
        type: 'decision.issued',
        decisionId: 'd1',
        decisionType: 'cease_plan',
        decisionDate: '2027-05-10',
        letterSent: '2027-05-11',
        sections: [],
      },
      {
        type: 'decision.corrected',
        decisionId: 'd1',
        decisionDate: '2027-05-10',
        letterSent: '2027-05-14',
      },
      {
        type: 'disagreement_resolution.referred',
        resolutionId: 'dr1',
        referredOn: '2027-05-20',
        subject: 'College placement',
      },
      {
        type: 'disagreement_resolution.meeting_held',
        resolutionId: 'dr1',
        heldOn: '2027-06-03',
      },
      {
        type: 'disagreement_resolution.concluded',
        resolutionId: 'dr1',
        concludedOn: '2027-06-03',
        outcome: 'not_resolved',
      },
      {
        type: 'mediation.adviser_contacted',
        mediationId: 'm1',
        decisionId: 'd1',
        providerName: 'Global Mediation',
        contactedOn: '2027-05-24',
        healthInIssue: false,
        socialCareInIssue: false,
      },
      {
        type: 'mediation.declined',
        mediationId: 'm1',
        adviserInformedOn: '2027-05-24',
      },
      {
        type: 'certificate.issued',
        certificateId: 'c1',
        mediationId: 'm1',
        kind: 'information_only',
        issuedOn: '2027-05-26',
      },
      {
        type: 'case.reassigned',
        caseworker: 'Robin Officer',
        team: 'SEND West',
        reassignedOn: '2027-06-01',
      },
      {
        type: 'appeal.lodged',
        appealId: 'a1',
        decisionId: 'd1',
        tribunalReference: 'EH857/27/00006',
        lodgedOn: '2027-06-10',
        appellant: 'young_person',
      },
      {
        type: 'appeal.registered',
        appealId: 'a1',
        registeredOn: '2027-06-14',
        appealReceivedOn: '2027-06-15',
      },
      { type: 'appeal.response_sent', appealId: 'a1', sentOn: '2027-07-20' },
      {
        type: 'appeal.hearing_listed',
        appealId: 'a1',
        hearingDate: '2027-09-20',
      },
      {
        type: 'appeal.decided',
        appealId: 'a1',
        outcome: 'decided_allowed',
        decisionDate: '2027-09-27',
        orders: [{ orderId: 'o1', orderType: 'continue_to_maintain' }],
        recommendations: [
          {
            recommendationId: 'r1',
            section: 'H2',
            responsibleBody: 'council_social_care',
            text: 'Personal assistant hours',
          },
        ],
      },
      {
        type: 'order.complied',
        orderId: 'o1',
        ruleId: 'order.continue_to_maintain',
        compliedOn: '2027-09-27',
        evidence: 'Plan maintained',
      },
      {
        type: 'recommendation.responded',
        recommendationId: 'r1',
        outcome: 'followed',
        sentOn: '2027-10-25',
        recipient: 'young_person',
        sentTo: ['Young person'],
      },
      {
        type: 'document.attached',
        documentId: 'doc1',
        eventSequence: 19,
        filename: 'response.pdf',
        contentType: 'application/pdf',
        size: 1024,
        sha256: 'a'.repeat(64),
        attachedOn: '2027-10-25T09:00:00Z',
      },
    ],
    stage: 'compliance',
    deadlines: [
      // Corrected letter Fri 14 May + 2 months = Wed 14 Jul; certificate Wed 26 May + 1 month = Sat 26 Jun: the letter stands.
      ['appeal.lodge', 'd1', '2027-07-14', 'met 2027-06-10'],
      ['mediation.contact_adviser', 'd1', '2027-07-14', 'met 2027-05-24'],
      // Mon 24 May + 3 working days.
      ['mediation.certificate_declined', 'm1', '2027-05-27', 'met 2027-05-26'],
      // Tue 15 Jun + 30 Tribunal working days = Tue 27 Jul.
      ['tribunal.la_response', 'a1', '2027-07-27', 'met 2027-07-20'],
      // Order Mon 27 Sep: immediately; recommendation + 5 weeks.
      ['order.continue_to_maintain', 'o1', '2027-09-27', 'met 2027-09-27'],
      ['recommendation.response', 'r1', '2027-11-01', 'met 2027-10-25'],
    ],
  },
];

describe('a case for each decision type, walked to its last deadline', () => {
  it.each(walks.map((w) => [w.name, w] as const))('%s', (_name, walk) => {
    const run = runCase(walk.events);
    expect(run.snapshot?.stage).toBe(walk.stage);
    expect(replayCase(walk.events)).toEqual(run.snapshot);
    expect(ledgerRows(run.ledger)).toEqual(walk.deadlines);
  });

  it('keeps what each walk recorded on the snapshot', () => {
    const cease = runCase(walks[5]?.events ?? []).snapshot;
    expect(cease).toMatchObject({
      caseworker: 'Robin Officer',
      team: 'SEND West',
      contacts: [
        {
          id: 'p1',
          name: 'Jo Example',
          relationship: 'Parent',
          email: 'jo@example.org',
        },
      ],
      decisions: [
        { id: 'd1', decisionDate: '2027-05-10', letterSent: '2027-05-14' },
      ],
      disagreementResolutions: [
        {
          id: 'dr1',
          meetings: ['2027-06-03'],
          concludedOn: '2027-06-03',
          outcome: 'not_resolved',
        },
      ],
      mediations: [
        {
          id: 'm1',
          choice: 'declined',
          certificates: [
            { id: 'c1', kind: 'information_only', issuedOn: '2027-05-26' },
          ],
        },
      ],
      orders: [
        {
          id: 'o1',
          appealId: 'a1',
          type: 'continue_to_maintain',
          duties: [
            {
              ruleId: 'order.continue_to_maintain',
              compliedOn: '2027-09-27',
              evidence: 'Plan maintained',
            },
          ],
        },
      ],
      documents: [
        { id: 'doc1', eventSequence: 19, uploadedAt: '2027-10-25T09:00:00Z' },
      ],
    });
    const agreement = runCase(walks[4]?.events ?? []).snapshot;
    expect(agreement?.mediations[0]).toMatchObject({
      choice: 'requested',
      laInformedOn: '2027-01-26',
      healthNotifiedOn: '2027-01-28',
      arrangedFor: '2027-02-17',
      heldOn: '2027-02-17',
      outcome: 'partly_resolved',
      agreementDate: '2027-02-17',
      agreementItems: [
        {
          id: 'i1',
          appealable: true,
          orderType: 'amend_plan',
          completedOn: '2027-03-22',
          evidence: 'Amended plan issued',
        },
        {
          id: 'i2',
          appealable: false,
          completedOn: '2027-03-02',
          evidence: 'Transport review letter',
        },
      ],
    });
  });
});
