/**
 * Test support, shared by the domain's property tests and the API's end-to-end property test (not
 * part of the library's runtime API): a fast-check generator of case histories the rules accept.
 */
import {
  APPEAL_OUTCOMES,
  CERTIFICATE_KINDS,
  DECISION_TYPES,
  MEETING_OUTCOMES,
  ORDER_TYPES,
  RESPONSE_OUTCOMES,
  RESPONSIBLE_BODIES,
} from '@send/contracts';
import { addDays } from 'date-fns';
import fc from 'fast-check';
import { ruleInfo } from '../lib/clock/rules';
import { toIsoDate, toUtcDate } from '../lib/dates/iso-date';
import type { CaseEvent } from '../lib/case/case-events';
import { CaseRuleError } from '../lib/case/case-rule-error';
import { checkCaseEvent } from '../lib/case/case-rules';
import { applyCaseEvent, type CaseSnapshot } from '../lib/case/case-snapshot';
import {
  deadlineEffects,
  ORDER_TYPE_DUTIES,
} from '../lib/case/deadline-effects';
import { applyEffects, type Ledger } from '../lib/case/deadline-ledger';

const shifted = new Map<string, string>();
/** `iso` + `n` days (memoised: the generator asks for the same few dates again and again). */
export function plusDays(iso: string, n: number): string {
  const key = `${iso}+${n}`;
  let result = shifted.get(key);
  if (result === undefined) {
    result = toIsoDate(addDays(toUtcDate(iso), n));
    shifted.set(key, result);
  }
  return result;
}
const at = <T>(items: readonly T[], n: number): T =>
  items[n % items.length] as T;

/** The random choices behind one step of a history. */
interface Choice {
  pick: number;
  gap: number;
  n: number;
  flag: boolean;
}

/**
 * Every event one might try to record next, most of them plausible, some not; the rules filter
 * them. `k` makes fresh ids; `t` is the business date of the step (days only move forward).
 */
function candidates(
  s: CaseSnapshot | undefined,
  ledger: Ledger,
  t: string,
  c: Choice,
  k: number,
): CaseEvent[] {
  if (!s) {
    return [
      {
        type: 'case.opened',
        reference: `RUT-${k}`,
        childName: 'Sam',
        dateOfBirth: '2014-01-01',
        caseworker: 'Casey',
        team: 'SEND East',
        openedOn: t,
      },
    ];
  }
  const { n, flag } = c;
  // A few of each thing at most, so that histories go deep rather than wide.
  const fewer = <T>(
    items: readonly unknown[],
    max: number,
    make: () => T[],
  ): T[] => (items.length < max ? make() : []);
  return [
    {
      type: 'contact.added',
      contactId: `p${k}`,
      name: flag ? 'Jo' : '',
      relationship: 'Parent',
      addedOn: t,
    },
    {
      type: 'case.reassigned',
      caseworker: flag ? 'Robin' : 'Casey',
      team: 'SEND East',
      reassignedOn: t,
    },
    ...fewer(s.decisions, 2, (): CaseEvent[] => [
      {
        type: 'decision.issued',
        decisionId: `d${k}`,
        decisionType: at(DECISION_TYPES, n),
        decisionDate: t,
        letterSent: plusDays(t, n % 3),
        sections: ['F', 'I'],
      },
      // A decision that answers a request, a review or a transfer on the case (the rules refuse the ones that do not fit).
      ...[
        ...s.assessmentRequests.map((r) => ({
          kind: 'assessment_request' as const,
          id: r.id,
        })),
        ...s.reviews.map((r) => ({ kind: 'review' as const, id: r.id })),
        ...s.phaseTransfers.map((p) => ({
          kind: 'phase_transfer' as const,
          id: p.id,
        })),
      ].map(
        (answers): CaseEvent => ({
          type: 'decision.issued',
          decisionId: `d${k}`,
          decisionType: at(DECISION_TYPES, n),
          decisionDate: t,
          letterSent: t,
          sections: ['F'],
          answers,
        }),
      ),
    ]),
    ...fewer(s.assessmentRequests, 2, (): CaseEvent[] => [
      { type: 'assessment.requested', requestId: `q${k}`, receivedOn: t },
    ]),
    ...s.assessmentRequests.map(
      (r): CaseEvent => ({
        type: 'assessment.agreed',
        requestId: r.id,
        notifiedOn: t,
      }),
    ),
    ...fewer(s.draftPlans, 2, (): CaseEvent[] => [
      {
        type: 'draft_plan.served',
        draftId: `dp${k}`,
        servedOn: t,
        ...(flag && s.assessmentRequests[0]
          ? { requestId: s.assessmentRequests[0].id }
          : {}),
      },
    ]),
    ...s.draftPlans.map(
      (d): CaseEvent => ({
        type: 'draft_plan.comments_received',
        draftId: d.id,
        receivedOn: t,
      }),
    ),
    ...fewer(s.reviews, 2, (): CaseEvent[] => [
      { type: 'review.meeting_held', reviewId: `rv${k}`, heldOn: t },
    ]),
    ...s.reviews.map(
      (r): CaseEvent => ({
        type: 'review.amendments_proposed',
        reviewId: r.id,
        sentOn: t,
      }),
    ),
    ...fewer(s.phaseTransfers, 1, (): CaseEvent[] => [
      {
        type: 'phase_transfer.recorded',
        transferId: `pt${k}`,
        transferDate: plusDays(t, 200),
        kind: flag ? 'post16' : 'school',
        recordedOn: t,
      },
    ]),
    ...fewer(s.disagreementResolutions, 1, (): CaseEvent[] => [
      {
        type: 'disagreement_resolution.referred',
        resolutionId: `dr${k}`,
        referredOn: t,
        subject: 'Transport',
      },
    ]),
    // One slot for both record events, so that adding `letter.sent` left the generator's choices as they were.
    k % 3 === 2
      ? {
          type: 'letter.sent',
          letterId: `l${k}`,
          eventSequence: k,
          how: k % 2 ? 'email' : 'post',
          ...(k % 2 ? { to: 'family@example.org' } : {}),
          sentOn: t,
        }
      : {
          type: 'document.attached',
          documentId: `f${k}`,
          eventSequence: k,
          filename: 'a.pdf',
          contentType: 'application/pdf',
          size: 1,
          sha256: 'ab',
          attachedOn: t,
        },
    ...s.decisions.flatMap((d): CaseEvent[] => [
      {
        type: 'decision.corrected',
        decisionId: d.id,
        decisionDate: d.decisionDate,
        letterSent: plusDays(d.letterSent, 1 + (n % 3)),
      },
      ...fewer(s.wayForwardMeetings, 2, (): CaseEvent[] => [
        {
          type: 'way_forward.requested',
          meetingId: `w${k}`,
          decisionId: flag ? d.id : undefined,
          requestedOn: t,
        },
      ]),
      ...fewer(s.mediations, 3, (): CaseEvent[] => [
        {
          type: 'mediation.adviser_contacted',
          mediationId: `m${k}`,
          decisionId: d.id,
          providerName: 'Global',
          contactedOn: t,
          healthInIssue: flag,
          socialCareInIssue: !flag,
        },
      ]),
      ...fewer(s.appeals, 3, (): CaseEvent[] => [
        {
          type: 'appeal.lodged',
          appealId: `a${k}`,
          decisionId: d.id,
          tribunalReference: `EH/${k}`,
          lodgedOn: t,
          sections: flag ? ['I'] : n % 5 === 0 ? ['G'] : ['F'],
          ...(n % 2 === 0 ? { confirmedUnusual: true } : {}),
        },
      ]),
    ]),
    ...s.wayForwardMeetings.map(
      (w): CaseEvent => ({
        type: 'way_forward.held',
        meetingId: w.id,
        heldOn: t,
        outcome: at(MEETING_OUTCOMES, n),
      }),
    ),
    ...s.mediations.flatMap((m): CaseEvent[] => [
      { type: 'mediation.declined', mediationId: m.id, adviserInformedOn: t },
      {
        type: 'mediation.requested',
        mediationId: m.id,
        laInformedOn: t,
        ...(flag && m.healthInIssue ? { healthOnly: true } : {}),
      },
      { type: 'mediation.withdrawn', mediationId: m.id, adviserInformedOn: t },
      { type: 'mediation.health_notified', mediationId: m.id, notifiedOn: t },
      {
        type: 'mediation.arranged',
        mediationId: m.id,
        arrangedOn: t,
        mediationDate: plusDays(t, 7),
      },
      {
        type: 'mediation.not_arranged',
        mediationId: m.id,
        adviserInformedOn: t,
      },
      {
        type: 'mediation.held',
        mediationId: m.id,
        heldOn: t,
        concludedOn: plusDays(t, n % 2),
        outcome: at(MEETING_OUTCOMES, n),
        ...(flag
          ? { participants: ['Jo Smith (parent)', 'Casey Worker (council)'] }
          : {}),
      },
      {
        type: 'mediation.agreement_reached',
        mediationId: m.id,
        agreementDate: t,
        items: [
          {
            itemId: `i${k}a`,
            description: 'Appealable',
            appealable: true,
            orderType: at(ORDER_TYPES, n),
            ...(n % 4 === 0 ? { agreedDueOn: plusDays(t, 40) } : {}),
          },
          ...(flag
            ? [
                {
                  itemId: `i${k}b`,
                  description: 'Other',
                  appealable: false,
                  ...(m.healthInIssue && n % 2 === 0
                    ? { responsibleBody: 'icb' as const }
                    : {}),
                },
              ]
            : []),
        ],
      },
      ...CERTIFICATE_KINDS.map(
        (kind): CaseEvent => ({
          type: 'certificate.issued',
          certificateId: `c${k}`,
          mediationId: m.id,
          kind,
          issuedOn: t,
        }),
      ),
      {
        type: 'mediation.health_response_received',
        mediationId: m.id,
        receivedOn: t,
      },
      ...m.agreementItems.map(
        (i): CaseEvent => ({
          type: 'mediation.agreement_item_completed',
          mediationId: m.id,
          itemId: i.id,
          completedOn: t,
          evidence: 'Done',
        }),
      ),
    ]),
    ...s.disagreementResolutions.flatMap((r): CaseEvent[] => [
      {
        type: 'disagreement_resolution.meeting_held',
        resolutionId: r.id,
        heldOn: t,
      },
      {
        type: 'disagreement_resolution.concluded',
        resolutionId: r.id,
        concludedOn: t,
        outcome: at(MEETING_OUTCOMES, n),
      },
    ]),
    ...s.appeals.flatMap((a): CaseEvent[] => {
      const outcome = at(APPEAL_OUTCOMES, n);
      return [
        {
          type: 'appeal.registered',
          appealId: a.id,
          registeredOn: t,
          appealReceivedOn: plusDays(t, n % 2),
        },
        { type: 'appeal.response_sent', appealId: a.id, sentOn: t },
        {
          type: 'appeal.hearing_listed',
          appealId: a.id,
          hearingDate: plusDays(t, 30),
        },
        {
          type: 'appeal.decided',
          appealId: a.id,
          outcome,
          decisionDate: t,
          laNotifiedTribunalOn:
            outcome === 'conceded_before_response' ? t : undefined,
          orders:
            flag || n % 3 === 0
              ? [
                  {
                    orderId: `o${k}`,
                    orderType: at(ORDER_TYPES, n),
                    // A consent order may agree a shorter period: here, the first duty at once; a direction may set any.
                    ...(outcome === 'consent_order' && n % 2 === 0
                      ? {
                          agreedDueDates: {
                            [`order.${ORDER_TYPE_DUTIES[at(ORDER_TYPES, n)][0]}`]:
                              t,
                          },
                        }
                      : {}),
                    ...(outcome === 'decided_allowed' && n % 2 === 1
                      ? {
                          directedDueDates: {
                            [`order.${ORDER_TYPE_DUTIES[at(ORDER_TYPES, n)][0]}`]:
                              plusDays(t, 60),
                          },
                        }
                      : {}),
                  },
                ]
              : [],
          recommendations: flag
            ? []
            : [
                {
                  recommendationId: `rec${k}`,
                  section: 'G',
                  responsibleBody: at(RESPONSIBLE_BODIES, n),
                  text: 'Therapy',
                },
              ],
          ...(n % 2 === 0 ? { confirmedUnusual: true } : {}),
        },
      ];
    }),
    ...s.orders.flatMap((o) =>
      o.duties.map(
        (d): CaseEvent => ({
          type: 'order.complied',
          orderId: o.id,
          ruleId: d.ruleId,
          compliedOn: t,
          evidence: 'Done',
        }),
      ),
    ),
    ...s.recommendations.map(
      (r): CaseEvent => ({
        type: 'recommendation.responded',
        recommendationId: r.id,
        outcome: at(RESPONSE_OUTCOMES, n),
        reasons: flag ? undefined : 'Already provided',
        sentOn: t,
        recipient: 'parent',
        sentTo: ['Parent'],
      }),
    ),
    ...[...ledger.values()]
      .filter((d) => d.status === 'open')
      .flatMap((d): CaseEvent[] => [
        {
          type: 'deadline.extended',
          deadlineId: `x${k}`,
          ruleId: d.ruleId,
          subjectId: d.subjectId,
          fromDueOn: d.dueOn,
          toDueOn: plusDays(d.dueOn, 14),
          // The first exception the rule allows; a rule with none is refused (as it should be).
          ground:
            ruleInfo(d.ruleId)?.extension?.grounds[0] ??
            'exceptional_personal_circumstances',
          reason: 'Exceptional personal circumstances',
          agreedBy: 'SEND manager',
          extendedOn: t,
        },
        {
          type: 'deadline.overdue',
          deadlineId: `x${k}`,
          ruleId: d.ruleId,
          dueOn: d.dueOn,
          overdueOn: plusDays(d.dueOn, 1),
        },
      ]),
  ];
}

export const allowed = (s: CaseSnapshot | undefined, e: CaseEvent) => {
  try {
    checkCaseEvent(s, e);
    return true;
  } catch (error) {
    if (error instanceof CaseRuleError) return false;
    throw error;
  }
};

/** Histories the rules accept (at each step, one of the candidate events they allow), starting on `startOn`, each step a few days after the last. */
export const caseHistory = (startOn = '2026-01-05') =>
  fc
    .array(
      fc.record({
        pick: fc.nat(),
        gap: fc.integer({ min: 0, max: 12 }),
        n: fc.nat({ max: 1000 }),
        flag: fc.boolean(),
      }),
      { maxLength: 45, size: 'max' },
    )
    .map((choices) => {
      const events: CaseEvent[] = [];
      let snapshot: CaseSnapshot | undefined;
      let ledger: Ledger = new Map();
      let today = startOn;
      for (const choice of choices) {
        today = plusDays(today, choice.gap);
        const valid = candidates(
          snapshot,
          ledger,
          today,
          choice,
          events.length + 1,
        ).filter((e) => allowed(snapshot, e));
        // Pick the kind of event first, so that rare kinds are as likely as common ones.
        const types = [...new Set(valid.map((e) => e.type))];
        const ofType = valid.filter(
          (e) => e.type === types[choice.pick % Math.max(types.length, 1)],
        );
        const event =
          ofType[
            Math.floor(choice.pick / Math.max(types.length, 1)) %
              Math.max(ofType.length, 1)
          ];
        if (!event) continue;
        events.push(event);
        ledger = applyEffects(ledger, deadlineEffects(snapshot, event));
        snapshot = applyCaseEvent(snapshot, event);
      }
      return events;
    });
