import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../db/data-source-options';

/** The URL the heavy reads go to. */
export const readDatabaseUrl = (
  config: Pick<AppConfig, 'DATABASE_URL' | 'READ_DATABASE_URL'>,
): string => config.READ_DATABASE_URL ?? config.DATABASE_URL;

/** The read pool: READ_DATABASE_URL or the primary; small; JIT off. */
export function readDataSourceOptions(config: AppConfig): DataSourceOptions {
  const primary = dataSourceOptions(config);
  return {
    ...primary,
    url: readDatabaseUrl(config),
    migrations: [],
    extra: {
      max: 5,
      application_name: 'send-disagreements-read',
      options: '-c jit=off',
    },
  } as DataSourceOptions;
}
