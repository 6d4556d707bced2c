import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff are identified by their id, never by their name: two members of staff can share a name (in
 * one team or in two), and a name says nothing about role or team.
 * - `case.caseworker_id`: the member of staff who holds the case (the case's `caseworker` stays as
 *   the name shown). Set when the case is opened (who opened it) and when it is reassigned.
 * - `deadline.owner_id`: who owns the deadline (the case's caseworker when it was opened; live
 *   deadlines move with the case when it is reassigned). The calendar feed selects by it.
 * Backfill: a case not reassigned belongs to whoever opened it (the `case.opened` event's actor,
 * whose name it carries); otherwise to the one member of staff of the case's team with that name,
 * if there is exactly one. A deadline belongs to its case's caseworker when it carries that name,
 * otherwise to the one member of staff of the case's team with the deadline's owner name. Where no
 * one can be told apart the id stays NULL: such a deadline is in no one's calendar feed (the safe
 * side) until its case is reassigned, which sets the id.
 */
export class AddCaseworkerAndOwnerIds1795620000000
  implements MigrationInterface
{
  name = 'AddCaseworkerAndOwnerIds1795620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "case" ADD COLUMN caseworker_id uuid REFERENCES staff_user(id)`,
    );
    await q.query(
      `ALTER TABLE deadline ADD COLUMN owner_id uuid REFERENCES staff_user(id)`,
    );

    await q.query(`
      UPDATE "case" c SET caseworker_id = e.actor_id
      FROM case_event e JOIN staff_user u ON u.id = e.actor_id
      WHERE e.case_id = c.id AND e.type = 'case.opened' AND u.name = c.caseworker
        AND NOT EXISTS (SELECT 1 FROM case_event r WHERE r.case_id = c.id AND r.type = 'case.reassigned')`);
    await q.query(`
      UPDATE "case" c SET caseworker_id = sole.id
      FROM (SELECT name, team, (array_agg(id))[1] AS id FROM staff_user
            WHERE role IN ('caseworker', 'manager') GROUP BY name, team HAVING count(*) = 1) sole
      WHERE c.caseworker_id IS NULL AND sole.name = c.caseworker AND sole.team = c.team`);

    await q.query(`
      UPDATE deadline d SET owner_id = c.caseworker_id
      FROM "case" c WHERE c.id = d.case_id AND d.owner = c.caseworker AND c.caseworker_id IS NOT NULL`);
    await q.query(`
      UPDATE deadline d SET owner_id = sole.id
      FROM "case" c, (SELECT name, team, (array_agg(id))[1] AS id FROM staff_user GROUP BY name, team HAVING count(*) = 1) sole
      WHERE d.owner_id IS NULL AND c.id = d.case_id AND sole.name = d.owner AND sole.team = c.team`);

    await q.query(`CREATE INDEX case_caseworker_id ON "case" (caseworker_id)`);
    await q.query(
      `CREATE INDEX deadline_owner_live ON deadline (owner_id, due_on) WHERE status IN ('open', 'overdue')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deadline_owner_live`);
    await q.query(`DROP INDEX case_caseworker_id`);
    await q.query(`ALTER TABLE deadline DROP COLUMN owner_id`);
    await q.query(`ALTER TABLE "case" DROP COLUMN caseworker_id`);
  }
}
