import { ConfigError, dataSourceOptions, loadConfig } from '@send/server';
import { DataSource } from 'typeorm';

/** Applies pending migrations, then exits. Run before the API and the worker start. */
async function migrate(): Promise<void> {
  const db = new DataSource(dataSourceOptions(loadConfig()));
  await db.initialize();
  try {
    const applied = await db.runMigrations({ transaction: 'each' });
    console.log(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'Database schema is up to date.');
  } finally {
    await db.destroy();
  }
}

migrate().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
