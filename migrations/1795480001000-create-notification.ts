import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-app notifications (deadline reminders and escalations). One row per deadline, recipient,
 * reminder point and date: the unique key makes a reminder happen once however many workers race.
 */
export class CreateNotification1795480001000 implements MigrationInterface {
  name = 'CreateNotification1795480001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id uuid NOT NULL REFERENCES staff_user(id),
        deadline_id uuid NOT NULL REFERENCES deadline(id),
        case_id uuid NOT NULL REFERENCES "case"(id),
        kind text NOT NULL CHECK (kind IN ('reminder', 'escalation')),
        point text NOT NULL,
        for_date date NOT NULL,
        due_on date NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        emailed_at timestamptz,
        UNIQUE (deadline_id, recipient_id, point, for_date)
      )`);
    await q.query(
      `CREATE INDEX notification_recipient ON notification (recipient_id, created_at DESC)`,
    );
    await q.query(
      `CREATE INDEX notification_unsent_email ON notification (created_at) WHERE emailed_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification`);
  }
}
