import { defaultCalendar } from '@send/domain';
import {
  digestDateAt,
  isLive,
  nextDigestAt,
  overdueMarkingAt,
  parseReminderPoints,
  planDeadline,
  reminderInstant,
  type TimedDeadline,
  workingDaysBefore,
} from './reminder-schedule';

const calendar = defaultCalendar();
const settings = {
  points: parseReminderPoints('10,5,1,0'),
  time: '08:00',
  calendar,
};
const at = (iso: string) => new Date(iso);
/** A council deadline recorded long before its first reminder point. */
const council = (
  dueOn: string,
  extra: Partial<TimedDeadline> = {},
): TimedDeadline => ({
  dueOn,
  status: 'open',
  dutyHolder: 'council',
  timingFrom: at('2026-01-05T10:00:00Z'),
  ...extra,
});
const iso = (d: Date | null) => d?.toISOString() ?? null;

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
    expect(workingDaysBefore(dueOn, days, calendar)).toBe(expected);
  });

  it('sends at 08:00 London time, GMT and BST alike', () => {
    expect(reminderInstant('2026-03-02', '08:00').toISOString()).toBe(
      '2026-03-02T08:00:00.000Z',
    );
    expect(reminderInstant('2026-06-01', '08:00').toISOString()).toBe(
      '2026-06-01T07:00:00.000Z',
    );
  });

  it('reads REMINDER_POINTS, ignoring the old "overdue" point (overdue deadlines are in the daily digest)', () => {
    expect(parseReminderPoints('10,5,1,0,overdue')).toEqual([10, 5, 1, 0]);
    expect(parseReminderPoints(' 1, 5,1 ')).toEqual([5, 1]);
  });

  it('only open and overdue deadlines are live (met, cancelled and missed are closed)', () => {
    expect(
      ['open', 'overdue', 'met', 'cancelled', 'missed'].filter(isLive),
    ).toEqual(['open', 'overdue']);
  });

  describe('a deadline recorded well before it falls due (due Fri 20 Mar 2026)', () => {
    const d = council('2026-03-20');

    it('waits for its first reminder point', () => {
      expect(planDeadline(d, at('2026-03-02T09:00:00Z'), settings)).toEqual({
        markOverdue: false,
        reminders: [],
        next: at('2026-03-06T08:00:00Z'),
      });
    });

    it('reminds at each point and times the next one', () => {
      expect(planDeadline(d, at('2026-03-13T08:00:00Z'), settings)).toEqual({
        markOverdue: false,
        reminders: [{ point: 'before-5', date: '2026-03-13', late: false }],
        next: at('2026-03-19T08:00:00Z'),
      });
      expect(planDeadline(d, at('2026-03-20T08:00:00Z'), settings)).toEqual({
        markOverdue: false,
        reminders: [{ point: 'due', date: '2026-03-20', late: false }],
        next: at('2026-03-21T00:00:00Z'), // 00:00 London the day after: the overdue marking
      });
    });

    it('is marked overdue at 00:00 London the day after its due date, and then has no action of its own', () => {
      expect(
        planDeadline(d, at('2026-03-20T23:59:59Z'), settings).markOverdue,
      ).toBe(false);
      expect(planDeadline(d, at('2026-03-21T00:00:00Z'), settings)).toEqual({
        markOverdue: true,
        reminders: [],
        next: null,
      });
      expect(
        planDeadline(
          { ...d, status: 'overdue' },
          at('2026-03-23T08:00:00Z'),
          settings,
        ),
      ).toEqual({ markOverdue: false, reminders: [], next: null });
    });

    it('in summer time too: due Fri 19 Jun 2026 is overdue from 23:00 UTC that day', () => {
      expect(
        overdueMarkingAt(council('2026-06-19'), calendar).toISOString(),
      ).toBe('2026-06-19T23:00:00.000Z');
    });
  });

  describe('a reminder point missed while the worker was down', () => {
    // Due Fri 20 Mar 2026: 10 before = Fri 6 Mar, 5 before = Fri 13 Mar, 1 before = Thu 19 Mar, on the day = Fri 20 Mar.
    const d = council('2026-03-20');

    it('is sent late, once: the latest point reached, worded as late', () => {
      expect(planDeadline(d, at('2026-03-16T10:00:00Z'), settings)).toEqual({
        markOverdue: false,
        reminders: [{ point: 'before-5', date: '2026-03-13', late: true }],
        next: at('2026-03-19T08:00:00Z'),
      });
      expect(
        planDeadline(d, at('2026-03-09T10:00:00Z'), settings).reminders,
      ).toEqual([{ point: 'before-10', date: '2026-03-06', late: true }]);
    });

    it("gives way to a point of today, before or after that point's time", () => {
      expect(planDeadline(d, at('2026-03-19T07:00:00Z'), settings)).toEqual({
        markOverdue: false,
        reminders: [],
        next: at('2026-03-19T08:00:00Z'),
      });
      expect(
        planDeadline(d, at('2026-03-19T09:00:00Z'), settings).reminders,
      ).toEqual([{ point: 'before-1', date: '2026-03-19', late: false }]);
    });

    it('is not sent once the due date has passed: the deadline is marked overdue instead', () => {
      expect(planDeadline(d, at('2026-03-23T09:00:00Z'), settings)).toEqual({
        markOverdue: true,
        reminders: [],
        next: null,
      });
    });
  });

  describe('a deadline recorded after the fact (timing_from)', () => {
    it('never sends a reminder point from before it was recorded', () => {
      // Recorded Mon 16 Mar 2026 10:00 (after the 10- and 5-day points): the next is 1 before (Thu 19 Mar).
      const d = council('2026-03-20', {
        timingFrom: at('2026-03-16T10:00:00Z'),
      });
      expect(planDeadline(d, at('2026-03-16T10:00:00Z'), settings)).toEqual({
        markOverdue: false,
        reminders: [],
        next: at('2026-03-19T08:00:00Z'),
      });
      // Recorded at 09:00 on the day of a point whose time (08:00) had passed: not sent either.
      const sameDay = council('2026-03-20', {
        timingFrom: at('2026-03-13T09:00:00Z'),
      });
      expect(
        planDeadline(sameDay, at('2026-03-13T09:00:01Z'), settings).reminders,
      ).toEqual([]);
    });

    it('already past when recorded: marked overdue only after the end of the next working day', () => {
      // Recorded Mon 2 Mar 2026 09:00, due Mon 9 Feb: the next working day is Tue 3 Mar, so 00:00 Wed 4 Mar.
      const d = council('2026-02-09', {
        timingFrom: at('2026-03-02T09:00:00Z'),
      });
      expect(overdueMarkingAt(d, calendar).toISOString()).toBe(
        '2026-03-04T00:00:00.000Z',
      );
      expect(planDeadline(d, at('2026-03-02T09:00:00Z'), settings)).toEqual({
        markOverdue: false,
        reminders: [],
        next: at('2026-03-04T00:00:00Z'),
      });
      expect(
        planDeadline(d, at('2026-03-03T23:59:59Z'), settings).markOverdue,
      ).toBe(false);
      expect(
        planDeadline(d, at('2026-03-04T00:00:00Z'), settings).markOverdue,
      ).toBe(true);
    });

    it('due the very day it is recorded: the same grace', () => {
      // Recorded Fri 3 Apr 2026 (Good Friday) due that day: next working day Tue 7 Apr (after Easter Monday): 00:00 Wed 8 Apr (BST).
      const d = council('2026-04-03', {
        timingFrom: at('2026-04-03T11:00:00Z'),
      });
      expect(overdueMarkingAt(d, calendar).toISOString()).toBe(
        '2026-04-07T23:00:00.000Z',
      );
    });

    it('due the day after it is recorded: no grace', () => {
      const d = council('2026-03-03', {
        timingFrom: at('2026-03-02T09:00:00Z'),
      });
      expect(overdueMarkingAt(d, calendar).toISOString()).toBe(
        '2026-03-04T00:00:00.000Z',
      );
    });
  });

  describe("family and mediation adviser's time limits", () => {
    it('remind no one but are still marked overdue', () => {
      for (const dutyHolder of ['family', 'mediation_adviser'] as const) {
        const d = council('2026-03-20', { dutyHolder });
        expect(planDeadline(d, at('2026-03-02T09:00:00Z'), settings)).toEqual({
          markOverdue: false,
          reminders: [],
          next: at('2026-03-21T00:00:00Z'),
        });
        expect(
          planDeadline(d, at('2026-03-13T09:00:00Z'), settings).reminders,
        ).toEqual([]);
        expect(planDeadline(d, at('2026-03-21T00:00:00Z'), settings)).toEqual({
          markOverdue: true,
          reminders: [],
          next: null,
        });
      }
    });
  });

  describe('the daily digest', () => {
    it('is for the latest working day whose REMINDER_TIME has come', () => {
      expect(digestDateAt(at('2026-03-02T09:00:00Z'), settings)).toBe(
        '2026-03-02',
      ); // Mon, after 08:00
      expect(digestDateAt(at('2026-03-02T07:59:00Z'), settings)).toBe(
        '2026-02-27',
      ); // Mon, before 08:00: Fri's
      expect(digestDateAt(at('2026-03-08T12:00:00Z'), settings)).toBe(
        '2026-03-06',
      ); // Sun: Fri's
      expect(digestDateAt(at('2026-04-06T12:00:00Z'), settings)).toBe(
        '2026-04-02',
      ); // Easter Monday: Thu's
    });

    it('next comes at REMINDER_TIME on the next working day still ahead', () => {
      expect(iso(nextDigestAt(at('2026-03-02T07:00:00Z'), settings))).toBe(
        '2026-03-02T08:00:00.000Z',
      );
      expect(iso(nextDigestAt(at('2026-03-02T08:00:00Z'), settings))).toBe(
        '2026-03-03T08:00:00.000Z',
      );
      expect(iso(nextDigestAt(at('2026-03-06T09:00:00Z'), settings))).toBe(
        '2026-03-09T08:00:00.000Z',
      ); // Fri → Mon
      expect(iso(nextDigestAt(at('2026-04-02T09:00:00Z'), settings))).toBe(
        '2026-04-07T07:00:00.000Z',
      ); // Easter, BST
    });
  });
});
