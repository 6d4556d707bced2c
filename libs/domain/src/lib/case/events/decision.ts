import type { DecisionType } from '@send/contracts';
import type { RuleId } from '../../clock/rules';
import { formatLongDate } from '../../dates/iso-date';
import type { CaseEventOf } from '../case-events';
import type { CaseSnapshot } from '../case-snapshot';
import {
  appealLodgeFacts,
  certificateDatesOf,
  effects,
  recorded,
} from '../deadline-duties';
import { DECISION_TYPE_LABELS, lowerFirst } from '../labels';
import {
  answeredBy,
  atLeast,
  defined,
  type EventHandlers,
  inconsistent,
  mustBeNew,
  mustFind,
  notAllowed,
  notBefore,
  updateById,
} from './handler';

/**
 * Decisions of the council that can be appealed (Children and Families Act 2014 s.51(2)). A
 * decision opens the family's time limits: to contact the mediation adviser (CFA s.55(2)) and to
 * appeal (HESC r.20: 2 months from the letter, or 1 month from a mediation certificate); when it
 * answers a request, review or phase transfer it meets that one's time limit (SEND Regs regs 5(1),
 * 10(1), 13(2), 18(1), 20(10), 22(3)).
 */

/**
 * The time limits a decision answers, when the case records what it answers: which deadline it
 * meets and which alternative it makes moot. A refusal to assess answers the request within
 * 6 weeks (reg 5(1)); after an assessment, a refusal to issue a plan (reg 10(1)) and the final plan
 * (reg 13(2)) are alternatives; after a review, the decision not to amend or to cease meets the
 * 4 weeks (reg 20(10)) and the amended plan meets the 8 weeks (reg 22(3)); before a phase transfer,
 * the amended plan or the decision not to amend meets reg 18(1).
 */
const ANSWERED: Readonly<
  Record<
    string,
    Partial<
      Record<
        DecisionType,
        { meets: RuleId[]; cancels?: { ruleId: RuleId; reason: string } }
      >
    >
  >
> = {
  assessment_request: {
    refuse_assessment: { meets: ['assessment.decide'] },
    refuse_reassessment: { meets: ['assessment.decide'] },
    refuse_plan: {
      meets: ['assessment.no_plan_decision'],
      cancels: {
        ruleId: 'assessment.final_plan',
        reason:
          'The council decided not to issue an EHC plan after the assessment',
      },
    },
    final_plan_content: {
      meets: ['assessment.final_plan'],
      cancels: {
        ruleId: 'assessment.no_plan_decision',
        reason: 'The council issued the final EHC plan after the assessment',
      },
    },
  },
  review: {
    refuse_amend: { meets: ['review.decision'] },
    cease_plan: { meets: ['review.decision'] },
    amended_plan_content: {
      meets: ['review.decision', 'review.final_amended_plan'],
    },
  },
  phase_transfer: {
    refuse_amend: { meets: ['phase_transfer.school', 'phase_transfer.post16'] },
    amended_plan_content: {
      meets: ['phase_transfer.school', 'phase_transfer.post16'],
    },
  },
};

/** The rules `answers` can meet for any decision: what `checkCaseEvent` accepts as an answer. */
export function decisionsAnswering(kind: string): DecisionType[] {
  return Object.keys(ANSWERED[kind] ?? {}) as DecisionType[];
}

const ANSWER_WORDS: Readonly<Record<string, string>> = {
  assessment_request: 'request for an assessment',
  review: 'review',
  phase_transfer: 'phase transfer',
};

/** The decisions whose plan names a school or other institution in section I (SEND Regs 2014 reg 12(1)(i)). */
export const NAMES_A_PLACEMENT: readonly DecisionType[] = [
  'final_plan_content',
  'amended_plan_content',
];

/** A decision that answers a request, review or transfer: that it exists, fits the decision, and is not answered already. */
function checkAnswer(
  snapshot: CaseSnapshot,
  event: CaseEventOf<'decision.issued'>,
): void {
  const answers = event.answers!;
  const what = ANSWER_WORDS[answers.kind] ?? answers.kind;
  const subjects: readonly { id: string }[] =
    answers.kind === 'assessment_request'
      ? snapshot.assessmentRequests
      : answers.kind === 'review'
        ? snapshot.reviews
        : snapshot.phaseTransfers;
  mustFind(subjects, answers.id, `There is no such ${what} on this case.`);
  const fitting = decisionsAnswering(answers.kind);
  if (!fitting.includes(event.decisionType)) {
    throw inconsistent(
      `A decision of this type does not answer a ${what}: the ones that do are ${fitting.map((t) => DECISION_TYPE_LABELS[t].toLowerCase()).join('; ')}.`,
    );
  }
  const earlier = answeredBy(snapshot, answers.kind, answers.id);
  if (answers.kind === 'assessment_request') {
    const request = snapshot.assessmentRequests.find(
      (r) => r.id === answers.id,
    )!;
    notBefore(
      event.decisionDate,
      'The decision cannot have been made',
      request.receivedOn,
      'the request was received',
    );
    const refusal =
      event.decisionType === 'refuse_assessment' ||
      event.decisionType === 'refuse_reassessment';
    if (refusal && request.agreedOn !== undefined)
      throw notAllowed(
        `The council decided to assess on this request (${formatLongDate(request.agreedOn)}).`,
      );
    if (!refusal && request.agreedOn === undefined)
      throw notAllowed(
        'Record the decision to assess before the decision that follows the assessment.',
      );
    if (earlier.length > 0)
      throw notAllowed(`This ${what} has already been answered.`);
  } else if (answers.kind === 'review') {
    const review = snapshot.reviews.find((r) => r.id === answers.id)!;
    notBefore(
      event.decisionDate,
      'The decision cannot have been made',
      review.meetingOn,
      'the review meeting',
    );
    if (
      event.decisionType === 'amended_plan_content' &&
      review.amendmentsProposedOn === undefined
    ) {
      throw notAllowed(
        'Record the proposed amendments (SEND Regs reg 22(2)) before the amended plan that follows them.',
      );
    }
    if (
      event.decisionType !== 'amended_plan_content' &&
      review.amendmentsProposedOn !== undefined
    ) {
      throw notAllowed(
        `Amendments were proposed after this review (${formatLongDate(review.amendmentsProposedOn)}): what answers it now is the amended plan.`,
      );
    }
    if (earlier.length > 0)
      throw notAllowed(`This ${what} has already been answered.`);
  } else if (earlier.length > 0) {
    throw notAllowed(`This ${what} has already been answered.`);
  }
}

/** What the corrected decision date may not come after: things that happened because of the decision. */
function eventsFollowingDecision(
  snapshot: CaseSnapshot,
  decisionId: string,
): { date: string; what: string }[] {
  return [
    ...snapshot.appeals
      .filter((a) => a.decisionId === decisionId)
      .map((a) => ({
        date: a.lodgedOn,
        what: `appeal ${a.tribunalReference} was lodged`,
      })),
    ...snapshot.mediations
      .filter((m) => m.decisionId === decisionId)
      .map((m) => ({
        date: m.adviserContactedOn,
        what: 'the family contacted the mediation adviser',
      })),
    ...snapshot.wayForwardMeetings
      .filter((w) => w.decisionId === decisionId)
      .map((w) => ({
        date: w.requestedOn,
        what: 'the way forward meeting was requested',
      })),
  ];
}

export const DECISION_EVENTS: EventHandlers<
  'decision.issued' | 'decision.corrected'
> = {
  'decision.issued': {
    dates: ['decisionDate', 'letterSent'],
    check(snapshot, event) {
      mustBeNew([event.decisionId], snapshot.decisions, 'Decision');
      notBefore(
        event.letterSent,
        'The decision letter cannot have been sent',
        event.decisionDate,
        'the decision was made',
      );
      if (event.answers) checkAnswer(snapshot, event);
      if (
        event.placement !== undefined &&
        !NAMES_A_PLACEMENT.includes(event.decisionType)
      )
        throw inconsistent(
          `Only a final or amended plan names a school or other institution (section I, SEND Regs 2014 reg 12(1)(i)): leave the school out of this decision (${DECISION_TYPE_LABELS[event.decisionType]}).`,
        );
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      stage: atLeast(snapshot.stage, 'decision_issued'),
      decisions: [
        ...snapshot.decisions,
        defined({
          id: event.decisionId,
          type: event.decisionType,
          decisionDate: event.decisionDate,
          letterSent: event.letterSent,
          sections: event.sections,
          letterChecklist: event.letterChecklist,
          rationale: event.rationale,
          answers: event.answers,
          placement: event.placement,
        }),
      ],
    }),
    // Opens `appeal.lodge` and `mediation.contact_adviser` (the family's), subject the decision.
    effects(_before, event) {
      const facts = { decisionLetterSent: event.letterSent };
      const answered = event.answers
        ? ANSWERED[event.answers.kind]?.[event.decisionType]
        : undefined;
      const subjectId = event.answers?.id ?? '';
      return effects({
        open: [
          {
            ruleId: 'appeal.lodge',
            subjectId: event.decisionId,
            facts,
            dutyHolder: 'family',
          },
          {
            ruleId: 'mediation.contact_adviser',
            subjectId: event.decisionId,
            facts,
            dutyHolder: 'family',
          },
        ],
        // The council meets a time limit to notify a decision on the day it sends the letter.
        close: (answered?.meets ?? []).map((ruleId) => ({
          ruleId,
          subjectId,
          metOn: event.letterSent,
        })),
        cancel: answered?.cancels ? [{ ...answered.cancels, subjectId }] : [],
      });
    },
    businessDate: (event) => event.decisionDate,
    summary: (event) =>
      `Decision issued: ${lowerFirst(DECISION_TYPE_LABELS[event.decisionType])}; letter sent ${formatLongDate(event.letterSent)}`,
  },

  'decision.corrected': {
    dates: ['decisionDate', 'letterSent'],
    check(snapshot, event) {
      const decision = mustFind(
        snapshot.decisions,
        event.decisionId,
        'There is no such decision on this case: record the decision before correcting it.',
      );
      notBefore(
        event.letterSent,
        'The decision letter cannot have been sent',
        event.decisionDate,
        'the decision was made',
      );
      if (
        event.decisionDate === decision.decisionDate &&
        event.letterSent === decision.letterSent
      ) {
        throw inconsistent(
          'These are the dates already recorded: there is nothing to correct.',
        );
      }
      for (const later of eventsFollowingDecision(snapshot, decision.id)) {
        if (later.date < event.decisionDate) {
          throw inconsistent(
            `The decision cannot have been made on ${formatLongDate(event.decisionDate)}: ${later.what} on ${formatLongDate(later.date)}.`,
          );
        }
      }
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      decisions: updateById(snapshot.decisions, event.decisionId, (d) => ({
        ...d,
        decisionDate: event.decisionDate,
        letterSent: event.letterSent,
      })),
    }),
    // The family's time limits move with the letter date (HESC r.20(1)(c): the later of the letter and the latest certificate).
    effects: (before, event) =>
      effects({
        move: [
          {
            ruleId: 'appeal.lodge',
            subjectId: event.decisionId,
            facts: appealLodgeFacts(
              event.letterSent,
              certificateDatesOf(recorded(before), event.decisionId),
            ),
          },
          {
            ruleId: 'mediation.contact_adviser',
            subjectId: event.decisionId,
            facts: { decisionLetterSent: event.letterSent },
          },
        ],
      }),
    businessDate: (event) => event.decisionDate,
    summary: (event) =>
      `Decision dates corrected: decided ${formatLongDate(event.decisionDate)}, letter sent ${formatLongDate(event.letterSent)}`,
  },
};
