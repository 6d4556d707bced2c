import type { AppealOutcome, AppealView, CertificateKind, MediationView, ResponsibleBody } from '@send/contracts';
import { formatLongDate, invalidDateReason } from '../dates/iso-date';
import type { CaseEvent, CaseEventOf, CaseEventType } from './case-events';
import { CaseRuleError } from './case-rule-error';
import type { CaseSnapshot } from './case-snapshot';
import { APPEAL_OUTCOME_LABELS, CERTIFICATE_KIND_LABELS, DECISION_TYPE_LABELS, ORDER_TYPE_LABELS } from './case-summary';
import { dueDate } from '../clock/due-date';
import { EXTENSION_GROUNDS, ruleInfo, type RuleId } from '../clock/rules';
import { alternativeDuty, decisionsAnswering, isRuleId, orderDutyRuleIds } from './deadline-effects';
import { completeSnapshot } from './case-snapshot';
import { unusualFacts } from './unusual-facts';

/** Outcomes after which the Tribunal has decided the appeal and can have made recommendations. */
const OUTCOMES_WITH_RECOMMENDATIONS: ReadonlySet<AppealOutcome> = new Set([
  'decided_allowed',
  'decided_partly_allowed',
  'decided_dismissed',
  'referred_back',
  'consent_order',
]);

/** Who answers a recommendation on each section: health for C and G, social care for D, H1 and H2. */
const RESPONSIBLE_BODY_OF_SECTION: Readonly<Record<string, ResponsibleBody>> = {
  C: 'icb',
  G: 'icb',
  D: 'council_social_care',
  H1: 'council_social_care',
  H2: 'council_social_care',
};
const SECTION_NAMES: Readonly<Record<string, string>> = {
  C: 'health needs',
  G: 'health provision',
  D: 'social care needs',
  H1: 'social care provision under the Chronically Sick and Disabled Persons Act',
  H2: 'other social care provision',
};

/**
 * The first day a young person may appeal in their own right: the day after compulsory school
 * age ends, which is the last Friday of June of the school year (September to August) in which
 * they turn 16 (Education Act 1996 s.8; CFA 2014 s.83).
 */
export function overCompulsorySchoolAgeFrom(dateOfBirth: string): string {
  const [year, month] = dateOfBirth.split('-').map(Number) as [number, number];
  // A birthday from September falls in the school year that ends the following June.
  const juneYear = year + 16 + (month >= 9 ? 1 : 0);
  const lastFriday = lastWeekdayOfJune(juneYear, 5);
  return plusOneDay(lastFriday);
}

function lastWeekdayOfJune(year: number, weekday: number): string {
  const d = new Date(Date.UTC(year, 5, 30));
  while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function plusOneDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Outcomes that leave the council no duties: no orders, no recommendations. */
const OUTCOMES_WITHOUT_ORDERS: ReadonlySet<AppealOutcome> = new Set(['withdrawn', 'struck_out']);

const notAllowed = (message: string) => new CaseRuleError('EVENT_NOT_ALLOWED', message);
const inconsistent = (message: string) => new CaseRuleError('INCONSISTENT_FACT', message);
const unknown = (message: string) => new CaseRuleError('UNKNOWN_SUBJECT', message);

/** The date fields of each event, checked to be real dates before anything else. */
const DATE_FIELDS = {
  'case.opened': ['dateOfBirth', 'openedOn'],
  'contact.added': ['addedOn'],
  'case.reassigned': ['reassignedOn'],
  'decision.issued': ['decisionDate', 'letterSent'],
  'decision.corrected': ['decisionDate', 'letterSent'],
  'assessment.requested': ['receivedOn'],
  'assessment.agreed': ['notifiedOn'],
  'draft_plan.served': ['servedOn'],
  'draft_plan.comments_received': ['receivedOn'],
  'review.meeting_held': ['heldOn'],
  'review.amendments_proposed': ['sentOn'],
  'phase_transfer.recorded': ['transferDate', 'recordedOn'],
  'way_forward.requested': ['requestedOn'],
  'way_forward.held': ['heldOn'],
  'mediation.adviser_contacted': ['contactedOn'],
  'mediation.declined': ['adviserInformedOn'],
  'mediation.requested': ['laInformedOn'],
  'mediation.withdrawn': ['adviserInformedOn'],
  'mediation.health_notified': ['notifiedOn'],
  'mediation.arranged': ['arrangedOn', 'mediationDate'],
  'mediation.not_arranged': ['adviserInformedOn'],
  'mediation.held': ['heldOn', 'concludedOn'],
  'mediation.agreement_reached': ['agreementDate'],
  'mediation.agreement_item_completed': ['completedOn'],
  'mediation.health_response_received': ['receivedOn'],
  'certificate.issued': ['issuedOn'],
  'disagreement_resolution.referred': ['referredOn'],
  'disagreement_resolution.meeting_held': ['heldOn'],
  'disagreement_resolution.concluded': ['concludedOn'],
  'appeal.lodged': ['lodgedOn'],
  'appeal.registered': ['registeredOn', 'appealReceivedOn'],
  'appeal.response_sent': ['sentOn'],
  'appeal.hearing_listed': ['hearingDate'],
  'appeal.decided': ['decisionDate', 'orderSentOn', 'laNotifiedTribunalOn'],
  'order.complied': ['compliedOn'],
  'recommendation.responded': ['sentOn'],
  'deadline.extended': ['fromDueOn', 'toDueOn', 'extendedOn'],
  'deadline.overdue': ['dueOn', 'overdueOn'],
  'event.corrected': ['correctedOn'],
  // `attachedOn` is when the file was stored: it may be a full timestamp.
  'document.attached': [],
} as const satisfies { [T in CaseEventType]: readonly (keyof CaseEventOf<T>)[] };

/** Date fields that may lie ahead: everything else is a date on which something happened. */
const DATES_THAT_MAY_BE_AHEAD: ReadonlySet<string> = new Set(['hearingDate', 'mediationDate', 'toDueOn', 'fromDueOn', 'dueOn', 'overdueOn', 'transferDate']);

/** Each date field in a caseworker's words. */
const DATE_FIELD_WORDS: Readonly<Record<string, string>> = {
  dateOfBirth: 'date of birth',
  openedOn: 'date the case was opened',
  addedOn: 'date the contact was added',
  reassignedOn: 'date of the reassignment',
  decisionDate: 'date of the decision',
  letterSent: 'date the letter was sent',
  receivedOn: 'date it was received',
  notifiedOn: 'date of the notice',
  servedOn: 'date the draft plan was served',
  heldOn: 'date it was held',
  sentOn: 'date it was sent',
  transferDate: 'date of the transfer',
  recordedOn: 'date it was recorded',
  requestedOn: 'date it was requested',
  contactedOn: 'date the family contacted the adviser',
  adviserInformedOn: 'date the adviser was told',
  laInformedOn: 'date the council was told',
  arrangedOn: 'date it was arranged',
  mediationDate: 'date of the mediation',
  concludedOn: 'date it concluded',
  agreementDate: 'date of the agreement',
  completedOn: 'date it was done',
  issuedOn: 'date the certificate was issued',
  referredOn: 'date of the referral',
  lodgedOn: 'date the appeal was lodged',
  registeredOn: 'date the appeal was registered',
  appealReceivedOn: 'date the council received the appeal',
  hearingDate: 'hearing date',
  orderSentOn: 'date the order was sent',
  laNotifiedTribunalOn: 'date the council told the Tribunal it would not oppose the appeal',
  compliedOn: 'date the council complied',
  fromDueOn: 'current due date',
  toDueOn: 'new due date',
  extendedOn: 'date of the extension',
  dueOn: 'due date',
  overdueOn: 'date it became overdue',
  correctedOn: 'date of the correction',
};

/** A date field in words: "the date the letter was sent". */
export const dateFieldInWords = (field: string) => DATE_FIELD_WORDS[field] ?? field.replace(/([A-Z])/g, ' $1').toLowerCase();

/** What the rules need to know besides the case: today's date (Europe/London), to refuse facts dated in the future. */
export interface CheckContext {
  today?: string;
}

function checkDates(event: CaseEvent, context: CheckContext): void {
  const fields: readonly string[] = DATE_FIELDS[event.type];
  const values = event as unknown as Record<string, unknown>;
  for (const field of fields) {
    const value = values[field];
    const reason = value === undefined ? undefined : invalidDateReason(value);
    if (reason !== undefined) throw inconsistent(`Check the ${dateFieldInWords(field)}: ${reason}.`);
    if (context.today !== undefined && typeof value === 'string' && value > context.today && !DATES_THAT_MAY_BE_AHEAD.has(field)) {
      throw inconsistent(
        `The ${dateFieldInWords(field)} (${formatLongDate(value)}) is after today (${formatLongDate(context.today)}): record it once it has happened.`,
      );
    }
  }
}

/**
 * Refuses `date` when it is before `earlier` (if that is known), with a message like "The appeal
 * cannot have been lodged (Fri 20 Feb 2026) before the decision (Mon 5 Jan 2026)."
 */
function notBefore(date: string, cannotHave: string, earlier: string | undefined, earlierWhat: string): void {
  if (earlier !== undefined && date < earlier) {
    throw inconsistent(`${cannotHave} (${formatLongDate(date)}) before ${earlierWhat} (${formatLongDate(earlier)}).`);
  }
}

/** Refuses ids that are repeated in `ids` or already used by `existing`. */
function mustBeNew(ids: readonly string[], existing: readonly { id: string }[], what: string): void {
  const seen = new Set(existing.map((e) => e.id));
  for (const id of ids) {
    if (seen.has(id)) throw inconsistent(`${what} ${id} is already recorded on this case.`);
    seen.add(id);
  }
}

/**
 * The item with `id`. When the case has nothing of that kind yet, the event comes too early
 * (`EVENT_NOT_ALLOWED`: the message says what to record first); when it has others, the id is wrong
 * (`UNKNOWN_SUBJECT`).
 */
function mustFind<T extends { id: string }>(items: readonly T[], id: string, message: string): T {
  const item = items.find((i) => i.id === id);
  if (!item) throw items.length === 0 ? notAllowed(message) : unknown(message);
  return item;
}

const blank = (text: string | undefined) => !text?.trim();

const findMediation = (snapshot: CaseSnapshot, id: string) =>
  mustFind(snapshot.mediations, id, "There is no such mediation on this case: record the family's contact with the mediation adviser first.");

const findAppeal = (snapshot: CaseSnapshot, id: string, recording: string) =>
  mustFind(snapshot.appeals, id, `There is no such appeal on this case: record the appeal before recording ${recording}.`);

/** The mediation, once the family has asked for it (the council has been told). */
function requestedMediation(snapshot: CaseSnapshot, id: string, recording: string): MediationView & { laInformedOn: string } {
  const mediation = findMediation(snapshot, id);
  if (mediation.choice !== 'requested' || mediation.laInformedOn === undefined) {
    throw notAllowed(`Record that the family asked for mediation before recording ${recording}.`);
  }
  return { ...mediation, laInformedOn: mediation.laInformedOn };
}

/** An appeal that has not ended yet. */
function runningAppeal(snapshot: CaseSnapshot, id: string, recording: string): AppealView {
  const appeal = findAppeal(snapshot, id, recording);
  if (appeal.outcome) {
    throw notAllowed(`This appeal has already ended (${APPEAL_OUTCOME_LABELS[appeal.outcome]}), so ${recording} can no longer be recorded.`);
  }
  return appeal;
}

/** What each kind of certificate needs on record first, and the date it cannot precede. */
const CERTIFICATE_PRECONDITIONS: Record<
  CertificateKind,
  { fits: (m: MediationView) => boolean; first: string; after: (m: MediationView) => string | undefined; afterWhat: string }
> = {
  information_only: {
    fits: (m) => m.choice === 'declined' || m.withdrawnOn !== undefined,
    first: 'Record that the family declined mediation, or no longer wish to pursue it, before recording an information-only certificate.',
    after: (m) => m.adviserContactedOn,
    afterWhat: 'the family contacted the mediation adviser',
  },
  mediation_concluded: {
    fits: (m) => m.heldOn !== undefined,
    first: 'Record the mediation meeting before recording the certificate that mediation concluded.',
    after: (m) => m.heldOn,
    afterWhat: 'the mediation was held',
  },
  mediation_not_arranged: {
    fits: (m) => m.notArranged === true,
    first: 'Record that the council could not arrange mediation in time before recording that certificate.',
    after: (m) => m.laInformedOn,
    afterWhat: 'the council was told mediation was wanted',
  },
};

/** Which subjects of the case each family of deadline rules belongs to (first matching prefix wins). */
const RULE_SUBJECTS: readonly { prefix: string; subjects: (s: CaseSnapshot) => readonly { id: string }[] }[] = [
  { prefix: 'appeal.lodge', subjects: (s) => s.decisions },
  { prefix: 'mediation.contact_adviser', subjects: (s) => s.decisions },
  { prefix: 'mediation.', subjects: (s) => s.mediations },
  { prefix: 'agreement.health_notify_la', subjects: (s) => s.mediations },
  { prefix: 'agreement.', subjects: (s) => s.mediations.flatMap((m) => m.agreementItems) },
  { prefix: 'tribunal.', subjects: (s) => s.appeals },
  { prefix: 'order.', subjects: (s) => s.orders },
  { prefix: 'concession.', subjects: (s) => s.orders },
  { prefix: 'recommendation.', subjects: (s) => s.recommendations },
  { prefix: 'assessment.', subjects: (s) => s.assessmentRequests },
  { prefix: 'draft_plan.', subjects: (s) => s.draftPlans },
  { prefix: 'review.', subjects: (s) => s.reviews },
  { prefix: 'phase_transfer.', subjects: (s) => s.phaseTransfers },
];

/** What the corrected decision date may not come after: things that happened because of the decision. */
function eventsFollowingDecision(snapshot: CaseSnapshot, decisionId: string): { date: string; what: string }[] {
  return [
    ...snapshot.appeals.filter((a) => a.decisionId === decisionId).map((a) => ({ date: a.lodgedOn, what: `appeal ${a.tribunalReference} was lodged` })),
    ...snapshot.mediations
      .filter((m) => m.decisionId === decisionId)
      .map((m) => ({ date: m.adviserContactedOn, what: 'the family contacted the mediation adviser' })),
    ...snapshot.wayForwardMeetings
      .filter((w) => w.decisionId === decisionId)
      .map((w) => ({ date: w.requestedOn, what: 'the way forward meeting was requested' })),
  ];
}

function checkAppealDecided(snapshot: CaseSnapshot, event: CaseEventOf<'appeal.decided'>): void {
  const appeal = findAppeal(snapshot, event.appealId, 'how it ended');
  if (appeal.outcome) throw notAllowed(`How this appeal ended is already recorded (${APPEAL_OUTCOME_LABELS[appeal.outcome]}).`);
  notBefore(event.decisionDate, 'The Tribunal cannot have decided', appeal.lodgedOn, 'the appeal was lodged');
  if (event.orderSentOn !== undefined) {
    notBefore(event.orderSentOn, 'The order cannot have been sent', event.decisionDate, 'it was made');
  }
  const orders = event.orders ?? [];
  if (orders.length > 0 && OUTCOMES_WITHOUT_ORDERS.has(event.outcome)) {
    throw notAllowed('An appeal that was withdrawn or struck out ends without orders: the council has nothing to comply with.');
  }
  if (event.recommendations.length > 0) {
    if (!OUTCOMES_WITH_RECOMMENDATIONS.has(event.outcome)) {
      throw notAllowed('An appeal that was withdrawn, struck out or conceded ends without recommendations.');
    }
    for (const r of event.recommendations) {
      const body = RESPONSIBLE_BODY_OF_SECTION[r.section];
      if (body && r.responsibleBody !== body) {
        throw inconsistent(
          `A recommendation on section ${r.section} (${SECTION_NAMES[r.section]}) is answered by ${body === 'icb' ? 'the integrated care board (ICB)' : "the council's social care service"}: choose that responsible body.`,
        );
      }
    }
  }
  if (event.outcome === 'referred_back') {
    const decision = snapshot.decisions.find((d) => d.id === appeal.decisionId);
    if (decision && decision.type !== 'refuse_plan') {
      throw inconsistent(
        'Only an appeal against a refusal to issue a plan can be referred back to the council to reconsider (SEND Regs reg 43(2)(d)): record how this appeal ended.',
      );
    }
  }
  if (event.outcome === 'conceded_before_response') {
    if (event.laNotifiedTribunalOn === undefined) {
      throw inconsistent(
        'Give the date the council told the Tribunal it would not oppose the appeal: the time limits for a concession run from it.',
      );
    }
    notBefore(event.laNotifiedTribunalOn, 'The council cannot have conceded', appeal.lodgedOn, 'the appeal was lodged');
    notBefore(event.decisionDate, 'The appeal cannot have ended', event.laNotifiedTribunalOn, 'the council conceded it');
    if (appeal.responseSentOn !== undefined) {
      throw notAllowed(
        `The council's response was sent on ${formatLongDate(appeal.responseSentOn)}, so the appeal was not conceded before the response.`,
      );
    }
  }
  for (const order of orders) {
    if (order.orderType === 'reconsider' && event.outcome !== 'referred_back') {
      throw inconsistent('A duty to reconsider follows only an appeal the Tribunal referred back to the council (SEND Regs reg 44(2)(d)).');
    }
    checkAgreedDueDates(event, order);
    checkDirectedDueDates(event, order);
  }
  mustBeNew(
    orders.map((o) => o.orderId),
    snapshot.orders,
    'Order',
  );
  mustBeNew(
    event.recommendations.map((r) => r.recommendationId),
    snapshot.recommendations,
    'Recommendation',
  );
}

/** A consent order may agree shorter periods than reg 44's: only for its own duties, and only shorter. */
function checkAgreedDueDates(event: CaseEventOf<'appeal.decided'>, order: NonNullable<CaseEventOf<'appeal.decided'>['orders']>[number]): void {
  const agreed = Object.entries(order.agreedDueDates ?? {});
  if (agreed.length === 0) return;
  if (event.outcome !== 'consent_order') {
    throw inconsistent('Only a consent order can agree shorter periods: the Tribunal’s other orders take the periods of reg 44.');
  }
  const duties = orderDutyRuleIds(event.outcome, order.orderType);
  for (const [ruleId, dueOn] of agreed) {
    if (!(duties as string[]).includes(ruleId)) {
      throw inconsistent(`An order to ${ORDER_TYPE_LABELS[order.orderType].toLowerCase()} has no duty ${ruleId}: its duties are ${duties.join(' and ')}.`);
    }
    const reason = invalidDateReason(dueOn);
    if (reason !== undefined) throw inconsistent(`Check the agreed date for ${ruleId}: ${reason}.`);
    notBefore(dueOn, 'An agreed date cannot fall', event.decisionDate, 'the order');
    const statutory = dueDate(ruleId as RuleId, { orderDate: event.decisionDate }).dueOn;
    if (dueOn > statutory) {
      throw inconsistent(
        `An agreed period can only be shorter than the statutory one: ${ruleId} is due ${formatLongDate(statutory)} at the latest. A later date needs an extension under a statutory exception.`,
      );
    }
  }
}

/** Periods the Tribunal set by direction (reg 44(1): "subject to … any direction made by the First-tier Tribunal"): only for the order's own duties. */
function checkDirectedDueDates(event: CaseEventOf<'appeal.decided'>, order: NonNullable<CaseEventOf<'appeal.decided'>['orders']>[number]): void {
  const directed = Object.entries(order.directedDueDates ?? {});
  if (directed.length === 0) return;
  if (OUTCOMES_WITHOUT_ORDERS.has(event.outcome) || event.outcome === 'conceded_before_response') {
    throw inconsistent('Only the Tribunal’s orders carry periods set by its direction.');
  }
  const duties = orderDutyRuleIds(event.outcome, order.orderType);
  for (const [ruleId, dueOn] of directed) {
    if (!(duties as string[]).includes(ruleId)) {
      throw inconsistent(`An order to ${ORDER_TYPE_LABELS[order.orderType].toLowerCase()} has no duty ${ruleId}: its duties are ${duties.join(' and ')}.`);
    }
    const reason = invalidDateReason(dueOn);
    if (reason !== undefined) throw inconsistent(`Check the date the Tribunal directed for ${ruleId}: ${reason}.`);
    notBefore(dueOn, 'A directed date cannot fall', event.decisionDate, 'the order');
    if (order.agreedDueDates?.[ruleId] !== undefined) {
      throw inconsistent(`Give either the period the parties agreed or the one the Tribunal directed for ${ruleId}, not both.`);
    }
  }
}

/** The decisions recorded as answering the request, review or transfer `id`. */
function answeredBy(snapshot: CaseSnapshot, kind: string, id: string) {
  return snapshot.decisions.filter((d) => d.answers?.kind === kind && d.answers.id === id);
}

const ANSWER_WORDS: Readonly<Record<string, string>> = {
  assessment_request: 'request for an assessment',
  review: 'review',
  phase_transfer: 'phase transfer',
};

/** A decision that answers a request, review or transfer: that it exists, fits the decision, and is not answered already. */
function checkAnswer(snapshot: CaseSnapshot, event: CaseEventOf<'decision.issued'>): void {
  const answers = event.answers!;
  const what = ANSWER_WORDS[answers.kind] ?? answers.kind;
  const subjects: readonly { id: string }[] =
    answers.kind === 'assessment_request' ? snapshot.assessmentRequests : answers.kind === 'review' ? snapshot.reviews : snapshot.phaseTransfers;
  mustFind(subjects, answers.id, `There is no such ${what} on this case.`);
  const fitting = decisionsAnswering(answers.kind);
  if (!fitting.includes(event.decisionType)) {
    throw inconsistent(`A decision of this type does not answer a ${what}: the ones that do are ${fitting.map((t) => DECISION_TYPE_LABELS[t].toLowerCase()).join('; ')}.`);
  }
  const earlier = answeredBy(snapshot, answers.kind, answers.id);
  if (answers.kind === 'assessment_request') {
    const request = snapshot.assessmentRequests.find((r) => r.id === answers.id)!;
    notBefore(event.decisionDate, 'The decision cannot have been made', request.receivedOn, 'the request was received');
    const refusal = event.decisionType === 'refuse_assessment' || event.decisionType === 'refuse_reassessment';
    if (refusal && request.agreedOn !== undefined) throw notAllowed(`The council decided to assess on this request (${formatLongDate(request.agreedOn)}).`);
    if (!refusal && request.agreedOn === undefined) throw notAllowed('Record the decision to assess before the decision that follows the assessment.');
    if (earlier.length > 0) throw notAllowed(`This ${what} has already been answered.`);
  } else if (answers.kind === 'review') {
    const review = snapshot.reviews.find((r) => r.id === answers.id)!;
    notBefore(event.decisionDate, 'The decision cannot have been made', review.meetingOn, 'the review meeting');
    if (event.decisionType === 'amended_plan_content' && review.amendmentsProposedOn === undefined) {
      throw notAllowed('Record the proposed amendments (SEND Regs reg 22(2)) before the amended plan that follows them.');
    }
    if (event.decisionType !== 'amended_plan_content' && review.amendmentsProposedOn !== undefined) {
      throw notAllowed(`Amendments were proposed after this review (${formatLongDate(review.amendmentsProposedOn)}): what answers it now is the amended plan.`);
    }
    if (earlier.length > 0) throw notAllowed(`This ${what} has already been answered.`);
  } else if (earlier.length > 0) {
    throw notAllowed(`This ${what} has already been answered.`);
  }
}

function checkAgreement(snapshot: CaseSnapshot, event: CaseEventOf<'mediation.agreement_reached'>): void {
  const mediation = findMediation(snapshot, event.mediationId);
  if (mediation.heldOn === undefined) throw notAllowed('Record the mediation meeting before recording what was agreed.');
  if (mediation.agreementDate !== undefined) {
    throw notAllowed(`The agreement from this mediation is already recorded (${formatLongDate(mediation.agreementDate)}).`);
  }
  notBefore(event.agreementDate, 'The agreement cannot have been made', mediation.heldOn, 'the mediation was held');
  if (event.items.length === 0) throw inconsistent('List what was agreed: at least one item.');
  for (const item of event.items) {
    if (item.appealable && !item.orderType) {
      throw inconsistent(
        `Say what the agreed item "${item.description}" requires (assess, make a plan, amend the plan…): as a matter that could have been appealed, it takes the time limits of that order.`,
      );
    }
    if (!item.appealable && item.orderType) {
      throw inconsistent(`The agreed item "${item.description}" is not a matter that could have been appealed, so it takes no order type.`);
    }
    if (item.orderType === 'reconsider') {
      throw inconsistent(`A mediation agreement cannot refer a case back to the council: say what the agreed item "${item.description}" requires.`);
    }
    if (item.appealable && item.responsibleBody !== undefined) {
      throw inconsistent(`The agreed item "${item.description}" could have been appealed: the council does it, as if the agreement were an order (SEND Regs reg 42(2)).`);
    }
    if (item.responsibleBody === 'icb' && !mediation.healthInIssue) {
      throw inconsistent(`Health provision was not in issue in this mediation, so the ICB cannot be the one to do "${item.description}".`);
    }
    if (item.agreedDueOn !== undefined) {
      const reason = invalidDateReason(item.agreedDueOn);
      if (reason !== undefined) throw inconsistent(`Check the date agreed for "${item.description}": ${reason}.`);
      notBefore(item.agreedDueOn, 'An agreed date cannot fall', event.agreementDate, 'the agreement');
    }
  }
  mustBeNew(
    event.items.map((i) => i.itemId),
    snapshot.mediations.flatMap((m) => m.agreementItems),
    'Agreement item',
  );
}

/**
 * Whether `event` may be recorded on a case in state `snapshot`. Throws a `CaseRuleError` that
 * says what must happen first (`EVENT_NOT_ALLOWED`), which recorded fact the event contradicts
 * (`INCONSISTENT_FACT`), or that it names something the case does not have (`UNKNOWN_SUBJECT`).
 * Routes run side by side (a way forward meeting, mediation and an appeal on the same decision),
 * so nothing here makes one route wait for another.
 */
export function checkCaseEvent(stored: CaseSnapshot | undefined, event: CaseEvent, context: CheckContext = {}): void {
  const snapshot = completeSnapshot(stored);
  if (event.type === 'case.opened') {
    if (snapshot) throw notAllowed('This case is already open.');
    checkDates(event, context);
    return;
  }
  if (!snapshot) throw notAllowed('Open the case before recording anything on it.');
  checkDates(event, context);
  checkEvent(snapshot, event);
  // A fact the law does not provide for on this route: refused, unless confirmed as what happened.
  const unusual = unusualFacts(snapshot, event);
  if (unusual.length > 0 && !('confirmedUnusual' in event && event.confirmedUnusual)) {
    throw new CaseRuleError(
      'UNUSUAL_FACT',
      `${unusual.join(' ')} If this is what actually happened, confirm it (confirmedUnusual: true): it will be recorded and flagged on the case and in the reports for review.`,
    );
  }
}

function checkEvent(snapshot: CaseSnapshot, event: Exclude<CaseEvent, { type: 'case.opened' }>): void {
  switch (event.type) {
    case 'contact.added':
      mustBeNew([event.contactId], snapshot.contacts, 'Contact');
      if (blank(event.name)) throw inconsistent("Give the contact's name.");
      return;
    case 'case.reassigned':
      if (event.caseworker === snapshot.caseworker && event.team === snapshot.team) {
        throw inconsistent(`This case is already with ${event.caseworker} (${event.team}).`);
      }
      return;

    case 'decision.issued':
      mustBeNew([event.decisionId], snapshot.decisions, 'Decision');
      notBefore(event.letterSent, 'The decision letter cannot have been sent', event.decisionDate, 'the decision was made');
      if (event.answers) checkAnswer(snapshot, event);
      return;

    case 'assessment.requested':
      mustBeNew([event.requestId], snapshot.assessmentRequests, 'Request for an assessment');
      return;
    case 'assessment.agreed': {
      const request = mustFind(snapshot.assessmentRequests, event.requestId, 'There is no such request for an assessment on this case: record the request first.');
      if (request.agreedOn !== undefined) throw notAllowed(`The decision to assess is already recorded (${formatLongDate(request.agreedOn)}).`);
      if (answeredBy(snapshot, 'assessment_request', request.id).length > 0) {
        throw notAllowed('The council already decided not to assess on this request.');
      }
      notBefore(event.notifiedOn, 'The council cannot have decided to assess', request.receivedOn, 'the request was received');
      return;
    }
    case 'draft_plan.served':
      mustBeNew([event.draftId], snapshot.draftPlans, 'Draft plan');
      if (event.requestId !== undefined) {
        const request = mustFind(snapshot.assessmentRequests, event.requestId, 'There is no such request for an assessment on this case.');
        notBefore(event.servedOn, 'The draft plan cannot have been served', request.receivedOn, 'the request was received');
      }
      return;
    case 'draft_plan.comments_received': {
      const draft = mustFind(snapshot.draftPlans, event.draftId, 'There is no such draft plan on this case: record that it was served first.');
      if (draft.commentsReceivedOn !== undefined) throw notAllowed(`The family's comments are already recorded (${formatLongDate(draft.commentsReceivedOn)}).`);
      notBefore(event.receivedOn, "The family's comments cannot have been received", draft.servedOn, 'the draft plan was served');
      return;
    }
    case 'review.meeting_held':
      mustBeNew([event.reviewId], snapshot.reviews, 'Review');
      return;
    case 'review.amendments_proposed': {
      const review = mustFind(snapshot.reviews, event.reviewId, 'There is no such review on this case: record the review meeting first.');
      if (review.amendmentsProposedOn !== undefined) {
        throw notAllowed(`The proposed amendments are already recorded (${formatLongDate(review.amendmentsProposedOn)}).`);
      }
      if (answeredBy(snapshot, 'review', review.id).length > 0) throw notAllowed('The council has already decided after this review.');
      notBefore(event.sentOn, 'The proposed amendments cannot have been sent', review.meetingOn, 'the review meeting');
      return;
    }
    case 'phase_transfer.recorded':
      mustBeNew([event.transferId], snapshot.phaseTransfers, 'Phase transfer');
      return;
    case 'decision.corrected': {
      const decision = mustFind(snapshot.decisions, event.decisionId, 'There is no such decision on this case: record the decision before correcting it.');
      notBefore(event.letterSent, 'The decision letter cannot have been sent', event.decisionDate, 'the decision was made');
      if (event.decisionDate === decision.decisionDate && event.letterSent === decision.letterSent) {
        throw inconsistent('These are the dates already recorded: there is nothing to correct.');
      }
      for (const later of eventsFollowingDecision(snapshot, decision.id)) {
        if (later.date < event.decisionDate) {
          throw inconsistent(
            `The decision cannot have been made on ${formatLongDate(event.decisionDate)}: ${later.what} on ${formatLongDate(later.date)}.`,
          );
        }
      }
      return;
    }

    case 'way_forward.requested': {
      mustBeNew([event.meetingId], snapshot.wayForwardMeetings, 'Way forward meeting');
      if (event.decisionId !== undefined) {
        const decision = mustFind(snapshot.decisions, event.decisionId, 'There is no such decision on this case: record the decision first.');
        notBefore(event.requestedOn, 'The way forward meeting cannot have been requested', decision.decisionDate, 'the decision');
      }
      return;
    }
    case 'way_forward.held': {
      const meeting = mustFind(
        snapshot.wayForwardMeetings,
        event.meetingId,
        'There is no such way forward meeting on this case: record the request for it first.',
      );
      if (meeting.heldOn !== undefined) throw notAllowed(`This way forward meeting is already recorded as held (${formatLongDate(meeting.heldOn)}).`);
      notBefore(event.heldOn, 'The way forward meeting cannot have been held', meeting.requestedOn, 'it was requested');
      return;
    }

    case 'mediation.adviser_contacted': {
      const decision = mustFind(
        snapshot.decisions,
        event.decisionId,
        'There is no such decision on this case: record the decision before recording contact with the mediation adviser.',
      );
      mustBeNew([event.mediationId], snapshot.mediations, 'Mediation');
      notBefore(event.contactedOn, 'The family cannot have contacted the mediation adviser', decision.decisionDate, 'the decision');
      return;
    }
    case 'mediation.declined':
    case 'mediation.requested': {
      const mediation = findMediation(snapshot, event.mediationId);
      if (mediation.choice) {
        throw notAllowed(`The family's choice is already recorded: they ${mediation.choice === 'declined' ? 'declined' : 'asked for'} mediation.`);
      }
      const informed = event.type === 'mediation.declined' ? event.adviserInformedOn : event.laInformedOn;
      notBefore(informed, 'The family cannot have made their choice', mediation.adviserContactedOn, 'they contacted the mediation adviser');
      if (event.type === 'mediation.requested' && event.healthOnly && !mediation.healthInIssue) {
        throw inconsistent('Mediation about health care provision only needs health provision to be in issue: record that it is, or leave "health only" unticked.');
      }
      return;
    }
    case 'mediation.withdrawn': {
      const mediation = requestedMediation(snapshot, event.mediationId, 'that the family no longer wishes to pursue it');
      if (mediation.withdrawnOn !== undefined) throw notAllowed(`The family's withdrawal is already recorded (${formatLongDate(mediation.withdrawnOn)}).`);
      if (mediation.heldOn !== undefined) throw notAllowed(`This mediation already took place (${formatLongDate(mediation.heldOn)}).`);
      if (mediation.certificates.length > 0) throw notAllowed('A certificate has already been issued for this mediation.');
      notBefore(event.adviserInformedOn, 'The adviser cannot have been told', mediation.laInformedOn, 'the council was told mediation was wanted');
      return;
    }
    case 'mediation.health_notified': {
      const mediation = findMediation(snapshot, event.mediationId);
      if (!mediation.healthInIssue) {
        throw inconsistent('Health provision is not in issue in this mediation, so the integrated care board need not be told.');
      }
      const requested = requestedMediation(snapshot, event.mediationId, 'that the health commissioner was told');
      if (mediation.healthNotifiedOn !== undefined) {
        throw notAllowed(`The health commissioner was already told about this mediation (${formatLongDate(mediation.healthNotifiedOn)}).`);
      }
      notBefore(event.notifiedOn, 'The health commissioner cannot have been told', requested.laInformedOn, 'the council knew mediation was wanted');
      return;
    }
    case 'mediation.arranged': {
      const mediation = requestedMediation(snapshot, event.mediationId, 'its arrangements');
      if (mediation.heldOn !== undefined) throw notAllowed(`This mediation already took place (${formatLongDate(mediation.heldOn)}).`);
      if (mediation.withdrawnOn !== undefined) throw notAllowed('The family no longer wishes to pursue this mediation.');
      notBefore(event.arrangedOn, 'The mediation cannot have been arranged', mediation.laInformedOn, 'the council was told it was wanted');
      notBefore(event.mediationDate, 'The mediation cannot take place', event.arrangedOn, 'it was arranged');
      return;
    }
    case 'mediation.not_arranged': {
      const mediation = requestedMediation(snapshot, event.mediationId, 'that it could not be arranged');
      if (mediation.heldOn !== undefined) {
        throw inconsistent(`This mediation took place on ${formatLongDate(mediation.heldOn)}, so it cannot be recorded as not arranged.`);
      }
      if (mediation.notArranged) throw notAllowed('This mediation is already recorded as not arranged in time.');
      if (mediation.withdrawnOn !== undefined) throw notAllowed('The family no longer wishes to pursue this mediation.');
      notBefore(event.adviserInformedOn, 'The adviser cannot have been told', mediation.laInformedOn, 'the council was told mediation was wanted');
      return;
    }
    case 'mediation.held': {
      const mediation = requestedMediation(snapshot, event.mediationId, 'the mediation meeting');
      if (mediation.heldOn !== undefined) throw notAllowed(`This mediation is already recorded as held (${formatLongDate(mediation.heldOn)}).`);
      if (mediation.withdrawnOn !== undefined) throw notAllowed('The family no longer wishes to pursue this mediation: it cannot have been held.');
      if (event.participants?.some((p) => blank(p))) throw inconsistent('Give each participant a name.');
      notBefore(event.heldOn, 'The mediation cannot have been held', mediation.laInformedOn, 'the council was told it was wanted');
      notBefore(event.concludedOn, 'The mediation cannot have concluded', event.heldOn, 'it was held');
      return;
    }
    case 'mediation.agreement_reached':
      checkAgreement(snapshot, event);
      return;
    case 'mediation.agreement_item_completed': {
      const mediation = findMediation(snapshot, event.mediationId);
      const item = mustFind(mediation.agreementItems, event.itemId, 'There is no such item in the agreement from this mediation.');
      if (item.completedOn !== undefined) throw notAllowed(`This agreed item is already recorded as done (${formatLongDate(item.completedOn)}).`);
      notBefore(event.completedOn, 'The agreed item cannot have been done', mediation.agreementDate, 'the agreement was made');
      if (blank(event.evidence)) throw inconsistent('Say what shows the agreed item was done (the evidence).');
      return;
    }
    case 'mediation.health_response_received': {
      const mediation = findMediation(snapshot, event.mediationId);
      if (mediation.agreementDate === undefined) throw notAllowed('Record the mediation agreement before the ICB’s notice of it.');
      if (!mediation.healthOnly) {
        throw inconsistent('The council took part in this mediation, so the ICB need not notify it of the agreement (SEND Regs reg 42(4) applies only where the council was not a party).');
      }
      if (mediation.healthResponseReceivedOn !== undefined) {
        throw notAllowed(`The ICB’s response is already recorded (${formatLongDate(mediation.healthResponseReceivedOn)}).`);
      }
      notBefore(event.receivedOn, 'The ICB’s response cannot have been received', mediation.agreementDate, 'the agreement was made');
      return;
    }
    case 'certificate.issued': {
      const mediation = findMediation(snapshot, event.mediationId);
      const kind = CERTIFICATE_PRECONDITIONS[event.kind];
      if (!kind.fits(mediation)) throw notAllowed(kind.first);
      if (mediation.certificates.some((c) => c.kind === event.kind)) {
        throw notAllowed(`A certificate of this kind (${CERTIFICATE_KIND_LABELS[event.kind].toLowerCase()}) is already recorded for this mediation.`);
      }
      mustBeNew([event.certificateId], snapshot.mediations.flatMap((m) => m.certificates), 'Certificate');
      notBefore(event.issuedOn, 'The certificate cannot have been issued', kind.after(mediation), kind.afterWhat);
      return;
    }

    case 'disagreement_resolution.referred':
      mustBeNew([event.resolutionId], snapshot.disagreementResolutions, 'Disagreement resolution');
      if (blank(event.subject)) throw inconsistent('Say what the disagreement is about.');
      return;
    case 'disagreement_resolution.meeting_held':
    case 'disagreement_resolution.concluded': {
      const resolution = mustFind(
        snapshot.disagreementResolutions,
        event.resolutionId,
        'There is no such disagreement resolution on this case: record the referral first.',
      );
      if (resolution.concludedOn !== undefined) {
        throw notAllowed(`This disagreement resolution already concluded (${formatLongDate(resolution.concludedOn)}).`);
      }
      const on = event.type === 'disagreement_resolution.meeting_held' ? event.heldOn : event.concludedOn;
      notBefore(on, 'This cannot have happened', resolution.referredOn, 'the referral to disagreement resolution');
      if (event.type === 'disagreement_resolution.concluded') {
        notBefore(on, 'The disagreement resolution cannot have concluded', [...resolution.meetings].sort().at(-1), 'its last meeting');
      }
      return;
    }

    case 'appeal.lodged': {
      const decision = mustFind(
        snapshot.decisions,
        event.decisionId,
        'There is no such decision on this case: record the decision being appealed before recording the appeal.',
      );
      if (snapshot.appeals.some((a) => a.tribunalReference === event.tribunalReference)) {
        throw inconsistent(`An appeal with Tribunal reference ${event.tribunalReference} is already recorded on this case.`);
      }
      mustBeNew([event.appealId], snapshot.appeals, 'Appeal');
      notBefore(event.lodgedOn, 'The appeal cannot have been lodged', decision.decisionDate, 'the decision');
      const running = snapshot.appeals.find((a) => a.decisionId === decision.id && a.outcome === undefined);
      if (running) {
        throw notAllowed(`Appeal ${running.tribunalReference} against this decision is still running: record how it ended before recording another.`);
      }
      if (event.appellant === 'young_person') {
        const from = overCompulsorySchoolAgeFrom(snapshot.dateOfBirth);
        if (event.lodgedOn < from) {
          throw inconsistent(
            `${snapshot.childName} is under compulsory school age until ${formatLongDate(from)}: before then the parent brings the appeal. Record the parent as the appellant.`,
          );
        }
      }
      return;
    }
    case 'appeal.registered': {
      const appeal = runningAppeal(snapshot, event.appealId, 'its registration');
      if (appeal.registeredOn !== undefined) throw notAllowed(`This appeal is already recorded as registered (${formatLongDate(appeal.registeredOn)}).`);
      notBefore(event.registeredOn, 'The appeal cannot have been registered', appeal.lodgedOn, 'it was lodged');
      notBefore(event.appealReceivedOn, 'The council cannot have received the appeal', event.registeredOn, 'the Tribunal registered it');
      return;
    }
    case 'appeal.response_sent': {
      const appeal = runningAppeal(snapshot, event.appealId, "the council's response");
      if (appeal.appealReceivedOn === undefined) {
        throw notAllowed("Record that the Tribunal registered the appeal and sent it to the council before recording the council's response.");
      }
      if (appeal.responseSentOn !== undefined) throw notAllowed(`The council's response is already recorded (${formatLongDate(appeal.responseSentOn)}).`);
      notBefore(event.sentOn, "The council's response cannot have been sent", appeal.appealReceivedOn, 'the council received the appeal');
      return;
    }
    case 'appeal.hearing_listed': {
      const appeal = runningAppeal(snapshot, event.appealId, 'its hearing');
      notBefore(event.hearingDate, 'The hearing cannot be', appeal.registeredOn ?? appeal.lodgedOn, appeal.registeredOn ? 'the appeal was registered' : 'the appeal was lodged');
      return;
    }
    case 'appeal.decided':
      checkAppealDecided(snapshot, event);
      return;
    case 'order.complied': {
      const order = mustFind(snapshot.orders, event.orderId, "There is no such order on this case: record the Tribunal's decision that made it first.");
      const duty = order.duties.find((d) => d.ruleId === event.ruleId);
      if (!duty) {
        throw inconsistent(`This order does not impose ${event.ruleId}: its duties are ${order.duties.map((d) => d.ruleId).join(' and ')}.`);
      }
      if (duty.compliedOn !== undefined) throw notAllowed(`Compliance with this duty is already recorded (${formatLongDate(duty.compliedOn)}).`);
      const alternative = alternativeDuty(event.ruleId);
      const done = alternative && order.duties.find((d) => d.ruleId === alternative.ruleId && d.compliedOn !== undefined);
      if (done?.compliedOn) {
        // Why the duty done makes this one moot, in the words of its own alternative.
        const why = alternativeDuty(done.ruleId)?.reason ?? 'Its alternative was done';
        throw notAllowed(`${why} (${formatLongDate(done.compliedOn)}), so this duty no longer applies.`);
      }
      const appeal = snapshot.appeals.find((a) => a.id === order.appealId);
      const conceded = appeal?.outcome === 'conceded_before_response';
      notBefore(
        event.compliedOn,
        'The council cannot have complied',
        conceded ? appeal.laNotifiedTribunalOn : appeal?.decisionDate,
        conceded ? 'it conceded the appeal' : 'the order was made',
      );
      if (blank(event.evidence)) throw inconsistent('Say what shows the council complied (the evidence).');
      return;
    }
    case 'recommendation.responded': {
      const recommendation = mustFind(snapshot.recommendations, event.recommendationId, 'There is no such recommendation on this case.');
      if (recommendation.response) throw notAllowed('A response to this recommendation is already recorded.');
      if (event.outcome !== 'followed' && blank(event.reasons)) {
        throw inconsistent('Give the reasons for not following the recommendation, in full or in part.');
      }
      if (event.recipient === undefined) {
        throw inconsistent(
          'Say whether the response was sent to the parent or to the young person: it must go to them (Recommendations Power Regs 2017 regs 6–7); others may be copied.',
        );
      }
      const appeal = snapshot.appeals.find((a) => a.id === recommendation.appealId);
      notBefore(event.sentOn, 'The response cannot have been sent', appeal?.decisionDate, "the Tribunal's decision");
      return;
    }

    case 'deadline.extended': {
      if (!isRuleId(event.ruleId)) throw inconsistent(`There is no deadline rule called ${event.ruleId}.`);
      const subjects = RULE_SUBJECTS.find((r) => event.ruleId.startsWith(r.prefix))?.subjects(snapshot) ?? [];
      if (!subjects.some((s) => s.id === event.subjectId)) throw unknown(`This case has no ${event.ruleId} deadline for that subject.`);
      if (event.toDueOn <= event.fromDueOn) {
        throw inconsistent(`An extension must give a later due date than ${formatLongDate(event.fromDueOn)}.`);
      }
      const rule = ruleInfo(event.ruleId);
      if (!rule?.extension) {
        throw notAllowed(
          `This time limit (${rule?.title ?? event.ruleId}, ${rule?.source ?? 'the law'}) has no statutory exception, so it cannot be extended: record what happened when it happens; if it is late, it will show as late.`,
        );
      }
      if (event.ground === undefined || !rule.extension.grounds.includes(event.ground)) {
        const grounds = rule.extension.grounds.map((g) => `${g} (${EXTENSION_GROUNDS[g].charAt(0).toLowerCase()}${EXTENSION_GROUNDS[g].slice(1)})`);
        throw inconsistent(
          `${event.ground === undefined ? 'Say which statutory exception applies.' : 'That exception does not apply to this time limit.'} ${rule.extension.source} allows: ${grounds.join('; ')}.`,
        );
      }
      if (blank(event.reason)) throw inconsistent('Give the reason for the extension: what happened that makes the exception apply.');
      if (blank(event.agreedBy)) throw inconsistent('Say who agreed the extension.');
      return;
    }
    case 'deadline.overdue':
      return;
    case 'event.corrected':
      // Checked against the whole history, corrections applied: see `correctionOf` and `checkHistory`.
      return;
    case 'document.attached':
      mustBeNew([event.documentId], snapshot.documents, 'Document');
      if (!Number.isInteger(event.eventSequence) || event.eventSequence < 1) {
        throw inconsistent('A document must belong to an event of the case history.');
      }
      return;
  }
}
