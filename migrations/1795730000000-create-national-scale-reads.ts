import { appealRegisterEntries } from '@send/domain';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads that grow with the team, not with the country (README, "National-scale benchmark"):
 * - `deadline.team`: the case's team on each deadline, kept by triggers (set when a deadline is
 *   written, moved with its case when the case changes team), so that a team's reports and lists
 *   start from the team's deadlines (`deadline_team_due_on`, and `deadline_team_live` for the live
 *   ones: due this week, overdue, open) rather than every deadline in the country;
 * - `appeal_register`: one row per appeal, written with the case on every write by the domain's
 *   `appealRegisterEntries` (stage and how it ended as columns), so the appeals register never reads
 *   the snapshots' JSON (the case's reference, child's name, team and caseworker are written with
 *   it); filled here from the stored snapshots;
 * - case search and lists within a team: trigram indexes led by the team (btree_gin), the team and
 *   date of birth, and the team's cases most recently changed first; the cases with flags, by team.
 */
export class CreateNationalScaleReads1795730000000
  implements MigrationInterface
{
  name = 'CreateNationalScaleReads1795730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadline ADD COLUMN team text`);
    await q.query(
      `UPDATE deadline d SET team = c.team FROM "case" c WHERE c.id = d.case_id`,
    );
    await q.query(`ALTER TABLE deadline ALTER COLUMN team SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION deadline_team_of_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.team := (SELECT team FROM "case" WHERE id = NEW.case_id);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER deadline_team BEFORE INSERT OR UPDATE OF case_id ON deadline
      FOR EACH ROW EXECUTE FUNCTION deadline_team_of_case()`);
    await q.query(`
      CREATE FUNCTION case_team_to_deadlines() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE deadline SET team = NEW.team WHERE case_id = NEW.id;
        UPDATE appeal_register SET team = NEW.team WHERE case_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE INDEX deadline_team_due_on ON deadline (team, due_on)`,
    );
    await q.query(
      `CREATE INDEX deadline_team_live ON deadline (team, due_on) WHERE status IN ('open', 'overdue')`,
    );

    await q.query(`
      CREATE TABLE appeal_register (
        case_id uuid NOT NULL REFERENCES "case"(id),
        appeal_id text NOT NULL,
        reference text NOT NULL,
        child_name text NOT NULL,
        team text NOT NULL,
        caseworker text NOT NULL,
        tribunal_reference text NOT NULL,
        decision_type text,
        sections text[] NOT NULL,
        lodged_on date NOT NULL,
        registered_on date,
        response_sent_on date,
        hearing_date date,
        outcome text,
        decision_date date,
        stage text NOT NULL,
        result text NOT NULL,
        PRIMARY KEY (case_id, appeal_id)
      )`);
    await q.query(
      `CREATE INDEX appeal_register_team_lodged_on ON appeal_register (team, lodged_on)`,
    );
    await q.query(
      `CREATE INDEX appeal_register_lodged_on ON appeal_register (lodged_on)`,
    );
    await q.query(`
      CREATE TRIGGER case_team_moves AFTER UPDATE OF team ON "case"
      FOR EACH ROW WHEN (OLD.team IS DISTINCT FROM NEW.team) EXECUTE FUNCTION case_team_to_deadlines()`);

    // The register from the stored snapshots, a page of cases at a time.
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const cases = (await q.query(
        `SELECT id, reference, child_name, team, caseworker, snapshot->'appeals' AS appeals, snapshot->'decisions' AS decisions FROM "case"
         WHERE id > $1 AND (snapshot->'appeals') <> '[]'::jsonb ORDER BY id LIMIT 1000`,
        [after],
      )) as {
        id: string;
        reference: string;
        child_name: string;
        team: string;
        caseworker: string;
        appeals: never;
        decisions: never;
      }[];
      if (cases.length === 0) break;
      after = cases[cases.length - 1].id;
      for (const c of cases) {
        for (const e of appealRegisterEntries({
          appeals: c.appeals ?? [],
          decisions: c.decisions ?? [],
        })) {
          await q.query(
            `INSERT INTO appeal_register (case_id, appeal_id, reference, child_name, team, caseworker, tribunal_reference, decision_type, sections,
               lodged_on, registered_on, response_sent_on, hearing_date, outcome, decision_date, stage, result)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) ON CONFLICT DO NOTHING`,
            [
              c.id,
              e.appealId,
              c.reference,
              c.child_name,
              c.team,
              c.caseworker,
              e.tribunalReference,
              e.decisionType,
              e.sections,
              e.lodgedOn,
              e.registeredOn,
              e.responseSentOn,
              e.hearingDate,
              e.outcome,
              e.decisionDate,
              e.stage,
              e.result,
            ],
          );
        }
      }
    }

    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await q.query(
      `CREATE INDEX case_team_reference_trgm ON "case" USING gin (team, lower(reference) gin_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX case_team_child_name_trgm ON "case" USING gin (team, lower(child_name) gin_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX case_team_date_of_birth ON "case" (team, date_of_birth)`,
    );
    // The appeals register no longer reads the snapshots.
    await q.query(`DROP INDEX case_team_with_appeals`);
    await q.query(
      `CREATE INDEX case_team_updated_at ON "case" (team, updated_at DESC, reference)`,
    );
    await q.query(
      `CREATE INDEX case_updated_at ON "case" (updated_at DESC, reference)`,
    );
    await q.query(`
      CREATE INDEX case_team_flagged ON "case" (team, reference)
      WHERE jsonb_typeof(snapshot->'flags') = 'array' AND jsonb_array_length(snapshot->'flags') > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'case_team_flagged',
      'case_updated_at',
      'case_team_updated_at',
      'case_team_date_of_birth',
      'case_team_child_name_trgm',
      'case_team_reference_trgm',
    ]) {
      await q.query(`DROP INDEX ${index}`);
    }
    await q.query(
      `CREATE INDEX case_team_with_appeals ON "case" (team) WHERE (snapshot->'appeals') <> '[]'::jsonb`,
    );
    await q.query(`DROP TRIGGER case_team_moves ON "case"`);
    await q.query(`DROP TABLE appeal_register`);
    await q.query(`DROP FUNCTION case_team_to_deadlines`);
    await q.query(`DROP TRIGGER deadline_team ON deadline`);
    await q.query(`DROP FUNCTION deadline_team_of_case`);
    await q.query(`ALTER TABLE deadline DROP COLUMN team`);
  }
}
