import type { Calendar } from '../calendar/calendar';
import { defaultCalendar } from '../calendar/calendar';
import type { IsoDate } from '../dates/iso-date';
import {
  formatLongDate,
  invalidDateReason,
  toIsoDate,
  toUtcDate,
} from '../dates/iso-date';
import { StatutoryClockError } from '../errors';
import { appealLodgeDue } from './appeal-lodge';
import { applyPeriod } from './periods';
import type { RuleId } from './rules';
import { APPEAL_LODGE, FACT_LABELS, SINGLE_PERIOD_RULE_TABLE } from './rules';
import { describeReason, nonWorkingReason } from './working-days';

/** The dates recorded on the case, by fact name (`decisionLetterSent: '2026-10-01'`). */
export type Facts = Readonly<Record<string, string | undefined>>;

/** A computed deadline and the steps that gave it, in words a caseworker can check. */
export interface DueDateResult {
  readonly dueOn: IsoDate;
  /** The computation line by line; the last line gives the due date and its source. */
  readonly explanation: string[];
}

/**
 * The statutory deadline for `rule` from the dates recorded on the case.
 * Pure: no clock, no I/O; the bank-holiday calendar defaults to the shipped England and Wales list.
 * Facts not used by the rule are ignored; an optional fact may be absent or `undefined`.
 *
 * @throws StatutoryClockError `UNKNOWN_RULE`, `MISSING_FACT` or `INVALID_DATE`.
 */
export function dueDate(
  rule: RuleId,
  facts: Facts,
  calendar: Calendar = defaultCalendar(),
): DueDateResult {
  // Pure in the rule, the facts and the calendar, and asked again for every deadline of a case at
  // each of its writes: counted once on each calendar (`Calendar.counted`), and frozen, so that what
  // is kept cannot be changed by a caller.
  return calendar.counted(`${rule} ${JSON.stringify(facts)}`, () => {
    const counted = countDueDate(rule, facts, calendar);
    Object.freeze(counted.explanation);
    return Object.freeze(counted);
  });
}

function countDueDate(
  rule: RuleId,
  facts: Facts,
  calendar: Calendar,
): DueDateResult {
  if (rule === APPEAL_LODGE.id) {
    const letter = readFact(facts, APPEAL_LODGE.letterFact, rule, true);
    const certificate = readFact(
      facts,
      APPEAL_LODGE.certificateFact,
      rule,
      false,
    );
    const { due, lines } = appealLodgeDue(letter, certificate, calendar);
    return result(due, lines, APPEAL_LODGE.source);
  }
  const definition = SINGLE_PERIOD_RULE_TABLE.get(rule);
  if (definition === undefined) throw unknownRule(rule);
  const start = readFact(facts, definition.fact, rule, true);
  const startText = `${FACT_LABELS[definition.fact] ?? definition.fact} ${formatLongDate(start)}`;
  const { due, lines } = applyPeriod(
    start,
    definition.period,
    calendar,
    startText,
  );
  return result(
    due,
    [...lines, ...staysPutNote(due, calendar)],
    definition.source,
  );
}

function result(due: Date, lines: string[], source: string): DueDateResult {
  return {
    dueOn: toIsoDate(due),
    explanation: [...lines, `Due ${formatLongDate(due)} (${source})`],
  };
}

/**
 * Only the appeal deadline moves off non-working days (HESC r.12). Deadlines in the SEND
 * Regulations and the Recommendations Power Regulations do not, so say so when one lands on one.
 */
function staysPutNote(due: Date, calendar: Calendar): string[] {
  const reason = nonWorkingReason(due, calendar, 'working');
  return reason === undefined
    ? []
    : [
        `${formatLongDate(due)} is ${describeReason(reason, due)}, but this deadline does not move: only the appeal deadline moves off non-working days`,
      ];
}

function readFact(
  facts: Facts,
  fact: string,
  rule: string,
  required: true,
): Date;
function readFact(
  facts: Facts,
  fact: string,
  rule: string,
  required: false,
): Date | undefined;
function readFact(
  facts: Facts,
  fact: string,
  rule: string,
  required: boolean,
): Date | undefined {
  const value: unknown = (
    facts as Record<string, unknown> | null | undefined
  )?.[fact];
  if (value === undefined || value === null) {
    if (!required) return undefined;
    throw new StatutoryClockError(
      'MISSING_FACT',
      `The fact '${fact}' is required for rule ${rule}`,
      rule,
      fact,
    );
  }
  const reason = invalidDateReason(value);
  if (reason !== undefined) {
    throw new StatutoryClockError(
      'INVALID_DATE',
      `${reason} (fact ${fact})`,
      rule,
      fact,
    );
  }
  return toUtcDate(value as string);
}

function unknownRule(rule: unknown): StatutoryClockError {
  const id = String(rule);
  const hint =
    id === 'agreement.appealable_matters' ||
    id === 'order' ||
    id === 'concession'
      ? `: name the duty too, e.g. ${id}.amend_plan`
      : '';
  return new StatutoryClockError(
    'UNKNOWN_RULE',
    `'${id}' is not a known rule${hint}`,
    id,
  );
}
