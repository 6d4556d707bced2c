import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff email addresses, for deadline reminders and escalations (optional: without one, reminders stay in the app). */
export class AddStaffEmail1795480000000 implements MigrationInterface {
  name = 'AddStaffEmail1795480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_user ADD COLUMN email text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_user DROP COLUMN email`);
  }
}
