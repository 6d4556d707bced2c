import { formatLongDate, invalidDateReason } from '../dates/iso-date';
import type { CaseEvent } from './case-events';
import { CaseRuleError } from './case-rule-error';
import { type CaseSnapshot, completeSnapshot } from './case-snapshot';
import { handlerOf } from './events/registry';
import { unusualFacts } from './unusual-facts';

export { overCompulsorySchoolAgeFrom } from './events/appeal';

/**
 * The rules: whether an event may be recorded on a case. What is common to every event is here
 * (the case must be open, dates must be real dates and not ahead of today, unusual facts need
 * confirming); each event type's own checks are in its family's file under `events/` (decision,
 * mediation, appeal, …), found through `HANDLERS`.
 */

const notAllowed = (message: string) =>
  new CaseRuleError('EVENT_NOT_ALLOWED', message);
const inconsistent = (message: string) =>
  new CaseRuleError('INCONSISTENT_FACT', message);

/** Date fields that may lie ahead: everything else is a date on which something happened. */
const DATES_THAT_MAY_BE_AHEAD: ReadonlySet<string> = new Set([
  'hearingDate',
  'mediationDate',
  'toDueOn',
  'fromDueOn',
  'dueOn',
  'overdueOn',
  'transferDate',
]);

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
  laNotifiedTribunalOn:
    'date the council told the Tribunal it would not oppose the appeal',
  compliedOn: 'date the council complied',
  fromDueOn: 'current due date',
  toDueOn: 'new due date',
  extendedOn: 'date of the extension',
  dueOn: 'due date',
  overdueOn: 'date it became overdue',
  correctedOn: 'date of the correction',
};

/** A date field in words: "the date the letter was sent". */
export const dateFieldInWords = (field: string) =>
  DATE_FIELD_WORDS[field] ?? field.replace(/([A-Z])/g, ' $1').toLowerCase();

/** What the rules need to know besides the case: today's date (Europe/London), to refuse facts dated in the future. */
export interface CheckContext {
  today?: string;
}

function checkDates(event: CaseEvent, context: CheckContext): void {
  const fields = handlerOf(event).dates as readonly string[];
  const values = event as unknown as Record<string, unknown>;
  for (const field of fields) {
    const value = values[field];
    const reason = value === undefined ? undefined : invalidDateReason(value);
    if (reason !== undefined)
      throw inconsistent(`Check the ${dateFieldInWords(field)}: ${reason}.`);
    if (
      context.today !== undefined &&
      typeof value === 'string' &&
      value > context.today &&
      !DATES_THAT_MAY_BE_AHEAD.has(field)
    ) {
      throw inconsistent(
        `The ${dateFieldInWords(field)} (${formatLongDate(value)}) is after today (${formatLongDate(context.today)}): record it once it has happened.`,
      );
    }
  }
}

/**
 * Whether `event` may be recorded on a case in state `snapshot`. Throws a `CaseRuleError` that
 * says what must happen first (`EVENT_NOT_ALLOWED`), which recorded fact the event contradicts
 * (`INCONSISTENT_FACT`), or that it names something the case does not have (`UNKNOWN_SUBJECT`).
 * Routes run side by side (a way forward meeting, mediation and an appeal on the same decision),
 * so nothing here makes one route wait for another.
 */
export function checkCaseEvent(
  stored: CaseSnapshot | undefined,
  event: CaseEvent,
  context: CheckContext = {},
): void {
  const snapshot = completeSnapshot(stored);
  if (event.type === 'case.opened') {
    if (snapshot) throw notAllowed('This case is already open.');
    checkDates(event, context);
    return;
  }
  if (!snapshot)
    throw notAllowed('Open the case before recording anything on it.');
  checkDates(event, context);
  handlerOf(event).check(snapshot, event);
  // A fact the law does not provide for on this route: refused, unless confirmed as what happened.
  const unusual = unusualFacts(snapshot, event);
  if (
    unusual.length > 0 &&
    !('confirmedUnusual' in event && event.confirmedUnusual)
  ) {
    throw new CaseRuleError(
      'UNUSUAL_FACT',
      `${unusual.join(' ')} If this is what actually happened, confirm it (confirmedUnusual: true): it will be recorded and flagged on the case and in the reports for review.`,
    );
  }
}
