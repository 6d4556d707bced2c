import { UTCDate } from '@date-fns/utc';
import { addDays, getMonth, getYear, isAfter, isSameDay } from 'date-fns';
import type { Calendar } from '../calendar/calendar';
import { formatLongDate } from '../dates/iso-date';
import { applyPeriod } from './periods';
import { APPEAL_LODGE, FACT_LABELS } from './rules';
import type { SkippedDay } from './working-days';
import { describeReason, describeSkipped, firstCountedDayFrom, isInAugust, isInChristmasBreak, nonWorkingReason } from './working-days';

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
  const byLetter = applyPeriod(letterSent, APPEAL_LODGE.letterPeriod, calendar, startText('letterFact', letterSent));
  const lines = [...byLetter.lines];
  let later = byLetter.due;
  if (certificateIssued === undefined) {
    lines.push('No mediation certificate is recorded, so the 2 months after the letter apply');
  } else {
    const byCertificate = applyPeriod(certificateIssued, APPEAL_LODGE.certificatePeriod, calendar, startText('certificateFact', certificateIssued));
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
 * HESC Rules r.12(2) and (3): a deadline on a day that is not a working day moves to the next
 * working day; one falling from 25 December to 1 January moves to the first working day after
 * 1 January; one falling in August moves to the first working day after 31 August. The moves
 * repeat until the day is a working day outside both periods (e.g. Sat 24 Dec → the next working
 * day is in the Christmas period → first working day after 1 Jan), giving the family the benefit.
 */
export function moveUnderRule12(deadline: Date, calendar: Calendar): { due: Date; lines: string[] } {
  const lines: string[] = [];
  let day = deadline;
  for (;;) {
    const move = nextMove(day, calendar);
    if (move === undefined) break;
    const { day: target, skipped } = firstCountedDayFrom(move.from, calendar, 'working');
    lines.push(`${formatLongDate(day)} ${move.because}, so the deadline moves to ${move.to}: ${formatLongDate(target)} (${RULE_12})`);
    lines.push(...describeSkipped(bankHolidaysOnly(skipped), 'a working day'));
    day = target;
  }
  if (isSameDay(day, deadline)) {
    lines.push(`${formatLongDate(day)} is a working day outside 25 Dec to 1 Jan and August, so it does not move (${RULE_12})`);
  }
  return { due: day, lines };
}

/** Which r.12 move applies to `day`, if any: where the search for a working day starts, and why. */
function nextMove(day: Date, calendar: Calendar): { from: Date; to: string; because: string } | undefined {
  if (isInChristmasBreak(day)) {
    const newYear = getMonth(day) === 0 ? getYear(day) : getYear(day) + 1;
    return { from: new UTCDate(newYear, 0, 2), to: 'the first working day after 1 Jan', because: 'falls between 25 Dec and 1 Jan' };
  }
  if (isInAugust(day)) {
    return { from: new UTCDate(getYear(day), 8, 1), to: 'the first working day after 31 Aug', because: 'falls in August' };
  }
  const reason = nonWorkingReason(day, calendar, 'working');
  if (reason === undefined) return undefined;
  return { from: addDays(day, 1), to: 'the next working day', because: `is ${describeReason(reason, day)}, not a working day` };
}

/** Weekends are plain from the weekday names; bank holidays passed over are worth saying. */
function bankHolidaysOnly(skipped: readonly SkippedDay[]): SkippedDay[] {
  return skipped.filter(({ reason }) => reason.kind === 'bank_holiday');
}

function startText(fact: 'letterFact' | 'certificateFact', date: Date): string {
  return `${FACT_LABELS[APPEAL_LODGE[fact]]} ${formatLongDate(date)}`;
}
