import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The member of staff a case's caseworker is. The case records its caseworker by name (and its
 * team); reminders and digests go to a staff id. This function is the one place that name is
 * resolved: the active member of staff of that name, in the case's team first, the earliest
 * created first. (To go once cases record their caseworker's id.)
 */
export class CreateCaseworkerStaffIdFunction1795610004000
  implements MigrationInterface
{
  name = 'CreateCaseworkerStaffIdFunction1795610004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION caseworker_staff_id(caseworker text, team text) RETURNS uuid
      LANGUAGE sql STABLE AS $$
        SELECT s.id FROM staff_user s WHERE s.name = $1 AND s.active ORDER BY (s.team = $2) DESC, s.created_at, s.id LIMIT 1
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION caseworker_staff_id(text, text)`);
  }
}
