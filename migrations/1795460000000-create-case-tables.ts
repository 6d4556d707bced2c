import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case snapshot, its append-only history, the statutory deadlines, the outbox and staff.
 * Dates are SQL `date` (calendar dates in Europe/London), never timestamps at midnight.
 */
export class CreateCaseTables1795460000000 implements MigrationInterface {
  name = 'CreateCaseTables1795460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('caseworker', 'manager', 'auditor', 'administrator')),
        team text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE "case" (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        child_name text NOT NULL,
        date_of_birth date NOT NULL,
        caseworker text NOT NULL,
        stage text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        snapshot jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE case_event (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES "case"(id),
        sequence integer NOT NULL CHECK (sequence > 0),
        type text NOT NULL,
        payload_version integer NOT NULL,
        payload jsonb NOT NULL,
        actor_id uuid,
        actor_name text NOT NULL,
        actor_role text NOT NULL,
        on_behalf_of text,
        business_date date NOT NULL,
        recorded_at timestamptz NOT NULL,
        summary text NOT NULL,
        reason text,
        stage_before text,
        stage_after text NOT NULL,
        correlation_id uuid NOT NULL,
        corrects_event_id uuid REFERENCES case_event(id),
        previous_hash text,
        hash text NOT NULL,
        UNIQUE (case_id, sequence)
      )`);

    // The history is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
    await q.query(`
      CREATE FUNCTION case_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_event is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER case_event_no_update_delete BEFORE UPDATE OR DELETE ON case_event
      FOR EACH ROW EXECUTE FUNCTION case_event_is_append_only()`);
    await q.query(`
      CREATE TRIGGER case_event_no_truncate BEFORE TRUNCATE ON case_event
      FOR EACH STATEMENT EXECUTE FUNCTION case_event_is_append_only()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON case_event FROM PUBLIC`);

    await q.query(`
      CREATE TABLE deadline (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES "case"(id),
        rule_id text NOT NULL,
        subject_id text NOT NULL,
        ruleset_version text NOT NULL,
        facts jsonb NOT NULL,
        due_on date NOT NULL,
        explanation jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'met', 'overdue', 'cancelled')),
        met_on date,
        responsible_body text,
        owner text NOT NULL,
        opened_by_event_id uuid NOT NULL REFERENCES case_event(id),
        closed_by_event_id uuid REFERENCES case_event(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (case_id, rule_id, subject_id)
      )`);
    await q.query(
      `CREATE INDEX deadline_open_due ON deadline (due_on) WHERE status IN ('open', 'overdue')`,
    );

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

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE deadline`);
    await q.query(`DROP TABLE case_event`);
    await q.query(`DROP FUNCTION case_event_is_append_only`);
    await q.query(`DROP TABLE "case"`);
    await q.query(`DROP TABLE staff_user`);
  }
}
