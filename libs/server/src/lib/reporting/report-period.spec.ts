import {
  percentOnTime,
  reportPeriod,
  ReportPeriodError,
  weekEnding,
} from './report-period';

describe('reportPeriod', () => {
  it('defaults to the twelve months up to and including this one', () => {
    const p = reportPeriod('2026-03-02');
    expect(p).toMatchObject({
      from: '2025-04',
      to: '2026-03',
      firstDay: '2025-04-01',
      lastDay: '2026-03-31',
    });
    expect(p.months).toHaveLength(12);
    expect(p.months[0]).toBe('2025-04');
    expect(p.months[11]).toBe('2026-03');
  });

  it('takes the months given, across a year end, ending on the last day of the last month', () => {
    expect(reportPeriod('2026-03-02', '2025-11', '2026-02')).toEqual({
      from: '2025-11',
      to: '2026-02',
      firstDay: '2025-11-01',
      lastDay: '2026-02-28',
      months: ['2025-11', '2025-12', '2026-01', '2026-02'],
    });
    expect(reportPeriod('2028-03-02', '2028-02', '2028-02').lastDay).toBe(
      '2028-02-29',
    );
  });

  it('runs to this month when only the start is given, and twelve months back when only the end is', () => {
    expect(reportPeriod('2026-03-02', '2026-01')).toMatchObject({
      from: '2026-01',
      to: '2026-03',
    });
    expect(reportPeriod('2026-03-02', undefined, '2025-12')).toMatchObject({
      from: '2025-01',
      to: '2025-12',
    });
  });

  it('refuses a period that runs backwards or is longer than five years', () => {
    expect(() => reportPeriod('2026-03-02', '2026-02', '2026-01')).toThrow(
      ReportPeriodError,
    );
    expect(() => reportPeriod('2026-03-02', '2020-01', '2026-01')).toThrow(
      /at most 60 months/,
    );
    expect(
      reportPeriod('2026-03-02', '2021-02', '2026-01').months,
    ).toHaveLength(60);
  });
});

describe('weekEnding', () => {
  it.each([
    ['2026-03-02', '2026-03-08'], // Monday
    ['2026-03-07', '2026-03-08'], // Saturday
    ['2026-03-08', '2026-03-08'], // Sunday: the week ends today
    ['2026-12-30', '2027-01-03'], // across a year end
  ])('%s → %s', (today, sunday) => expect(weekEnding(today)).toBe(sunday));
});

describe('percentOnTime', () => {
  it('is the share met on time of the deadlines whose outcome is known, rounded', () => {
    expect(percentOnTime({ metOnTime: 2, metLate: 1, missed: 0 })).toBe(67);
    expect(percentOnTime({ metOnTime: 0, metLate: 0, missed: 3 })).toBe(0);
    expect(percentOnTime({ metOnTime: 0, metLate: 0, missed: 0 })).toBeNull();
  });
});
