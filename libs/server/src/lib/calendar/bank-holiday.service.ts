import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BankHolidayEntry } from '@send/contracts';
import { regularBankHolidays } from '@send/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../audit/request-context';
import { SecurityLogService } from '../audit/security-log.service';
import type { Actor } from '../auth/actor';
import { announceCalendarChange, BankHolidayCalendar } from './bank-holiday-calendar';
import type { AddBankHolidayDto } from './bank-holiday.dto';

const yearOf = (date: string) => Number(date.slice(0, 4));
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const weekdayOf = (date: string) => WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()] as string;

/**
 * The `bank_holiday` table: what the calendar of every process is built from. Changes are made one
 * at a time (a table lock), written to the security log with their reason in the same transaction,
 * and reach every process's calendar once they commit (announced on CALENDAR_CHANGED).
 *
 * A year with any date listed counts only its listed dates (see `Calendar`), so the first date
 * added to a year comes with that year's regular holidays, and the last date of a year cannot be
 * removed (the year would silently fall back to the regular pattern).
 */
@Injectable()
export class BankHolidayService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendars: BankHolidayCalendar,
    private readonly securityLog: SecurityLogService,
  ) {}

  list(year: number | null): Promise<BankHolidayEntry[]> {
    return this.db.query(
      `SELECT date::text AS date, title, source FROM bank_holiday
       WHERE $1::int IS NULL OR extract(year FROM date) = $1::int ORDER BY date`,
      [year],
    );
  }

  async add(body: AddBankHolidayDto, actor: Actor, request: RequestContext): Promise<BankHolidayEntry> {
    const weekday = weekdayOf(body.date);
    if (weekday === 'Saturday' || weekday === 'Sunday') {
      throw new BadRequestException({
        message: `${body.date} is a ${weekday}, which is never a working day: when a bank holiday falls at a weekend, add its substitute day instead.`,
        errors: [{ field: 'date', message: `${body.date} is a ${weekday}` }],
      });
    }
    const title = body.title.trim();
    const entry = await this.db.transaction(async (tx) => {
      await lock(tx);
      const [existing]: { title: string }[] = await tx.query(`SELECT title FROM bank_holiday WHERE date = $1`, [body.date]);
      if (existing) throw new ConflictException(`${body.date} is already a bank holiday (${existing.title}).`);
      const pattern = (await listedIn(tx, yearOf(body.date))) === 0 ? regularBankHolidays(yearOf(body.date)).filter((h) => h.date !== body.date) : [];
      for (const h of pattern) {
        await tx.query(`INSERT INTO bank_holiday (date, title, source, added_by) VALUES ($1, $2, 'regular pattern', $3)`, [h.date, h.title, actor.id]);
      }
      await tx.query(`INSERT INTO bank_holiday (date, title, source, added_by) VALUES ($1, $2, 'administrator', $3)`, [body.date, title, actor.id]);
      await this.securityLog.record(
        request,
        {
          event: 'bank_holiday.added',
          outcome: 'success',
          actor,
          reason: body.reason.trim(),
          detail: { date: body.date, title, ...(pattern.length ? { regularPatternListed: pattern.map((h) => h.date) } : {}) },
        },
        tx,
      );
      return { date: body.date, title, source: 'administrator' as const };
    });
    await this.calendars.reload();
    return entry;
  }

  async remove(date: string, reason: string, actor: Actor, request: RequestContext): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lock(tx);
      const [existing]: { title: string; source: string }[] = await tx.query(`SELECT title, source FROM bank_holiday WHERE date = $1`, [date]);
      if (!existing) throw new NotFoundException(`${date} is not a listed bank holiday.`);
      if ((await listedIn(tx, yearOf(date))) === 1) {
        throw new ConflictException(
          `${date} is the last bank holiday listed for ${yearOf(date)}: with none listed, that year would follow the regular pattern again. Add the year's correct dates first.`,
        );
      }
      await tx.query(`DELETE FROM bank_holiday WHERE date = $1`, [date]);
      await this.securityLog.record(
        request,
        { event: 'bank_holiday.removed', outcome: 'success', actor, reason: reason.trim(), detail: { date, title: existing.title, source: existing.source } },
        tx,
      );
    });
    await this.calendars.reload();
  }
}

/** One change to the calendar at a time (readers are not blocked), announced to every process when it commits. */
const lock = async (tx: EntityManager) => {
  await tx.query(`LOCK TABLE bank_holiday IN SHARE ROW EXCLUSIVE MODE`);
  await announceCalendarChange(tx);
};

async function listedIn(tx: EntityManager, year: number): Promise<number> {
  const [row]: { listed: number }[] = await tx.query(`SELECT count(*)::int AS listed FROM bank_holiday WHERE extract(year FROM date) = $1`, [year]);
  return row?.listed ?? 0;
}
