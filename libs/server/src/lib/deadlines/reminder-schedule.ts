import { TZDate } from '@date-fns/tz';
import type { DutyHolder } from '@send/contracts';
import type { Calendar } from '@send/domain';
import { addDays, format } from 'date-fns';

// No Nest here (clock.ts imports it): this file stays pure and unit-testable.
const LONDON = 'Europe/London';

/** The first instant at which a deadline due on `dueOn` has passed: 00:00 London time the day after. */
export function overdueFrom(dueOn: string): Date {
  const [y, m, d] = dueOn.split('-').map(Number) as [number, number, number];
  return new Date(addDays(new TZDate(y, m - 1, d, LONDON), 1).getTime());
}

/**
 * When staff hear about a deadline. Pure: the calendar, the points, the reminder time and "now"
 * all come in as arguments, so the worker, the outbox relay and the sweep compute the same
 * timetable from PostgreSQL alone.
 */

/** Working days before the due date (0 = on the day), or every working day while overdue. */
export type ReminderPoint = { kind: 'before'; days: number } | { kind: 'overdue' };

export interface ReminderSettings {
  points: readonly ReminderPoint[];
  /** Local time in Europe/London, HH:MM. */
  time: string;
  calendar: Calendar;
}

/** One reminder to send: its key (`before-5`, `due`, `overdue`), its date, and whether it escalates. */
export interface DueReminder {
  point: string;
  date: string;
  escalate: boolean;
  /** Sent after its day (the worker was not running then): worded with the due date, not "in N days". */
  late?: boolean;
}

/** The deadline facts the timetable depends on. */
export interface TimedDeadline {
  dueOn: string;
  status: 'open' | 'overdue';
  dutyHolder: DutyHolder;
}

export function parseReminderPoints(value: string): ReminderPoint[] {
  const points = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p): ReminderPoint => (p === 'overdue' ? { kind: 'overdue' } : { kind: 'before', days: Number(p) }));
  const seen = new Set<string>();
  return points.filter((p) => {
    const key = pointKey(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Reminders go to staff only for duties the council acts on (itself, or the ICB and social care through it). */
export function remindsStaff(dutyHolder: DutyHolder): boolean {
  return dutyHolder === 'council' || dutyHolder === 'icb' || dutyHolder === 'council_social_care';
}

const pointKey = (p: ReminderPoint) => (p.kind === 'overdue' ? 'overdue' : p.days === 0 ? 'due' : `before-${p.days}`);

const shift = (isoDate: string, days: number) => format(addDays(`${isoDate}T12:00:00Z`, days), 'yyyy-MM-dd');

/** The date `days` working days before `dueOn`; for 0, the last working day on or before it. */
export function workingDaysBefore(dueOn: string, days: number, calendar: Calendar): string {
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

/** The instant of a reminder on `date` at the configured local time. */
export function reminderInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, LONDON).getTime());
}

/** The reminders that fall on `date` for this deadline (none for family or mediation-adviser duties). */
export function remindersOn(d: TimedDeadline, date: string, settings: ReminderSettings): DueReminder[] {
  if (!remindsStaff(d.dutyHolder)) return [];
  const out: DueReminder[] = [];
  for (const p of settings.points) {
    if (p.kind === 'before') {
      if (workingDaysBefore(d.dueOn, p.days, settings.calendar) === date) out.push({ point: pointKey(p), date, escalate: false });
    } else if (date > d.dueOn && settings.calendar.isWorkingDay(date)) {
      out.push({ point: 'overdue', date, escalate: true });
    }
  }
  return out;
}

/**
 * A reminder before the due date that was missed (the worker was not running on its day) and not
 * yet superseded: the latest point before today, for a deadline still open and not yet due, when
 * no point falls today (today's own reminder, sent or to come, says more). Sent late rather than
 * never; the notification key keeps its own date, so one already sent on time is not sent again.
 */
export function missedReminder(d: TimedDeadline, today: string, settings: ReminderSettings): DueReminder | null {
  if (d.status !== 'open' || d.dueOn < today || !remindsStaff(d.dutyHolder)) return null;
  let latest: DueReminder | null = null;
  for (const p of settings.points) {
    if (p.kind !== 'before') continue;
    const date = workingDaysBefore(d.dueOn, p.days, settings.calendar);
    if (date === today) return null;
    if (date < today && (!latest || date > latest.date)) latest = { point: pointKey(p), date, escalate: false, late: true };
  }
  return latest;
}

/**
 * When the deadline's timer should next fire, from `today` (a reminder already due today counts,
 * so a timer re-created late still sends it), or strictly after `after` when given (the timer
 * has just done today's work). `null`: nothing left to do (a family deadline already overdue).
 */
export function nextAction(d: TimedDeadline, today: string, settings: ReminderSettings, after?: Date): Date | null {
  const candidates: Date[] = [];
  const ok = (at: Date) => !after || at.getTime() > after.getTime();
  if (d.status === 'open') {
    const overdueAt = overdueFrom(d.dueOn);
    if (ok(overdueAt)) candidates.push(overdueAt);
  }
  if (remindsStaff(d.dutyHolder)) {
    for (const p of settings.points) {
      if (p.kind === 'before') {
        const date = workingDaysBefore(d.dueOn, p.days, settings.calendar);
        const at = reminderInstant(date, settings.time);
        if (date >= today && ok(at)) candidates.push(at);
      } else {
        // The first working day after the due date, from today on, whose reminder is still ahead.
        let date = shift(d.dueOn > today ? d.dueOn : today, d.dueOn >= today ? 1 : 0);
        for (let i = 0; i < 40; i++, date = shift(date, 1)) {
          if (!settings.calendar.isWorkingDay(date)) continue;
          const at = reminderInstant(date, settings.time);
          if (ok(at)) {
            candidates.push(at);
            break;
          }
        }
      }
    }
  }
  if (candidates.length === 0) return null;
  return candidates.reduce((a, b) => (a.getTime() <= b.getTime() ? a : b));
}
