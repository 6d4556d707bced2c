import type { DataSource, EntityManager } from 'typeorm';
import { updatedRows } from './updated-rows';

/**
 * Where a repository's SQL runs: the pool (the DataSource), or the EntityManager of a transaction
 * the caller holds (a write that spans contexts, e.g. a case event and its deadlines).
 */
export type Db = DataSource | EntityManager;

/**
 * Runs one parameterised statement and answers its rows, typed by the caller: SELECT, and
 * INSERT/UPDATE/DELETE … RETURNING alike (TypeORM answers `[rows, count]` for the latter).
 */
export async function sql<T>(
  db: Db,
  text: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  return updatedRows<T>(await db.query(text, params as unknown[]));
}

/**
 * A `timestamptz` column as ISO 8601 text in UTC to the millisecond, exactly as `Date.toISOString`
 * writes it: made by PostgreSQL, so that a list of rows read as one JSON value (or streamed to an
 * export) needs no Date parsed and printed again in the API a row.
 */
export const isoUtcSql = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
