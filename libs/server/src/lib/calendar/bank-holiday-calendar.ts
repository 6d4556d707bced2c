import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  Logger,
  type NestInterceptor,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Calendar } from '@send/domain';
import { Client } from 'pg';
import { from, type Observable, switchMap } from 'rxjs';
import type { DataSource } from 'typeorm';
import { BankHolidayRepository } from './bank-holiday.repository';
import { delegatingCalendar } from './delegating-calendar';

/** How often every process (API and worker) reloads the calendar anyway (a missed notification, a lost listener). */
export const CALENDAR_REFRESH_MS = 30_000;

/** How long a lost listening connection waits before it connects again. */
const LISTEN_RETRY_MS = 5_000;

/**
 * The bank-holiday calendar of the `bank_holiday` table (seeded with the shipped gov.uk list,
 * updated by administrators). Loaded before anything can use it. Every process (the API's, the
 * workers') listens on CALENDAR_CHANGED and reloads as soon as a change commits, wherever it was
 * made; until that reload is done, requests wait for it (`FreshCalendarInterceptor`), so a request
 * that follows a change, whichever process it reaches, counts with the changed calendar. Reloaded
 * every CALENDAR_REFRESH_MS too, and at once in the process that made a change.
 */
@Injectable()
export class BankHolidayCalendar implements OnModuleDestroy {
  private readonly logger = new Logger(BankHolidayCalendar.name);
  private current?: Calendar;
  private timer?: NodeJS.Timeout;
  private listener?: Client;
  private listenRetry?: NodeJS.Timeout;
  private stopped = false;
  /** The reload a change notification started, until it is done. */
  private reloading?: Promise<void>;
  readonly calendar = delegatingCalendar(() => {
    if (!this.current)
      throw new Error('The bank-holiday calendar is used before it was loaded');
    return this.current;
  });

  constructor(
    private readonly holidays: BankHolidayRepository,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

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
    // Not awaited: the app starts whether or not the listening connection can be made (the periodic reload is the fallback).
    void this.listen();
  }

  /** Resolves once a reload started by a change notification is done (at once when none is under way). */
  fresh(): Promise<void> {
    return this.reloading ?? Promise.resolve();
  }

  /** LISTENs on its own connection (not the pool's); when the connection is lost, connects again. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const url = (this.db.options as { url?: string }).url;
    if (!url) return; // no URL to open a connection of its own with: the periodic reload only
    const client = new Client({
      connectionString: url,
      application_name: 'send-disagreements calendar listener',
    });
    const retry = () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      if (!this.stopped)
        this.listenRetry = setTimeout(
          () => void this.listen(),
          LISTEN_RETRY_MS,
        ).unref();
    };
    client.on('notification', () => this.changed());
    client.on('error', retry);
    client.on('end', retry);
    this.listener = client;
    try {
      await client.connect();
      await this.holidays.listen(client);
      // A change made while it was not listening.
      this.changed();
    } catch (error) {
      this.logger.warn(
        `Cannot listen for bank-holiday changes (reloading every ${CALENDAR_REFRESH_MS / 1000} s meanwhile): ${(error as Error).message}`,
      );
      retry();
    }
  }

  private changed(): void {
    const reload = this.reload()
      .catch((error: unknown) =>
        this.logger.warn(
          `Could not reload the bank-holiday calendar; keeping the one loaded: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .finally(() => {
        if (this.reloading === reload) this.reloading = undefined;
      });
    this.reloading = reload;
  }

  /** Reads the table again (a bad row stops the reload: the calendar in use stays). */
  async reload(): Promise<void> {
    this.current = new Calendar(await this.holidays.all());
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.listenRetry) clearTimeout(this.listenRetry);
    const listener = this.listener;
    this.listener = undefined;
    listener?.end().catch(() => undefined);
  }
}

/**
 * Holds a request until a bank-holiday reload that a change notification started is done: with
 * several API processes behind a load balancer, the request that follows an administrator's change
 * may reach another process than the one that made it.
 */
@Injectable()
export class FreshCalendarInterceptor implements NestInterceptor {
  constructor(private readonly calendars: BankHolidayCalendar) {}

  intercept(
    _context: ExecutionContext,
    next: CallHandler,
  ): Observable<unknown> {
    return from(this.calendars.fresh()).pipe(switchMap(() => next.handle()));
  }
}
