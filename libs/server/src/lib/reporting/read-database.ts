import {
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { readDataSourceOptions } from './read-database-options';

export {
  readDatabaseUrl,
  readDataSourceOptions,
} from './read-database-options';

/**
 * The connection the heavy reads use (the reports, the appeals register and the history exports):
 * `READ_DATABASE_URL` (a PostgreSQL replica) when it is set, else the primary, `DATABASE_URL`.
 * Read-only queries only. A pool of its own, small, with PostgreSQL's JIT compiler off: the
 * reports are short OLTP-sized queries whose row estimates can make JIT compile for longer than
 * the query runs (README, "National-scale benchmark").
 */
export const READ_DB = Symbol('READ_DB');

@Injectable()
class ReadDatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(READ_DB) private readonly db: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.db.isInitialized) await this.db.destroy().catch(() => undefined);
  }
}

/** Provides `READ_DB` (connected when the app starts). */
@Module({
  providers: [
    {
      provide: READ_DB,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const db = new DataSource(readDataSourceOptions(config));
        try {
          return await db.initialize();
        } catch (error) {
          const which = config.READ_DATABASE_URL
            ? 'READ_DATABASE_URL'
            : 'DATABASE_URL';
          new Logger('ReadDatabase').error(
            `The read database (${which}) does not answer: ${String(error)}`,
          );
          throw error;
        }
      },
    },
    ReadDatabaseCloser,
  ],
  exports: [READ_DB],
})
export class ReadDatabaseModule {}
