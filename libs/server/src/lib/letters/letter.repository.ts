import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type Db, sql } from '../db/sql';

export interface LetterTemplateRow {
  id: string;
  kind: string;
  version: number;
  filename: string;
  sha256: string;
  uploaded_at: Date;
  uploaded_by: string;
  published_at: Date | null;
  published_by: string | null;
}

export interface LetterRow {
  id: string;
  case_id: string;
  event_sequence: number;
  kind: string;
  template_id: string | null;
  docx_document_id: string;
  pdf_document_id: string;
  letter_date: string;
  sent_at: Date | null;
  sent_how: string | null;
  sent_to: string | null;
}

/** The council's letter templates (in versions) and the letters issued: all of the letters context's SQL. */
@Injectable()
export class LetterRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The newest published version of the kind's template, with its content. */
  async published(
    kind: string,
  ): Promise<(LetterTemplateRow & { content: Buffer }) | undefined> {
    const [row] = await sql<LetterTemplateRow & { content: Buffer }>(
      this.db,
      `SELECT * FROM letter_template WHERE kind = $1 AND published_at IS NOT NULL
        ORDER BY version DESC LIMIT 1`,
      [kind],
    );
    return row;
  }

  async template(
    id: string,
  ): Promise<(LetterTemplateRow & { content: Buffer }) | undefined> {
    const [row] = await sql<LetterTemplateRow & { content: Buffer }>(
      this.db,
      `SELECT * FROM letter_template WHERE id = $1`,
      [id],
    );
    return row;
  }

  async templates(): Promise<LetterTemplateRow[]> {
    return sql<LetterTemplateRow>(
      this.db,
      `SELECT id, kind, version, filename, sha256, uploaded_at, uploaded_by, published_at, published_by
         FROM letter_template ORDER BY kind, version DESC`,
    );
  }

  /** A new version of the kind's template (a draft until published); the version is the next number. */
  /** A new version of the kind's template, numbered next, in the caller's transaction (with its security log entry). */
  async addTemplate(
    tx: EntityManager,
    t: {
      id: string;
      kind: string;
      filename: string;
      content: Buffer;
      sha256: string;
      uploadedAt: Date;
      uploadedBy: string;
    },
  ): Promise<number> {
    // One upload at a time per kind takes the next number.
    await tx.query(
      `SELECT pg_advisory_xact_lock(hashtext('letter_template:' || $1))`,
      [t.kind],
    );
    const [row] = await sql<{ version: number }>(
      tx,
      `INSERT INTO letter_template (id, kind, version, filename, content, sha256, uploaded_at, uploaded_by)
       SELECT $1, $2, COALESCE(MAX(version), 0) + 1, $3, $4, $5, $6, $7 FROM letter_template WHERE kind = $2
       RETURNING version`,
      [
        t.id,
        t.kind,
        t.filename,
        t.content,
        t.sha256,
        t.uploadedAt,
        t.uploadedBy,
      ],
    );
    return row.version;
  }

  /** Publishes the version unless it already is, in the caller's transaction (with its security log entry). */
  async publish(
    tx: EntityManager,
    id: string,
    at: Date,
    by: string,
  ): Promise<boolean> {
    const rows = await sql<{ id: string }>(
      tx,
      `UPDATE letter_template SET published_at = $2, published_by = $3
        WHERE id = $1 AND published_at IS NULL RETURNING id`,
      [id, at, by],
    );
    return rows.length > 0;
  }

  async insertLetter(
    tx: EntityManager,
    l: {
      id: string;
      caseId: string;
      eventSequence: number;
      kind: string;
      templateId: string | null;
      docxDocumentId: string;
      pdfDocumentId: string;
      letterDate: string;
      issuedAt: Date;
      issuedBy: string;
    },
  ): Promise<void> {
    await sql(
      tx,
      `INSERT INTO letter (id, case_id, event_sequence, kind, template_id, docx_document_id, pdf_document_id,
                           letter_date, issued_at, issued_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        l.id,
        l.caseId,
        l.eventSequence,
        l.kind,
        l.templateId,
        l.docxDocumentId,
        l.pdfDocumentId,
        l.letterDate,
        l.issuedAt,
        l.issuedBy,
      ],
    );
  }

  async letter(
    db: Db,
    caseId: string,
    letterId: string,
  ): Promise<LetterRow | undefined> {
    const [row] = await sql<LetterRow>(
      db,
      `SELECT id, case_id, event_sequence, kind, template_id, docx_document_id, pdf_document_id,
              to_char(letter_date, 'YYYY-MM-DD') AS letter_date, sent_at, sent_how, sent_to
         FROM letter WHERE case_id = $1 AND id = $2`,
      [caseId, letterId],
    );
    return row;
  }

  async markSent(
    tx: EntityManager,
    letterId: string,
    at: Date,
    how: string,
    to: string | null,
  ): Promise<void> {
    await sql(
      tx,
      `UPDATE letter SET sent_at = $2, sent_how = $3, sent_to = $4 WHERE id = $1`,
      [letterId, at, how, to],
    );
  }
}
