import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox relayed new deadlines to BullMQ timers. A deadline's timer is now its own
 * `next_action_at`, written in the case's transaction; nothing else used the outbox.
 */
export class DropOutbox1795610005000 implements MigrationInterface {
  name = 'DropOutbox1795610005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL`,
    );
  }
}
