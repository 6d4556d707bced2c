import type { AppealOutcome, CertificateKind, DecisionType, DutyHolder, MediationView, OrderType, ResponsibleBody } from '@send/contracts';
import type { Calendar } from '../calendar/calendar';
import { dueDate, type DueDateResult } from '../clock/due-date';
import { RULE_IDS, type ExtensionGround, type OrderSuffix, type RuleId } from '../clock/rules';
import { formatLongDate } from '../dates/iso-date';
import type { CaseEvent, CaseEventOf } from './case-events';
import { CaseRuleError } from './case-rule-error';
import { type CaseSnapshot, ordersOfDecision } from './case-snapshot';

/** A deadline an event starts: which rule, from which facts, about what, and who must act. */
export interface DeadlineToOpen {
  ruleId: RuleId;
  subjectId: string;
  facts: Record<string, string>;
  dutyHolder: DutyHolder;
  /** For a recommendation response: the body that must answer. */
  responsibleBody?: ResponsibleBody;
  /** A due date set other than by the statutory period: the deadline falls then (see `setBy`). */
  agreedDueOn?: string;
  /**
   * Who set `agreedDueOn`: a consent order's shorter period (the default), a Tribunal direction
   * (SEND Regs reg 44(1)), or a timescale the parties to a mediation agreed in writing (reg 42(5)).
   */
  setBy?: DueDateSetBy;
}

export type DueDateSetBy = 'consent_order' | 'direction' | 'written_agreement';

const SET_BY_WORDS: Readonly<Record<DueDateSetBy, string>> = {
  consent_order: 'The consent order agreed a shorter period',
  direction: 'The Tribunal directed a different period (SEND Regs reg 44(1))',
  written_agreement: 'The parties agreed a different timescale in writing (SEND Regs reg 42(5))',
};

/**
 * The due date of a deadline an event opens, and why: the statutory computation, or the shorter
 * date a consent order agreed (the statutory date stays in the explanation).
 */
export function dueOfDeadline(open: Pick<DeadlineToOpen, 'ruleId' | 'facts' | 'agreedDueOn' | 'setBy'>, calendar?: Calendar): DueDateResult {
  const statutory = dueDate(open.ruleId, open.facts, calendar);
  if (open.agreedDueOn === undefined) return statutory;
  return {
    dueOn: open.agreedDueOn,
    explanation: [...statutory.explanation, `${SET_BY_WORDS[open.setBy ?? 'consent_order']}: due ${formatLongDate(open.agreedDueOn)}`],
  };
}

/** A deadline an event meets: identified by rule and subject, met on a date. */
export interface DeadlineToClose {
  ruleId: RuleId;
  subjectId: string;
  metOn: string;
}

/** A deadline whose facts changed: its due date is computed again from `facts`. */
export interface DeadlineToMove {
  ruleId: RuleId;
  subjectId: string;
  facts: Record<string, string>;
}

/** A deadline that no longer applies, and why (in a caseworker's words). */
export interface DeadlineToCancel {
  ruleId: RuleId;
  subjectId: string;
  reason: string;
}

/** A deadline that can no longer be met, closed as missed, and why. */
export interface DeadlineToMiss {
  ruleId: RuleId;
  subjectId: string;
  reason: string;
}

/** A deadline extended under a statutory exception to a new due date. */
export interface DeadlineToExtend {
  ruleId: RuleId;
  subjectId: string;
  toDueOn: string;
  reason: string;
  agreedBy: string;
  ground?: ExtensionGround;
}

export interface DeadlineEffects {
  open: DeadlineToOpen[];
  close: DeadlineToClose[];
  move: DeadlineToMove[];
  cancel: DeadlineToCancel[];
  miss: DeadlineToMiss[];
  extend: DeadlineToExtend[];
}

/** The duties (rule-id suffixes, see `ORDER_SUFFIXES`) each kind of order creates, in the order they fall due. */
export const ORDER_TYPE_DUTIES: Readonly<Record<OrderType, readonly OrderSuffix[]>> = {
  // After the assessment the council either decides not to issue a plan (10 weeks) or issues the
  // final plan (14 weeks): both are open until one is done, which cancels the other.
  assess: ['assess.notify', 'assess.no_plan_decision', 'assess.final_plan'],
  make_plan: ['make_plan.draft', 'make_plan.final'],
  amend_plan: ['amend_plan'],
  name_school_only: ['name_school_only'],
  continue_to_maintain: ['continue_to_maintain'],
  cease: ['cease'],
  reconsider: ['reconsider'],
};

/**
 * Duties that are alternatives: doing one means the other no longer applies (reg 44(2)(b)(i) and
 * (ii): after an ordered assessment, either a decision not to issue a plan or the final plan).
 */
const ALTERNATIVE_DUTIES: Readonly<Partial<Record<OrderSuffix, { other: OrderSuffix; reason: string }>>> = {
  'assess.no_plan_decision': { other: 'assess.final_plan', reason: 'The council decided not to issue an EHC plan after the assessment' },
  'assess.final_plan': { other: 'assess.no_plan_decision', reason: 'The council issued the final EHC plan after the assessment' },
};

/** The duty that `ruleId` (e.g. `order.assess.final_plan`) is the alternative of, with why it no longer applies once `ruleId` is done. */
export function alternativeDuty(ruleId: string): { ruleId: RuleId; reason: string } | undefined {
  for (const [suffix, alternative] of Object.entries(ALTERNATIVE_DUTIES)) {
    if (alternative && ruleId.endsWith(`.${suffix}`)) {
      const other = `${ruleId.slice(0, -suffix.length)}${alternative.other}`;
      return isRuleId(other) ? { ruleId: other, reason: alternative.reason } : undefined;
    }
  }
  return undefined;
}

/** The three rule families that share the order periods (see `rules.ts`). */
type DutyFamily = 'order' | 'concession' | 'agreement.appealable_matters';

const dutyRuleIds = (family: DutyFamily, orderType: OrderType): RuleId[] =>
  ORDER_TYPE_DUTIES[orderType].map((suffix) => `${family}.${suffix}` as RuleId);

/** Outcomes whose orders take the concession clock (reg 45) rather than the order clock (reg 44). */
const familyOfOutcome = (outcome: AppealOutcome): DutyFamily =>
  outcome === 'conceded_before_response' ? 'concession' : 'order';

/**
 * The rule ids of the duties an order of `orderType` imposes after an appeal that ended with
 * `outcome`: `concession.*` after a concession before the response (reg 45), `order.*` otherwise.
 */
export function orderDutyRuleIds(outcome: AppealOutcome, orderType: OrderType): RuleId[] {
  return dutyRuleIds(familyOfOutcome(outcome), orderType);
}

/**
 * The rule ids an item of a mediation agreement creates: an appealable matter takes the order
 * periods of its `orderType` (reg 42(2)); any other matter 2 weeks (reg 42(3)).
 */
export function agreementItemRuleIds(item: { appealable: boolean; orderType?: OrderType }): RuleId[] {
  return item.appealable && item.orderType ? dutyRuleIds('agreement.appealable_matters', item.orderType) : ['agreement.other_matters'];
}

/** The certificate deadline each kind of certificate meets. */
export const CERTIFICATE_DEADLINE_RULES: Readonly<Record<CertificateKind, RuleId>> = {
  information_only: 'mediation.certificate_declined',
  mediation_concluded: 'mediation.certificate_concluded',
  mediation_not_arranged: 'mediation.certificate_not_arranged',
};

/** Why an open `tribunal.la_response` no longer applies, by how the appeal ended. */
const RESPONSE_CANCELLED_REASONS: Readonly<Record<AppealOutcome, string>> = {
  decided_allowed: 'The Tribunal decided the appeal',
  decided_partly_allowed: 'The Tribunal decided the appeal',
  decided_dismissed: 'The Tribunal decided the appeal',
  referred_back: 'The Tribunal decided the appeal',
  consent_order: 'The appeal ended by consent order',
  conceded_before_response: 'The appeal was conceded',
  withdrawn: 'The appeal was withdrawn',
  struck_out: 'The appeal was struck out',
};

const RULE_ID_SET: ReadonlySet<string> = new Set(RULE_IDS);

/** True when `value` names a rule of the statutory clock. */
export function isRuleId(value: string): value is RuleId {
  return RULE_ID_SET.has(value);
}

function ruleIdOf(value: string): RuleId {
  if (!isRuleId(value)) throw new CaseRuleError('INCONSISTENT_FACT', `There is no deadline rule called ${value}.`);
  return value;
}

/**
 * The facts of `appeal.lodge` for a decision: the letter date and, once a mediation certificate
 * has been issued, the latest certificate (HESC r.20(1)(c): whichever gives the later date).
 */
function appealLodgeFacts(letterSent: string, certificateDates: readonly string[]): Record<string, string> {
  const latest = [...certificateDates].sort().at(-1);
  return latest === undefined ? { decisionLetterSent: letterSent } : { decisionLetterSent: letterSent, certificateIssued: latest };
}

/** Issue dates of every certificate of every mediation about `decisionId`. */
function certificateDatesOf(snapshot: CaseSnapshot, decisionId: string): string[] {
  return snapshot.mediations.filter((m) => m.decisionId === decisionId).flatMap((m) => m.certificates.map((c) => c.issuedOn));
}

const effects = (some: Partial<DeadlineEffects>): DeadlineEffects => ({
  open: [],
  close: [],
  move: [],
  cancel: [],
  miss: [],
  extend: [],
  ...some,
});

/** `before` is required by every event that refers to something already recorded. */
function recorded(before: CaseSnapshot | undefined): CaseSnapshot {
  if (!before) throw new CaseRuleError('EVENT_NOT_ALLOWED', 'Open the case before recording anything on it.');
  return before;
}

function find<T extends { id: string }>(items: readonly T[], id: string, what: string): T {
  const item = items.find((i) => i.id === id);
  if (!item) throw new CaseRuleError('UNKNOWN_SUBJECT', `There is no such ${what} on this case.`);
  return item;
}

function appealDecidedEffects(before: CaseSnapshot, event: CaseEventOf<'appeal.decided'>): DeadlineEffects {
  const appeal = find(before.appeals, event.appealId, 'appeal');
  const family = familyOfOutcome(event.outcome);
  let facts: Record<string, string> = { orderDate: event.decisionDate };
  if (family === 'concession') {
    if (!event.laNotifiedTribunalOn) {
      throw new CaseRuleError('INCONSISTENT_FACT', 'Give the date the council told the Tribunal it would not oppose the appeal.');
    }
    facts = { laNotifiedTribunal: event.laNotifiedTribunalOn };
  }
  const responseOpen = appeal.registeredOn !== undefined && appeal.responseSentOn === undefined;
  return effects({
    cancel: responseOpen
      ? [{ ruleId: 'tribunal.la_response', subjectId: appeal.id, reason: RESPONSE_CANCELLED_REASONS[event.outcome] }]
      : [],
    open: [
      ...ordersOfDecision(event).flatMap((order) =>
        dutyRuleIds(family, order.orderType).map((ruleId): DeadlineToOpen => {
          const directed = order.directedDueDates?.[ruleId];
          const agreed = order.agreedDueDates?.[ruleId];
          return {
            ruleId,
            subjectId: order.orderId,
            facts,
            dutyHolder: 'council' as const,
            // A direction of the Tribunal sets the period (reg 44(1)); a consent order may agree a shorter one.
            ...(directed ? { agreedDueOn: directed, setBy: 'direction' as const } : agreed ? { agreedDueOn: agreed } : {}),
          };
        }),
      ),
      ...event.recommendations.map((r) => ({
        ruleId: 'recommendation.response' as const,
        subjectId: r.recommendationId,
        facts: { tribunalDecision: event.decisionDate },
        dutyHolder: r.responsibleBody,
        responsibleBody: r.responsibleBody,
      })),
    ],
  });
}

/**
 * The time limits a decision answers, when the case records what it answers: which deadline it
 * meets and which alternative it makes moot. A refusal to assess answers the request within
 * 6 weeks (reg 5(1)); after an assessment, a refusal to issue a plan (reg 10(1)) and the final plan
 * (reg 13(2)) are alternatives; after a review, the decision not to amend or to cease meets the
 * 4 weeks (reg 20(10)) and the amended plan meets the 8 weeks (reg 22(3)); before a phase transfer,
 * the amended plan or the decision not to amend meets reg 18(1).
 */
const ANSWERED: Readonly<Record<string, Partial<Record<DecisionType, { meets: RuleId[]; cancels?: { ruleId: RuleId; reason: string } }>>>> = {
  assessment_request: {
    refuse_assessment: { meets: ['assessment.decide'] },
    refuse_reassessment: { meets: ['assessment.decide'] },
    refuse_plan: {
      meets: ['assessment.no_plan_decision'],
      cancels: { ruleId: 'assessment.final_plan', reason: 'The council decided not to issue an EHC plan after the assessment' },
    },
    final_plan_content: {
      meets: ['assessment.final_plan'],
      cancels: { ruleId: 'assessment.no_plan_decision', reason: 'The council issued the final EHC plan after the assessment' },
    },
  },
  review: {
    refuse_amend: { meets: ['review.decision'] },
    cease_plan: { meets: ['review.decision'] },
    amended_plan_content: { meets: ['review.decision', 'review.final_amended_plan'] },
  },
  phase_transfer: {
    refuse_amend: { meets: ['phase_transfer.school', 'phase_transfer.post16'] },
    amended_plan_content: { meets: ['phase_transfer.school', 'phase_transfer.post16'] },
  },
};

/** The rules `answers` can meet for any decision: what `checkCaseEvent` accepts as an answer. */
export function decisionsAnswering(kind: string): DecisionType[] {
  return Object.keys(ANSWERED[kind] ?? {}) as DecisionType[];
}

function decisionIssuedEffects(event: CaseEventOf<'decision.issued'>): DeadlineEffects {
  const facts = { decisionLetterSent: event.letterSent };
  const answered = event.answers ? ANSWERED[event.answers.kind]?.[event.decisionType] : undefined;
  const subjectId = event.answers?.id ?? '';
  return effects({
    open: [
      { ruleId: 'appeal.lodge', subjectId: event.decisionId, facts, dutyHolder: 'family' },
      { ruleId: 'mediation.contact_adviser', subjectId: event.decisionId, facts, dutyHolder: 'family' },
    ],
    // The council meets a time limit to notify a decision on the day it sends the letter.
    close: (answered?.meets ?? []).map((ruleId) => ({ ruleId, subjectId, metOn: event.letterSent })),
    cancel: answered?.cancels ? [{ ...answered.cancels, subjectId }] : [],
  });
}

/** The arrange deadline of a mediation: the council's (regs 36–37), or the ICB's when health care is the only issue (reg 35). */
const arrangeRule = (mediation: { healthOnly?: boolean }): RuleId => (mediation.healthOnly ? 'mediation.arrange_health_only' : 'mediation.arrange');

/** The mediation's arrange deadline, once it has one (the ICB's starts when the council tells it). */
function arrangeDeadline(mediation: MediationView): RuleId[] {
  if (mediation.choice !== 'requested') return [];
  return mediation.healthOnly && mediation.healthNotifiedOn === undefined ? [] : [arrangeRule(mediation)];
}

/**
 * Which statutory deadlines an accepted event opens, meets (closes), moves, cancels, misses and
 * extends. `before` is the case as it was before the event (as `checkCaseEvent` saw it); the event
 * is assumed to have passed `checkCaseEvent`. Subjects: the decision for `appeal.lodge` and
 * `mediation.contact_adviser`; the mediation for its own and its certificates' deadlines and for
 * `agreement.health_notify_la`; the agreement item for its duties; the appeal for
 * `tribunal.la_response`; the order for its duties; the recommendation for its response; the
 * request, review, draft or transfer for the decision's own time limits.
 * Effects on a deadline that is no longer open (met, cancelled, missed) change nothing, except a
 * move: corrected facts move the due date of a deadline already met too, so that whether it was met
 * on time follows the corrected dates.
 */
export function deadlineEffects(before: CaseSnapshot | undefined, event: CaseEvent): DeadlineEffects {
  switch (event.type) {
    case 'case.opened':
    case 'contact.added':
    case 'case.reassigned':
    case 'way_forward.requested':
    case 'way_forward.held':
    case 'mediation.arranged':
    case 'disagreement_resolution.referred':
    case 'disagreement_resolution.meeting_held':
    case 'disagreement_resolution.concluded':
    case 'appeal.hearing_listed':
    case 'deadline.overdue':
    case 'document.attached':
    case 'event.corrected': // its effects come from the corrected history as a whole: see `plannedDeadlines`
      return effects({});

    case 'decision.issued':
      return decisionIssuedEffects(event);
    case 'decision.corrected':
      return effects({
        move: [
          {
            ruleId: 'appeal.lodge',
            subjectId: event.decisionId,
            facts: appealLodgeFacts(event.letterSent, certificateDatesOf(recorded(before), event.decisionId)),
          },
          { ruleId: 'mediation.contact_adviser', subjectId: event.decisionId, facts: { decisionLetterSent: event.letterSent } },
        ],
      });

    case 'assessment.requested':
      return effects({
        open: [{ ruleId: 'assessment.decide', subjectId: event.requestId, facts: { requestReceived: event.receivedOn }, dutyHolder: 'council' }],
      });
    case 'assessment.agreed': {
      const request = find(recorded(before).assessmentRequests, event.requestId, 'request for an assessment');
      const facts = { requestReceived: request.receivedOn };
      return effects({
        close: [{ ruleId: 'assessment.decide', subjectId: request.id, metOn: event.notifiedOn }],
        open: [
          { ruleId: 'assessment.no_plan_decision', subjectId: request.id, facts, dutyHolder: 'council' },
          { ruleId: 'assessment.final_plan', subjectId: request.id, facts, dutyHolder: 'council' },
        ],
      });
    }
    case 'draft_plan.served':
      return effects({
        open: [{ ruleId: 'draft_plan.comments', subjectId: event.draftId, facts: { draftServed: event.servedOn }, dutyHolder: 'family' }],
      });
    case 'draft_plan.comments_received':
      return effects({ close: [{ ruleId: 'draft_plan.comments', subjectId: event.draftId, metOn: event.receivedOn }] });
    case 'review.meeting_held':
      return effects({
        open: [{ ruleId: 'review.decision', subjectId: event.reviewId, facts: { reviewMeeting: event.heldOn }, dutyHolder: 'council' }],
      });
    case 'review.amendments_proposed':
      return effects({
        close: [{ ruleId: 'review.decision', subjectId: event.reviewId, metOn: event.sentOn }],
        open: [
          { ruleId: 'review.final_amended_plan', subjectId: event.reviewId, facts: { proposedAmendmentsSent: event.sentOn }, dutyHolder: 'council' },
        ],
      });
    case 'phase_transfer.recorded':
      return effects({
        open: [
          {
            ruleId: event.kind === 'post16' ? 'phase_transfer.post16' : 'phase_transfer.school',
            subjectId: event.transferId,
            facts: { transferDate: event.transferDate },
            dutyHolder: 'council',
          },
        ],
      });

    case 'mediation.adviser_contacted':
      return effects({ close: [{ ruleId: 'mediation.contact_adviser', subjectId: event.decisionId, metOn: event.contactedOn }] });
    case 'mediation.declined':
      return effects({
        open: [
          {
            ruleId: 'mediation.certificate_declined',
            subjectId: event.mediationId,
            facts: { adviserInformed: event.adviserInformedOn },
            dutyHolder: 'mediation_adviser',
          },
        ],
      });
    case 'mediation.requested': {
      const mediation = find(recorded(before).mediations, event.mediationId, 'mediation');
      const facts = { laInformed: event.laInformedOn };
      return effects({
        open: [
          // Health care provision the only issue: the ICB arranges it once the council has told it (reg 35).
          ...(event.healthOnly ? [] : [{ ruleId: 'mediation.arrange' as const, subjectId: event.mediationId, facts, dutyHolder: 'council' as const }]),
          ...(mediation.healthInIssue
            ? [{ ruleId: 'mediation.notify_health' as const, subjectId: event.mediationId, facts, dutyHolder: 'council' as const }]
            : []),
        ],
      });
    }
    case 'mediation.withdrawn': {
      const mediation = find(recorded(before).mediations, event.mediationId, 'mediation');
      const reason = 'The family no longer wishes to pursue mediation';
      return effects({
        cancel: [
          ...arrangeDeadline(mediation).map((ruleId) => ({ ruleId, subjectId: mediation.id, reason })),
          ...(mediation.healthInIssue ? [{ ruleId: 'mediation.notify_health' as const, subjectId: mediation.id, reason }] : []),
        ],
        open: [
          {
            ruleId: 'mediation.certificate_declined',
            subjectId: mediation.id,
            facts: { adviserInformed: event.adviserInformedOn },
            dutyHolder: 'mediation_adviser',
          },
        ],
      });
    }
    case 'mediation.health_notified': {
      const mediation = find(recorded(before).mediations, event.mediationId, 'mediation');
      return effects({
        close: [{ ruleId: 'mediation.notify_health', subjectId: event.mediationId, metOn: event.notifiedOn }],
        open: mediation.healthOnly
          ? [
              {
                ruleId: 'mediation.arrange_health_only',
                subjectId: mediation.id,
                facts: { healthCommissionerInformed: event.notifiedOn },
                dutyHolder: 'icb',
                responsibleBody: 'icb',
              },
            ]
          : [],
      });
    }
    case 'mediation.not_arranged':
      // The arrange deadline stays as it is until the certificate says mediation was not arranged.
      return effects({
        open: [
          {
            ruleId: 'mediation.certificate_not_arranged',
            subjectId: event.mediationId,
            facts: { adviserInformed: event.adviserInformedOn },
            dutyHolder: 'mediation_adviser',
          },
        ],
      });
    case 'mediation.held': {
      const mediation = find(recorded(before).mediations, event.mediationId, 'mediation');
      return effects({
        close: arrangeDeadline(mediation).map((ruleId) => ({ ruleId, subjectId: event.mediationId, metOn: event.heldOn })),
        open: [
          {
            ruleId: 'mediation.certificate_concluded',
            subjectId: event.mediationId,
            facts: { mediationConcluded: event.concludedOn },
            dutyHolder: 'mediation_adviser',
          },
        ],
      });
    }
    case 'mediation.agreement_reached': {
      const mediation = find(recorded(before).mediations, event.mediationId, 'mediation');
      const facts = { agreementDate: event.agreementDate };
      return effects({
        open: [
          ...event.items.flatMap((item) =>
            agreementItemRuleIds(item).map((ruleId): DeadlineToOpen => {
              const icb = !item.appealable && item.responsibleBody === 'icb';
              return {
                ruleId,
                subjectId: item.itemId,
                facts,
                dutyHolder: icb ? 'icb' : 'council',
                ...(icb ? { responsibleBody: 'icb' as const } : {}),
                ...(item.agreedDueOn ? { agreedDueOn: item.agreedDueOn, setBy: 'written_agreement' as const } : {}),
              };
            }),
          ),
          // Only where the council was not a party to the mediation (reg 42(4)).
          ...(mediation.healthOnly
            ? [{ ruleId: 'agreement.health_notify_la' as const, subjectId: event.mediationId, facts, dutyHolder: 'icb' as const, responsibleBody: 'icb' as const }]
            : []),
        ],
      });
    }
    case 'mediation.agreement_item_completed': {
      const mediation = find(recorded(before).mediations, event.mediationId, 'mediation');
      const item = find(mediation.agreementItems, event.itemId, 'agreement item');
      return effects({
        close: agreementItemRuleIds(item).map((ruleId) => ({ ruleId, subjectId: item.id, metOn: event.completedOn })),
      });
    }
    case 'mediation.health_response_received':
      return effects({ close: [{ ruleId: 'agreement.health_notify_la', subjectId: event.mediationId, metOn: event.receivedOn }] });
    case 'certificate.issued': {
      const snapshot = recorded(before);
      const mediation = find(snapshot.mediations, event.mediationId, 'mediation');
      const decision = find(snapshot.decisions, mediation.decisionId, 'decision');
      return effects({
        close: [{ ruleId: CERTIFICATE_DEADLINE_RULES[event.kind], subjectId: mediation.id, metOn: event.issuedOn }],
        // The certificate says the mediation was not arranged in time: that duty can no longer be met.
        miss:
          event.kind === 'mediation_not_arranged'
            ? arrangeDeadline(mediation).map((ruleId) => ({
                ruleId,
                subjectId: mediation.id,
                reason: 'Mediation was not arranged in time: the adviser issued a certificate saying so',
              }))
            : [],
        move: [
          {
            ruleId: 'appeal.lodge',
            subjectId: decision.id,
            facts: appealLodgeFacts(decision.letterSent, [...certificateDatesOf(snapshot, decision.id), event.issuedOn]),
          },
        ],
      });
    }

    case 'appeal.lodged':
      return effects({
        close: [{ ruleId: 'appeal.lodge', subjectId: event.decisionId, metOn: event.lodgedOn }],
        // An appeal without mediation (for example on section I only): the family's window to contact the adviser no longer matters.
        cancel: recorded(before).mediations.some((m) => m.decisionId === event.decisionId)
          ? []
          : [{ ruleId: 'mediation.contact_adviser', subjectId: event.decisionId, reason: 'The family appealed without contacting the mediation adviser' }],
      });
    case 'appeal.registered':
      return effects({
        open: [
          {
            ruleId: 'tribunal.la_response',
            subjectId: event.appealId,
            facts: { appealReceived: event.appealReceivedOn },
            dutyHolder: 'council',
          },
        ],
      });
    case 'appeal.response_sent':
      return effects({ close: [{ ruleId: 'tribunal.la_response', subjectId: event.appealId, metOn: event.sentOn }] });
    case 'appeal.decided':
      return appealDecidedEffects(recorded(before), event);
    case 'order.complied': {
      const alternative = alternativeDuty(event.ruleId);
      return effects({
        close: [{ ruleId: ruleIdOf(event.ruleId), subjectId: event.orderId, metOn: event.compliedOn }],
        cancel: alternative ? [{ ruleId: alternative.ruleId, subjectId: event.orderId, reason: alternative.reason }] : [],
      });
    }
    case 'recommendation.responded':
      return effects({ close: [{ ruleId: 'recommendation.response', subjectId: event.recommendationId, metOn: event.sentOn }] });

    case 'deadline.extended':
      return effects({
        extend: [
          {
            ruleId: ruleIdOf(event.ruleId),
            subjectId: event.subjectId,
            toDueOn: event.toDueOn,
            reason: event.reason,
            agreedBy: event.agreedBy,
            ...(event.ground ? { ground: event.ground } : {}),
          },
        ],
      });
  }
}
