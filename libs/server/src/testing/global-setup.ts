import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { register } from 'tsconfig-paths';
import { DataSource, type MigrationInterface } from 'typeorm';
import { ADMIN_URL, databaseUrl } from './int-admin';

const ROOT = join(__dirname, '../../../..');

/**
 * Before the integration tier: a database of its own for this run (send_int_<pid>_<random>, on
 * the PostgreSQL of INT_ADMIN_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres),
 * with every migration applied. Its name goes to the test files in INT_DATABASE_URL.
 */
export default async function globalSetup(): Promise<void> {
  const name = `send_int_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  // Jest resolves @send/* for the test files; the migrations, loaded here, need the workspace's paths too.
  const { compilerOptions } = require(join(ROOT, 'tsconfig.base.json')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  register({ baseUrl: ROOT, paths: compilerOptions.paths });
  const { MIGRATIONS } = require(join(ROOT, 'migrations')) as {
    MIGRATIONS: (new () => MigrationInterface)[];
  };
  const db = new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
  });
  await db.initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
  } finally {
    await db.destroy();
  }
  process.env['INT_DATABASE_NAME'] = name;
  process.env['INT_DATABASE_URL'] = url;
}
