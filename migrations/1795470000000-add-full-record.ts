import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The full disagreement record: the owning team, who must act by each deadline and its
 * extensions, mediation providers as data, and documents attached to history events.
 */
export class AddFullRecord1795470000000 implements MigrationInterface {
  name = 'AddFullRecord1795470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "case" ADD COLUMN team text NOT NULL DEFAULT 'SEND'`,
    );
    await q.query(`ALTER TABLE "case" ALTER COLUMN team DROP DEFAULT`);
    await q.query(
      `CREATE INDEX case_lower_reference ON "case" (lower(reference))`,
    );
    await q.query(
      `CREATE INDEX case_lower_child_name ON "case" (lower(child_name) text_pattern_ops)`,
    );
    await q.query(`CREATE INDEX case_date_of_birth ON "case" (date_of_birth)`);

    await q.query(`
      ALTER TABLE deadline
        ADD COLUMN duty_holder text NOT NULL DEFAULT 'council'
          CHECK (duty_holder IN ('council', 'family', 'mediation_adviser', 'icb', 'council_social_care')),
        ADD COLUMN extensions jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN cancelled_reason text`);
    await q.query(`ALTER TABLE deadline ALTER COLUMN duty_holder DROP DEFAULT`);
    await q.query(`CREATE INDEX deadline_case ON deadline (case_id)`);

    await q.query(`
      CREATE TABLE mediation_provider (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        email text,
        phone text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE document (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES "case"(id),
        event_id uuid NOT NULL REFERENCES case_event(id),
        event_sequence integer NOT NULL,
        filename text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL CHECK (size > 0),
        sha256 text NOT NULL,
        content bytea NOT NULL,
        uploaded_at timestamptz NOT NULL,
        uploaded_by text NOT NULL
      )`);
    await q.query(`CREATE INDEX document_case ON document (case_id)`);
    // Documents are evidence: like the history, never altered or removed.
    await q.query(`
      CREATE TRIGGER document_no_update_delete BEFORE UPDATE OR DELETE ON document
      FOR EACH ROW EXECUTE FUNCTION case_event_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document`);
    await q.query(`DROP TABLE mediation_provider`);
    await q.query(`DROP INDEX deadline_case`);
    await q.query(
      `ALTER TABLE deadline DROP COLUMN cancelled_reason, DROP COLUMN extensions, DROP COLUMN duty_holder`,
    );
    await q.query(`DROP INDEX case_date_of_birth`);
    await q.query(`DROP INDEX case_lower_child_name`);
    await q.query(`DROP INDEX case_lower_reference`);
    await q.query(`ALTER TABLE "case" DROP COLUMN team`);
  }
}
