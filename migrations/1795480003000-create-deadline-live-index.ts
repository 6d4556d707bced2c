import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Lets the reconciliation sweep walk every live deadline in keyset pages by id. */
export class CreateDeadlineLiveIndex1795480003000
  implements MigrationInterface
{
  name = 'CreateDeadlineLiveIndex1795480003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX deadline_live_id ON deadline (id) WHERE status IN ('open', 'overdue')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deadline_live_id`);
  }
}
