import { ServiceUnavailableException } from '@nestjs/common';
import { EXAMPLE_SENDER } from '@send/domain';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { COUNCIL_SENDER_ENV } from '@send/domain/testing';
import {
  caseWritePath,
  config,
  connect,
  fixedClock,
  insertActor,
  unique,
} from '../../testing/int-database';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { SecurityLogService } from '../audit/security-log.service';
import { letterSenderOf } from '../config/app-config';
import { MailService } from '../deadlines/mail.service';
import { DocumentRepository } from '../documents/document.repository';
import { DocumentService } from '../documents/document.service';
import { MalwareScanner } from '../documents/malware-scanner';
import type { Actor } from '../identity/actor';
import { LetterRepository } from './letter.repository';
import { LetterTemplateAdmin } from './letter-template-admin.service';
import { LetterTemplates } from './letter-templates.service';
import { LettersService } from './letters.service';
import type { PdfConverter } from './pdf-converter';

/*
 * The letters service against the run's PostgreSQL: every repository and service real, the
 * council's sender from the configuration, mail written to a folder (MAIL_DIR) or sent to a mail
 * server that refuses. Only the DOCX -> PDF step is stood in for (LibreOffice is exercised by the
 * API's end-to-end tests): a fixed PDF, or a conversion that fails.
 */

const clock = fixedClock('2026-03-03T10:00:00Z');
const PDF = Buffer.from('%PDF-1.7\n% stand-in for LibreOffice\n%%EOF\n');
const converts: PdfConverter = {
  available: true,
  assertAvailable: () => undefined,
  toPdf: async () => PDF,
} as unknown as PdfConverter;
const failsToConvert: PdfConverter = {
  available: true,
  assertAvailable: () => undefined,
  toPdf: async () => {
    throw new ServiceUnavailableException('LibreOffice stopped');
  },
} as unknown as PdfConverter;

describe('LettersService against PostgreSQL: a decision notice made from the council’s sender, issued with its entry, and sent', () => {
  let db: DataSource;
  let actor: Actor;
  let mailDir: string;
  let refusing: Server;
  let refusingPort: number;

  beforeAll(async () => {
    db = await connect();
    mailDir = await mkdtemp(join(tmpdir(), 'send-int-letters-'));
    refusing = createServer((socket) => socket.destroy());
    await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', r));
    refusingPort = (refusing.address() as { port: number }).port;
    actor = await insertActor(db, 'Casey Worker');
  });
  afterAll(async () => {
    await new Promise((r) => refusing.close(r));
    await rm(mailDir, { recursive: true, force: true });
    await db.destroy();
  });

  /** The services as the API's modules assemble them, with these settings. */
  async function services(
    env: Record<string, string>,
    pdf: PdfConverter = converts,
  ) {
    const settings = config({ MAIL_DIR: mailDir, ...env });
    const { calendar, cases, commands, writes } = await caseWritePath(
      db,
      clock,
    );
    const securityLog = new SecurityLogService(new AuditLogRepository(db));
    const repository = new LetterRepository(db);
    const sender = letterSenderOf(settings);
    const mail = new MailService(settings);
    const letters = new LettersService(
      db,
      commands,
      cases,
      writes,
      new DocumentService(
        db,
        commands,
        clock,
        new MalwareScanner(settings),
        securityLog,
        new DocumentRepository(db),
        cases,
      ),
      repository,
      new LetterTemplates(repository),
      pdf,
      clock,
      calendar,
      mail,
      sender,
      settings,
    );
    const admin = new LetterTemplateAdmin(
      db,
      repository,
      clock,
      sender,
      securityLog,
    );
    const opened = await commands.open(
      {
        type: 'case.opened',
        reference: unique('LTR'),
        childName: 'Sam Example',
        dateOfBirth: '2015-04-02',
        caseworker: actor.name,
        team: actor.team,
        openedOn: '2026-03-02',
      },
      actor,
    );
    return { letters, admin, mail, caseId: opened.caseId };
  }

  const decision = {
    type: 'refuse_amend' as const,
    decisionDate: '2026-03-02',
    letterSent: '2026-03-03',
  };
  const history = (caseId: string) =>
    db.query(
      `SELECT sequence, type, payload FROM case_event WHERE case_id = $1 ORDER BY sequence`,
      [caseId],
    ) as Promise<
      { sequence: number; type: string; payload: Record<string, unknown> }[]
    >;
  const versionOf = async (caseId: string) =>
    (
      (await db.query(`SELECT version FROM "case" WHERE id = $1`, [
        caseId,
      ])) as { version: number }[]
    )[0]?.version;

  it('outside production with nothing set, is the example council’s; the preview of a decision saves nothing', async () => {
    const { letters, caseId } = await services({});
    const { text } = await letters.preview(
      caseId,
      { kind: 'decision_notice', expectedVersion: 1, decision },
      actor,
    );
    expect(text).toContain(EXAMPLE_SENDER.councilName);
    expect(text).toContain(EXAMPLE_SENDER.informationAdviceSupport.name);
    expect(await versionOf(caseId)).toBe(1);
    expect((await history(caseId)).map((e) => e.type)).toEqual(['case.opened']);
  });

  it('issues the decision with its notice in one transaction (the entry, the DOCX and the PDF with their SHA-256), from the council set, then sends it by email with the council’s Reply-To', async () => {
    const { letters, admin, caseId } = await services({
      NODE_ENV: 'production',
      ...COUNCIL_SENDER_ENV,
    });
    const preview = await letters.preview(
      caseId,
      { kind: 'decision_notice', expectedVersion: 1, decision },
      actor,
    );
    // The administrator's check of an uploaded template previews it with the same sender.
    const content = new LetterTemplates(
      new LetterRepository(db),
    ).defaultTemplate('decision_notice');
    const { html } = await admin.upload(
      'decision_notice',
      { originalname: 'notice.docx', buffer: content, size: content.length },
      actor,
      { ip: '127.0.0.1', headers: {} },
    );
    for (const value of Object.values(COUNCIL_SENDER_ENV)) {
      expect(preview.text).toContain(value.trim());
      expect(html).toContain(value.trim().replace(/&/g, '&amp;'));
    }
    for (const shown of [preview.text, html])
      expect(shown).not.toMatch(/Example (Council|SENDIASS|Mediation)/);

    const issued = await letters.issue(
      caseId,
      { kind: 'decision_notice', expectedVersion: 1, decision },
      actor,
    );
    const events = await history(caseId);
    expect(events.map((e) => e.type)).toEqual([
      'case.opened',
      'decision.issued',
      'document.attached',
      'document.attached',
    ]);
    expect(issued.eventSequence).toBe(2);
    const [docx, pdf] = events.slice(2).map((e) => e.payload);
    expect(docx).toMatchObject({
      eventSequence: 2,
      contentType:
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect(pdf).toMatchObject({
      eventSequence: 2,
      contentType: 'application/pdf',
      size: PDF.length,
      filename: expect.stringMatching(
        /^decision-notice-LTR-.+-2026-03-03\.pdf$/,
      ),
    });
    expect(String(pdf?.['sha256'])).toMatch(/^[0-9a-f]{64}$/);
    const [letter] = (await db.query(
      `SELECT kind, event_sequence, letter_date::text AS letter_date, issued_by FROM letter WHERE id = $1`,
      [issued.letterId],
    )) as Record<string, unknown>[];
    // The letter is dated the day the notice was sent (letterSent), as the entry records it.
    expect(letter).toEqual({
      kind: 'decision_notice',
      event_sequence: 2,
      letter_date: '2026-03-03',
      issued_by: 'Casey Worker',
    });

    const before = new Set(await readdir(mailDir));
    await letters.send(
      caseId,
      issued.letterId,
      { how: 'email', email: 'parent@example.net', expectedVersion: 4 },
      actor,
    );
    const written = (await readdir(mailDir)).filter((f) => !before.has(f));
    expect(written).toHaveLength(1);
    const eml = await readFile(join(mailDir, written[0] as string), 'utf8');
    expect(eml).toContain(
      'Subject: Notice of a decision: Rutland County Council',
    );
    expect(eml).toMatch(
      /Reply-To: "?Rutland SEND Team"? <send@rutland\.gov\.example>/,
    );
    expect(eml).toContain('To: parent@example.net');
    expect(eml).toMatch(/filename="?decision-notice-LTR-[^"\n]*\.pdf/);
    expect(eml).not.toContain('Example Council');
    expect((await history(caseId)).at(-1)).toMatchObject({
      sequence: 5,
      type: 'letter.sent',
      payload: { how: 'email', to: 'parent@example.net', eventSequence: 2 },
    });
  });

  it('a PDF conversion that fails records nothing: no decision, no documents, no letter', async () => {
    const { letters, caseId } = await services({}, failsToConvert);
    await expect(
      letters.issue(
        caseId,
        { kind: 'decision_notice', expectedVersion: 1, decision },
        actor,
      ),
    ).rejects.toThrow('LibreOffice stopped');
    expect(await versionOf(caseId)).toBe(1);
    expect((await history(caseId)).map((e) => e.type)).toEqual(['case.opened']);
    expect(
      await db.query(`SELECT 1 FROM letter WHERE case_id = $1`, [caseId]),
    ).toEqual([]);
  });

  it('a mail server that refuses the message: 503, and the sending is not recorded', async () => {
    const { letters, caseId } = await services({
      SMTP_URL: `smtp://127.0.0.1:${refusingPort}`,
      MAIL_TIMEOUT_MS: '2000',
    });
    const issued = await letters.issue(
      caseId,
      { kind: 'decision_notice', expectedVersion: 1, decision },
      actor,
    );
    await expect(
      letters.send(
        caseId,
        issued.letterId,
        { how: 'email', email: 'parent@example.net', expectedVersion: 4 },
        actor,
      ),
    ).rejects.toThrow(/could not be sent just now, so nothing was recorded/);
    expect(await versionOf(caseId)).toBe(4);
    const [letter] = (await db.query(
      `SELECT sent_at FROM letter WHERE id = $1`,
      [issued.letterId],
    )) as { sent_at: Date | null }[];
    expect(letter?.sent_at).toBeNull();
  });
});
