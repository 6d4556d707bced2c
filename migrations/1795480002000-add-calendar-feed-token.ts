import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A per-user secret for the iCalendar feed of their deadlines, stored only as a SHA-256 hash. */
export class AddCalendarFeedToken1795480002000 implements MigrationInterface {
  name = 'AddCalendarFeedToken1795480002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE staff_user ADD COLUMN calendar_feed_token_hash text UNIQUE`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE staff_user DROP COLUMN calendar_feed_token_hash`,
    );
  }
}
