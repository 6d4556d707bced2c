import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type BankHoliday, Calendar } from '@send/domain';
import type { DataSource } from 'typeorm';
import { delegatingCalendar } from './delegating-calendar';

/** How often every process (API and worker) reloads the calendar, so a change reaches them all. */
export const CALENDAR_REFRESH_MS = 30_000;

/**
 * The bank-holiday calendar of the `bank_holiday` table (seeded with the shipped gov.uk list,
 * updated by administrators). Loaded before anything can use it; reloaded every
 * CALENDAR_REFRESH_MS in every process, and at once in the process that made a change.
 */
@Injectable()
export class BankHolidayCalendar implements OnModuleDestroy {
  private readonly logger = new Logger(BankHolidayCalendar.name);
  private current?: Calendar;
  private timer?: NodeJS.Timeout;
  readonly calendar = delegatingCalendar(() => {
    if (!this.current)
      throw new Error('The bank-holiday calendar is used before it was loaded');
    return this.current;
  });

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Loads the calendar, and starts the periodic reload. */
  async start(): Promise<void> {
    await this.reload();
    this.timer ??= setInterval(() => {
      this.reload().catch((error: unknown) =>
        this.logger.warn(
          `Could not reload the bank-holiday calendar; keeping the one loaded: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }, CALENDAR_REFRESH_MS);
    this.timer.unref();
  }

  /** Reads the table again (a bad row stops the reload: the calendar in use stays). */
  async reload(): Promise<void> {
    const rows: BankHoliday[] = await this.db.query(
      `SELECT date::text AS date, title FROM bank_holiday ORDER BY date`,
    );
    this.current = new Calendar(rows);
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
