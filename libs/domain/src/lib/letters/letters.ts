import {
  LETTER_KINDS,
  type LetterChecklist,
  type LetterKind,
  RESPONSE_RECIPIENTS,
  type ResponseRecipient,
} from '@send/contracts';

export type { LetterKind };
import type { Calendar } from '../calendar/calendar';
import { defaultCalendar } from '../calendar/calendar';
import { ruleTitle } from '../clock/rules';
import { formatLongDate } from '../dates/iso-date';
import { effectiveHistory } from '../case/case-corrections';
import type { CaseEvent, CaseEventOf } from '../case/case-events';
import { applyCaseEvent, type CaseSnapshot } from '../case/case-snapshot';
import { type LedgerEntry, plannedDeadlines } from '../case/deadline-ledger';
import {
  DECISION_TYPE_LABELS,
  ORDER_TYPE_LABELS,
  RESPONSE_OUTCOME_LABELS,
  RESPONSE_RECIPIENT_LABELS,
  RESPONSIBLE_BODY_LABELS,
} from '../case/labels';

/**
 * Letters the law requires, made from the council's templates and the case record: a letter says
 * only what the record says, and its dates are the deadline clock's (never counted again here).
 *
 * - `decision_notice`: the notice of a decision that can be appealed (Children and Families Act 2014
 *   s.51(2)), a refusal to re-assess included, with what SEND Regulations 2014 reg 32 and the SEND
 *   Code of Practice 0–25 (2015) paras 11.41–11.46 and 11.7–11.8 require it to tell the family.
 * - `recommendation_response`: the written response of a responsible body to the Tribunal's health
 *   or social care recommendations (SEND (First-tier Tribunal Recommendations Power) Regulations 2017
 *   reg 6(2)–(3)), sent to the parent or young person (regs 6–7).
 * - `concession_notice`: the council's notice to the Tribunal that it will not oppose the appeal
 *   (SEND Regs 2014 reg 45, whose periods then run from the notice).
 * - `mediation_arranged`: the mediation the council arranged (SEND Regs 2014 regs 36–37; CFA s.53).
 * - `order_compliance`: the council's compliance with a Tribunal order (SEND Regs 2014 reg 44).
 */
export { LETTER_KINDS } from '@send/contracts';

export const LETTER_KIND_LABELS: Record<LetterKind, string> = {
  decision_notice: 'Notice of a decision',
  recommendation_response:
    'Response to the Tribunal’s health and social care recommendations',
  concession_notice: 'Notice to the Tribunal: the council will not oppose',
  mediation_arranged: 'Mediation arranged',
  order_compliance: 'Compliance with the Tribunal’s order',
};

/** The entry each kind of letter is issued with: issuing the letter records it. */
export const LETTER_EVENT_TYPES = {
  decision_notice: 'decision.issued',
  recommendation_response: 'recommendation.responded',
  concession_notice: 'appeal.decided',
  mediation_arranged: 'mediation.arranged',
  order_compliance: 'order.complied',
} as const satisfies Record<LetterKind, CaseEvent['type']>;

/** The letter kind an entry can be issued with, if any (a concession only for `conceded_before_response`). */
export function letterKindOf(event: CaseEvent): LetterKind | undefined {
  if (event.type === 'appeal.decided')
    return event.outcome === 'conceded_before_response'
      ? 'concession_notice'
      : undefined;
  return LETTER_KINDS.find((k) => LETTER_EVENT_TYPES[k] === event.type);
}

/** Who the council is and whom the family can turn to: the council's settings, not the case's. */
export interface LetterSender {
  councilName: string;
  councilAddress: string;
  /** The independent mediation adviser (CFA s.55(2); SEND Regs reg 32(c)). */
  mediationAdviser: { name: string; phone: string; email: string };
  /** The person acting for the council whom to tell that mediation is wanted (SEND Regs reg 32(f)). */
  councilMediationContact: { name: string; phone: string; email: string };
  /** The information, advice and support service (CFA s.32; Code of Practice para 11.13). */
  informationAdviceSupport: { name: string; phone: string; email: string };
  /** The disagreement resolution arrangements (CFA s.57; SEND Regs reg 53). */
  disagreementResolution: { name: string; phone: string; email: string };
  caseworkerEmail?: string;
}

/** The facts a letter is made from: the case after the entry, the entry, and the deadlines it opened. */
export interface LetterFacts {
  snapshot: CaseSnapshot;
  event: CaseEvent;
  /** The deadlines the entry opened, as the clock counted them (due date and explanation). */
  opened: readonly LedgerEntry[];
  /** The deadlines the entry met (a response to a recommendation meets its 5 weeks). */
  met: readonly LedgerEntry[];
  /** Every deadline of the case as the history stands with the entry. */
  deadlines: readonly LedgerEntry[];
}

/**
 * The case and the deadlines once `event` is the history's entry at `index` (0-based; the last one
 * when `index` is omitted): what a letter for it is made from. The deadlines are the ledger the
 * domain derives (`plannedDeadlines`), so the letter's dates are the clock's.
 */
export function letterFacts(
  history: readonly CaseEvent[],
  index = history.length - 1,
  calendar: Calendar = defaultCalendar(),
): LetterFacts {
  const upTo = history.slice(0, index + 1);
  const effective = effectiveHistory(upTo);
  const snapshot = effective.reduce<CaseSnapshot | undefined>(
    (s, e) => applyCaseEvent(s, e),
    undefined,
  );
  if (!snapshot) throw new Error('A letter needs a case that is open.');
  const ledger = [...plannedDeadlines(upTo, calendar).values()];
  return {
    snapshot,
    event: effective[index],
    opened: ledger.filter((d) => d.openedAt === index),
    met: ledger.filter((d) => d.closedAt === index && d.status === 'met'),
    deadlines: ledger,
  };
}

/** One deadline as a letter states it. */
export interface LetterDeadline {
  title: string;
  dueOn: string;
  explanation: string;
}

/** A value docxtemplater fills in: text, or a list for a `{#loop}…{/loop}`. */
export type LetterData = Record<
  string,
  string | LetterDeadline[] | Record<string, string>[]
>;

/** A deadline as a letter (and its preview) states it: its title, due date and how it was counted. */
export const letterDeadlineLine = (d: LedgerEntry): LetterDeadline => ({
  title: ruleTitle(d.ruleId),
  dueOn: formatLongDate(d.dueOn),
  explanation: d.explanation.join('; '),
});

function mustHave(
  deadlines: readonly LedgerEntry[],
  ruleId: string,
  subjectId: string,
): LedgerEntry {
  const d = deadlines.find(
    (x) => x.ruleId === ruleId && x.subjectId === subjectId,
  );
  if (!d)
    throw new Error(
      `The case has no ${ruleTitle(ruleId)} deadline for this entry.`,
    );
  return d;
}

/** The date of the letter: the entry's own date (the letter is the entry). */
export function letterDateOf(event: CaseEvent): string {
  switch (event.type) {
    case 'decision.issued':
      return event.letterSent;
    case 'recommendation.responded':
      return event.sentOn;
    case 'appeal.decided':
      return event.laNotifiedTribunalOn ?? event.decisionDate;
    case 'mediation.arranged':
      return event.arrangedOn;
    case 'order.complied':
      return event.compliedOn;
    default:
      throw new Error(`No letter is issued with ${event.type}.`);
  }
}

function wrongEntry(kind: LetterKind, event: CaseEvent): never {
  throw new Error(
    `A ${LETTER_KIND_LABELS[kind].toLowerCase()} is not issued with ${event.type}.`,
  );
}

/**
 * The placeholders of a letter of `kind` for the entry of `facts`: the same names in every kind
 * for what they share (see README, "Letters"), and the kind's own.
 */
export function letterData(
  kind: LetterKind,
  facts: LetterFacts,
  sender: LetterSender,
): LetterData {
  const { snapshot, event } = facts;
  const family = snapshot.contacts[0];
  const common: LetterData = {
    councilName: sender.councilName,
    councilAddress: sender.councilAddress,
    letterDate: formatLongDate(letterDateOf(event)),
    caseReference: snapshot.reference,
    childName: snapshot.childName,
    dateOfBirth: formatLongDate(snapshot.dateOfBirth),
    recipientName:
      family?.name ?? `The parent or carer of ${snapshot.childName}`,
    recipientRelationship: family?.relationship ?? '',
    caseworkerName: snapshot.caseworker,
    caseworkerEmail: sender.caseworkerEmail ?? '',
    caseworkerTeam: snapshot.team,
    deadlines: facts.opened.map(letterDeadlineLine),
  };
  switch (kind) {
    case 'decision_notice':
      if (event.type !== 'decision.issued') return wrongEntry(kind, event);
      return { ...common, ...decisionNotice(event, facts, sender) };
    case 'recommendation_response':
      if (event.type !== 'recommendation.responded')
        return wrongEntry(kind, event);
      return { ...common, ...recommendationResponse(event, facts) };
    case 'concession_notice':
      if (
        event.type !== 'appeal.decided' ||
        event.outcome !== 'conceded_before_response'
      )
        return wrongEntry(kind, event);
      return { ...common, ...concessionNotice(event, facts) };
    case 'mediation_arranged':
      if (event.type !== 'mediation.arranged') return wrongEntry(kind, event);
      return { ...common, ...mediationArranged(event, facts, sender) };
    case 'order_compliance':
      if (event.type !== 'order.complied') return wrongEntry(kind, event);
      return { ...common, ...orderCompliance(event, facts) };
  }
}

/** The notice of a decision: the family's time limits as the clock counted them (CFA s.55(2); HESC r.20; SEND Regs reg 33). */
function decisionNotice(
  event: CaseEventOf<'decision.issued'>,
  facts: LetterFacts,
  sender: LetterSender,
): LetterData {
  const appeal = mustHave(facts.opened, 'appeal.lodge', event.decisionId);
  const mediation = mustHave(
    facts.opened,
    'mediation.contact_adviser',
    event.decisionId,
  );
  return {
    decisionTitle: DECISION_TYPE_LABELS[event.decisionType],
    decisionDate: formatLongDate(event.decisionDate),
    sections: event.sections.join(', '),
    // The school or other institution a final or amended plan names in section I (SEND Regs 2014
    // reg 12(1)(i); the domain refuses it on any other decision): empty, and so left out of the
    // letter by the template's `{#placement}` … `{/placement}`, when the decision names none.
    placement: event.placement ?? '',
    rationale: event.rationale ?? '',
    mediationAdviserName: sender.mediationAdviser.name,
    mediationAdviserPhone: sender.mediationAdviser.phone,
    mediationAdviserEmail: sender.mediationAdviser.email,
    councilMediationContactName: sender.councilMediationContact.name,
    councilMediationContactPhone: sender.councilMediationContact.phone,
    councilMediationContactEmail: sender.councilMediationContact.email,
    mediationContactBy: formatLongDate(mediation.dueOn),
    mediationContactExplanation: mediation.explanation.join('; '),
    appealBy: formatLongDate(appeal.dueOn),
    appealExplanation: appeal.explanation.join('; '),
    iassName: sender.informationAdviceSupport.name,
    iassPhone: sender.informationAdviceSupport.phone,
    iassEmail: sender.informationAdviceSupport.email,
    disagreementResolutionName: sender.disagreementResolution.name,
    disagreementResolutionPhone: sender.disagreementResolution.phone,
    disagreementResolutionEmail: sender.disagreementResolution.email,
  };
}

/** The response to the Tribunal's recommendations (Recommendations Power Regs 2017 reg 6(3): what steps, or the reasons for not following). */
function recommendationResponse(
  event: CaseEventOf<'recommendation.responded'>,
  facts: LetterFacts,
): LetterData {
  const recommendation = facts.snapshot.recommendations.find(
    (r) => r.id === event.recommendationId,
  );
  if (!recommendation) throw new Error('The case has no such recommendation.');
  const appeal = facts.snapshot.appeals.find(
    (a) => a.id === recommendation.appealId,
  );
  const due = facts.deadlines.find(
    (d) =>
      d.ruleId === 'recommendation.response' &&
      d.subjectId === event.recommendationId,
  );
  return {
    tribunalReference: appeal?.tribunalReference ?? '',
    tribunalDecisionDate: appeal?.decisionDate
      ? formatLongDate(appeal.decisionDate)
      : '',
    responsibleBody: RESPONSIBLE_BODY_LABELS[recommendation.responsibleBody],
    recommendationSection: recommendation.section,
    recommendationText: recommendation.text,
    outcome: RESPONSE_OUTCOME_LABELS[event.outcome],
    reasons: event.reasons ?? '',
    responseDueOn: due ? formatLongDate(due.dueOn) : '',
    sentTo: recipientsByName(event, facts.snapshot).join(', '),
    // Addressed to whom the response must go, the parent or the young person (regs 6–7), by name.
    ...(event.recipient
      ? {
          recipientName:
            namesOf(event.recipient, facts.snapshot)[0] ??
            RESPONSE_RECIPIENT_LABELS[event.recipient],
        }
      : {}),
  };
}

/** The names the case records for a recipient of a response: the parents or carers among its contacts, or the young person (the child the case is about). */
function namesOf(role: ResponseRecipient, snapshot: CaseSnapshot): string[] {
  return (
    role === 'young_person'
      ? [snapshot.childName]
      : snapshot.contacts
          .filter((c) => PARENT_RELATIONSHIP.test(c.relationship))
          .map((c) => c.name)
  ).filter((n) => n.trim());
}

/** A contact recorded as a parent: anyone with parental responsibility for the child or care of them (Education Act 1996 s.576, which CFA 2014 s.83(1) applies). */
const PARENT_RELATIONSHIP =
  /parent|mother|father|mum|dad|carer|guardian|foster/i;

/**
 * Whom the response went to, by name: the response is to the parent or the young person
 * (Recommendations Power Regs 2017 regs 6–7), and the letter names them as the case records them.
 * The role the caseworker chose ("Parent", "Young person") becomes the names of the case's contacts
 * recorded as parents or carers, or the young person's own name (the child the case is about, who
 * is a young person once over compulsory school age, CFA 2014 s.83(2)); the role stays only where
 * the case records no such name. Anyone else it went to (a copy to the council's SEND team) is
 * listed as given.
 */
function recipientsByName(
  event: CaseEventOf<'recommendation.responded'>,
  snapshot: CaseSnapshot,
): string[] {
  const roleOf = (to: string) =>
    RESPONSE_RECIPIENTS.find(
      (r) =>
        RESPONSE_RECIPIENT_LABELS[r].toLowerCase() === to.trim().toLowerCase(),
    );
  const names = event.sentTo.flatMap((to) => {
    const role = roleOf(to);
    const named = role ? namesOf(role, snapshot) : [];
    return named.length ? named : [to];
  });
  return [...new Set(names)];
}

/** The concession: the orders' periods run from the notice to the Tribunal (SEND Regs reg 45). */
function concessionNotice(
  event: CaseEventOf<'appeal.decided'>,
  facts: LetterFacts,
): LetterData {
  const appeal = facts.snapshot.appeals.find((a) => a.id === event.appealId);
  return {
    tribunalReference: appeal?.tribunalReference ?? '',
    noticeDate: formatLongDate(
      event.laNotifiedTribunalOn ?? event.decisionDate,
    ),
    orders: (event.orders ?? []).map((o) => ({
      order: ORDER_TYPE_LABELS[o.orderType],
      details: o.details ?? '',
    })),
  };
}

/** Mediation arranged (SEND Regs regs 36–37: within 30 days of being told it is wanted). */
function mediationArranged(
  event: CaseEventOf<'mediation.arranged'>,
  facts: LetterFacts,
  sender: LetterSender,
): LetterData {
  const mediation = facts.snapshot.mediations.find(
    (m) => m.id === event.mediationId,
  );
  const arrange = facts.deadlines.find(
    (d) =>
      (d.ruleId === 'mediation.arrange' ||
        d.ruleId === 'mediation.arrange_health_only') &&
      d.subjectId === event.mediationId,
  );
  return {
    mediationDate: formatLongDate(event.mediationDate),
    arrangedOn: formatLongDate(event.arrangedOn),
    mediationProvider: mediation?.providerName ?? '',
    arrangeBy: arrange ? formatLongDate(arrange.dueOn) : '',
    mediationAdviserName: sender.mediationAdviser.name,
    mediationAdviserPhone: sender.mediationAdviser.phone,
  };
}

/** Compliance with one duty of an order (SEND Regs reg 44), with its due date from the clock. */
function orderCompliance(
  event: CaseEventOf<'order.complied'>,
  facts: LetterFacts,
): LetterData {
  const order = facts.snapshot.orders.find((o) => o.id === event.orderId);
  const appeal = facts.snapshot.appeals.find((a) => a.id === order?.appealId);
  const duty = facts.deadlines.find(
    (d) => d.ruleId === event.ruleId && d.subjectId === event.orderId,
  );
  return {
    tribunalReference: appeal?.tribunalReference ?? '',
    order: order ? ORDER_TYPE_LABELS[order.type] : '',
    orderDetails: order?.details ?? '',
    duty: ruleTitle(event.ruleId),
    dutyDueOn: duty ? formatLongDate(duty.dueOn) : '',
    compliedOn: formatLongDate(event.compliedOn),
    evidence: event.evidence,
  };
}

/** A part the law requires a letter of a kind to contain, and how a template shows it has it. */
export interface RequiredPart {
  id: string;
  /** In words a caseworker or administrator understands. */
  name: string;
  /** The law that requires it. */
  law: string;
  /** The placeholders the template must use (all of them). */
  placeholders: string[];
  /** Words the template's own text must contain (any of them), for statements without data. */
  words?: string[];
  /** The item of the record's letter checklist it fills. */
  checklist?: keyof LetterChecklist;
}

const DECISION_NOTICE_PARTS: RequiredPart[] = [
  {
    id: 'mediation_right',
    name: 'the right to mediation and the mediation adviser’s contact details',
    law: 'CFA 2014 ss.52–53; SEND Regs 2014 reg 32(a), (c)',
    placeholders: ['mediationAdviserName', 'mediationAdviserPhone'],
    checklist: 'mediationInformation',
  },
  {
    id: 'council_mediation_contact',
    name: 'whom at the council to tell that mediation is wanted',
    law: 'SEND Regs 2014 reg 32(e)–(f)',
    placeholders: ['councilMediationContactName'],
    checklist: 'mediationInformation',
  },
  {
    id: 'mediation_time_limit',
    name: 'the time limit for contacting the mediation adviser',
    law: 'SEND Regs 2014 regs 32(d), 33',
    placeholders: ['mediationContactBy'],
    checklist: 'timeLimits',
  },
  {
    id: 'appeal_time_limit',
    name: 'the right to appeal and its time limit',
    law: 'CFA 2014 s.51; HESC Rules 2008 r.20; SEND Code of Practice para 11.45',
    placeholders: ['appealBy'],
    checklist: 'appealRights',
  },
  {
    id: 'certificate_only',
    name: 'that appealing does not depend on mediation, only on the mediation certificate',
    law: 'CFA 2014 s.55(3)–(5); SEND Regs 2014 reg 32(b)',
    placeholders: [],
    words: ['certificate'],
    checklist: 'mediationInformation',
  },
  {
    id: 'disagreement_resolution',
    name: 'disagreement resolution arrangements',
    law: 'CFA 2014 s.57; SEND Regs 2014 reg 53; SEND Code of Practice para 11.7',
    placeholders: ['disagreementResolutionName'],
    checklist: 'disagreementResolution',
  },
  {
    id: 'iass',
    name: 'the information, advice and support service',
    law: 'CFA 2014 s.32; SEND Code of Practice paras 2.1, 11.13',
    placeholders: ['iassName'],
  },
];

/** What each kind of letter must contain (see `RequiredPart.law`). */
export const REQUIRED_PARTS: Record<LetterKind, RequiredPart[]> = {
  decision_notice: DECISION_NOTICE_PARTS,
  recommendation_response: [
    {
      id: 'outcome',
      name: 'whether the recommendation is followed',
      law: 'SEND (First-tier Tribunal Recommendations Power) Regs 2017 reg 6(3)',
      placeholders: ['outcome'],
    },
    {
      id: 'reasons',
      name: 'the reasons where it is not followed',
      law: 'SEND (First-tier Tribunal Recommendations Power) Regs 2017 reg 6(3)(b)',
      placeholders: ['reasons'],
    },
  ],
  concession_notice: [
    {
      id: 'tribunal_reference',
      name: 'the Tribunal’s reference for the appeal',
      law: 'SEND Regs 2014 reg 45',
      placeholders: ['tribunalReference'],
    },
  ],
  mediation_arranged: [
    {
      id: 'mediation_date',
      name: 'the date of the mediation',
      law: 'SEND Regs 2014 regs 36–37',
      placeholders: ['mediationDate'],
    },
  ],
  order_compliance: [
    {
      id: 'duty',
      name: 'which duty of the order was complied with, and when',
      law: 'SEND Regs 2014 reg 44',
      placeholders: ['duty', 'compliedOn'],
    },
  ],
};

/** The placeholders a template's text uses (`{name}`, `{#loop}`, `{/loop}`), by name. */
export function templatePlaceholders(templateText: string): Set<string> {
  return new Set(
    [...templateText.matchAll(/\{\s*[#/^]?\s*([A-Za-z][\w.]*)\s*\}/g)].map(
      (m) => m[1],
    ),
  );
}

/** The parts the law requires a letter of `kind` to contain that the template's text lacks. */
export function missingParts(
  kind: LetterKind,
  templateText: string,
): RequiredPart[] {
  const used = templatePlaceholders(templateText);
  const words = templateText.replace(/\{[^}]*\}/g, ' ').toLowerCase();
  return REQUIRED_PARTS[kind].filter(
    (part) =>
      part.placeholders.some((p) => !used.has(p)) ||
      (part.words !== undefined &&
        !part.words.some((w) => words.includes(w.toLowerCase()))),
  );
}

/** The record's letter checklist, filled from what the template contains (a decision notice's). */
export function letterChecklistOf(templateText: string): LetterChecklist {
  const missing = new Set(
    missingParts('decision_notice', templateText).map((p) => p.checklist),
  );
  return {
    mediationInformation: !missing.has('mediationInformation'),
    appealRights: !missing.has('appealRights'),
    timeLimits: !missing.has('timeLimits'),
    disagreementResolution: !missing.has('disagreementResolution'),
  };
}

/**
 * The example council: the letters' sender outside production for each of the council's settings
 * left unset (the demo, development, the tests), and the domain tests'. A council sets its own
 * (COUNCIL_NAME, MEDIATION_ADVISER_*, …: see README, "Letters"), which production requires.
 */
export const EXAMPLE_SENDER: LetterSender = {
  councilName: 'Example Council',
  councilAddress: 'Town Hall, High Street, Exampletown EX1 1AA',
  mediationAdviser: {
    name: 'Example Mediation Service',
    phone: '0300 000 0001',
    email: 'mediation@example.org',
  },
  councilMediationContact: {
    name: 'SEND disagreements team',
    phone: '0300 000 0002',
    email: 'send@example.gov.uk',
  },
  informationAdviceSupport: {
    name: 'Example SENDIASS',
    phone: '0300 000 0003',
    email: 'sendiass@example.org',
  },
  disagreementResolution: {
    name: 'Example Disagreement Resolution Service',
    phone: '0300 000 0004',
    email: 'resolution@example.org',
  },
};
