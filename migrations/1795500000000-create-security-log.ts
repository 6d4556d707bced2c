import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only log of security events (sign-in and its failures, lock-outs, sign-out, refused
 * CSRF tokens) and of every administrator's change (staff accounts, mediation providers, the
 * bank-holiday calendar): who, what, to whom, when, why and from where.
 */
export class CreateSecurityLog1795500000000 implements MigrationInterface {
  name = 'CreateSecurityLog1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE security_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        event text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
        actor_id uuid,
        actor_name text,
        actor_role text,
        subject_user_id uuid,
        reason text,
        detail jsonb NOT NULL DEFAULT '{}',
        ip text,
        request_id text
      )`);
    await q.query(`CREATE INDEX security_log_at ON security_log (at)`);
    await q.query(
      `CREATE INDEX security_log_subject ON security_log (subject_user_id) WHERE subject_user_id IS NOT NULL`,
    );
    await q.query(`
      CREATE FUNCTION security_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'security_log is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER security_log_no_update_delete BEFORE UPDATE OR DELETE ON security_log
      FOR EACH ROW EXECUTE FUNCTION security_log_is_append_only()`);
    await q.query(`
      CREATE TRIGGER security_log_no_truncate BEFORE TRUNCATE ON security_log
      FOR EACH STATEMENT EXECUTE FUNCTION security_log_is_append_only()`);
    await q.query(
      `REVOKE UPDATE, DELETE, TRUNCATE ON security_log FROM PUBLIC`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE security_log`);
    await q.query(`DROP FUNCTION security_log_is_append_only`);
  }
}
