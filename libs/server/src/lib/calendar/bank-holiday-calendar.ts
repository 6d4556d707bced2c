import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Calendar } from '@send/domain';
import { BankHolidayRepository } from './bank-holiday.repository';
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

  constructor(private readonly holidays: BankHolidayRepository) {}

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
    this.current = new Calendar(await this.holidays.all());
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
