import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import {
  readDatabaseUrl,
  readDataSourceOptions,
} from './read-database-options';

const server = new URL(
  process.env['TEST_DATABASE_URL'] ??
    'postgres://postgres@127.0.0.1:5432/postgres',
);
const database = (name: string) =>
  Object.assign(new URL(server), { pathname: `/${name}` }).toString();

/** What a read pool built from this configuration connects to, and its JIT and parallel settings. */
async function readsGoTo(
  env: Record<string, string>,
): Promise<{ database: string; jit: string; parallel: string }> {
  const db = new DataSource(readDataSourceOptions(loadConfig(env)));
  await db.initialize();
  try {
    const [row] = (await db.query(
      `SELECT current_database() AS database, current_setting('jit') AS jit,
              current_setting('max_parallel_workers_per_gather') AS parallel`,
    )) as { database: string; jit: string; parallel: string }[];
    return row as { database: string; jit: string; parallel: string };
  } finally {
    await db.destroy();
  }
}

describe('READ_DATABASE_URL', () => {
  it('falls back to DATABASE_URL when unset', () => {
    expect(
      readDatabaseUrl(loadConfig({ DATABASE_URL: database('primary') })),
    ).toBe(database('primary'));
    expect(
      readDatabaseUrl(
        loadConfig({
          DATABASE_URL: database('primary'),
          READ_DATABASE_URL: database('replica'),
        }),
      ),
    ).toBe(database('replica'));
  });

  it('sends the heavy reads to the configured database, else to the primary, with JIT and parallel workers off', async () => {
    // Two databases of one server stand for the primary and its replica.
    expect(
      await readsGoTo({
        DATABASE_URL: database('postgres'),
        READ_DATABASE_URL: database('template1'),
      }),
    ).toEqual({ database: 'template1', jit: 'off', parallel: '0' });
    expect(await readsGoTo({ DATABASE_URL: database('postgres') })).toEqual({
      database: 'postgres',
      jit: 'off',
      parallel: '0',
    });
  });
});
