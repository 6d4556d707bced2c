import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../db/data-source-options';

/** The URL the heavy reads go to. */
export const readDatabaseUrl = (
  config: Pick<AppConfig, 'DATABASE_URL' | 'READ_DATABASE_URL'>,
): string => config.READ_DATABASE_URL ?? config.DATABASE_URL;

/**
 * What the read pool's sessions run with. JIT off: the reports are short OLTP-sized queries that
 * PostgreSQL's JIT compiler made slower (the appeals register spent most of its time compiling).
 * No parallel workers: a parallel plan starts worker processes with cold caches for every query,
 * which at national scale (1,000,000 cases, 2 cores) made a team's deadline dashboard 155-270 ms
 * against 56 ms run by one process, and gained nothing for the all-teams dashboard (3.06 s against
 * 3.04 s). The national benchmark runs the reports' SQL with the same settings.
 */
export const READ_POOL_SETTINGS =
  '-c jit=off -c max_parallel_workers_per_gather=0';

/** The read pool: READ_DATABASE_URL or the primary; small; JIT off, no parallel workers. */
export function readDataSourceOptions(config: AppConfig): DataSourceOptions {
  const primary = dataSourceOptions(config);
  return {
    ...primary,
    url: readDatabaseUrl(config),
    migrations: [],
    extra: {
      max: 5,
      application_name: 'send-disagreements-read',
      options: READ_POOL_SETTINGS,
    },
  } as DataSourceOptions;
}
