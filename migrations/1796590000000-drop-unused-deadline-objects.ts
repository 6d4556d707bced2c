import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops what nothing reads any more: `caseworker_staff_id(caseworker, team)` (cases carry
 * `caseworker_id` since AddCaseworkerAndOwnerIds) and the index `deadline_live_id` (live deadlines
 * are found through `deadline_team_live` and the timers through `deadline_next_action`).
 */
export class DropUnusedDeadlineObjects1796590000000
  implements MigrationInterface
{
  name = 'DropUnusedDeadlineObjects1796590000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS caseworker_staff_id(text, text)`);
    await q.query(`DROP INDEX IF EXISTS deadline_live_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX deadline_live_id ON deadline (id) WHERE status IN ('open', 'overdue')`,
    );
    await q.query(`
      CREATE FUNCTION caseworker_staff_id(caseworker text, team text) RETURNS uuid
      LANGUAGE sql STABLE AS $$
        SELECT s.id FROM staff_user s WHERE s.name = $1 AND s.active ORDER BY (s.team = $2) DESC, s.created_at, s.id LIMIT 1
      $$`);
  }
}
