import { UTCDate } from '@date-fns/utc';
import { addDays, getMonth, getYear, isAfter, isSameDay } from 'date-fns';
import type { Calendar } from '../calendar/calendar';
import { formatLongDate } from '../dates/iso-date';
import { applyPeriod } from './periods';
import { APPEAL_LODGE, FACT_LABELS } from './rules';
import type { SkippedDay } from './working-days';
import {
  describeReason,
  describeSkipped,
  firstCountedDayFrom,
  isInAugust,
  isInChristmasBreak,
  nonWorkingReason,
} from './working-days';

const RULE_12 = 'HESC Rules r.12';

/**
 * The last day to lodge an appeal (HESC Rules r.20(1)(c)): 2 months after the decision letter
 * was sent or 1 month after the mediation certificate was issued, whichever is later; then
 * moved under r.12 (see `moveUnderRule12`).
 */
export function appealLodgeDue(
  letterSent: Date,
  certificateIssued: Date | undefined,
  calendar: Calendar,
): { due: Date; lines: string[] } {
  const byLetter = applyPeriod(
    letterSent,
    APPEAL_LODGE.letterPeriod,
    calendar,
    startText('letterFact', letterSent),
  );
  const lines = [...byLetter.lines];
  let later = byLetter.due;
  if (certificateIssued === undefined) {
    lines.push(
      'No mediation certificate is recorded, so the 2 months after the letter apply',
    );
  } else {
    const byCertificate = applyPeriod(
      certificateIssued,
      APPEAL_LODGE.certificatePeriod,
      calendar,
      startText('certificateFact', certificateIssued),
    );
    lines.push(...byCertificate.lines);
    if (isAfter(byCertificate.due, later)) later = byCertificate.due;
    lines.push(
      isSameDay(byCertificate.due, byLetter.due)
        ? `Both give ${formatLongDate(later)}`
        : `The later is ${formatLongDate(later)}`,
    );
  }
  const moved = moveUnderRule12(later, calendar);
  return { due: moved.due, lines: [...lines, ...moved.lines] };
}

/**
 * HESC Rules r.12: exactly one move, chosen by the day on which the time *ends* (the later of the
 * two periods, before any move), never repeated:
 * - r.12(3)(a): a time for starting proceedings that ends on a day from 25 December to 1 January
 *   inclusive, or on any day in August, is met on the first working day after 1 January, or after
 *   31 August;
 * - otherwise r.12(2): a time that ends on a day that is not a working day is met on the next
 *   working day.
 * The moves do not chain: a time ending on Sat 31 Jul is met on Mon 2 Aug (r.12(2)), not in
 * September, because it did not *end* in August; one ending on Sun 24 Dec is met on the next
 * working day after the Christmas and Boxing Day holidays, not in January.
 */
export function moveUnderRule12(
  deadline: Date,
  calendar: Calendar,
): { due: Date; lines: string[] } {
  const move = rule12Move(deadline, calendar);
  if (move === undefined) {
    return {
      due: deadline,
      lines: [
        `${formatLongDate(deadline)} is a working day outside 25 Dec to 1 Jan and August, so it does not move (${RULE_12})`,
      ],
    };
  }
  const { day: target, skipped } = firstCountedDayFrom(
    move.from,
    calendar,
    'working',
  );
  return {
    due: target,
    lines: [
      `${formatLongDate(deadline)} ${move.because}, so the deadline moves to ${move.to}: ${formatLongDate(target)} (${move.rule})`,
      ...describeSkipped(bankHolidaysOnly(skipped), 'a working day'),
    ],
  };
}

/** The one r.12 move for a time that ends on `day`, if any: where the search for a working day starts, and why. */
function rule12Move(
  day: Date,
  calendar: Calendar,
): { from: Date; to: string; because: string; rule: string } | undefined {
  if (isInChristmasBreak(day)) {
    const newYear = getMonth(day) === 0 ? getYear(day) : getYear(day) + 1;
    return {
      from: new UTCDate(newYear, 0, 2),
      to: 'the first working day after 1 Jan',
      because: 'falls between 25 Dec and 1 Jan',
      rule: `${RULE_12}(3)(a)`,
    };
  }
  if (isInAugust(day)) {
    return {
      from: new UTCDate(getYear(day), 8, 1),
      to: 'the first working day after 31 Aug',
      because: 'falls in August',
      rule: `${RULE_12}(3)(a)`,
    };
  }
  const reason = nonWorkingReason(day, calendar, 'working');
  if (reason === undefined) return undefined;
  return {
    from: addDays(day, 1),
    to: 'the next working day',
    because: `is ${describeReason(reason, day)}, not a working day`,
    rule: `${RULE_12}(2)`,
  };
}

/** Weekends are plain from the weekday names; bank holidays passed over are worth saying. */
function bankHolidaysOnly(skipped: readonly SkippedDay[]): SkippedDay[] {
  return skipped.filter(({ reason }) => reason.kind === 'bank_holiday');
}

function startText(fact: 'letterFact' | 'certificateFact', date: Date): string {
  return `${FACT_LABELS[APPEAL_LODGE[fact]]} ${formatLongDate(date)}`;
}
