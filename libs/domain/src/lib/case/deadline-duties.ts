import type {
  AppealOutcome,
  CertificateKind,
  DutyHolder,
  OrderType,
  ResponsibleBody,
} from '@send/contracts';
import type { Calendar } from '../calendar/calendar';
import { dueDate, type DueDateResult } from '../clock/due-date';
import {
  RULE_IDS,
  type ExtensionGround,
  type OrderSuffix,
  type RuleId,
} from '../clock/rules';
import { formatLongDate } from '../dates/iso-date';
import { CaseRuleError } from './case-rule-error';
import type { CaseSnapshot } from './case-snapshot';

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
  written_agreement:
    'The parties agreed a different timescale in writing (SEND Regs reg 42(5))',
};

/**
 * The due date of a deadline an event opens, and why: the statutory computation, or the shorter
 * date a consent order agreed (the statutory date stays in the explanation).
 */
export function dueOfDeadline(
  open: Pick<DeadlineToOpen, 'ruleId' | 'facts' | 'agreedDueOn' | 'setBy'>,
  calendar?: Calendar,
): DueDateResult {
  const statutory = dueDate(open.ruleId, open.facts, calendar);
  if (open.agreedDueOn === undefined) return statutory;
  return {
    dueOn: open.agreedDueOn,
    explanation: [
      ...statutory.explanation,
      `${SET_BY_WORDS[open.setBy ?? 'consent_order']}: due ${formatLongDate(open.agreedDueOn)}`,
    ],
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
export const ORDER_TYPE_DUTIES: Readonly<
  Record<OrderType, readonly OrderSuffix[]>
> = {
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
const ALTERNATIVE_DUTIES: Readonly<
  Partial<Record<OrderSuffix, { other: OrderSuffix; reason: string }>>
> = {
  'assess.no_plan_decision': {
    other: 'assess.final_plan',
    reason: 'The council decided not to issue an EHC plan after the assessment',
  },
  'assess.final_plan': {
    other: 'assess.no_plan_decision',
    reason: 'The council issued the final EHC plan after the assessment',
  },
};

/** The duty that `ruleId` (e.g. `order.assess.final_plan`) is the alternative of, with why it no longer applies once `ruleId` is done. */
export function alternativeDuty(
  ruleId: string,
): { ruleId: RuleId; reason: string } | undefined {
  for (const [suffix, alternative] of Object.entries(ALTERNATIVE_DUTIES)) {
    if (alternative && ruleId.endsWith(`.${suffix}`)) {
      const other = `${ruleId.slice(0, -suffix.length)}${alternative.other}`;
      return isRuleId(other)
        ? { ruleId: other, reason: alternative.reason }
        : undefined;
    }
  }
  return undefined;
}

/** The three rule families that share the order periods (see `rules.ts`). */
export type DutyFamily =
  | 'order'
  | 'concession'
  | 'agreement.appealable_matters';

export const dutyRuleIds = (
  family: DutyFamily,
  orderType: OrderType,
): RuleId[] =>
  ORDER_TYPE_DUTIES[orderType].map((suffix) => `${family}.${suffix}` as RuleId);

/** Outcomes whose orders take the concession clock (reg 45) rather than the order clock (reg 44). */
export const familyOfOutcome = (outcome: AppealOutcome): DutyFamily =>
  outcome === 'conceded_before_response' ? 'concession' : 'order';

/**
 * The rule ids of the duties an order of `orderType` imposes after an appeal that ended with
 * `outcome`: `concession.*` after a concession before the response (reg 45), `order.*` otherwise.
 */
export function orderDutyRuleIds(
  outcome: AppealOutcome,
  orderType: OrderType,
): RuleId[] {
  return dutyRuleIds(familyOfOutcome(outcome), orderType);
}

/**
 * The rule ids an item of a mediation agreement creates: an appealable matter takes the order
 * periods of its `orderType` (reg 42(2)); any other matter 2 weeks (reg 42(3)).
 */
export function agreementItemRuleIds(item: {
  appealable: boolean;
  orderType?: OrderType;
}): RuleId[] {
  return item.appealable && item.orderType
    ? dutyRuleIds('agreement.appealable_matters', item.orderType)
    : ['agreement.other_matters'];
}

/** The certificate deadline each kind of certificate meets. */
export const CERTIFICATE_DEADLINE_RULES: Readonly<
  Record<CertificateKind, RuleId>
> = {
  information_only: 'mediation.certificate_declined',
  mediation_concluded: 'mediation.certificate_concluded',
  mediation_not_arranged: 'mediation.certificate_not_arranged',
};

const RULE_ID_SET: ReadonlySet<string> = new Set(RULE_IDS);

/** True when `value` names a rule of the statutory clock. */
export function isRuleId(value: string): value is RuleId {
  return RULE_ID_SET.has(value);
}

export function ruleIdOf(value: string): RuleId {
  if (!isRuleId(value))
    throw new CaseRuleError(
      'INCONSISTENT_FACT',
      `There is no deadline rule called ${value}.`,
    );
  return value;
}

/**
 * The facts of `appeal.lodge` for a decision: the letter date and, once a mediation certificate
 * has been issued, the latest certificate (HESC r.20(1)(c): whichever gives the later date).
 */
export function appealLodgeFacts(
  letterSent: string,
  certificateDates: readonly string[],
): Record<string, string> {
  const latest = [...certificateDates].sort().at(-1);
  return latest === undefined
    ? { decisionLetterSent: letterSent }
    : { decisionLetterSent: letterSent, certificateIssued: latest };
}

/** Issue dates of every certificate of every mediation about `decisionId`. */
export function certificateDatesOf(
  snapshot: CaseSnapshot,
  decisionId: string,
): string[] {
  return snapshot.mediations
    .filter((m) => m.decisionId === decisionId)
    .flatMap((m) => m.certificates.map((c) => c.issuedOn));
}

export const effects = (some: Partial<DeadlineEffects>): DeadlineEffects => ({
  open: [],
  close: [],
  move: [],
  cancel: [],
  miss: [],
  extend: [],
  ...some,
});

/** `before` is required by every event that refers to something already recorded. */
export function recorded(before: CaseSnapshot | undefined): CaseSnapshot {
  if (!before)
    throw new CaseRuleError(
      'EVENT_NOT_ALLOWED',
      'Open the case before recording anything on it.',
    );
  return before;
}

export function find<T extends { id: string }>(
  items: readonly T[],
  id: string,
  what: string,
): T {
  const item = items.find((i) => i.id === id);
  if (!item)
    throw new CaseRuleError(
      'UNKNOWN_SUBJECT',
      `There is no such ${what} on this case.`,
    );
  return item;
}
