import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../../../migrations';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';

// SQL `date` is a calendar date: read it as 'YYYY-MM-DD', never as a JavaScript Date at a
// midnight that BST would shift by a day.
const PG_DATE_OID = 1082;
types.setTypeParser(PG_DATE_OID, (value: string) => value);

/** The one description of the database connection, shared by the apps, the migrate command and the seed. */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    synchronize: false,
    migrationsRun: false,
    extra: { max: 10, application_name: 'send-disagreements' },
  };
}
