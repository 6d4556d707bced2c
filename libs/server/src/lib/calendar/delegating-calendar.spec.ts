import { Calendar, ENGLAND_AND_WALES_BANK_HOLIDAYS } from '@send/domain';
import { delegatingCalendar } from './delegating-calendar';

describe('delegatingCalendar', () => {
  it('answers as the current calendar, whichever it is at the time of the call', () => {
    let current = new Calendar(ENGLAND_AND_WALES_BANK_HOLIDAYS);
    const calendar = delegatingCalendar(() => current);
    expect(calendar).toBeInstanceOf(Calendar);
    expect(calendar.isWorkingDay('2026-03-03')).toBe(true);
    expect(calendar.isWorkingDay('2026-12-25')).toBe(false);
    expect(calendar.publishedYears).toContain(2026);

    current = new Calendar([
      ...ENGLAND_AND_WALES_BANK_HOLIDAYS,
      { date: '2026-03-03', title: 'An extra bank holiday' },
    ]);
    expect(calendar.isWorkingDay('2026-03-03')).toBe(false);
    expect(calendar.holidayFor('2026-03-03')).toEqual({
      title: 'An extra bank holiday',
      projected: false,
    });
    // Methods taken off it keep working (they are bound to the current calendar).
    const { isBankHoliday } = calendar;
    expect(isBankHoliday('2026-03-03')).toBe(true);
  });
});
