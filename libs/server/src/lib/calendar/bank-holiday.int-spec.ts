import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { connect, insertStaff, unique } from '../../testing/int-database';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { SecurityLogService } from '../audit/security-log.service';
import type { Actor } from '../identity/actor';
import { BankHolidayCalendar } from './bank-holiday-calendar';
import {
  BankHolidayRepository,
  CALENDAR_CHANGED,
} from './bank-holiday.repository';
import { BankHolidayService } from './bank-holiday.service';

const request = { headers: {}, ip: '192.0.2.2', id: 'req-holiday' };

describe('bank holidays against PostgreSQL (BankHolidayRepository, BankHolidayService, BankHolidayCalendar)', () => {
  let db: DataSource;
  let holidays: BankHolidayRepository;
  let calendars: BankHolidayCalendar;
  let service: BankHolidayService;
  let admin: Actor;

  beforeAll(async () => {
    db = await connect();
    holidays = new BankHolidayRepository(db);
    calendars = new BankHolidayCalendar(holidays, db);
    await calendars.reload();
    service = new BankHolidayService(
      db,
      holidays,
      calendars,
      new SecurityLogService(new AuditLogRepository(db)),
    );
    const team = unique('Admins');
    admin = {
      id: await insertStaff(db, { role: 'administrator', team }),
      name: 'Ada Admin',
      role: 'administrator',
      team,
    };
  });
  afterAll(() => db.destroy());

  it('a change is announced to every listening process when its transaction commits, never when it rolls back', async () => {
    // A listener as every process has one: a connection of its own, not the pool's.
    const listener = new Client({
      connectionString: process.env['INT_DATABASE_URL'],
    });
    await listener.connect();
    try {
      const heard: string[] = [];
      listener.on('notification', (n) => heard.push(n.channel));
      await holidays.listen(listener);
      /** A round trip on the listener's connection: what was delivered before it has been heard. */
      const settle = () => listener.query('SELECT 1');

      await expect(
        db.transaction(async (tx) => {
          await holidays.announceChange(tx);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await settle();
      expect(heard).toEqual([]);

      await db.transaction(async (tx) => {
        await holidays.announceChange(tx);
        await settle();
        expect(heard).toEqual([]); // not before it commits
      });
      // Delivered asynchronously once it commits: waits for it (5 s at most).
      for (let i = 0; i < 250 && heard.length === 0; i++)
        await new Promise((r) => setTimeout(r, 20));
      await settle();
      expect(heard).toEqual([CALENDAR_CHANGED]);
    } finally {
      await listener.end();
    }
  });

  it('the migrations list the published dates, and the calendar is built from them', async () => {
    const all = await holidays.all();
    expect(all.length).toBeGreaterThan(10);
    expect(all[0]?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await service.list(2026)).toContainEqual(
      expect.objectContaining({ date: '2026-12-25' }),
    );
  });

  it('the first date added to a year lists that year’s regular pattern with it; the last date of a year cannot be removed', async () => {
    // 2099: far from every date another test counts working days over.
    expect(await service.list(2099)).toEqual([]);
    const added = await service.add(
      {
        date: '2099-06-15',
        title: 'Coronation',
        reason: 'Proclamation',
      } as never,
      admin,
      request,
    );
    expect(added).toEqual({
      date: '2099-06-15',
      title: 'Coronation',
      source: 'administrator',
    });
    const year = await service.list(2099);
    expect(year.length).toBeGreaterThan(1);
    expect(
      year.filter((h) => h.source === 'administrator').map((h) => h.date),
    ).toEqual(['2099-06-15']);
    expect(calendars.calendar.isWorkingDay('2099-06-15')).toBe(false);
    await expect(
      service.add(
        { date: '2099-06-15', title: 'Again', reason: 'x' } as never,
        admin,
        request,
      ),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      service.add(
        { date: '2099-06-13', title: 'A Saturday', reason: 'x' } as never,
        admin,
        request,
      ),
    ).rejects.toMatchObject({ status: 400 });
    for (const h of year.slice(1))
      await service.remove(h.date, 'tidy', admin, request);
    await expect(
      service.remove(year[0]!.date, 'tidy', admin, request),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      service.remove('2099-01-02', 'tidy', admin, request),
    ).rejects.toMatchObject({ status: 404 });
    const logged = (await db.query(
      `SELECT event FROM security_log WHERE actor_id = $1 ORDER BY id`,
      [admin.id],
    )) as { event: string }[];
    expect(logged[0]?.event).toBe('bank_holiday.added');
    expect(
      logged.filter((e) => e.event === 'bank_holiday.removed'),
    ).toHaveLength(year.length - 1);
  });
});
