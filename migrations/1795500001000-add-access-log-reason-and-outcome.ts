import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access log keeps the route's purpose and the reason a member of staff gave (X-Access-Reason)
 * side by side, and records refused reads too (outcome `denied`, with the status answered).
 * Existing rows: the purpose column held the given reason when there was one; it stays as it was.
 */
export class AddAccessLogReasonAndOutcome1795500001000
  implements MigrationInterface
{
  name = 'AddAccessLogReasonAndOutcome1795500001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE access_log
        ADD COLUMN reason text,
        ADD COLUMN outcome text NOT NULL DEFAULT 'allowed' CHECK (outcome IN ('allowed', 'denied')),
        ADD COLUMN status smallint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE access_log DROP COLUMN reason, DROP COLUMN outcome, DROP COLUMN status`,
    );
  }
}
