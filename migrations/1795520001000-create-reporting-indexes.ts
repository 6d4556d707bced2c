import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the manager's and auditor's reports (libs/server/src/lib/reporting), which read
 * PostgreSQL only:
 * - a team's cases (every report of one team starts from them, then reaches their deadlines
 *   through `deadline_case`);
 * - deadlines by due date, whatever their status (compliance month by month across every team;
 *   `deadline_open_due` covers only the live ones);
 * - the cases that have an appeal, by team (the appeals register reads only those snapshots).
 */
export class CreateReportingIndexes1795520001000 implements MigrationInterface {
  name = 'CreateReportingIndexes1795520001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX case_team ON "case" (team)`);
    await q.query(
      `CREATE INDEX deadline_due_on ON deadline (due_on) INCLUDE (rule_id, status, met_on)`,
    );
    await q.query(
      `CREATE INDEX case_team_with_appeals ON "case" (team) WHERE (snapshot->'appeals') <> '[]'::jsonb`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_team_with_appeals`);
    await q.query(`DROP INDEX deadline_due_on`);
    await q.query(`DROP INDEX case_team`);
  }
}
