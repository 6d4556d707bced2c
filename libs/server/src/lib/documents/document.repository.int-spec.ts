import { BadRequestException, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  caseWritePath,
  config,
  connect,
  fixedClock,
  insertActor,
  recordCase,
  unique,
} from '../../testing/int-database';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { SecurityLogService } from '../audit/security-log.service';
import type { CaseCommandService } from '../cases/case-command.service';
import type { CaseRepository } from '../cases/case.repository';
import { DocumentEntity } from '../db/entities';
import type { Actor } from '../identity/actor';
import { DocumentRepository } from './document.repository';
import { DocumentService } from './document.service';
import { MalwareScanner } from './malware-scanner';

/*
 * Documents against PostgreSQL: the repository's reads and its insert, which stores each column as
 * the TypeORM entity insert it replaced stored it (the upload time to the millisecond, the content
 * byte for byte), and the service above it: an upload or a letter is stored with the
 * `document.attached` event that records it, in one transaction.
 */

/** An instant with milliseconds: the upload time is stored to the millisecond. */
const clock = fixedClock('2026-03-03T10:00:00.123Z');
const PDF = Buffer.from('%PDF-1.7\n% a letter\n%%EOF\n');

describe('documents against PostgreSQL (DocumentRepository, DocumentService)', () => {
  let db: DataSource;
  let documents: DocumentRepository;
  let commands: CaseCommandService;
  let cases: CaseRepository;
  let service: DocumentService;
  let actor: Actor;

  const openCase = () =>
    recordCase(commands, actor, {
      reference: unique('DOC'),
      openedOn: '2026-03-02',
    });

  /** The stored row, every column. */
  const storedRow = async (id: string) =>
    (
      (await db.query(
        `SELECT id, case_id, event_id, event_sequence, filename, content_type, size, sha256, content,
                uploaded_at, to_char(uploaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS uploaded_at_text, uploaded_by
         FROM document WHERE id = $1`,
        [id],
      )) as Record<string, unknown>[]
    )[0];

  /** Records a `document.attached` event on the case's event 1 (the row's event), answering its id. */
  const attachmentEvent = (
    tx: EntityManager,
    caseId: string,
    documentId: string,
  ) =>
    commands.recordIn(
      tx,
      caseId,
      {
        type: 'document.attached',
        documentId,
        eventSequence: 1,
        filename: 'letter.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
        sha256: 'a'.repeat(64),
        attachedOn: clock.today(),
      },
      actor,
      {},
    );

  beforeAll(async () => {
    db = await connect();
    ({ cases, commands } = await caseWritePath(db, clock));
    documents = new DocumentRepository(db);
    service = new DocumentService(
      db,
      commands,
      clock,
      new MalwareScanner(config()),
      new SecurityLogService(new AuditLogRepository(db)),
      documents,
      cases,
    );
    actor = await insertActor(db, 'Casey Worker');
  });
  afterAll(() => db.destroy());

  it('reads the type of a case’s history event by its number (CaseRepository.eventAt), in a transaction or not; none for another case’s or a number it has not reached', async () => {
    const caseId = await openCase();
    const other = await openCase();
    const typeAt = async (id: string, sequence: number) =>
      (await cases.eventAt(db, id, sequence))?.type;
    expect(await typeAt(caseId, 1)).toBe('case.opened');
    expect(
      (await db.transaction((tx) => cases.eventAt(tx, caseId, 1)))?.type,
    ).toBe('case.opened');
    expect(await typeAt(caseId, 2)).toBeUndefined();
    expect(await typeAt(randomUUID(), 1)).toBeUndefined();
    expect(await typeAt(other, 1)).toBe('case.opened');
  });

  it('stores every column as the entity insert it replaced did, and gives the content back for its case only', async () => {
    const caseId = await openCase();
    const viaRepository = randomUUID();
    const viaEntity = randomUUID();
    const uploadedAt = clock.now();
    const row = (id: string, eventId: string) => ({
      id,
      caseId,
      eventId,
      eventSequence: 1,
      filename: 'Décision — letter.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      sha256: 'a'.repeat(64),
      content: PDF,
      uploadedAt,
      uploadedBy: actor.name,
    });
    await db.transaction(async (tx) => {
      const first = await attachmentEvent(tx, caseId, viaRepository);
      await documents.insert(tx, row(viaRepository, first.eventId));
      const second = await attachmentEvent(tx, caseId, viaEntity);
      // The way document.service.ts stored a document before (TypeORM's entity insert).
      await tx
        .getRepository(DocumentEntity)
        .insert(row(viaEntity, second.eventId));
    });

    const stored = (await storedRow(viaRepository)) as Record<string, unknown>;
    const before = (await storedRow(viaEntity)) as Record<string, unknown>;
    /** Every column but the two ids, which differ. */
    const columns = (r: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(r).filter(([k]) => k !== 'id' && k !== 'event_id'),
      );
    expect(columns(stored)).toEqual(columns(before));
    expect(stored).toMatchObject({
      case_id: caseId,
      event_sequence: 1,
      filename: 'Décision — letter.pdf',
      content_type: 'application/pdf',
      size: PDF.length,
      uploaded_at_text: '2026-03-03T10:00:00.123000',
      uploaded_by: 'Casey Worker',
    });
    expect((stored['uploaded_at'] as Date).toISOString()).toBe(
      '2026-03-03T10:00:00.123Z',
    );
    expect(Buffer.compare(stored['content'] as Buffer, PDF)).toBe(0);

    const content = await documents.content(caseId, viaRepository);
    expect(content).toEqual({
      filename: 'Décision — letter.pdf',
      contentType: 'application/pdf',
      content: PDF,
    });
    expect(Buffer.isBuffer(content?.content)).toBe(true);
    expect(await documents.content(await openCase(), viaRepository)).toBe(
      undefined,
    );
    expect(await documents.content(caseId, randomUUID())).toBeUndefined();
  });

  it('attaches an upload to the event it evidences with its attachment event, not to an attachment or an event the case has not reached', async () => {
    const caseId = await openCase();
    const saved = await service.attach(
      caseId,
      1,
      1,
      { originalname: 'scan.pdf', buffer: PDF, size: PDF.length },
      actor,
    );
    expect(saved).toMatchObject({ caseId, sequence: 2, version: 2 });
    expect((await cases.eventAt(db, caseId, 2))?.type).toBe(
      'document.attached',
    );
    expect(await storedRow(saved.documentId)).toMatchObject({
      case_id: caseId,
      event_sequence: 1,
      filename: 'scan.pdf',
      content_type: 'application/pdf',
      size: PDF.length,
      uploaded_at_text: '2026-03-03T10:00:00.123000',
      uploaded_by: 'Casey Worker',
    });
    expect(await service.content(caseId, saved.documentId)).toEqual({
      filename: 'scan.pdf',
      contentType: 'application/pdf',
      content: PDF,
    });

    await expect(
      service.attach(
        caseId,
        2,
        1,
        { originalname: 'again.pdf', buffer: PDF, size: PDF.length },
        actor,
      ),
    ).rejects.toThrow(BadRequestException);
    await expect(
      service.attach(
        caseId,
        9,
        1,
        { originalname: 'late.pdf', buffer: PDF, size: PDF.length },
        actor,
      ),
    ).rejects.toThrow(
      new NotFoundException('This case has no history event number 9.'),
    );
    await expect(
      service.content(await openCase(), saved.documentId),
    ).rejects.toThrow(NotFoundException);
  });

  it('stores a letter the service made in the caller’s transaction, with its SHA-256; nothing when the transaction rolls back', async () => {
    const caseId = await openCase();
    const stored = await db.transaction((tx) =>
      service.storeGeneratedIn(
        tx,
        caseId,
        1,
        {
          filename: 'decision.pdf',
          contentType: 'application/pdf',
          content: PDF,
        },
        actor,
      ),
    );
    expect(await storedRow(stored.documentId)).toMatchObject({
      sha256: stored.sha256,
      size: PDF.length,
      uploaded_at_text: '2026-03-03T10:00:00.123000',
    });

    let rolledBack = '';
    await expect(
      db.transaction(async (tx) => {
        rolledBack = (
          await service.storeGeneratedIn(
            tx,
            caseId,
            1,
            {
              filename: 'draft.pdf',
              contentType: 'application/pdf',
              content: PDF,
            },
            actor,
          )
        ).documentId;
        throw new Error('the letter was not sent');
      }),
    ).rejects.toThrow('the letter was not sent');
    expect(await storedRow(rolledBack)).toBeUndefined();
  });
});
