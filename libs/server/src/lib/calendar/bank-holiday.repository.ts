import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BankHolidayEntry } from '@send/contracts';
import type { BankHoliday } from '@send/domain';
import type { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { sql } from '../db/sql';

/** The PostgreSQL channel on which a committed change to `bank_holiday` is announced to every process. */
export const CALENDAR_CHANGED = 'bank_holiday_changed';

/** `bank_holiday`: the dates every process's working-day calendar is built from. */
@Injectable()
export class BankHolidayRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every listed date, in order (what the calendar is built from). */
  all(): Promise<BankHoliday[]> {
    return sql(
      this.db,
      `SELECT date::text AS date, title FROM bank_holiday ORDER BY date`,
    );
  }

  /** The listed dates of a year (of every year: null), with where each came from. */
  list(year: number | null): Promise<BankHolidayEntry[]> {
    return sql(
      this.db,
      `SELECT date::text AS date, title, source FROM bank_holiday
       WHERE $1::int IS NULL OR extract(year FROM date) = $1::int ORDER BY date`,
      [year],
    );
  }

  /** One change to the calendar at a time (readers are not blocked), until the transaction ends. */
  async lock(tx: EntityManager): Promise<void> {
    await sql(tx, `LOCK TABLE bank_holiday IN SHARE ROW EXCLUSIVE MODE`);
  }

  async on(
    tx: EntityManager,
    date: string,
  ): Promise<{ title: string; source: string } | undefined> {
    const [row] = await sql<{ title: string; source: string }>(
      tx,
      `SELECT title, source FROM bank_holiday WHERE date = $1`,
      [date],
    );
    return row;
  }

  /** How many dates of `year` are listed. */
  async listedIn(tx: EntityManager, year: number): Promise<number> {
    const [row] = await sql<{ listed: number }>(
      tx,
      `SELECT count(*)::int AS listed FROM bank_holiday WHERE extract(year FROM date) = $1`,
      [year],
    );
    return row?.listed ?? 0;
  }

  async insert(
    tx: EntityManager,
    h: {
      date: string;
      title: string;
      source: 'regular pattern' | 'administrator';
      addedBy: string | null;
    },
  ): Promise<void> {
    await sql(
      tx,
      `INSERT INTO bank_holiday (date, title, source, added_by) VALUES ($1, $2, $3, $4)`,
      [h.date, h.title, h.source, h.addedBy],
    );
  }

  async remove(tx: EntityManager, date: string): Promise<void> {
    await sql(tx, `DELETE FROM bank_holiday WHERE date = $1`, [date]);
  }

  /** Announces a change to the calendar to every process (API and worker): delivered when `tx` commits, never if it rolls back. */
  async announceChange(tx: EntityManager): Promise<void> {
    await sql(tx, `SELECT pg_notify($1, '')`, [CALENDAR_CHANGED]);
  }

  /**
   * Listens on CALENDAR_CHANGED on `client`: a connection of the listener's own, not the pool's (a
   * LISTEN lasts as long as its connection, and a pooled one is handed to others).
   */
  async listen(client: Client): Promise<void> {
    await client.query(`LISTEN ${CALENDAR_CHANGED}`);
  }
}
