import { defaultCalendar } from '../calendar/calendar';
import { toIsoDate, toUtcDate } from '../dates/iso-date';
import type { Period } from './periods';
import {
  applyPeriod,
  days,
  daysBeginningWith,
  immediately,
  months,
  tribunalWorkingDays,
  weeks,
  workingDays,
} from './periods';
import { addTribunalWorkingDays, addWorkingDays } from './working-days';

/** Counting conventions of statutory-clock.md; weekdays checked with `date -ud`. */
describe('applyPeriod', () => {
  it.each<[string, Period, string]>([
    ['2026-03-02', weeks(5), '2026-04-06'], // doc: order Mon 2 Mar → 5 weeks → Mon 6 Apr
    ['2026-06-01', days(30), '2026-07-01'], // doc: informed 1 Jun → 30 days → 1 Jul
    ['2026-06-01', daysBeginningWith(15), '2026-06-15'], // doc: draft served 1 Jun → 15 days → 15 Jun
    ['2027-12-31', months(2), '2028-02-29'], // 31 Dec + 2 months → 29 Feb in a leap year
    ['2026-12-31', months(2), '2027-02-28'], // 31 Dec + 2 months → 28 Feb otherwise
    ['2025-11-30', months(3), '2026-02-28'], // 30 Nov + 3 months → 28 Feb
    ['2027-11-30', months(3), '2028-02-29'], // 30 Nov + 3 months → 29 Feb in a leap year
    ['2026-08-31', months(1), '2026-09-30'], // 31 Aug + 1 month → 30 Sep
    ['2026-01-31', months(1), '2026-02-28'], // 31 Jan + 1 month → 28 Feb
    ['2026-03-31', months(2), '2026-05-31'], // 31 Mar + 2 months: May has a 31st
    ['2026-06-05', workingDays(3), '2026-06-10'], // doc: informed Fri → 3 working days → Wed
    ['2026-06-06', workingDays(1), '2026-06-08'], // from a Saturday: Mon is the 1st working day
    ['2026-07-31', tribunalWorkingDays(1), '2026-09-01'], // Fri 31 Jul → all of August skipped → Tue 1 Sep
    ['2026-12-24', tribunalWorkingDays(1), '2027-01-04'], // Thu 24 Dec → break, weekend → Mon 4 Jan 2027
    ['2026-12-24', workingDays(1), '2026-12-29'], // ordinary working days do count 29 Dec
    ['2026-03-02', immediately, '2026-03-02'], // immediately: same day
  ])('%s + %j → %s', (start, period, expected) => {
    expect(
      toIsoDate(
        applyPeriod(toUtcDate(start), period, defaultCalendar(), 'Start').due,
      ),
    ).toBe(expected);
  });
});

describe('addWorkingDays and addTribunalWorkingDays', () => {
  it.each([
    ['2026-04-02', 1, '2026-04-07'], // Thu before Easter: Good Fri, weekend, Easter Mon → Tue
    ['2026-12-24', 2, '2026-12-30'], // Christmas Fri 25, weekend, Boxing Day substitute Mon 28 → Tue 29, Wed 30
    ['2022-06-01', 1, '2022-06-06'], // Platinum Jubilee Thu 2 + Fri 3 Jun 2022
  ])('addWorkingDays(%s, %i) → %s', (start, n, expected) => {
    expect(addWorkingDays(start, n)).toBe(expected);
  });

  it.each([
    ['2026-07-30', 2, '2026-09-01'], // Fri 31 Jul counts, then 1 Sep
    ['2025-12-23', 3, '2026-01-05'], // Wed 24 Dec, then break to 1 Jan, Fri 2 Jan, weekend, Mon 5 Jan
  ])('addTribunalWorkingDays(%s, %i) → %s', (start, n, expected) => {
    expect(addTribunalWorkingDays(start, n)).toBe(expected);
  });
});
