import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A deadline can close as `missed`: a duty that can no longer be done and was not (mediation the
 * council could not arrange in time, once the adviser's certificate says so: SEND Regs reg 37). It
 * stops reminders and escalation, and counts as missed in the reports.
 */
export class AddDeadlineMissedStatus1795600001000
  implements MigrationInterface
{
  name = 'AddDeadlineMissedStatus1795600001000';

  async up(q: QueryRunner): Promise<void> {
    const [constraint] = (await q.query(
      `SELECT conname FROM pg_constraint WHERE conrelid = 'deadline'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%status%'`,
    )) as { conname: string }[];
    if (constraint)
      await q.query(
        `ALTER TABLE deadline DROP CONSTRAINT "${constraint.conname}"`,
      );
    await q.query(
      `ALTER TABLE deadline ADD CONSTRAINT deadline_status_check CHECK (status IN ('open', 'met', 'overdue', 'cancelled', 'missed'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE deadline SET status = 'cancelled' WHERE status = 'missed'`,
    );
    await q.query(`ALTER TABLE deadline DROP CONSTRAINT deadline_status_check`);
    await q.query(
      `ALTER TABLE deadline ADD CONSTRAINT deadline_status_check CHECK (status IN ('open', 'met', 'overdue', 'cancelled'))`,
    );
  }
}
