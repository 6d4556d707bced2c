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
