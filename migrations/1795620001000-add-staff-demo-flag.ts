import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Demo staff are marked as such (the seed command sets it), so that a production API refuses to
 * sign them in whatever password they hold (and says so when it starts). Backfill: the accounts the
 * demo seed creates, by their published email addresses (README, "Demo accounts").
 */
export class AddStaffDemoFlag1795620001000 implements MigrationInterface {
  name = 'AddStaffDemoFlag1795620001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE staff_user ADD COLUMN demo boolean NOT NULL DEFAULT false`,
    );
    await q.query(
      `UPDATE staff_user SET demo = true WHERE lower(email) = ANY($1)`,
      [
        ['casey', 'sam', 'morgan', 'priya', 'jordan', 'ada', 'alex'].map(
          (n) => `${n}@example.council`,
        ),
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_user DROP COLUMN demo`);
  }
}
