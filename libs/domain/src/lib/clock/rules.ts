import type { ExtensionGroundId } from '@send/contracts';
import type { Period, PeriodKind } from './periods';
import {
  byDayOfYear,
  days,
  daysBeginningWith,
  describePeriod,
  immediately,
  months,
  tribunalWorkingDays,
  weeks,
  workingDays,
} from './periods';

/** Every stored deadline keeps the version of the rules that computed it. */
export const RULESET_VERSION = '2026.1';

/**
 * The duties a Tribunal order can impose (SEND Regs reg 44(2)). The same suffixes and periods
 * serve three families of rules:
 * - `order.<suffix>`: from the date of the order (reg 44);
 * - `concession.<suffix>`: from the date the council told the Tribunal it would not oppose the
 *   appeal (reg 45, as substituted by SI 2015/359);
 * - `agreement.appealable_matters.<suffix>`: from the date of a mediation agreement on a matter
 *   that could have been appealed, "as if the agreement were an order" (reg 42(2)). The table's
 *   bare id `agreement.appealable_matters` names no period by itself, so it is not a rule: the
 *   caller picks the duty the agreement creates, e.g. `agreement.appealable_matters.amend_plan`.
 */
const ORDER_DUTIES = {
  'assess.notify': {
    period: weeks(2),
    duty: 'notify that an EHC needs assessment will be made',
    paragraph: 'reg 44(2)(b)',
  },
  'assess.no_plan_decision': {
    period: weeks(10),
    duty: 'notify a decision not to issue an EHC plan',
    paragraph: 'reg 44(2)(b)(i)',
  },
  'assess.final_plan': {
    period: weeks(14),
    duty: 'issue the final EHC plan after the assessment',
    paragraph: 'reg 44(2)(b)(ii)',
  },
  'make_plan.draft': {
    period: weeks(5),
    duty: 'issue the draft EHC plan',
    paragraph: 'reg 44(2)(c)',
  },
  'make_plan.final': {
    period: weeks(11),
    duty: 'issue the final EHC plan',
    paragraph: 'reg 44(2)(c)',
  },
  amend_plan: {
    period: weeks(5),
    duty: 'issue the amended EHC plan',
    paragraph: 'reg 44(2)(e)',
  },
  name_school_only: {
    period: weeks(2),
    duty: 'issue the plan naming the school or placement',
    paragraph: 'reg 44(2)(f)',
  },
  continue_to_maintain: {
    period: immediately,
    duty: 'continue to maintain the EHC plan',
    paragraph: 'reg 44',
  },
  cease: {
    period: immediately,
    duty: 'cease to maintain the EHC plan',
    paragraph: 'reg 44(2)(a)',
  },
  // Only after a hearing: the Tribunal refers the case back to the council (reg 43(2)(d)).
  reconsider: {
    period: weeks(2),
    duty: 'reconsider the case the Tribunal referred back',
    paragraph: 'reg 44(2)(d)',
  },
} as const satisfies Record<
  string,
  { period: Period; duty: string; paragraph: string }
>;

export type OrderSuffix = keyof typeof ORDER_DUTIES;
export const ORDER_SUFFIXES = Object.keys(
  ORDER_DUTIES,
) as readonly OrderSuffix[];

/**
 * Why a time limit may be extended: the statutory exceptions. A rule declares which apply to it
 * (`extension` below); an extension on any other ground, or of a rule with none, is refused.
 */
export const EXTENSION_GROUNDS = {
  exceptional_personal_circumstances:
    'Exceptional personal circumstances affect the child or their parent, or the young person',
  absent_from_area_2_weeks:
    'The child or their parent, or the young person, is absent from the area for a continuous period of at least 2 weeks',
  absent_from_area_4_weeks:
    'The child or their parent, or the young person, is absent from the area for a continuous period of at least 4 weeks',
  late_representations:
    'The parent or young person wishes to make representations about the content of the plan after the 15 days for doing so',
  school_closure:
    'The council asked a school or college for advice in the week before it closed for at least 4 weeks',
  tribunal_extended_time: 'The Tribunal directed that the time be extended',
} as const satisfies Record<ExtensionGroundId, string>;
export type ExtensionGround = ExtensionGroundId;

/** The exceptions a rule allows, and where the law gives them. */
export interface ExtensionRule {
  readonly grounds: readonly ExtensionGround[];
  readonly source: string;
}

/** SEND Regs reg 44(3) (and, through reg 42(2) and reg 45, the agreement and concession periods). */
const ORDER_EXCEPTIONS = [
  'exceptional_personal_circumstances',
  'absent_from_area_2_weeks',
  'late_representations',
] as const;
/** SEND Regs regs 5(4), 10(4), 13(3): the assessment and plan time limits. */
const ASSESSMENT_EXCEPTIONS = [
  'school_closure',
  'exceptional_personal_circumstances',
  'absent_from_area_4_weeks',
] as const;
/** HESC Rules r.5(3)(a): the Tribunal may extend the time for complying with any rule. */
const TRIBUNAL_EXTENDS: ExtensionRule = {
  grounds: ['tribunal_extended_time'],
  source: 'HESC Rules r.5(3)(a)',
};

/** The three families that share the order periods: id prefix, start fact, title, source and exceptions. */
const ORDER_FAMILIES = [
  {
    prefix: 'order',
    fact: 'orderDate',
    title: 'Tribunal order',
    source: (p: string) => `SEND Regs ${p}`,
    suffixes: undefined,
    extension: { grounds: ORDER_EXCEPTIONS, source: 'SEND Regs reg 44(3)' },
  },
  {
    prefix: 'concession',
    fact: 'laNotifiedTribunal',
    title: 'Appeal conceded',
    source: (p: string) =>
      `SEND Regs reg 45 (as substituted 2015), periods of ${p}`,
    suffixes: ['reconsider'],
    extension: { grounds: ORDER_EXCEPTIONS, source: 'SEND Regs reg 45(7)' },
  },
  {
    prefix: 'agreement.appealable_matters',
    fact: 'agreementDate',
    title: 'Mediation agreement',
    source: (p: string) => `SEND Regs reg 42(2), periods of ${p}`,
    suffixes: ['reconsider'],
    extension: {
      grounds: ORDER_EXCEPTIONS,
      source: 'SEND Regs reg 42(2) with reg 44(3)',
    },
  },
] as const satisfies readonly {
  prefix: string;
  fact: string;
  title: string;
  source: (p: string) => string;
  /** Suffixes this family does not have. */
  suffixes: readonly string[] | undefined;
  extension: ExtensionRule;
}[];

type OrderFamily = (typeof ORDER_FAMILIES)[number]['prefix'];
/** The duties that exist only as Tribunal orders (no concession or agreement equivalent). */
type OrderOnlySuffix = 'reconsider';

/** Rules with one start fact and one period, straight from the table in statutory-clock.md. */
const SINGLE_PERIOD_RULES = [
  {
    id: 'mediation.contact_adviser',
    fact: 'decisionLetterSent',
    period: months(2),
    title: 'Contact the mediation adviser',
    source: 'SEND Regs reg 33',
  },
  {
    id: 'mediation.certificate_declined',
    fact: 'adviserInformed',
    period: workingDays(3),
    title: 'Issue the certificate: mediation declined or not pursued',
    source: 'SEND Regs reg 34',
  },
  {
    id: 'mediation.notify_health',
    fact: 'laInformed',
    period: workingDays(3),
    title: 'Tell the health commissioner about the mediation',
    source: 'SEND Regs reg 35',
  },
  {
    id: 'mediation.arrange',
    fact: 'laInformed',
    period: days(30),
    title: 'Arrange the mediation',
    source: 'SEND Regs regs 36–37',
  },
  {
    id: 'mediation.arrange_health_only',
    fact: 'healthCommissionerInformed',
    period: days(30),
    title: 'Arrange the mediation about health care provision only (the ICB)',
    source: 'SEND Regs reg 35',
  },
  {
    id: 'mediation.certificate_not_arranged',
    fact: 'adviserInformed',
    period: workingDays(3),
    title: 'Issue the certificate: mediation not arranged in time',
    source: 'SEND Regs reg 37',
  },
  {
    id: 'mediation.certificate_concluded',
    fact: 'mediationConcluded',
    period: workingDays(3),
    title: 'Issue the certificate: mediation concluded',
    source: 'SEND Regs reg 39',
  },
  {
    id: 'agreement.other_matters',
    fact: 'agreementDate',
    period: weeks(2),
    title: 'Mediation agreement: do what was agreed on other matters',
    source: 'SEND Regs reg 42(3)',
  },
  {
    id: 'agreement.health_notify_la',
    fact: 'agreementDate',
    period: weeks(1),
    title:
      'Mediation agreement: the ICB tells the council of the agreement (the council was not a party)',
    source: 'SEND Regs reg 42(4)',
  },
  {
    id: 'tribunal.la_response',
    fact: 'appealReceived',
    period: tribunalWorkingDays(30),
    title: "Send the council's response to the appeal",
    source: 'HESC Rules r.21, r.12',
    extension: TRIBUNAL_EXTENDS,
  },
  {
    id: 'recommendation.response',
    fact: 'tribunalDecision',
    period: weeks(5),
    title: 'Respond to the health and social care recommendations',
    source: 'Recommendations Power Regs 2017 regs 6–7',
  },
  {
    id: 'assessment.decide',
    fact: 'requestReceived',
    period: weeks(6),
    title: 'Decide whether to carry out an EHC needs assessment',
    source: 'SEND Regs reg 5(1)',
    extension: { grounds: ASSESSMENT_EXCEPTIONS, source: 'SEND Regs reg 5(4)' },
  },
  {
    id: 'assessment.no_plan_decision',
    fact: 'requestReceived',
    period: weeks(16),
    title: 'Notify a decision not to issue an EHC plan',
    source: 'SEND Regs reg 10(1)',
    extension: {
      grounds: ASSESSMENT_EXCEPTIONS,
      source: 'SEND Regs reg 10(4)',
    },
  },
  {
    id: 'assessment.final_plan',
    fact: 'requestReceived',
    period: weeks(20),
    title: 'Issue the final EHC plan',
    source: 'SEND Regs reg 13(2)',
    extension: {
      grounds: ASSESSMENT_EXCEPTIONS,
      source: 'SEND Regs reg 13(3)',
    },
  },
  {
    id: 'draft_plan.comments',
    fact: 'draftServed',
    period: daysBeginningWith(15),
    title: 'Parent or young person comments on the draft plan',
    source: 'SEND Regs reg 13(1)',
  },
  {
    id: 'review.decision',
    fact: 'reviewMeeting',
    period: weeks(4),
    title: 'Decide after the annual review',
    source: 'SEND Regs reg 20(10)',
  },
  {
    id: 'review.final_amended_plan',
    fact: 'proposedAmendmentsSent',
    period: weeks(8),
    title: 'Issue the final amended EHC plan',
    source: 'SEND Regs reg 22(3)',
  },
  {
    id: 'phase_transfer.school',
    fact: 'transferDate',
    period: byDayOfYear(2, 15),
    title:
      'Review and amend the plan before a transfer between phases of education',
    source: 'SEND Regs reg 18(1)',
  },
  {
    id: 'phase_transfer.post16',
    fact: 'transferDate',
    period: byDayOfYear(3, 31),
    title:
      'Review and amend the plan before a transfer from secondary school to a post-16 institution',
    source: 'SEND Regs reg 18(1)',
  },
] as const satisfies readonly SinglePeriodRule[];

/** Every rule id in the table of statutory-clock.md. */
export type RuleId =
  | 'appeal.lodge'
  | (typeof SINGLE_PERIOD_RULES)[number]['id']
  | `order.${OrderSuffix}`
  | `${Exclude<OrderFamily, 'order'>}.${Exclude<OrderSuffix, OrderOnlySuffix>}`;

/** How a rule counts: a period kind, or the appeal's "later of, then moved" (HESC r.20(1)(c), r.12). */
export type CountingKind = PeriodKind | 'appeal';

/** What the API and web app can show about a rule. */
export interface RuleInfo {
  readonly id: RuleId;
  /** Short plain-English title. */
  readonly title: string;
  readonly requiredFacts: readonly string[];
  readonly optionalFacts: readonly string[];
  /** The period in words, e.g. "5 weeks", "3 working days". */
  readonly period: string;
  readonly counting: CountingKind;
  /** Where the law sets it, e.g. "SEND Regs reg 34". */
  readonly source: string;
  /** The statutory exceptions under which it may be extended; none: it may not be. */
  readonly extension?: ExtensionRule;
}

/** A rule with one start fact and one period. */
export interface SinglePeriodRule {
  readonly id: string;
  readonly fact: string;
  readonly period: Period;
  readonly title: string;
  readonly source: string;
  readonly extension?: ExtensionRule;
}

/** The appeal deadline: the later of letter + 2 months and certificate + 1 month, then moved under r.12. */
export const APPEAL_LODGE = {
  id: 'appeal.lodge',
  letterFact: 'decisionLetterSent',
  letterPeriod: months(2),
  certificateFact: 'certificateIssued',
  certificatePeriod: months(1),
  title: 'Last day to lodge an appeal with the SEND Tribunal',
  source: 'HESC Rules r.20(1)(c), r.12',
  // r.20(4) lets the Tribunal admit a late notice of appeal, extending the time under r.5(3)(a).
  extension: {
    grounds: ['tribunal_extended_time'],
    source: 'HESC Rules r.5(3)(a), r.20(4)',
  } satisfies ExtensionRule,
} as const;

/** All single-period rules, the order-based families expanded from ORDER_DUTIES. */
export const SINGLE_PERIOD_RULE_TABLE: ReadonlyMap<
  RuleId,
  SinglePeriodRule & { readonly id: RuleId }
> = new Map(
  [
    ...SINGLE_PERIOD_RULES,
    ...ORDER_FAMILIES.flatMap((family) =>
      ORDER_SUFFIXES.filter(
        (suffix) =>
          !(family.suffixes as readonly string[] | undefined)?.includes(suffix),
      ).map((suffix) => {
        const { period, duty, paragraph } = ORDER_DUTIES[suffix];
        return {
          id: `${family.prefix}.${suffix}` as RuleId,
          fact: family.fact,
          period,
          title: `${family.title}: ${duty}`,
          source: family.source(paragraph),
          // A duty to be done immediately has no time limit to extend.
          ...(period.kind === 'immediately'
            ? {}
            : { extension: family.extension }),
        };
      }),
    ),
  ].map((rule) => [rule.id, rule]),
);

/** Metadata for every rule, for listing in the API and web app. */
export const RULES: readonly RuleInfo[] = [
  {
    id: APPEAL_LODGE.id,
    title: APPEAL_LODGE.title,
    requiredFacts: [APPEAL_LODGE.letterFact],
    optionalFacts: [APPEAL_LODGE.certificateFact],
    period: `${describePeriod(APPEAL_LODGE.letterPeriod)} after the decision letter or ${describePeriod(APPEAL_LODGE.certificatePeriod)} after the mediation certificate, whichever is later; moved off non-working days, 25 Dec to 1 Jan and August`,
    counting: 'appeal',
    source: APPEAL_LODGE.source,
    extension: APPEAL_LODGE.extension,
  },
  ...[...SINGLE_PERIOD_RULE_TABLE.values()].map((rule) => ({
    id: rule.id,
    title: rule.title,
    requiredFacts: [rule.fact],
    optionalFacts: [],
    period: describePeriod(rule.period),
    counting: rule.period.kind,
    source: rule.source,
    ...(rule.extension ? { extension: rule.extension } : {}),
  })),
];

const RULE_BY_ID: ReadonlyMap<string, RuleInfo> = new Map(
  RULES.map((rule) => [rule.id, rule]),
);

/** The rule's metadata, or undefined for an id that is not a rule. */
export function ruleInfo(ruleId: string): RuleInfo | undefined {
  return RULE_BY_ID.get(ruleId);
}

/** The rule's title in plain words, or the id itself when it is not a rule of the clock. */
export function ruleTitle(ruleId: string): string {
  return RULE_BY_ID.get(ruleId)?.title ?? ruleId;
}

/** Every rule id, in the order of RULES. */
export const RULE_IDS: readonly RuleId[] = RULES.map((rule) => rule.id);

/** Plain-English names of the facts rules start from, for explanations and forms. */
export const FACT_LABELS: Readonly<Record<string, string>> = {
  decisionLetterSent: 'Decision letter sent',
  certificateIssued: 'Mediation certificate issued',
  adviserInformed: 'Mediation adviser informed',
  laInformed: 'Council informed',
  mediationConcluded: 'Mediation concluded',
  agreementDate: 'Mediation agreement made',
  appealReceived: 'Appeal received by the council',
  orderDate: 'Tribunal order made',
  laNotifiedTribunal: 'Council told the Tribunal it will not oppose the appeal',
  tribunalDecision: 'Tribunal decision',
  requestReceived: 'Request for an assessment received',
  draftServed: 'Draft plan served',
  reviewMeeting: 'Review meeting held',
  proposedAmendmentsSent: 'Proposed amendments sent',
  healthCommissionerInformed:
    'Health commissioner (ICB) told of the mediation issues',
  transferDate: 'Transfer between phases of education',
};
