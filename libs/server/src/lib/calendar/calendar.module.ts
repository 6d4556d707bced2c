import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import {
  BankHolidayCalendar,
  FreshCalendarInterceptor,
} from './bank-holiday-calendar';
import { BankHolidayRepository } from './bank-holiday.repository';
import { BankHolidayController } from './bank-holiday.controller';
import { BankHolidayService } from './bank-holiday.service';
import { CALENDAR } from './calendar.token';

/** The working-day calendar (the bank_holiday table's), loaded before anything that counts working days is built (API and worker). */
@Module({
  providers: [
    BankHolidayRepository,
    BankHolidayCalendar,
    {
      provide: CALENDAR,
      inject: [BankHolidayCalendar],
      useFactory: async (calendars: BankHolidayCalendar) => {
        await calendars.start();
        return calendars.calendar;
      },
    },
  ],
  exports: [BankHolidayRepository, BankHolidayCalendar, CALENDAR],
})
export class CalendarModule {}

/** The API's side: administrators keep the bank holidays. */
@Module({
  imports: [CalendarModule, AuditModule],
  controllers: [BankHolidayController],
  providers: [
    BankHolidayService,
    // With several API processes: a request waits for a bank-holiday change another process made to be loaded here.
    { provide: APP_INTERCEPTOR, useClass: FreshCalendarInterceptor },
  ],
})
export class CalendarApiModule {}
