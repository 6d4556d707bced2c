import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runs on a schedule (the daily digest), timed in PostgreSQL and claimed by the worker's tick
 * exactly as a deadline's action is (`claim_no`, `claimed_at`, `claim_started_at`, `claimed_due_at`: see migration
 * 1795610000000). `next_run_at` is on the app's clock; `deferred_since` (real time) is when the tick
 * first held a due run back to let earlier deadline actions finish (the overdue markings a digest
 * lists). The digest starts at the epoch: the first tick looks at it at once and times it.
 */
export class CreateScheduledRun1795610002000 implements MigrationInterface {
  name = 'CreateScheduledRun1795610002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scheduled_run (
        name text PRIMARY KEY,
        next_run_at timestamptz,
        claim_no integer NOT NULL DEFAULT 0,
        claimed_at timestamptz,
        claim_started_at timestamptz,
        claimed_due_at timestamptz,
        deferred_since timestamptz,
        last_run_for date,
        last_run_at timestamptz
      )`);
    await q.query(
      `INSERT INTO scheduled_run (name, next_run_at) VALUES ('daily-digest', 'epoch')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scheduled_run`);
  }
}
