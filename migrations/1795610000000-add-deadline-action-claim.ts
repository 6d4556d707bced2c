import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A deadline's action claimed by the worker's tick (see libs/server/src/lib/deadlines/deadline.tick.ts).
 * - `claim_no`: counts the claims; the BullMQ job of a claim carries it in its id and its data, so a
 *   re-claimed action gets a new job and a job of an older claim does nothing.
 * - `claimed_at` (real time): set while a claim is in flight (its job queued or running), to the
 *   latest claim's time; the tick compares these rows with what the queue holds and claims again
 *   any whose job Redis lost. `claim_started_at` (real time): when the action was first claimed
 *   (kept when it is claimed again): how long it has been in flight, for health.
 * - `claimed_due_at`: when the claimed action was due (the `next_action_at` it was claimed from;
 *   `next_action_at` is NULL while the claim is in flight), for health and for latency figures.
 */
export class AddDeadlineActionClaim1795610000000 implements MigrationInterface {
  name = 'AddDeadlineActionClaim1795610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE deadline
        ADD COLUMN claim_no integer NOT NULL DEFAULT 0,
        ADD COLUMN claimed_at timestamptz,
        ADD COLUMN claim_started_at timestamptz,
        ADD COLUMN claimed_due_at timestamptz`);
    await q.query(
      `CREATE INDEX deadline_claimed ON deadline (claimed_at) WHERE claimed_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deadline_claimed`);
    await q.query(
      `ALTER TABLE deadline DROP COLUMN claimed_due_at, DROP COLUMN claim_started_at, DROP COLUMN claimed_at, DROP COLUMN claim_no`,
    );
  }
}
