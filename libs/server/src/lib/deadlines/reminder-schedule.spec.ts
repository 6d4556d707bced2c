import { defaultCalendar } from '@send/domain';
import { missedReminder, nextAction, parseReminderPoints, reminderInstant, remindersOn, workingDaysBefore } from './reminder-schedule';

const settings = { points: parseReminderPoints('10,5,1,0,overdue'), time: '08:00', calendar: defaultCalendar() };
const council = (dueOn: string, status: 'open' | 'overdue' = 'open') => ({ dueOn, status, dutyHolder: 'council' as const });

describe('reminder schedule', () => {
  it.each([
    // [due on, working days before, expected] — Good Friday 3 Apr and Easter Monday 6 Apr 2026 are bank holidays
    ['2026-03-20', 5, '2026-03-13'],
    ['2026-03-20', 1, '2026-03-19'],
    ['2026-04-08', 1, '2026-04-07'],
    ['2026-04-08', 2, '2026-04-02'],
    ['2026-03-21', 0, '2026-03-20'], // due on a Saturday: "on the day" is the Friday before
    ['2026-03-20', 10, '2026-03-06'],
  ])('due %s, %i working days before is %s', (dueOn, days, expected) => {
    expect(workingDaysBefore(dueOn, days, defaultCalendar())).toBe(expected);
  });

  it('sends at 08:00 London time, GMT and BST alike', () => {
    expect(reminderInstant('2026-03-02', '08:00').toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect(reminderInstant('2026-06-01', '08:00').toISOString()).toBe('2026-06-01T07:00:00.000Z');
  });

  it('names the reminders of a day, escalating only when overdue', () => {
    expect(remindersOn(council('2026-03-20'), '2026-03-13', settings)).toEqual([{ point: 'before-5', date: '2026-03-13', escalate: false }]);
    expect(remindersOn(council('2026-03-20'), '2026-03-20', settings)).toEqual([{ point: 'due', date: '2026-03-20', escalate: false }]);
    expect(remindersOn(council('2026-03-20', 'overdue'), '2026-03-23', settings)).toEqual([
      { point: 'overdue', date: '2026-03-23', escalate: true },
    ]);
    expect(remindersOn(council('2026-03-20', 'overdue'), '2026-03-22', settings)).toEqual([]); // Sunday
    expect(remindersOn({ ...council('2026-03-20'), dutyHolder: 'family' }, '2026-03-13', settings)).toEqual([]);
  });

  it('times the next action: a missed reminder of today still counts, then strictly after now', () => {
    const d = council('2026-03-20');
    expect(nextAction(d, '2026-03-13', settings)?.toISOString()).toBe('2026-03-13T08:00:00.000Z');
    expect(nextAction(d, '2026-03-13', settings, new Date('2026-03-13T08:00:00Z'))?.toISOString()).toBe('2026-03-19T08:00:00.000Z');
    expect(nextAction(d, '2026-03-20', settings, new Date('2026-03-20T08:00:00Z'))?.toISOString()).toBe('2026-03-21T00:00:00.000Z');
    const overdue = council('2026-03-20', 'overdue');
    expect(nextAction(overdue, '2026-03-21', settings, new Date('2026-03-21T00:00:00Z'))?.toISOString()).toBe('2026-03-23T08:00:00.000Z');
  });

  it('gives a family deadline only its overdue marking, then nothing', () => {
    const family = { dueOn: '2026-03-20', status: 'open' as const, dutyHolder: 'family' as const };
    expect(nextAction(family, '2026-03-02', settings)?.toISOString()).toBe('2026-03-21T00:00:00.000Z');
    expect(nextAction({ ...family, status: 'overdue' }, '2026-03-23', settings)).toBeNull();
  });

  describe('a reminder missed while the worker was down', () => {
    // Due Fri 20 Mar 2026: 10 before = Fri 6 Mar, 5 before = Fri 13 Mar, 1 before = Thu 19 Mar, on the day = Fri 20 Mar.
    const d = council('2026-03-20');

    it('is the latest point before today, sent late and worded as such', () => {
      expect(missedReminder(d, '2026-03-16', settings)).toEqual({ point: 'before-5', date: '2026-03-13', escalate: false, late: true });
      expect(missedReminder(d, '2026-03-09', settings)).toEqual({ point: 'before-10', date: '2026-03-06', escalate: false, late: true });
    });

    it('is superseded by a point of today, and there is none before the first point', () => {
      expect(missedReminder(d, '2026-03-13', settings)).toBeNull();
      expect(missedReminder(d, '2026-03-19', settings)).toBeNull();
      expect(missedReminder(d, '2026-03-05', settings)).toBeNull();
    });

    it('gives way to the overdue reminders once the deadline has passed, and never reminds for family duties', () => {
      expect(missedReminder(council('2026-03-20', 'overdue'), '2026-03-23', settings)).toBeNull();
      expect(missedReminder(d, '2026-03-21', settings)).toBeNull();
      expect(missedReminder({ ...d, dutyHolder: 'family' }, '2026-03-16', settings)).toBeNull();
    });
  });
});
