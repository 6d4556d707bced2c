import type { DutyHolder } from '@send/contracts';
import { type Calendar, remindsStaff } from '@send/domain';
import { addDays, format } from 'date-fns';
import {
  londonDate,
  londonInstant,
  startOfLondonDay,
} from '../clock/london-time';

/*
 * When the worker acts on a deadline, and when staff hear about it. Pure: the calendar, the points,
 * the reminder time and "now" all come in as arguments, so that the deadline job works out each
 * deadline's next action from its PostgreSQL row alone. No Nest here.
 *
 * Dates are calendar dates in Europe/London (YYYY-MM-DD, compared as strings); instants are Dates.
 * Working days skip Saturdays, Sundays and the bank holidays of England and Wales (Banking and
 * Financial Dealings Act 1971, Sch. 1), from the Calendar the caller passes (the bank_holiday table).
 */

/** The statuses a deadline is live in: the worker acts on these only (met, cancelled and missed are closed). */
export type LiveStatus = 'open' | 'overdue';

export function isLive(status: string): status is LiveStatus {
  return status === 'open' || status === 'overdue';
}

/**
 * Reminders go to staff only for duties the council acts on (itself, or the ICB and council social
 * care through it: Recommendations Power Regs 2017 regs 6-7 name the responsible body). A family's
 * or a mediation adviser's time limit is still marked overdue when it passes (the family's shows as
 * "passed"), but reminds no one.
 */
export { remindsStaff };

export interface ReminderSettings {
  /** Working days before the due date at which the owner is reminded (0 = on the day). */
  points: readonly number[];
  /** Local time in Europe/London, HH:MM, of reminders and of the daily digest. */
  time: string;
  calendar: Calendar;
}

/** One reminder to send: its key (`before-5`, `due`), the date it is for, and whether it goes out after that date. */
export interface DueReminder {
  point: string;
  date: string;
  /** Sent after its day (the worker was not running then): worded with the due date, not "in N days". */
  late: boolean;
}

/** The facts of a deadline its timing depends on. */
export interface TimedDeadline {
  dueOn: string;
  status: LiveStatus;
  dutyHolder: DutyHolder;
  /** When the current due date was recorded (opened, moved or extended). */
  timingFrom: Date;
}

/** What the deadline's job does now, and when the worker should next look at the deadline (null: never). */
export interface DeadlinePlan {
  markOverdue: boolean;
  reminders: DueReminder[];
  next: Date | null;
}

/**
 * REMINDER_POINTS: working days before the due date, comma-separated. `overdue` (the daily overdue
 * reminder of earlier releases) is accepted and ignored: overdue deadlines are in the daily digest.
 */
export function parseReminderPoints(value: string): number[] {
  const days = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '' && p !== 'overdue')
    .map(Number);
  return [...new Set(days)].sort((a, b) => b - a);
}

const shift = (isoDate: string, days: number) =>
  format(addDays(`${isoDate}T12:00:00Z`, days), 'yyyy-MM-dd');
const pointKey = (days: number) => (days === 0 ? 'due' : `before-${days}`);

/**
 * The first instant at which a deadline due on `dueOn` has passed: 00:00 London time the day after.
 * "Within N weeks/days/months" gives the whole of the last day (statutory-clock.md, counting
 * conventions; SEND Regs 2014 periods do not move off weekends or holidays).
 */
export function overdueFrom(dueOn: string): Date {
  return startOfLondonDay(shift(dueOn, 1));
}

/** The first working day after `date`. */
export function nextWorkingDay(date: string, calendar: Calendar): string {
  let day = shift(date, 1);
  while (!calendar.isWorkingDay(day)) day = shift(day, 1);
  return day;
}

/**
 * When the worker marks the deadline overdue. Normally `overdueFrom(dueOn)`. A deadline whose due
 * date was already past (or was that very day) on the London date it was recorded (`timingFrom`) is
 * a history being entered after the fact: it is marked overdue (and escalated) no earlier than 00:00
 * London after the end of the next working day after that date, so the caseworker can record what
 * else happened before anything is flagged as missed. (Service policy, not law: the law's date stays
 * the due date, and the deadline shows as overdue on every screen from the day after it.)
 */
export function overdueMarkingAt(
  d: Pick<TimedDeadline, 'dueOn' | 'timingFrom'>,
  calendar: Calendar,
): Date {
  const normal = overdueFrom(d.dueOn);
  const recordedOn = londonDate(d.timingFrom);
  if (d.dueOn > recordedOn) return normal;
  const grace = startOfLondonDay(
    shift(nextWorkingDay(recordedOn, calendar), 1),
  );
  return grace.getTime() > normal.getTime() ? grace : normal;
}

/** The date `days` working days before `dueOn`; for 0, the last working day on or before it. */
export function workingDaysBefore(
  dueOn: string,
  days: number,
  calendar: Calendar,
): string {
  let date = dueOn;
  if (days === 0) {
    while (!calendar.isWorkingDay(date)) date = shift(date, -1);
    return date;
  }
  for (let counted = 0; counted < days; ) {
    date = shift(date, -1);
    if (calendar.isWorkingDay(date)) counted++;
  }
  return date;
}

/** The instant of a reminder (or digest) on `date` at the configured local time. */
export function reminderInstant(date: string, time: string): Date {
  return londonInstant(date, time);
}

/**
 * The deadline's reminder points that count: each point's date and instant, for staff duties only,
 * and none whose instant is before `timingFrom` (the deadline was not on the system yet: a history
 * recorded after the fact does not send reminders for days gone by).
 */
export function reminderPoints(
  d: TimedDeadline,
  settings: ReminderSettings,
): { point: string; date: string; at: Date }[] {
  if (!remindsStaff(d.dutyHolder)) return [];
  return settings.points
    .map((days) => {
      const date = workingDaysBefore(d.dueOn, days, settings.calendar);
      return {
        point: pointKey(days),
        date,
        at: reminderInstant(date, settings.time),
      };
    })
    .filter((p) => p.at.getTime() >= d.timingFrom.getTime());
}

/**
 * What the deadline's job does at `now`, and its next action:
 * - marks an open deadline overdue once `overdueMarkingAt` has come;
 * - while open, sends the reminders of the latest point reached: today's (once its time has come),
 *   or, if the worker was not running on a point's day, that point late, once, unless today has a
 *   point of its own (sent or to come, it says more) or the due date has passed (the deadline is then
 *   in the daily digest);
 * - next: the earliest of the overdue marking and the points still ahead. An overdue deadline has
 *   none: its daily reminders and the escalations to managers come in the daily digest.
 * Reminders are keyed by point and date, so running this twice for the same moment sends nothing twice.
 */
export function planDeadline(
  d: TimedDeadline,
  now: Date,
  settings: ReminderSettings,
): DeadlinePlan {
  const markAt = overdueMarkingAt(d, settings.calendar);
  const markOverdue = d.status === 'open' && now.getTime() >= markAt.getTime();
  if (markOverdue || d.status !== 'open')
    return { markOverdue, reminders: [], next: null };

  const today = londonDate(now);
  const points = reminderPoints(d, settings);
  const reached = points.filter((p) => p.at.getTime() <= now.getTime());
  let reminders: DueReminder[] = [];
  if (reached.length > 0) {
    const latest = reached.reduce((a, b) => (a.date >= b.date ? a : b)).date;
    if (latest === today) {
      reminders = reached
        .filter((p) => p.date === today)
        .map((p) => ({ point: p.point, date: p.date, late: false }));
    } else if (!points.some((p) => p.date === today) && d.dueOn >= today) {
      reminders = reached
        .filter((p) => p.date === latest)
        .map((p) => ({ point: p.point, date: p.date, late: true }));
    }
  }
  const ahead = [markAt, ...points.map((p) => p.at)].filter(
    (at) => at.getTime() > now.getTime(),
  );
  const next =
    ahead.length > 0
      ? ahead.reduce((a, b) => (a.getTime() <= b.getTime() ? a : b))
      : null;
  return { markOverdue, reminders, next };
}

/**
 * The date of the latest daily digest due by `now`: the latest working day whose digest time
 * (REMINDER_TIME, London) has come. A digest missed while the worker was down gives way to this
 * one: digests are not sent for days gone by.
 */
export function digestDateAt(
  now: Date,
  settings: Pick<ReminderSettings, 'time' | 'calendar'>,
): string {
  let date = londonDate(now);
  for (let i = 0; i < 60; i++, date = shift(date, -1)) {
    if (
      settings.calendar.isWorkingDay(date) &&
      reminderInstant(date, settings.time).getTime() <= now.getTime()
    )
      return date;
  }
  throw new Error(
    `No working day in the 60 days before ${londonDate(now)}: check the bank-holiday calendar`,
  );
}

/** When the next daily digest is due after `now`: REMINDER_TIME (London) on the next working day whose time is still ahead. */
export function nextDigestAt(
  now: Date,
  settings: Pick<ReminderSettings, 'time' | 'calendar'>,
): Date {
  let date = londonDate(now);
  for (let i = 0; i < 60; i++, date = shift(date, 1)) {
    const at = reminderInstant(date, settings.time);
    if (settings.calendar.isWorkingDay(date) && at.getTime() > now.getTime())
      return at;
  }
  throw new Error(
    `No working day in the 60 days after ${londonDate(now)}: check the bank-holiday calendar`,
  );
}
