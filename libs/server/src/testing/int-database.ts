import type { CaseEvent } from '@send/domain';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../lib/clock/clock';
import { dataSourceOptions } from '../lib/db/data-source-options';
import { type AppConfig, loadConfig } from '../lib/config/app-config';
import { BankHolidayCalendar } from '../lib/calendar/bank-holiday-calendar';
import { BankHolidayRepository } from '../lib/calendar/bank-holiday.repository';
import { StaffRepository } from '../lib/auth/staff.repository';
import { CaseCommandService } from '../lib/cases/case-command.service';
import { CaseQueryService } from '../lib/cases/case-query.service';
import { CaseWriteService } from '../lib/cases/case-write.service';
import { CaseRepository } from '../lib/cases/case.repository';
import { LedgerRepository } from '../lib/cases/ledger.repository';
import { DeadlineActionService } from '../lib/deadlines/deadline-action.service';
import { DeadlineRepository } from '../lib/deadlines/deadline.repository';
import { DeadlineService } from '../lib/deadlines/deadline.service';
import { NotificationRepository } from '../lib/deadlines/notification.repository';
import { ReminderService } from '../lib/deadlines/reminder.service';
import type { Actor } from '../lib/identity/actor';

/**
 * A connection pool to the run's database (made by global-setup.ts), configured as the apps
 * configure theirs (dates read as YYYY-MM-DD). Close it in afterAll.
 */
export async function connect(): Promise<DataSource> {
  const url = process.env['INT_DATABASE_URL'];
  if (!url)
    throw new Error(
      'INT_DATABASE_URL is not set: run the integration tier with `nx run server:int`.',
    );
  const db = new DataSource({
    ...dataSourceOptions(config()),
    migrations: [],
    extra: { max: 4, application_name: 'send-int' },
  });
  return db.initialize();
}

/** The apps' configuration with their defaults, and these settings (e.g. CLOCK_NOW). */
export function config(settings: Record<string, string> = {}): AppConfig {
  return loadConfig({
    DATABASE_URL:
      process.env['INT_DATABASE_URL'] ??
      'postgres://postgres@127.0.0.1:5432/unset',
    ...settings,
  });
}

/** A clock fixed at `iso` (business dates in London), as CLOCK_NOW fixes the apps' clock. */
export function fixedClock(iso: string): Clock {
  return new Clock(config({ CLOCK_NOW: iso }));
}

/** A name no other test uses (a team, a reference, an email). */
export const unique = (prefix: string) =>
  `${prefix}-${randomUUID().slice(0, 8)}`;

/** Inserts an active member of staff; answers their id. */
export async function insertStaff(
  db: DataSource,
  s: {
    name?: string;
    role?: string;
    team: string;
    email?: string | null;
    demo?: boolean;
    passwordHash?: string | null;
  },
): Promise<string> {
  const [row] = (await db.query(
    `INSERT INTO staff_user (name, role, team, email, demo, password_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      s.name ?? unique('Staff'),
      s.role ?? 'caseworker',
      s.team,
      s.email === undefined ? `${unique('staff')}@example.org` : s.email,
      s.demo ?? false,
      s.passwordHash ?? null,
    ],
  )) as { id: string }[];
  return (row as { id: string }).id;
}

/** A member of staff inserted in `team` (a new team if none is given), as the actor of requests. */
export async function insertActor(
  db: DataSource,
  name: string,
  role: Actor['role'] = 'caseworker',
  team: string = unique('Team'),
): Promise<Actor> {
  return { id: await insertStaff(db, { name, role, team }), name, role, team };
}

/**
 * The case write path as the apps assemble it, on the run's database: the bank-holiday calendar
 * read from it, the case and ledger repositories, CaseCommandService with `clock`, and above it
 * CaseWriteService (the controllers' way in: records and answers the case) with CaseQueryService.
 */
export async function caseWritePath(db: DataSource, clock: Clock) {
  const calendars = new BankHolidayCalendar(new BankHolidayRepository(db), db);
  await calendars.reload();
  const cases = new CaseRepository(db);
  const ledger = new LedgerRepository(db);
  const commands = new CaseCommandService(
    db,
    cases,
    ledger,
    clock,
    calendars.calendar,
  );
  const staff = new StaffRepository(db);
  const queries = new CaseQueryService(
    new DeadlineService(new DeadlineRepository(db), staff, clock),
    cases,
  );
  const writes = new CaseWriteService(staff, ledger, commands, queries, clock);
  return {
    calendars,
    calendar: calendars.calendar,
    cases,
    ledger,
    commands,
    staff,
    queries,
    writes,
  };
}

/**
 * Opens a case of `caseworker`'s (their name and team) through the write path and records `events`
 * on it in order, each on the version the one before left (events that change the case: not an
 * extension, which leaves the version as it was); answers the case's id.
 */
export async function recordCase(
  commands: CaseCommandService,
  caseworker: Actor,
  opened: {
    reference: string;
    openedOn: string;
    childName?: string;
    dateOfBirth?: string;
  },
  events: readonly CaseEvent[] = [],
): Promise<string> {
  const { caseId } = await commands.open(
    {
      type: 'case.opened',
      childName: 'Sam Example',
      dateOfBirth: '2016-05-01',
      caseworker: caseworker.name,
      team: caseworker.team,
      ...opened,
    },
    caseworker,
  );
  let version = 1;
  for (const event of events) {
    await commands.record(caseId, event, caseworker, {
      expectedVersion: version,
    });
    version++;
  }
  return caseId;
}

/**
 * Who reads the reports: a new team with its manager and a caseworker, another new team with its
 * manager and a caseworker, and an auditor (of a team of their own).
 */
export async function insertReportReaders(db: DataSource) {
  const team = unique('Team');
  const manager = await insertActor(db, 'Morgan Manager', 'manager', team);
  const caseworker = await insertActor(db, 'Casey Worker', 'caseworker', team);
  const otherManager = await insertActor(db, 'Olu Manager', 'manager');
  const otherCaseworker = await insertActor(
    db,
    'Oli Worker',
    'caseworker',
    otherManager.team,
  );
  const auditor = await insertActor(db, 'Avery Auditor', 'auditor');
  return { team, manager, caseworker, otherManager, otherCaseworker, auditor };
}

/** Sets the next action of these deadlines to instants in 2001 (one second apart), out of reach of every other test's. */
export const dueIn2001 = (db: DataSource, ids: string[]) =>
  db.query(
    `UPDATE deadline d SET next_action_at = timestamptz '2001-01-01 00:00:00Z' + (m.n * interval '1 second')
     FROM unnest($1::uuid[]) WITH ORDINALITY AS m(id, n) WHERE d.id = m.id`,
    [ids],
  );
/** An instant after every timer `dueIn2001` sets. */
export const Y2001 = new Date('2001-01-01T12:00:00Z');

/**
 * The worker's deadline action (DeadlineActionService) as the worker assembles it, at the instant
 * `at` (its clock and CLOCK_NOW), with the case write path and the reminders it uses.
 */
export async function deadlineActions(db: DataSource, at: string) {
  const settings = config({ CLOCK_NOW: at });
  const clock = fixedClock(at);
  const { calendar, commands } = await caseWritePath(db, clock);
  const notifications = new NotificationRepository(db);
  const reminders = new ReminderService(settings, calendar, notifications);
  const deadlines = new DeadlineRepository(db);
  const actions = new DeadlineActionService(
    db,
    deadlines,
    clock,
    commands,
    reminders,
  );
  return { actions, deadlines, notifications, reminders, clock, settings };
}
