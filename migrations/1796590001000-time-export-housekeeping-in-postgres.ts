import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The export housekeeping becomes a run timed in `scheduled_run`, like the daily digest: its timer
 * was a BullMQ job scheduler, lost whenever Redis lost its data until the worker restarted. Due at
 * once, so the first tick after the upgrade runs it.
 */
export class TimeExportHousekeepingInPostgres1796590001000
  implements MigrationInterface
{
  name = 'TimeExportHousekeepingInPostgres1796590001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO scheduled_run (name, next_run_at) VALUES ('export-housekeeping', 'epoch') ON CONFLICT (name) DO NOTHING`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM scheduled_run WHERE name = 'export-housekeeping'`,
    );
  }
}
