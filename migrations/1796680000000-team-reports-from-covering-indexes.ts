import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A team's reports from its own index entries, not a row fetch a deadline and a case lookup a
 * deadline (README, "National-scale benchmark"). At national scale (1,000,000 cases; a team of
 * 6,600 cases and 17,500 deadlines) the team's dashboard read about 7,000 deadline pages and made
 * 5,000 case lookups (20,000 more pages) for what it counts and groups; its SQL took 40-50 ms alone,
 * and 200-300 ms with eight managers at once on two cores.
 * - `deadline_team_cover` replaces `deadline_team_due_on`: the same key (team, due date) with every
 *   column the reports filter, count and group by, so that the dashboard, compliance and the
 *   drill-down lists' counts are index-only scans of the team's entries (and a list's page, sorted
 *   by due date, an ordered scan that stops at its last row).
 * - `case_team_cover` replaces `case_team`: the team's cases with the caseworker, reference and
 *   child's name the reports join to a deadline, read index-only (the reports add the case's team to
 *   the join: `deadline.team` is the case's, kept by triggers), and the team's caseworkers in order.
 * Built in the migration's transaction: on a national database each build takes seconds, during
 * which writes to the table wait.
 */
export class TeamReportsFromCoveringIndexes1796680000000
  implements MigrationInterface
{
  name = 'TeamReportsFromCoveringIndexes1796680000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX deadline_team_cover ON deadline (team, due_on)
       INCLUDE (status, duty_holder, decision_type, rule_id, responsible_body, met_on, case_id, id)`,
    );
    await q.query(`DROP INDEX deadline_team_due_on`);
    await q.query(
      `CREATE INDEX case_team_cover ON "case" (team, caseworker) INCLUDE (id, reference, child_name)`,
    );
    await q.query(`DROP INDEX case_team`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX case_team ON "case" (team)`);
    await q.query(`DROP INDEX case_team_cover`);
    await q.query(
      `CREATE INDEX deadline_team_due_on ON deadline (team, due_on)`,
    );
    await q.query(`DROP INDEX deadline_team_cover`);
  }
}
