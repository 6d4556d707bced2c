import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import {
  DEMO_LETTER_HISTORIES,
  defaultCalendar,
  EXAMPLE_SENDER,
} from '@send/domain';
import { SecurityLogService } from '../audit/security-log.service';
import { CALENDAR } from '../calendar/calendar.token';
import { CaseCommandService } from '../cases/case-command.service';
import { CaseRepository } from '../cases/case.repository';
import { CaseWriteService } from '../cases/case-write.service';
import { Clock } from '../clock/clock';
import { APP_CONFIG, loadConfig } from '../config/app-config';
import { MailService } from '../deadlines/mail.service';
import { DocumentService } from '../documents/document.service';
import type { Actor } from '../identity/actor';
import { LetterRepository } from './letter.repository';
import { LETTER_SENDER, letterSenderProvider } from './letter-sender';
import { LetterTemplateAdmin } from './letter-template-admin.service';
import { LetterTemplates } from './letter-templates.service';
import { LettersService } from './letters.service';
import { PdfConverter } from './pdf-converter';
import { COUNCIL_SENDER_ENV } from '../../testing/council-sender';

// The services with everything but the sender replaced: no database is needed. (This is the
// integration tier because Nest 12 ships ES modules only, which only its Jest config transforms.)
// DocumentService, stood in for below, is not even loaded: its file-type detection is ESM too.
jest.mock('../documents/document.service', () => ({
  DocumentService: class DocumentService {},
}));

const actor: Actor = {
  id: 'u1',
  name: 'Casey Worker',
  role: 'caseworker',
  team: 'SEND North',
};

const history = DEMO_LETTER_HISTORIES.decision_notice;
const mailed: { subject: string; text: string; replyTo?: unknown }[] = [];

async function services(env: NodeJS.ProcessEnv) {
  const templates = {
    published: async () => undefined,
    template: async () => ({
      kind: 'decision_notice',
      version: 1,
      content: new LetterTemplates({
        published: async () => undefined,
      } as unknown as LetterRepository).defaultTemplate('decision_notice'),
    }),
    letter: async () => ({
      kind: 'decision_notice',
      event_sequence: history.length,
      pdf_document_id: 'd1',
    }),
    markSent: async () => undefined,
  };
  const module = await Test.createTestingModule({
    providers: [
      LettersService,
      LetterTemplateAdmin,
      LetterTemplates,
      letterSenderProvider,
      { provide: APP_CONFIG, useValue: loadConfig(env) },
      { provide: LetterRepository, useValue: templates },
      {
        provide: getDataSourceToken(),
        useValue: {
          manager: {},
          transaction: (work: (tx: unknown) => unknown) => work({}),
        },
      },
      {
        provide: CaseCommandService,
        useValue: {
          historyOf: async () => history,
          recordIn: async () => ({
            caseId: 'c1',
            sequence: history.length + 1,
            version: history.length + 1,
          }),
        },
      },
      {
        provide: CaseRepository,
        useValue: { byId: async () => ({ version: history.length }) },
      },
      { provide: CaseWriteService, useValue: { show: async () => ({}) } },
      {
        provide: DocumentService,
        useValue: {
          content: async () => ({
            filename: 'notice.pdf',
            content: Buffer.from('%PDF'),
          }),
        },
      },
      { provide: PdfConverter, useValue: {} },
      {
        provide: SecurityLogService,
        useValue: { record: async () => undefined },
      },
      {
        provide: Clock,
        useValue: { now: () => new Date(), today: () => '2026-03-02' },
      },
      { provide: CALENDAR, useValue: defaultCalendar() },
      {
        provide: MailService,
        useValue: {
          send: async (m: {
            subject: string;
            text: string;
            replyTo?: unknown;
          }) => {
            mailed.push(m);
          },
        },
      },
    ],
  }).compile();
  return {
    sender: module.get(LETTER_SENDER),
    letters: module.get(LettersService),
    admin: module.get(LetterTemplateAdmin),
  };
}

const request = {
  kind: 'decision_notice' as const,
  expectedVersion: history.length,
  eventSequence: history.length,
};

describe('the letters’ sender (LETTER_SENDER, from the configuration)', () => {
  it('is the example council’s outside production when nothing is set', async () => {
    const { sender, letters } = await services({});
    expect(sender).toEqual(EXAMPLE_SENDER);
    const { text } = await letters.preview('c1', request, actor);
    expect(text).toContain('Example Council');
    expect(text).toContain('Example SENDIASS');
  });

  it('is what the council set: in a decision notice, its template preview, and the email that sends a letter', async () => {
    const { letters, admin } = await services({
      NODE_ENV: 'production',
      ...COUNCIL_SENDER_ENV,
    });
    const { text } = await letters.preview('c1', request, actor);
    const { html } = await admin.preview('t1');
    for (const value of Object.values(COUNCIL_SENDER_ENV).map((v) =>
      v.trim(),
    )) {
      expect(text).toContain(value);
      expect(html).toContain(value.replace(/&/g, '&amp;'));
    }
    for (const shown of [text, html]) {
      expect(shown).not.toMatch(/Example Council|Exampletown|example\.org/);
      expect(shown).not.toMatch(/Example (SENDIASS|Mediation|Disagreement)/);
    }

    mailed.length = 0;
    await letters.send(
      'c1',
      'l1',
      { how: 'email', email: 'parent@example.net', expectedVersion: 1 },
      actor,
    );
    expect(mailed).toHaveLength(1);
    expect(mailed[0]!.subject).toBe(
      'Notice of a decision: Rutland County Council',
    );
    expect(mailed[0]!.text).toContain(
      'Please find attached a letter from Rutland County Council (notice.pdf).',
    );
    expect(`${mailed[0]!.subject} ${mailed[0]!.text}`).not.toContain('Example');
    // Replies reach the council's contact, not MAIL_FROM (the reminders' sender).
    expect(mailed[0]!.replyTo).toEqual({
      name: 'Rutland SEND Team',
      address: 'send@rutland.gov.example',
    });
  });
});
