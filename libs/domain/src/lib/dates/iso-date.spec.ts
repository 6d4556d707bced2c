import { formatLongDate, isValidIsoDate } from './iso-date';

describe('isValidIsoDate', () => {
  it.each([
    ['2026-10-01', true],
    ['2024-02-29', true], // leap day
    ['2028-02-29', true], // leap day
    ['2026-02-29', false], // 2026 is not a leap year
    ['2026-02-30', false], // no such day
    ['2026-13-01', false], // no such month
    ['2026-00-10', false],
    ['2026-2-3', false], // must be zero-padded
    ['2026-10-01T00:00:00Z', false], // a timestamp, not a date
    ['', false],
    ['0000-01-01', false], // outside the supported years
    [20261001, false], // not a string
    [null, false],
    [undefined, false],
  ])('%j → %s', (value, expected) => {
    expect(isValidIsoDate(value)).toBe(expected);
  });
});

describe('formatLongDate', () => {
  it.each([
    ['2026-10-01', 'Thu 1 Oct 2026'],
    ['2027-01-04', 'Mon 4 Jan 2027'],
    ['2028-02-29', 'Tue 29 Feb 2028'],
    ['2026-03-29', 'Sun 29 Mar 2026'], // the day the clocks go forward: still the same date
    ['2026-10-25', 'Sun 25 Oct 2026'], // the day the clocks go back
  ])('%s → %s', (date, expected) => {
    expect(formatLongDate(date)).toBe(expected);
  });
});
