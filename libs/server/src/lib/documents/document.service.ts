import { BadRequestException, Injectable, NotFoundException, UnsupportedMediaTypeException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fileTypeFromBuffer } from 'file-type';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { CaseCommandService } from '../cases/case-command.service';
import { Clock } from '../clock/clock';
import { CaseEventEntity, DocumentEntity } from '../db/entities';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** PDF and common office formats (and scans as images), identified by their content, not their name. */
export const ALLOWED_DOCUMENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['application/pdf', 'PDF'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Word document'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Excel workbook'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'PowerPoint presentation'],
  ['application/x-cfb', 'older Office document (.doc, .xls)'],
  ['application/vnd.oasis.opendocument.text', 'OpenDocument text'],
  ['application/vnd.oasis.opendocument.spreadsheet', 'OpenDocument spreadsheet'],
  ['application/rtf', 'Rich Text document'],
  ['image/png', 'PNG image'],
  ['image/jpeg', 'JPEG image'],
  ['image/tiff', 'TIFF image'],
]);

export interface UploadedDocument {
  originalname: string;
  buffer: Buffer;
  size: number;
}

@Injectable()
export class DocumentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly commands: CaseCommandService,
    private readonly clock: Clock,
  ) {}

  /**
   * Attaches a document to an event of the case's history: its type is checked from its content,
   * it is stored with its SHA-256, and the attachment is itself an event, in one transaction.
   */
  async attach(caseId: string, eventSequence: number, expectedVersion: number, file: UploadedDocument | undefined, actor: Actor) {
    if (!file || file.size === 0) throw new BadRequestException('Choose a file to upload (form field "file"); empty files are refused.');
    const detected = await fileTypeFromBuffer(file.buffer);
    if (!detected || !ALLOWED_DOCUMENT_TYPES.has(detected.mime)) {
      throw new UnsupportedMediaTypeException(
        `This file is not a type the service accepts (${detected?.mime ?? 'unrecognised content'}). Upload a PDF, an office document or a scanned image.`,
      );
    }
    const filename = file.originalname.replace(/[\\/\r\n"]/g, '_').slice(0, 200) || 'document';
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const documentId = randomUUID();
    await this.db.transaction(async (tx) => {
      const target = await tx.getRepository(CaseEventEntity).findOneBy({ caseId, sequence: eventSequence });
      if (!target) throw new NotFoundException(`This case has no history event number ${eventSequence}.`);
      if (target.type === 'document.attached') throw new BadRequestException('Attach documents to the event they evidence, not to another attachment.');
      const recorded = await this.commands.recordIn(
        tx,
        caseId,
        {
          type: 'document.attached',
          documentId,
          eventSequence,
          filename,
          contentType: detected.mime,
          size: file.size,
          sha256,
          attachedOn: this.clock.today(),
        },
        actor,
        { expectedVersion },
      );
      await tx.getRepository(DocumentEntity).insert({
        id: documentId,
        caseId,
        eventId: recorded.eventId,
        eventSequence,
        filename,
        contentType: detected.mime,
        size: file.size,
        sha256,
        content: file.buffer,
        uploadedAt: this.clock.now(),
        uploadedBy: actor.name,
      });
    });
    return documentId;
  }

  async content(caseId: string, documentId: string): Promise<{ filename: string; contentType: string; content: Buffer }> {
    const d = await this.db
      .getRepository(DocumentEntity)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.id = :documentId AND d.case_id = :caseId', { documentId, caseId })
      .getOne();
    if (!d) throw new NotFoundException(`This case has no document with id ${documentId}.`);
    return { filename: d.filename, contentType: d.contentType, content: d.content };
  }
}
