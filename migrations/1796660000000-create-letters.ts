import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Letters (issue 15). `letter_template`: the council's own template per letter kind, in versions
 * (an upload is a draft until an administrator publishes it; the newest published one is used;
 * none: the default shipped with the service). `letter`: each letter issued, with the entry it was
 * issued with, the template version it was made with (NULL: the default), its DOCX and PDF
 * documents, and how it was sent.
 */
export class CreateLetters1796660000000 implements MigrationInterface {
  name = 'CreateLetters1796660000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE letter_template (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        version integer NOT NULL,
        filename text NOT NULL,
        content bytea NOT NULL,
        sha256 text NOT NULL,
        uploaded_at timestamptz NOT NULL,
        uploaded_by text NOT NULL,
        published_at timestamptz,
        published_by text,
        UNIQUE (kind, version)
      )`);
    await q.query(`
      CREATE TABLE letter (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES "case" (id),
        event_sequence integer NOT NULL,
        kind text NOT NULL,
        template_id uuid REFERENCES letter_template (id),
        docx_document_id uuid NOT NULL REFERENCES document (id),
        pdf_document_id uuid NOT NULL REFERENCES document (id),
        letter_date date NOT NULL,
        issued_at timestamptz NOT NULL,
        issued_by text NOT NULL,
        sent_at timestamptz,
        sent_how text,
        sent_to text
      )`);
    await q.query(`CREATE INDEX letter_case ON letter (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE letter`);
    await q.query(`DROP TABLE letter_template`);
  }
}
