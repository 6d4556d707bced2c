import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL is the only home of a deadline's timer.
 * - `next_action_at`: when the worker should next look at the deadline (a reminder point, the
 *   overdue check). NULL: nothing to do (closed, or a duty no reminders go out for once overdue).
 *   The case write path sets it to the time of the write for every live deadline it opens or whose
 *   due date or status it changes ("look at it now"); the deadline job then works out the real
 *   next action and stores it.
 * - `timing_from`: when the deadline's current due date was recorded (opened, moved by a correction
 *   or extended). Reminder points before it are never sent (the deadline was not on the system
 *   then), and a deadline already past when it was recorded is marked overdue only after a grace
 *   (the end of the next working day), so that a history entered after the fact can be completed
 *   before anything is flagged as missed.
 */
export class AddDeadlineNextAction1795600000000 implements MigrationInterface {
  name = 'AddDeadlineNextAction1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadline ADD COLUMN next_action_at timestamptz`);
    await q.query(`ALTER TABLE deadline ADD COLUMN timing_from timestamptz`);
    await q.query(`UPDATE deadline SET timing_from = created_at`);
    await q.query(
      `ALTER TABLE deadline ALTER COLUMN timing_from SET NOT NULL, ALTER COLUMN timing_from SET DEFAULT now()`,
    );
    await q.query(
      `UPDATE deadline SET next_action_at = now() WHERE status IN ('open', 'overdue')`,
    );
    await q.query(
      `CREATE INDEX deadline_next_action ON deadline (next_action_at) WHERE next_action_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deadline_next_action`);
    await q.query(`ALTER TABLE deadline DROP COLUMN timing_from`);
    await q.query(`ALTER TABLE deadline DROP COLUMN next_action_at`);
  }
}
