import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in (local accounts and OpenID Connect), server-side sessions, and the append-only log of
 * every read of personal data.
 */
export class AddSignInAndAccessLog1795490000000 implements MigrationInterface {
  name = 'AddSignInAndAccessLog1795490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE staff_user
        ADD COLUMN password_hash text,
        ADD COLUMN oidc_subject text UNIQUE,
        ADD COLUMN failed_sign_ins integer NOT NULL DEFAULT 0,
        ADD COLUMN locked_until timestamptz`);
    await q.query(
      `CREATE UNIQUE INDEX staff_user_lower_email ON staff_user (lower(email))`,
    );

    // A session is found by the SHA-256 of its cookie value: a copy of this table cannot be replayed.
    await q.query(`
      CREATE TABLE user_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        csrf_token text NOT NULL,
        user_id uuid NOT NULL REFERENCES staff_user(id),
        method text NOT NULL CHECK (method IN ('password', 'oidc')),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        ended_reason text
      )`);
    await q.query(
      `CREATE INDEX user_session_user ON user_session (user_id) WHERE ended_at IS NULL`,
    );

    // An OpenID Connect sign-in in progress: PKCE verifier and nonce, found by its state.
    await q.query(`
      CREATE TABLE oidc_login (
        state text PRIMARY KEY,
        code_verifier text NOT NULL,
        nonce text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE access_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_name text NOT NULL,
        actor_role text NOT NULL,
        action text NOT NULL,
        purpose text NOT NULL,
        case_id uuid,
        detail jsonb NOT NULL DEFAULT '{}',
        ip text,
        request_id text
      )`);
    await q.query(`CREATE INDEX access_log_at ON access_log (at)`);
    await q.query(
      `CREATE INDEX access_log_case ON access_log (case_id) WHERE case_id IS NOT NULL`,
    );
    await q.query(`
      CREATE FUNCTION access_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER access_log_no_update_delete BEFORE UPDATE OR DELETE ON access_log
      FOR EACH ROW EXECUTE FUNCTION access_log_is_append_only()`);
    await q.query(`
      CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
      FOR EACH STATEMENT EXECUTE FUNCTION access_log_is_append_only()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_log`);
    await q.query(`DROP FUNCTION access_log_is_append_only`);
    await q.query(`DROP TABLE oidc_login`);
    await q.query(`DROP TABLE user_session`);
    await q.query(`DROP INDEX staff_user_lower_email`);
    await q.query(`
      ALTER TABLE staff_user DROP COLUMN password_hash, DROP COLUMN oidc_subject,
        DROP COLUMN failed_sign_ins, DROP COLUMN locked_until`);
  }
}
