import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { BankHolidayEntry } from '@send/contracts';
import { regularBankHolidays } from '@send/domain';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../audit/request-context';
import { SecurityLogService } from '../audit/security-log.service';
import { BankHolidayRepository } from './bank-holiday.repository';
import type { Actor } from '../identity/actor';
import { BankHolidayCalendar } from './bank-holiday-calendar';
import type { AddBankHolidayDto } from './bank-holiday.dto';

const yearOf = (date: string) => Number(date.slice(0, 4));
const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];
const weekdayOf = (date: string) =>
  WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()] as string;

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
    private readonly db: DataSource,
    private readonly holidays: BankHolidayRepository,
    private readonly calendars: BankHolidayCalendar,
    private readonly securityLog: SecurityLogService,
  ) {}

  list(year: number | null): Promise<BankHolidayEntry[]> {
    return this.holidays.list(year);
  }

  async add(
    body: AddBankHolidayDto,
    actor: Actor,
    request: RequestContext,
  ): Promise<BankHolidayEntry> {
    const weekday = weekdayOf(body.date);
    if (weekday === 'Saturday' || weekday === 'Sunday') {
      throw new BadRequestException({
        message: `${body.date} is a ${weekday}, which is never a working day: when a bank holiday falls at a weekend, add its substitute day instead.`,
        errors: [{ field: 'date', message: `${body.date} is a ${weekday}` }],
      });
    }
    const title = body.title.trim();
    const entry = await this.db.transaction(async (tx) => {
      await this.holidays.lock(tx);
      await this.holidays.announceChange(tx);
      const existing = await this.holidays.on(tx, body.date);
      if (existing)
        throw new ConflictException(
          `${body.date} is already a bank holiday (${existing.title}).`,
        );
      const pattern =
        (await this.holidays.listedIn(tx, yearOf(body.date))) === 0
          ? regularBankHolidays(yearOf(body.date)).filter(
              (h) => h.date !== body.date,
            )
          : [];
      for (const h of pattern) {
        await this.holidays.insert(tx, {
          date: h.date,
          title: h.title,
          source: 'regular pattern',
          addedBy: actor.id,
        });
      }
      await this.holidays.insert(tx, {
        date: body.date,
        title,
        source: 'administrator',
        addedBy: actor.id,
      });
      await this.securityLog.record(
        request,
        {
          event: 'bank_holiday.added',
          outcome: 'success',
          actor,
          reason: body.reason.trim(),
          detail: {
            date: body.date,
            title,
            ...(pattern.length
              ? { regularPatternListed: pattern.map((h) => h.date) }
              : {}),
          },
        },
        tx,
      );
      return { date: body.date, title, source: 'administrator' as const };
    });
    await this.calendars.reload();
    return entry;
  }

  async remove(
    date: string,
    reason: string,
    actor: Actor,
    request: RequestContext,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.holidays.lock(tx);
      await this.holidays.announceChange(tx);
      const existing = await this.holidays.on(tx, date);
      if (!existing)
        throw new NotFoundException(`${date} is not a listed bank holiday.`);
      if ((await this.holidays.listedIn(tx, yearOf(date))) === 1) {
        throw new ConflictException(
          `${date} is the last bank holiday listed for ${yearOf(date)}: with none listed, that year would follow the regular pattern again. Add the year's correct dates first.`,
        );
      }
      await this.holidays.remove(tx, date);
      await this.securityLog.record(
        request,
        {
          event: 'bank_holiday.removed',
          outcome: 'success',
          actor,
          reason: reason.trim(),
          detail: { date, title: existing.title, source: existing.source },
        },
        tx,
      );
    });
    await this.calendars.reload();
  }
}
