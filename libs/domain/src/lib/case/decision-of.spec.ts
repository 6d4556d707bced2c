import type { CaseDetail, DeadlineView } from '@send/contracts';
import type { CaseEvent } from './case-events';
import type { CaseSnapshot } from './case-snapshot';
import {
  agreement,
  allowedWithOrders,
  certificate,
  contacted,
  decision,
  held,
  lodged,
  opened,
  registered,
  requested,
  record,
  runCase,
} from './case-test-support';
import { decisionOf, decisionOfDeadline } from './decision-of';
import { decisionRoutes } from './decision-route';

const second: CaseEvent = {
  type: 'decision.issued',
  decisionId: 'd2',
  decisionType: 'cease_plan',
  decisionDate: '2026-07-01',
  letterSent: '2026-07-02',
  sections: [],
};

const history: CaseEvent[] = [
  opened,
  decision,
  { type: 'way_forward.requested', meetingId: 'w1', requestedOn: '2026-01-08' },
  contacted('m1', false),
  requested('m1'),
  held,
  agreement,
  certificate('c1', 'm1', 'mediation_concluded', '2026-02-12'),
  lodged,
  registered,
  allowedWithOrders,
  second,
  // Names no decision: follows from the latest one issued before it.
  {
    type: 'disagreement_resolution.referred',
    resolutionId: 'dr1',
    referredOn: '2026-07-03',
    subject: 'The school place',
  },
  { type: 'way_forward.requested', meetingId: 'w2', requestedOn: '2026-07-03' },
  {
    type: 'order.complied',
    orderId: 'o1',
    ruleId: 'order.amend_plan',
    compliedOn: '2026-07-04',
    evidence: 'Plan amended',
  },
  {
    type: 'event.corrected',
    correctsSequence: 14,
    correctsType: 'way_forward.requested',
    changes: { requestedOn: '2026-07-02' },
    previous: { requestedOn: '2026-07-03' },
    correctedOn: '2026-07-05',
  },
  // The notice of the second decision, sent: follows the entry it was made for.
  {
    type: 'letter.sent',
    letterId: 'l1',
    eventSequence: 12,
    how: 'post',
    sentOn: '2026-07-06',
  },
  {
    type: 'note.recorded',
    noteId: 'n1',
    kind: 'phone_call',
    notedOn: '2026-07-06',
    text: 'Mother phoned.',
  },
];

describe('decisionOf: which decision each event and deadline follows from', () => {
  const links = decisionOf(history);

  it('links every event by the case’s event order', () => {
    expect(links.events).toEqual([
      undefined, // case opened
      'd1',
      'd1', // way forward meeting named no decision: the latest before it
      'd1',
      'd1',
      'd1',
      'd1',
      'd1',
      'd1',
      'd1',
      'd1', // the appeal's outcome, orders and recommendations
      'd2',
      'd2', // disagreement resolution after the second decision
      'd2',
      'd1', // compliance with an order of the first decision's appeal
      'd2', // a correction follows the event it corrects
      'd2', // a letter follows the entry it was sent for
      undefined, // a note is about the case
    ]);
  });

  it('links what each deadline is about: mediations, agreement items, appeals, orders, recommendations', () => {
    const decisionOfSubject = (subjectId: string) =>
      decisionOfDeadline(links, { subjectId });
    expect(
      [
        'd1',
        'm1',
        'i1',
        'i2',
        'a1',
        'o1',
        'o2',
        'r1',
        'd2',
        'w1',
        'w2',
        'dr1',
      ].map(decisionOfSubject),
    ).toEqual([
      'd1',
      'd1',
      'd1',
      'd1',
      'd1',
      'd1',
      'd1',
      'd1',
      'd2',
      'd1',
      'd2',
      'd2',
    ]);
  });

  it('gives every deadline the history opens a decision, or none for a request not yet answered', () => {
    const { ledger } = runCase(history.slice(0, 15));
    for (const entry of ledger.values())
      expect(decisionOfDeadline(links, entry)).toBeDefined();
    const request: CaseEvent[] = [
      opened,
      {
        type: 'assessment.requested',
        requestId: 'q1',
        receivedOn: '2026-01-05',
      },
    ];
    expect(decisionOf(request).subjects.get('q1')).toBeUndefined();
    const answered = decisionOf([
      ...request,
      {
        type: 'decision.issued',
        decisionId: 'd9',
        decisionType: 'refuse_assessment',
        decisionDate: '2026-02-01',
        letterSent: '2026-02-01',
        sections: [],
        answers: { kind: 'assessment_request', id: 'q1' },
      },
    ]);
    // The request is grouped with the decision that answers it.
    expect(answered.subjects.get('q1')).toBe('d9');
    expect(answered.events).toEqual([undefined, 'd9', 'd9']);
  });
});

describe('decisionRoutes: where each decision’s route stands', () => {
  const snapshot = record(history.slice(0, 15)) as CaseSnapshot;
  const links = decisionOf(history.slice(0, 15));
  const { ledger } = runCase(history.slice(0, 15));
  const deadlines = [...ledger.values()].map(
    (e, i) =>
      ({
        id: `dl${i}`,
        ruleId: e.ruleId,
        subjectId: e.subjectId,
        dueOn: e.dueOn,
        status: e.status,
        dutyHolder: e.dutyHolder,
        decisionId: decisionOfDeadline(links, e),
      }) as DeadlineView,
  );
  const detail = {
    ...snapshot,
    wayForwardMeetings: snapshot.wayForwardMeetings.map((w) => ({
      ...w,
      decisionId: links.subjects.get(w.id),
    })),
    deadlines,
  } as unknown as CaseDetail;

  it('lists each decision in the order issued with its steps', () => {
    const routes = decisionRoutes(detail, '2026-07-05');
    expect(routes.map((r) => r.decision.id)).toEqual(['d1', 'd2']);
    const [first, later] = routes;
    expect(first?.steps.map((s) => [s.step, s.status])).toEqual([
      ['way_forward', 'in_progress'],
      // Agreement items still to be done, and their deadlines passed: overdue.
      ['mediation', 'overdue'],
      ['appeal', 'done'],
      ['orders', 'overdue'],
      // The 5 weeks to respond run to 6 July 2026.
      ['recommendations', 'in_progress'],
    ]);
    expect(later?.steps.map((s) => [s.step, s.status])).toEqual([
      ['way_forward', 'in_progress'],
      ['mediation', 'not_started'],
      ['appeal', 'not_started'],
      ['orders', 'not_started'],
      ['recommendations', 'not_started'],
    ]);
    expect(later?.nextDue?.ruleId).toBe('appeal.lodge');
    expect(later?.deadlines.every((d) => d.decisionId === 'd2')).toBe(true);
  });

  it('says a step is not needed once the family’s time to use it has gone by', () => {
    const [, later] = decisionRoutes(detail, '2027-01-01');
    expect(later?.steps.map((s) => s.status)).toEqual([
      // A way forward meeting was asked for: it stays on the route.
      'in_progress',
      'not_needed',
      'not_needed',
      'not_needed',
      'not_needed',
    ]);
  });
});
