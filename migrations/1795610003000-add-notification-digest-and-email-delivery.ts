import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - The daily digest: one notification a person a working day (kind `digest`, no deadline of its
 *   own), unique per recipient and date, so that however many workers race it is written once.
 * - Email delivery state on the notification it carries: `email_next_attempt_at` (real time; NULL:
 *   nothing to send, e.g. the recipient has no address, or sent), `email_attempts` and
 *   `email_last_error`. The worker claims due rows with a lease and backs off after a failure.
 * - An index on overdue deadlines for the digest.
 */
export class AddNotificationDigestAndEmailDelivery1795610003000
  implements MigrationInterface
{
  name = 'AddNotificationDigestAndEmailDelivery1795610003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notification
        ALTER COLUMN deadline_id DROP NOT NULL,
        ALTER COLUMN case_id DROP NOT NULL,
        ALTER COLUMN due_on DROP NOT NULL`);
    await q.query(
      `ALTER TABLE notification DROP CONSTRAINT notification_kind_check`,
    );
    await q.query(
      `ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN ('reminder', 'escalation', 'digest'))`,
    );
    await q.query(
      `ALTER TABLE notification ADD CONSTRAINT notification_digest_has_no_deadline CHECK ((kind = 'digest') = (deadline_id IS NULL))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX notification_one_digest_a_day ON notification (recipient_id, for_date) WHERE kind = 'digest'`,
    );
    await q.query(`
      ALTER TABLE notification
        ADD COLUMN email_next_attempt_at timestamptz,
        ADD COLUMN email_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN email_last_error text`);
    await q.query(`
      UPDATE notification n SET email_next_attempt_at = n.created_at
      FROM staff_user s WHERE s.id = n.recipient_id AND n.emailed_at IS NULL AND s.email IS NOT NULL`);
    await q.query(`DROP INDEX notification_unsent_email`);
    await q.query(
      `CREATE INDEX notification_email_due ON notification (email_next_attempt_at) WHERE emailed_at IS NULL AND email_next_attempt_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX notification_email_backlog ON notification (created_at) WHERE emailed_at IS NULL AND email_next_attempt_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX deadline_overdue_case ON deadline (case_id) WHERE status = 'overdue'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deadline_overdue_case`);
    await q.query(`DROP INDEX notification_email_backlog`);
    await q.query(`DROP INDEX notification_email_due`);
    await q.query(
      `CREATE INDEX notification_unsent_email ON notification (created_at) WHERE emailed_at IS NULL`,
    );
    await q.query(
      `ALTER TABLE notification DROP COLUMN email_last_error, DROP COLUMN email_attempts, DROP COLUMN email_next_attempt_at`,
    );
    await q.query(`DELETE FROM notification WHERE kind = 'digest'`);
    await q.query(`DROP INDEX notification_one_digest_a_day`);
    await q.query(
      `ALTER TABLE notification DROP CONSTRAINT notification_digest_has_no_deadline`,
    );
    await q.query(
      `ALTER TABLE notification DROP CONSTRAINT notification_kind_check`,
    );
    await q.query(
      `ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN ('reminder', 'escalation'))`,
    );
    await q.query(`
      ALTER TABLE notification
        ALTER COLUMN deadline_id SET NOT NULL,
        ALTER COLUMN case_id SET NOT NULL,
        ALTER COLUMN due_on SET NOT NULL`);
  }
}
