import {
  appRoleGrants,
  ConfigError,
  dataSourceOptions,
  loadConfig,
  userOf,
} from '@send/server';
import { DataSource } from 'typeorm';

/**
 * Applies pending migrations as the schema's owner (MIGRATION_DATABASE_URL, else DATABASE_URL),
 * then, when the apps connect as another role (DATABASE_URL's user), grants that role what they
 * need and no more. Run before the API and the worker start.
 */
async function migrate(): Promise<void> {
  const config = loadConfig();
  const ownerUrl = config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL;
  const db = new DataSource(
    dataSourceOptions({ ...config, DATABASE_URL: ownerUrl }),
  );
  await db.initialize();
  try {
    const applied = await db.runMigrations({ transaction: 'each' });
    console.log(
      applied.length
        ? `Applied ${applied.map((m) => m.name).join(', ')}`
        : 'Database schema is up to date.',
    );
    const appRole = userOf(config.DATABASE_URL);
    if (appRole !== userOf(ownerUrl)) {
      await db.transaction(async (tx) => {
        for (const statement of appRoleGrants(appRole))
          await tx.query(statement);
      });
      console.log(
        `Granted ${appRole} the apps' privileges (append-only tables: SELECT and INSERT only).`,
      );
    }
  } finally {
    await db.destroy();
  }
}

migrate().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
