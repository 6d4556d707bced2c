import {
  BadRequestException,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fileTypeFromBuffer } from 'file-type';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { SecurityLogService } from '../audit/security-log.service';
import type { RequestContext } from '../audit/request-context';
import type { Actor } from '../identity/actor';
import {
  CaseCommandService,
  type RecordOptions,
} from '../cases/case-command.service';
import type { SavedEntry } from '../http/write-outcome';
import { Clock } from '../clock/clock';
import { hostileText } from '../http/input-safety';
import { hostileInputError } from '../http/input-safety.pipes';
import { storedDocumentName } from './document-name';
import { CaseRepository } from '../cases/case.repository';
import { DocumentRepository } from './document.repository';
import { MalwareScanner, ScannerUnavailableError } from './malware-scanner';
import {
  checkZipDocument,
  OFFICE_ZIP_LIMITS,
  ZIP_DOCUMENT_TYPES,
} from './office-zip';

export { MAX_DOCUMENT_BYTES } from '../http/limits';

/** PDF and common office formats (and scans as images), identified by their content, not their name. */
export const ALLOWED_DOCUMENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['application/pdf', 'PDF'],
  [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'Word document',
  ],
  [
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'Excel workbook',
  ],
  [
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'PowerPoint presentation',
  ],
  ['application/x-cfb', 'older Office document (.doc, .xls)'],
  ['application/vnd.oasis.opendocument.text', 'OpenDocument text'],
  [
    'application/vnd.oasis.opendocument.spreadsheet',
    'OpenDocument spreadsheet',
  ],
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
    private readonly scanner: MalwareScanner,
    private readonly securityLog: SecurityLogService,
    private readonly documents: DocumentRepository,
    private readonly cases: CaseRepository,
  ) {}

  /**
   * Attaches a document to an event of the case's history: its type is checked from its content
   * (and an office document's unpacked size), the council's malware scanner is asked when one is
   * set up, it is stored with its SHA-256 under a name whose extension comes from its type, and
   * the attachment is itself an event, in one transaction.
   */
  async attach(
    caseId: string,
    eventSequence: number,
    expectedVersion: number,
    file: UploadedDocument | undefined,
    actor: Actor,
    request: RequestContext | null = null,
  ): Promise<SavedEntry & { documentId: string }> {
    if (!file || file.size === 0)
      throw new BadRequestException(
        'Choose a file to upload (form field "file"); empty files are refused.',
      );
    const hostile = hostileText(file.originalname);
    if (hostile)
      throw hostileInputError({ kind: hostile, at: 'filename' }, 'upload');
    const detected = await fileTypeFromBuffer(file.buffer);
    if (!detected || !ALLOWED_DOCUMENT_TYPES.has(detected.mime)) {
      throw new UnsupportedMediaTypeException(
        `This file is not a type the service accepts (${detected?.mime ?? 'unrecognised content'}). Upload a PDF, an office document or a scanned image.`,
      );
    }
    const refuse = (reason: string, detail: Record<string, unknown> = {}) =>
      this.securityLog.record(request, {
        event: 'document.refused',
        outcome: 'failure',
        actor,
        subjectUserId: actor.id,
        detail: {
          caseId,
          eventSequence,
          contentType: detected.mime,
          size: file.size,
          reason,
          ...detail,
        },
      });
    if (ZIP_DOCUMENT_TYPES.has(detected.mime)) {
      const zip = await checkZipDocument(file.buffer);
      if (!zip.ok) {
        await refuse(`zip_${zip.reason}`);
        throw new UnsupportedMediaTypeException(
          zip.reason === 'unreadable'
            ? 'This office document could not be read: it may be damaged. Save it again, or upload it as a PDF.'
            : `This office document would unpack to more than ${OFFICE_ZIP_LIMITS.maxUnpackedBytes / 1024 / 1024} MB (or more than ${OFFICE_ZIP_LIMITS.maxEntries} parts), which no letter or report needs. Upload it as a PDF.`,
        );
      }
    }
    let scan;
    try {
      scan = await this.scanner.scan(file.buffer);
    } catch (error) {
      if (!(error instanceof ScannerUnavailableError)) throw error;
      await refuse('scanner_unavailable', { error: error.message });
      throw new ServiceUnavailableException(
        'The virus scanner did not answer, so the file was not saved. Try again in a few minutes; if it keeps happening, tell the service desk.',
      );
    }
    if (!scan.clean) {
      await refuse('malware', { signature: scan.signature });
      throw new UnprocessableEntityException(
        `The virus scanner found malware in this file (${scan.signature}), so it was not saved. Do not open the file: tell your IT service desk.`,
      );
    }
    const filename = storedDocumentName(file.originalname, detected.mime);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const documentId = randomUUID();
    return this.db.transaction(async (tx) => {
      const target = (await this.cases.eventAt(tx, caseId, eventSequence))
        ?.type;
      if (!target)
        throw new NotFoundException(
          `This case has no history event number ${eventSequence}.`,
        );
      if (target === 'document.attached')
        throw new BadRequestException(
          'Attach documents to the event they evidence, not to another attachment.',
        );
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
      await this.documents.insert(tx, {
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
      return {
        caseId,
        sequence: recorded.sequence,
        version: recorded.version,
        documentId,
      };
    });
  }

  /**
   * Stores a document the service made itself (a letter) as evidence of the history event
   * `eventSequence`, inside the caller's transaction: the attachment is an event of the hash-chained
   * history with the document's SHA-256, as an upload's is. No scan: the content is the service's own.
   */
  async storeGeneratedIn(
    tx: EntityManager,
    caseId: string,
    eventSequence: number,
    file: { filename: string; contentType: string; content: Buffer },
    actor: Actor,
    options: RecordOptions = {},
  ): Promise<SavedEntry & { documentId: string; sha256: string }> {
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const documentId = randomUUID();
    const recorded = await this.commands.recordIn(
      tx,
      caseId,
      {
        type: 'document.attached',
        documentId,
        eventSequence,
        filename: file.filename,
        contentType: file.contentType,
        size: file.content.length,
        sha256,
        attachedOn: this.clock.today(),
      },
      actor,
      options,
    );
    await this.documents.insert(tx, {
      id: documentId,
      caseId,
      eventId: recorded.eventId,
      eventSequence,
      filename: file.filename,
      contentType: file.contentType,
      size: file.content.length,
      sha256,
      content: file.content,
      uploadedAt: this.clock.now(),
      uploadedBy: actor.name,
    });
    return {
      caseId,
      sequence: recorded.sequence,
      version: recorded.version,
      documentId,
      sha256,
    };
  }

  async content(
    caseId: string,
    documentId: string,
  ): Promise<{ filename: string; contentType: string; content: Buffer }> {
    const d = await this.documents.content(caseId, documentId);
    if (!d)
      throw new NotFoundException(
        `This case has no document with id ${documentId}.`,
      );
    return d;
  }
}
