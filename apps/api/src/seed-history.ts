import type {
  AppealOutcome,
  DecisionType,
  OrderType,
  PlanSection,
} from '@send/contracts';
import {
  type CaseEvent,
  defaultCalendar,
  dueDate,
  type RuleId,
} from '@send/domain';
import { addDays, format } from 'date-fns';
import { randomUUID } from 'node:crypto';

/**
 * Eighteen months of demo history: 45 cases in two teams whose decisions were issued from about
 * 540 to 60 days ago, each walked through mediation, an appeal and the council's compliance, with
 * deadlines of every kind the manager's dashboard shows met on time, met late and missed. The
 * stories are chosen by a fixed pattern (no randomness): the same day gives the same data. Events
 * that would fall after today are left out, so recent cases are still in progress.
 */
export interface DemoCase {
  reference: string;
  childName: string;
  dateOfBirth: string;
  /** The caseworker who records it (and owns it). */
  by: string;
  openedOn: string;
  events: CaseEvent[];
}

type Timing = 'on_time' | 'late' | 'missed';

const FIRST = [
  'Ava',
  'Leo',
  'Isla',
  'Jacob',
  'Freya',
  'Harrison',
  'Maya',
  'Theo',
  'Ruby',
  'Arjun',
  'Zara',
  'Finley',
  'Chloe',
  'Kai',
  'Evie',
];
const LAST = [
  'Thompson',
  'Okonkwo',
  'Hughes',
  'Nowak',
  'Rahman',
  'Fletcher',
  'Murphy',
  'Ahmed',
  'Clarke',
  'Singh',
  'Walsh',
  'Osei',
  'Turner',
  'Kaur',
  'Price',
];
const DECISIONS: DecisionType[] = [
  'final_plan_content',
  'amended_plan_content',
  'refuse_amend',
  'cease_plan',
  'refuse_plan',
  'refuse_assessment',
  'final_plan_content',
  'refuse_reassessment',
];
const OUTCOMES: AppealOutcome[] = [
  'decided_allowed',
  'decided_partly_allowed',
  'decided_dismissed',
  'consent_order',
  'decided_allowed',
  'referred_back',
];
const TIMINGS: Timing[] = ['on_time', 'late', 'on_time', 'missed'];
/** A pattern that does not repeat with the caseworker (cases go round the three caseworkers in turn). */
const vary = (i: number, k: number, n: number) =>
  (i + Math.floor(i / 3) * k) % n;
const STAFF = ['Casey Worker', 'Sam Okafor', 'Priya Shah'] as const;

/** The order a Tribunal makes when it allows an appeal against each kind of decision. */
const ORDER_FOR: Record<DecisionType, OrderType> = {
  refuse_assessment: 'assess',
  refuse_reassessment: 'assess',
  refuse_plan: 'make_plan',
  final_plan_content: 'amend_plan',
  refuse_amend: 'amend_plan',
  amended_plan_content: 'amend_plan',
  cease_plan: 'continue_to_maintain',
};
/** The duties of each order that the council records compliance with (assess: the final plan, which makes the other duty moot). */
const DUTIES: Record<OrderType, string[]> = {
  assess: ['assess.notify', 'assess.final_plan'],
  make_plan: ['make_plan.draft', 'make_plan.final'],
  amend_plan: ['amend_plan'],
  name_school_only: ['name_school_only'],
  continue_to_maintain: ['continue_to_maintain'],
  cease: ['cease'],
  reconsider: ['reconsider'],
};

const calendar = defaultCalendar();

/** The item of a fixed pattern at position `n` (it wraps round). */
const nth = <T>(items: readonly T[], n: number): T =>
  items[((n % items.length) + items.length) % items.length] as T;

export function historicCases(today: Date, providerName: string): DemoCase[] {
  const iso = (offset: number) => format(addDays(today, offset), 'yyyy-MM-dd');
  const offsetOf = (date: string) =>
    Math.round(
      (Date.parse(`${date}T12:00:00Z`) - Date.parse(`${iso(0)}T12:00:00Z`)) /
        86_400_000,
    );
  /** The due date of a rule, as days from today. */
  const due = (rule: RuleId, facts: Record<string, number>) =>
    offsetOf(
      dueDate(
        rule,
        Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, iso(v)])),
        calendar,
      ).dueOn,
    );
  /** When a duty due on `dueAt` is done: a few days early, two weeks late, or never. */
  const doneAt = (timing: Timing, startAt: number, dueAt: number) =>
    timing === 'on_time'
      ? Math.max(startAt, dueAt - 4)
      : timing === 'late'
        ? dueAt + 13
        : undefined;

  const cases: DemoCase[] = [];
  for (let i = 0; i < 45; i++) {
    const by = nth(STAFF, i % 3);
    const decisionType = nth(DECISIONS, i % DECISIONS.length);
    const letter = -540 + i * 11;
    const items: { at: number; event: CaseEvent }[] = [];
    const add = (at: number, event: CaseEvent) => items.push({ at, event });
    /** Compliance with each duty of an order, timed from `from` (the order, or the concession), recorded once the order exists (`recordedFrom`). */
    const complyWith = (
      orderId: string,
      type: OrderType,
      family: 'order' | 'concession',
      from: number,
      recordedFrom: number,
    ) =>
      DUTIES[type].forEach((duty, d) => {
        const ruleId = `${family}.${duty}` as RuleId;
        const dueAt = due(
          ruleId,
          family === 'order'
            ? { orderDate: from }
            : { laNotifiedTribunal: from },
        );
        const at = doneAt(
          nth(TIMINGS, vary(i + d + 1, 1, TIMINGS.length)),
          recordedFrom,
          dueAt,
        );
        if (at !== undefined)
          add(at, {
            type: 'order.complied',
            orderId,
            ruleId,
            compliedOn: iso(at),
            evidence: 'Letter and plan sent to the family.',
          });
      });
    const decisionId = randomUUID();
    const sections: PlanSection[] = decisionType.endsWith('_content')
      ? i % 2
        ? ['B', 'F']
        : ['F', 'I']
      : [];
    add(letter - 3, {
      type: 'decision.issued',
      decisionId,
      decisionType,
      decisionDate: iso(letter - 3),
      letterSent: iso(letter),
      sections,
      letterChecklist: {
        mediationInformation: true,
        appealRights: true,
        timeLimits: true,
        disagreementResolution: i % 9 !== 4,
      },
      rationale: 'Decision made at the SEND panel on the evidence available.',
    });

    // Mediation: asked for (arranged in time or late, or not arranged in time), or declined.
    const mediationId = randomUUID();
    const healthInIssue = i % 2 === 0;
    const mediation = nth(
      ['on_time', 'late', 'declined', 'missed', 'on_time'] as const,
      i,
    );
    add(letter + 10, {
      type: 'mediation.adviser_contacted',
      mediationId,
      decisionId,
      providerName,
      contactedOn: iso(letter + 10),
      healthInIssue,
      socialCareInIssue: i % 3 === 0,
    });
    let certificate: number;
    if (mediation === 'declined') {
      add(letter + 10, {
        type: 'mediation.declined',
        mediationId,
        adviserInformedOn: iso(letter + 10),
      });
      certificate = letter + 12;
      add(certificate, {
        type: 'certificate.issued',
        certificateId: randomUUID(),
        mediationId,
        kind: 'information_only',
        issuedOn: iso(certificate),
      });
    } else {
      const informed = letter + 11;
      add(informed, {
        type: 'mediation.requested',
        mediationId,
        laInformedOn: iso(informed),
      });
      if (healthInIssue)
        add(informed + 1, {
          type: 'mediation.health_notified',
          mediationId,
          notifiedOn: iso(informed + 1),
        });
      const arrangeBy = due('mediation.arrange', { laInformed: informed });
      if (mediation === 'missed') {
        add(arrangeBy + 4, {
          type: 'mediation.not_arranged',
          mediationId,
          adviserInformedOn: iso(arrangeBy + 4),
        });
        certificate = arrangeBy + 6;
        add(certificate, {
          type: 'certificate.issued',
          certificateId: randomUUID(),
          mediationId,
          kind: 'mediation_not_arranged',
          issuedOn: iso(certificate),
        });
      } else {
        const held = mediation === 'on_time' ? arrangeBy - 9 : arrangeBy + 12;
        add(informed + 3, {
          type: 'mediation.arranged',
          mediationId,
          arrangedOn: iso(informed + 3),
          mediationDate: iso(held),
        });
        const resolved = i % 7 === 6;
        add(held, {
          type: 'mediation.held',
          mediationId,
          heldOn: iso(held),
          concludedOn: iso(held),
          outcome: resolved ? 'resolved' : 'not_resolved',
        });
        certificate = held + 2;
        add(certificate, {
          type: 'certificate.issued',
          certificateId: randomUUID(),
          mediationId,
          kind: 'mediation_concluded',
          issuedOn: iso(certificate),
        });
        if (resolved) {
          cases.push(story(i, by, letter, items));
          continue; // Resolved at mediation: no appeal.
        }
      }
    }

    // The appeal, the council's response, and how it ended.
    const appealId = randomUUID();
    const lodged = certificate + 18;
    const received = lodged + 6;
    add(lodged, {
      type: 'appeal.lodged',
      appealId,
      decisionId,
      tribunalReference: `EH857/${iso(lodged).slice(2, 4)}/${String(300 + i).padStart(5, '0')}`,
      lodgedOn: iso(lodged),
      appellant: i % 6 === 5 ? 'young_person' : 'parent',
      ...(sections.length ? { sections } : {}),
      healthAndSocialCareSought: decisionType !== 'refuse_assessment',
    });
    add(lodged + 5, {
      type: 'appeal.registered',
      appealId,
      registeredOn: iso(lodged + 5),
      appealReceivedOn: iso(received),
    });
    const responseBy = due('tribunal.la_response', {
      appealReceived: received,
    });
    const conceded = i % 13 === 5;
    const withdrawn = i % 11 === 3;
    if (conceded) {
      const notified = received + 18;
      const decided = notified + 7;
      const order = randomUUID();
      const orderType = ORDER_FOR[decisionType];
      add(decided, {
        type: 'appeal.decided',
        appealId,
        outcome: 'conceded_before_response',
        decisionDate: iso(decided),
        laNotifiedTribunalOn: iso(notified),
        orders: [
          {
            orderId: order,
            orderType,
            details:
              'Conceded: the council agreed to do what the appeal asked.',
          },
        ],
        recommendations: [],
      });
      complyWith(order, orderType, 'concession', notified, decided);
      cases.push(story(i, by, letter, items));
      continue;
    }
    // A response still awaited can be missed; once the Tribunal decides, a response deadline left open is cancelled, so decided appeals had one.
    const responseTiming = nth(TIMINGS, vary(i, 3, TIMINGS.length));
    const responseAt = doneAt(
      responseTiming === 'missed' && received + 125 < 0
        ? 'late'
        : responseTiming,
      received,
      responseBy,
    );
    if (responseAt !== undefined)
      add(responseAt, {
        type: 'appeal.response_sent',
        appealId,
        sentOn: iso(responseAt),
      });
    const hearing = received + 120;
    add(hearing - 70, {
      type: 'appeal.hearing_listed',
      appealId,
      hearingDate: iso(hearing),
    });
    if (withdrawn) {
      add(hearing - 20, {
        type: 'appeal.decided',
        appealId,
        outcome: i % 2 ? 'withdrawn' : 'struck_out',
        decisionDate: iso(hearing - 20),
        recommendations: [],
      });
      cases.push(story(i, by, letter, items));
      continue;
    }
    // Only an appeal against a refusal to issue a plan can be referred back (SEND Regs reg 43(2)(d)).
    const drawn = nth(OUTCOMES, vary(i, 1, OUTCOMES.length));
    const outcome: AppealOutcome =
      drawn === 'referred_back' && decisionType !== 'refuse_plan'
        ? 'decided_allowed'
        : drawn;
    const decided = hearing + 5;
    const makesOrders =
      outcome === 'decided_allowed' ||
      outcome === 'decided_partly_allowed' ||
      outcome === 'consent_order';
    const order = randomUUID();
    const orderType = ORDER_FOR[decisionType];
    const recommendations =
      makesOrders && decisionType !== 'refuse_assessment'
        ? [
            {
              recommendationId: randomUUID(),
              section: 'G' as const,
              responsibleBody: 'icb' as const,
              text: 'Speech and language therapy: one hour a week in school.',
            },
            ...(i % 4 !== 1
              ? [
                  {
                    recommendationId: randomUUID(),
                    section: 'H1' as const,
                    responsibleBody: 'council_social_care' as const,
                    text: 'Short breaks: one overnight stay a month.',
                  },
                ]
              : []),
          ]
        : [];
    add(decided, {
      type: 'appeal.decided',
      appealId,
      outcome,
      decisionDate: iso(decided),
      orderSentOn: iso(decided + 1),
      ...(makesOrders
        ? {
            orders: [
              {
                orderId: order,
                orderType,
                details: 'As set out in the Tribunal decision.',
              },
            ],
          }
        : {}),
      // Referred back: the council must reconsider within 2 weeks (reg 44(2)(d)).
      ...(outcome === 'referred_back'
        ? { orders: [{ orderId: order, orderType: 'reconsider' as const }] }
        : {}),
      recommendations,
    });
    if (outcome === 'referred_back')
      complyWith(order, 'reconsider', 'order', decided, decided);
    if (makesOrders) complyWith(order, orderType, 'order', decided, decided);
    recommendations.forEach((r, n) => {
      const at = doneAt(
        nth(TIMINGS, vary(i + n, 2, TIMINGS.length)),
        decided,
        due('recommendation.response', { tribunalDecision: decided }),
      );
      if (at === undefined) return;
      const followed = (i + n) % 3;
      add(at, {
        type: 'recommendation.responded',
        recommendationId: r.recommendationId,
        outcome:
          followed === 0
            ? 'followed'
            : followed === 1
              ? 'partly_followed'
              : 'not_followed',
        ...(followed === 0
          ? {}
          : {
              reasons:
                'The provision is already met through the school nursing service.',
            }),
        sentOn: iso(at),
        recipient: i % 6 === 5 ? 'young_person' : 'parent',
        sentTo: [i % 6 === 5 ? 'Young person' : 'Parent', 'SEND team'],
      });
    });
    cases.push(story(i, by, letter, items));
  }
  return cases;

  function story(
    i: number,
    by: string,
    letter: number,
    items: { at: number; event: CaseEvent }[],
  ): DemoCase {
    const events = items
      .map((item, order) => ({ ...item, order }))
      .filter((item) => item.at <= -1)
      .sort((a, b) => a.at - b.at || a.order - b.order)
      .map((item) => item.event);
    // Cases whose appellant is the young person (see the appeal below) are about someone over compulsory school age.
    const birthYear = i % 6 === 5 ? 2005 + (i % 3) : 2008 + (i % 12);
    return {
      reference: `RUT-${iso(letter).slice(0, 4)}-${String(201 + i).padStart(4, '0')}`,
      childName: `${FIRST[i % FIRST.length]} ${LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length]}`,
      dateOfBirth: `${birthYear}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      by,
      openedOn: iso(letter - 10),
      events,
    };
  }
}
