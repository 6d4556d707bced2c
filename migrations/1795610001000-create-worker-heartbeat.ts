import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per running worker process, written by the worker itself: `seen_at` every few seconds
 * (it is alive), `tick_at` when its deadline tick completes, what it has done and its last errors.
 * The health check reads it to tell a dead worker, a frozen tick and mail that cannot leave apart.
 * Times are real time (the database's clock), never the app's CLOCK_NOW.
 */
export class CreateWorkerHeartbeat1795610001000 implements MigrationInterface {
  name = 'CreateWorkerHeartbeat1795610001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE worker_heartbeat (
        worker_id text PRIMARY KEY,
        host text NOT NULL,
        pid integer NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        seen_at timestamptz NOT NULL DEFAULT now(),
        tick_at timestamptz,
        tick_ms integer,
        ticks bigint NOT NULL DEFAULT 0,
        tick_error text,
        tick_error_at timestamptz,
        actions_done bigint NOT NULL DEFAULT 0,
        action_done_at timestamptz,
        mail_sent bigint NOT NULL DEFAULT 0,
        mail_sent_at timestamptz,
        mail_failed bigint NOT NULL DEFAULT 0,
        mail_error text,
        mail_error_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE worker_heartbeat`);
  }
}
