import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Auditors' background exports of case histories: what was asked, by whom, how far the worker has
 * got (the web app shows it as a progress bar), the file it made and when that file expires. The
 * index on business dates lets an export of a period find the cases with events in it.
 */
export class CreateExportJob1795520002000 implements MigrationInterface {
  name = 'CreateExportJob1795520002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE export_job (
        id uuid PRIMARY KEY,
        requested_by uuid NOT NULL REFERENCES staff_user(id),
        requested_by_name text NOT NULL,
        scope text NOT NULL CHECK (scope IN ('case', 'period')),
        format text NOT NULL CHECK (format IN ('csv', 'json', 'pdf')),
        case_id uuid REFERENCES "case"(id),
        case_reference text,
        from_date date,
        to_date date,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed', 'expired')),
        events_total integer,
        events_read integer NOT NULL DEFAULT 0,
        events_written integer NOT NULL DEFAULT 0,
        cases integer NOT NULL DEFAULT 0,
        attempts integer NOT NULL DEFAULT 0,
        file_name text,
        file_size bigint,
        sha256 text,
        verification jsonb,
        error text,
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        expires_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (
          (scope = 'case' AND case_id IS NOT NULL AND from_date IS NULL AND to_date IS NULL) OR
          (scope = 'period' AND case_id IS NULL AND from_date IS NOT NULL AND to_date IS NOT NULL AND from_date <= to_date)
        )
      )`);
    await q.query(
      `CREATE INDEX export_job_requested_by ON export_job (requested_by, requested_at DESC)`,
    );
    await q.query(
      `CREATE INDEX export_job_expiring ON export_job (expires_at) WHERE status = 'done'`,
    );
    await q.query(
      `CREATE INDEX export_job_unfinished ON export_job (requested_at) WHERE status IN ('queued', 'running')`,
    );
    await q.query(
      `CREATE INDEX case_event_business_date ON case_event (business_date)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_event_business_date`);
    await q.query(`DROP TABLE export_job`);
  }
}
