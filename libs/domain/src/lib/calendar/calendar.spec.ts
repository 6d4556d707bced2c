import { getDay } from 'date-fns';
import { toUtcDate } from '../dates/iso-date';
import { StatutoryClockError } from '../errors';
import { Calendar, defaultCalendar } from './calendar';
import { easterSunday } from './easter';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './england-and-wales.data';
import { regularBankHolidays } from './regular-pattern';

const SHIPPED_YEARS = [
  2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028,
];

/**
 * The published list's departures from the regular pattern, listed explicitly: everything
 * else in the shipped data must be exactly what the formula gives.
 */
const ONE_OFF_ADDED = [
  '2020-05-08',
  '2022-06-02',
  '2022-06-03',
  '2022-09-19',
  '2023-05-08',
];
const ONE_OFF_REMOVED = ['2020-05-04', '2022-05-30'];

describe('easterSunday (anonymous Gregorian algorithm)', () => {
  it.each([
    [2018, '2018-04-01'],
    [2019, '2019-04-21'],
    [2020, '2020-04-12'],
    [2021, '2021-04-04'],
    [2022, '2022-04-17'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2035, '2035-03-25'], // projected year used in the clock tests
    [2008, '2008-03-23'], // early Easter
    [2038, '2038-04-25'], // latest possible date
    [2285, '2285-03-22'], // earliest possible date
  ])('Easter %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    for (let year = 1900; year <= 2200; year++) {
      const easter = easterSunday(year);
      expect(getDay(toUtcDate(easter))).toBe(0);
      expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(
        true,
      );
    }
  });
});

describe('shipped England and Wales list (gov.uk, 2018–2028)', () => {
  const shippedDates = ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date);

  it('covers exactly 2018 to 2028, sorted, without duplicates', () => {
    expect([
      ...new Set(shippedDates.map((d) => Number(d.slice(0, 4)))),
    ]).toEqual(SHIPPED_YEARS);
    expect([...shippedDates].sort()).toEqual(shippedDates);
    expect(new Set(shippedDates).size).toBe(shippedDates.length);
  });

  it('puts no bank holiday on a Saturday or Sunday', () => {
    const weekendDays = shippedDates.filter((d) =>
      [0, 6].includes(getDay(toUtcDate(d))),
    );
    expect(weekendDays).toEqual([]);
  });

  it.each(SHIPPED_YEARS)(
    '%i matches the regular pattern apart from the listed one-off changes',
    (year) => {
      const regular = regularBankHolidays(year);
      const shipped = ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((h) =>
        h.date.startsWith(`${year}-`),
      );
      const regularDates = regular.map((h) => h.date);
      const shippedOfYear = shipped.map((h) => h.date);
      expect(shippedOfYear.filter((d) => !regularDates.includes(d))).toEqual(
        ONE_OFF_ADDED.filter((d) => d.startsWith(`${year}-`)),
      );
      expect(regularDates.filter((d) => !shippedOfYear.includes(d))).toEqual(
        ONE_OFF_REMOVED.filter((d) => d.startsWith(`${year}-`)),
      );
      // Where both have a date, they agree on its name too.
      for (const holiday of regular) {
        const published = shipped.find((h) => h.date === holiday.date);
        if (published) expect(published.title).toBe(holiday.title);
      }
    },
  );
});

describe('Calendar built from the shipped list', () => {
  const calendar = defaultCalendar();

  it.each([
    // date, title or undefined, projected
    ['2020-05-08', 'Early May bank holiday (VE day)', false], // 2020 early May moved to Friday
    ['2020-05-04', undefined, false], // ...so the first Monday of May 2020 is NOT a holiday
    ['2022-05-30', undefined, false], // 2022 spring bank holiday moved away from the last Monday
    ['2022-06-02', 'Spring bank holiday', false], // ...to Thursday 2 June
    ['2022-06-03', 'Platinum Jubilee bank holiday', false],
    [
      '2022-09-19',
      'Bank Holiday for the State Funeral of Queen Elizabeth II',
      false,
    ],
    [
      '2023-05-08',
      'Bank holiday for the coronation of King Charles III',
      false,
    ],
    ['2020-12-28', 'Boxing Day (substitute day)', false], // Boxing Day 2020 was a Saturday
    ['2021-12-27', 'Christmas Day (substitute day)', false], // Christmas 2021 Saturday
    ['2021-12-28', 'Boxing Day (substitute day)', false], // Boxing Day 2021 Sunday
    ['2022-01-03', "New Year's Day (substitute day)", false], // 1 Jan 2022 Saturday
    ['2022-12-26', 'Boxing Day', false], // Christmas 2022 Sunday: Boxing Day keeps Monday...
    ['2022-12-27', 'Christmas Day (substitute day)', false], // ...and Christmas moves to Tuesday
    ['2023-01-02', "New Year's Day (substitute day)", false], // 1 Jan 2023 Sunday
    ['2027-12-27', 'Christmas Day (substitute day)', false],
    ['2027-12-28', 'Boxing Day (substitute day)', false],
    ['2028-01-03', "New Year's Day (substitute day)", false], // 1 Jan 2028 Saturday
    ['2025-08-25', 'Summer bank holiday', false],
    ['2026-12-26', undefined, false], // Saturday: not itself a bank holiday
    ['2035-03-23', 'Good Friday', true], // Easter 2035 is 25 March: projected
    ['2035-03-26', 'Easter Monday', true],
    ['2032-12-27', 'Christmas Day (substitute day)', true], // Christmas 2032 Saturday
    ['2032-12-28', 'Boxing Day (substitute day)', true],
    ['2033-12-27', 'Christmas Day (substitute day)', true], // Christmas 2033 Sunday
    ['2033-01-03', "New Year's Day (substitute day)", true], // 1 Jan 2033 Saturday
    ['2034-01-02', "New Year's Day (substitute day)", true], // 1 Jan 2034 Sunday
    ['2017-12-25', 'Christmas Day', true], // before the published list: projected too
  ])('%s → %s (projected %s)', (date, title, projected) => {
    expect(calendar.holidayFor(date)).toEqual(
      title === undefined ? undefined : { title, projected },
    );
    expect(calendar.isBankHoliday(date)).toBe(title !== undefined);
  });

  it.each([
    ['2026-06-05', true], // Friday
    ['2026-06-06', false], // Saturday
    ['2026-06-07', false], // Sunday
    ['2026-04-03', false], // Good Friday
    ['2020-05-04', true], // the moved 2020 early May Monday is a working day
    ['2026-12-24', true], // Christmas Eve is a working day
    ['2026-08-31', false], // Summer bank holiday
  ])('isWorkingDay(%s) is %s', (date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });

  it('lists the published years', () => {
    expect(calendar.publishedYears).toEqual(SHIPPED_YEARS);
  });

  it('rejects an invalid date asked about', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(
      StatutoryClockError,
    );
  });
});

describe('Calendar built from an administrator-updated list', () => {
  it('treats a listed year as published (only its listed dates) and other years as projected', () => {
    const calendar = new Calendar([
      ...ENGLAND_AND_WALES_BANK_HOLIDAYS,
      { date: '2029-01-01', title: "New Year's Day" },
      { date: '2029-06-15', title: 'A one-off holiday' },
    ]);
    expect(calendar.holidayFor('2029-06-15')).toEqual({
      title: 'A one-off holiday',
      projected: false,
    });
    expect(calendar.holidayFor('2029-12-25')).toBeUndefined(); // 2029 is now "published": only listed dates
    expect(calendar.holidayFor('2030-12-25')).toEqual({
      title: 'Christmas Day',
      projected: true,
    });
  });

  it.each([
    [
      [{ date: '2026-2-3', title: 'x' }],
      "'2026-2-3' is not a date written YYYY-MM-DD (bank holiday 'x')",
    ],
    [
      [{ date: '2026-02-30', title: 'x' }],
      "'2026-02-30' is not a real date (bank holiday 'x')",
    ],
    [
      [
        { date: '2026-12-25', title: 'a' },
        { date: '2026-12-25', title: 'b' },
      ],
      'The bank holiday 2026-12-25 is listed twice',
    ],
  ])('rejects a bad list %j', (holidays, message) => {
    expect(() => new Calendar(holidays)).toThrow(message);
  });

  it('projects every year when built from an empty list', () => {
    const calendar = new Calendar([]);
    expect(calendar.holidayFor('2020-05-04')).toEqual({
      title: 'Early May bank holiday',
      projected: true,
    });
  });
});
