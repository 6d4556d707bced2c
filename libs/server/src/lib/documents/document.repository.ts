import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { sql } from '../db/sql';

/** A `document` row as it is stored (with the attachment event that records it). */
export interface NewDocument {
  id: string;
  caseId: string;
  /** The `document.attached` event that records the attachment. */
  eventId: string;
  /** The history event the document is evidence of. */
  eventSequence: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploadedAt: Date;
  uploadedBy: string;
}

/** A document as it is downloaded. */
export interface DocumentContent {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * `document`: the files attached to a case's history events (uploads, and the letters the service
 * makes). Append-only, as the history is (a trigger refuses UPDATE and DELETE). A document is
 * written in the caller's transaction, with the `document.attached` event that records it.
 */
@Injectable()
export class DocumentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(tx: EntityManager, d: NewDocument): Promise<void> {
    await sql(
      tx,
      `INSERT INTO document (id, case_id, event_id, event_sequence, filename, content_type, size, sha256, content, uploaded_at, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        d.id,
        d.caseId,
        d.eventId,
        d.eventSequence,
        d.filename,
        d.contentType,
        d.size,
        d.sha256,
        d.content,
        d.uploadedAt,
        d.uploadedBy,
      ],
    );
  }

  /** A document of the case, with its content (another case's is not found). */
  async content(
    caseId: string,
    documentId: string,
  ): Promise<DocumentContent | undefined> {
    const [row] = await sql<DocumentContent>(
      this.db,
      `SELECT filename, content_type AS "contentType", content FROM document WHERE id = $1 AND case_id = $2`,
      [documentId, caseId],
    );
    return row;
  }
}
