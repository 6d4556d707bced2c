import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type {
  CaseDetail,
  SendLetterRequest,
  IssuedLetter,
  LetterKind,
  LetterPreview,
  LetterRequest,
} from '@send/contracts';
import {
  APPEAL_OUTCOME_LABELS,
  type Calendar,
  type CaseEvent,
  LETTER_KIND_LABELS,
  letterChecklistOf,
  letterData,
  letterDateOf,
  letterDeadlineLine,
  letterFacts,
  letterKindOf,
  type LetterSender,
  missingParts,
  type RequiredPart,
} from '@send/domain';
import { CALENDAR } from '../calendar/calendar.token';
import { CaseCommandService } from '../cases/case-command.service';
import { CaseRepository } from '../cases/case.repository';
import { CaseWriteService } from '../cases/case-write.service';
import {
  appealOutcomeEventOf,
  decisionEventOf,
  mediationArrangedEventOf,
  orderComplianceEventOf,
  recommendationResponseEventOf,
} from '../cases/entry-events';
import { Clock } from '../clock/clock';
import {
  APP_CONFIG,
  type AppConfig,
  letterReplyToOf,
} from '../config/app-config';
import { MailService } from '../deadlines/mail.service';
import { DocumentService } from '../documents/document.service';
import { rolledBackOnFailure } from '../http/write-outcome';
import type { Actor } from '../identity/actor';
import { LetterRepository } from './letter.repository';
import { LETTER_SENDER } from './letter-sender';
import {
  docxHtml,
  docxText,
  renderLetter,
  templateText,
} from './letter-render';
import { LetterTemplates } from './letter-templates.service';
import { PdfConverter } from './pdf-converter';

const DOCX =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A letter made, not yet stored: what preview shows and issue stores. */
interface PreparedLetter {
  kind: LetterKind;
  templateId: string | null;
  /** The entry: to record (issue = record), or recorded earlier at `sequence`. */
  event: CaseEvent;
  toRecord: boolean;
  sequence: number;
  reference: string;
  docx: Buffer;
  deadlines: LetterPreview['deadlines'];
  met: LetterPreview['met'];
  missing: RequiredPart[];
}

/**
 * Letters: made from the council's template and the case record, and issued as the entry they
 * state (issue = record). The letter's date is the entry's date; its deadlines are the ones the
 * clock counted for the entry. The DOCX and the PDF made from it are stored as documents of the
 * entry, each with its SHA-256 in the hash-chained history, in the same transaction as the entry.
 */
@Injectable()
export class LettersService {
  /** Where the family's reply to a letter's email goes: not to MAIL_FROM, the reminders' sender. */
  private readonly replyTo: ReturnType<typeof letterReplyToOf>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly commands: CaseCommandService,
    private readonly cases: CaseRepository,
    private readonly writes: CaseWriteService,
    private readonly documents: DocumentService,
    private readonly repository: LetterRepository,
    private readonly templates: LetterTemplates,
    private readonly pdf: PdfConverter,
    private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: Calendar,
    private readonly mail: MailService,
    @Inject(LETTER_SENDER) private readonly sender: LetterSender,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.replyTo = letterReplyToOf(config, sender);
  }

  async preview(
    caseId: string,
    body: LetterRequest,
    actor: Actor,
  ): Promise<LetterPreview> {
    const letter = await this.prepare(caseId, body, actor);
    return {
      kind: letter.kind,
      templateId: letter.templateId,
      text: docxText(letter.docx),
      html: docxHtml(letter.docx),
      deadlines: letter.deadlines,
      met: letter.met,
      missingParts: letter.missing.map(({ id, name, law }) => ({
        id,
        name,
        law,
      })),
    };
  }

  async issue(
    caseId: string,
    body: LetterRequest,
    actor: Actor,
  ): Promise<IssuedLetter> {
    this.pdf.assertAvailable();
    const letter = await this.prepare(caseId, body, actor);
    if (letter.missing.length > 0) {
      throw new UnprocessableEntityException(
        `This letter cannot be issued: its template does not contain ${letter.missing
          .map((p) => `${p.name} (${p.law})`)
          .join(
            '; ',
          )}. An administrator must publish a template for “${LETTER_KIND_LABELS[letter.kind]}” that does.`,
      );
    }
    const pdf = await this.pdf.toPdf(letter.docx);
    const letterDate = letterDateOf(letter.event);
    const name = `${letter.kind.replace(/_/g, '-')}-${letter.reference.replace(/[^A-Za-z0-9-]+/g, '-')}-${letterDate}`;
    const saved = await rolledBackOnFailure(() =>
      this.db.transaction(async (tx) => {
        let sequence = letter.sequence;
        let versionChecked = false;
        if (letter.toRecord) {
          const recorded = await this.commands.recordIn(
            tx,
            caseId,
            letter.event,
            actor,
            { expectedVersion: body.expectedVersion },
          );
          sequence = recorded.sequence;
          versionChecked = true;
        }
        const docx = await this.documents.storeGeneratedIn(
          tx,
          caseId,
          sequence,
          { filename: `${name}.docx`, contentType: DOCX, content: letter.docx },
          actor,
          versionChecked ? {} : { expectedVersion: body.expectedVersion },
        );
        const stored = await this.documents.storeGeneratedIn(
          tx,
          caseId,
          sequence,
          {
            filename: `${name}.pdf`,
            contentType: 'application/pdf',
            content: pdf,
          },
          actor,
        );
        const letterId = randomUUID();
        await this.repository.insertLetter(tx, {
          id: letterId,
          caseId,
          eventSequence: sequence,
          kind: letter.kind,
          templateId: letter.templateId,
          docxDocumentId: docx.documentId,
          pdfDocumentId: stored.documentId,
          letterDate,
          issuedAt: this.clock.now(),
          issuedBy: actor.name,
        });
        return {
          caseId,
          sequence: stored.sequence,
          version: stored.version,
          letterId,
          eventSequence: sequence,
          docxDocumentId: docx.documentId,
          pdfDocumentId: stored.documentId,
        };
      }),
    );
    return {
      letterId: saved.letterId,
      eventSequence: saved.eventSequence,
      docxDocumentId: saved.docxDocumentId,
      pdfDocumentId: saved.pdfDocumentId,
      templateId: letter.templateId,
      case: await this.writes.show(saved),
    };
  }

  /**
   * Records that a letter was sent: by email through the configured mail server with the PDF
   * attached (the entry is saved only if the mail server took the message), or by post. The email
   * asks the family to reply: its Reply-To is the council's (LETTERS_REPLY_TO, else the mediation
   * contact), not MAIL_FROM, the reminders' sender.
   */
  async send(
    caseId: string,
    letterId: string,
    body: SendLetterRequest,
    actor: Actor,
  ): Promise<CaseDetail> {
    const letter = await this.repository.letter(this.db, caseId, letterId);
    if (!letter) throw new NotFoundException('This case has no such letter.');
    const to = body.how === 'email' ? body.email?.trim() : undefined;
    const pdf =
      body.how === 'email'
        ? await this.documents.content(caseId, letter.pdf_document_id)
        : undefined;
    const saved = await rolledBackOnFailure(() =>
      this.db.transaction(async (tx) => {
        const recorded = await this.commands.recordIn(
          tx,
          caseId,
          {
            type: 'letter.sent',
            letterId,
            eventSequence: letter.event_sequence,
            how: body.how,
            ...(to ? { to } : {}),
            sentOn: this.clock.today(),
          },
          actor,
          { expectedVersion: body.expectedVersion },
        );
        await this.repository.markSent(
          tx,
          letterId,
          this.clock.now(),
          body.how,
          to ?? null,
        );
        if (pdf && to) {
          await this.mail
            .send({
              id: `letter-${letterId}-${recorded.sequence}`,
              to,
              replyTo: this.replyTo,
              subject: `${LETTER_KIND_LABELS[letter.kind as LetterKind]}: ${this.sender.councilName}`,
              text: `Please find attached a letter from ${this.sender.councilName} (${pdf.filename}).\n\nIf you have questions about it, reply to this email or contact the caseworker named in the letter.`,
              attachments: [
                {
                  filename: pdf.filename,
                  content: pdf.content,
                  contentType: 'application/pdf',
                },
              ],
            })
            .catch(() => {
              throw new ServiceUnavailableException(
                'The email could not be sent just now, so nothing was recorded. Try again in a few minutes, or send the letter by post.',
              );
            });
        }
        return {
          caseId,
          sequence: recorded.sequence,
          version: recorded.version,
        };
      }),
    );
    return this.writes.show(saved);
  }

  /** The letter for the request: its entry, the case and deadlines with it, and the filled template. */
  private async prepare(
    caseId: string,
    body: LetterRequest,
    actor: Actor,
  ): Promise<PreparedLetter> {
    const template = await this.templates.current(body.kind);
    const text = templateText(template.content);
    const toRecord = entryToRecord(body, text);
    let history: CaseEvent[];
    let index: number;
    if (toRecord) {
      // Every check of the write path, on the case as it is, with nothing saved.
      history = await this.commands.dryRun(
        caseId,
        toRecord,
        actor,
        { expectedVersion: body.expectedVersion },
        (tx) => this.commands.historyOf(tx, caseId),
      );
      index = history.length - 1;
    } else {
      const sequence = body.eventSequence as number;
      const current = await this.cases.byId(caseId);
      if (!current)
        throw new NotFoundException(`There is no case with id ${caseId}.`);
      if (current.version !== body.expectedVersion)
        throw new ConflictException(
          `This case has changed since you opened it (you had version ${body.expectedVersion}; it is now at version ${current.version}). Reload it, check the changes, then try again.`,
        );
      history = await this.commands.historyOf(this.db.manager, caseId);
      index = sequence - 1;
      if (index < 0 || index >= history.length)
        throw new NotFoundException(
          `This case has no history entry number ${sequence}.`,
        );
    }
    const facts = letterFacts(history, index, this.calendar);
    const kindOfEntry = letterKindOf(facts.event);
    if (kindOfEntry !== body.kind)
      throw new BadRequestException(
        kindOfEntry
          ? `Entry ${index + 1} is issued with a letter “${LETTER_KIND_LABELS[kindOfEntry]}”, not “${LETTER_KIND_LABELS[body.kind]}”.`
          : `No letter is issued with entry ${index + 1}: letters are for decisions, responses to recommendations, concessions, mediation arranged and compliance with orders.`,
      );
    const data = letterData(body.kind, facts, this.sender);
    return {
      kind: body.kind,
      templateId: template.id,
      event: facts.event,
      toRecord: toRecord !== undefined,
      sequence: index + 1,
      reference: facts.snapshot.reference,
      docx: renderLetter(template.content, data),
      deadlines: data['deadlines'] as LetterPreview['deadlines'],
      met: facts.met.map(letterDeadlineLine),
      missing: missingParts(body.kind, text),
    };
  }
}

/** The body's fields that carry an entry to record with its letter (issue = record). */
type RecordField = Exclude<
  keyof LetterRequest,
  'kind' | 'expectedVersion' | 'eventSequence'
>;

/**
 * How an entry given in the body becomes the event recorded with its letter: what it is (for the
 * caseworker's messages), what it is given for, and the event, built by the same function as the
 * entry's own route (cases/entry-events.ts). The letter it goes with is the domain's
 * (`letterKindOf`), so one table says which letter each entry takes.
 */
type EntryToRecord = {
  [F in RecordField]: {
    what: string;
    givenFor: string;
    event: (
      entry: NonNullable<LetterRequest[F]>,
      templateText: string,
    ) => CaseEvent;
    /** Why this entry, as given, has no letter (an appeal that ended otherwise than by concession). */
    noLetter?: (entry: NonNullable<LetterRequest[F]>) => string;
  };
};

const TO_RECORD: EntryToRecord = {
  // The notice of a decision (CFA 2014 s.51; SEND Regs 2014 reg 32): the record's letter
  // checklist is what the template contains.
  decision: {
    what: 'a decision',
    givenFor: 'to record with its notice',
    event: (decision, text) =>
      decisionEventOf(
        { ...decision, letterChecklist: letterChecklistOf(text) },
        randomUUID(),
      ),
  },
  // The responsible body's written response (Recommendations Power Regs 2017 reg 6(2)–(3)).
  recommendationResponse: {
    what: 'a response to a recommendation',
    givenFor: 'to record with its letter',
    event: (response) =>
      recommendationResponseEventOf(response, response.recommendationId),
  },
  // The council's notice that it will not oppose the appeal, given before its response (SEND
  // Regs 2014 reg 45(1); the response of HESC Rules 2008 r.21): the appeal is treated as decided
  // for the family, no order is made (reg 45(2)) and the duties run from the notice (reg 45(3)–(7)).
  // Only that outcome has a letter: the others end with the Tribunal's own decision or order.
  appealOutcome: {
    what: 'an appeal’s outcome',
    givenFor: 'to record a concession with its notice',
    event: (outcome) => appealOutcomeEventOf(outcome, outcome.appealId),
    noLetter: (outcome) =>
      `An appeal ${APPEAL_OUTCOME_LABELS[outcome.outcome]} has no letter: only a concession before the council’s response (outcome conceded_before_response, SEND Regs 2014 reg 45) is issued with one, the notice to the Tribunal. Record this outcome without a letter (POST /cases/:id/appeals/:appealId/outcome).`,
  },
  // Mediation arranged within 30 days of being told it is wanted (SEND Regs 2014 regs 36–37).
  mediationArranged: {
    what: 'mediation arranged',
    givenFor: 'to record with its letter',
    event: (arranged) =>
      mediationArrangedEventOf(arranged, arranged.mediationId),
  },
  // One duty of an order done within its period (SEND Regs 2014 reg 44; a concession's, reg 45).
  orderCompliance: {
    what: 'compliance with an order',
    givenFor: 'to record with its letter',
    event: (compliance) =>
      orderComplianceEventOf(compliance, compliance.orderId),
  },
};

const RECORD_FIELDS = Object.keys(TO_RECORD) as RecordField[];

const ENTRY_FIELDS = `${RECORD_FIELDS.map(
  (f) => `\`${f}\` (${TO_RECORD[f].what} ${TO_RECORD[f].givenFor})`,
).join(', ')} or \`eventSequence\` (the number of an entry recorded earlier)`;

/** The event of the entry given in `field`, and why it has no letter, if it has none (the table's types, field by field). */
function entryOf<F extends RecordField>(
  field: F,
  entry: NonNullable<LetterRequest[F]>,
  templateText: string,
): { event: CaseEvent; noLetter: string | undefined } {
  const spec: EntryToRecord[F] = TO_RECORD[field];
  return {
    event: spec.event(entry, templateText),
    noLetter: spec.noLetter?.(entry),
  };
}

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The entry to record with the letter (issue = record), or undefined for a letter for an entry
 * recorded earlier (`eventSequence`): exactly one of the fields is given, and an entry to record
 * only with its own kind of letter.
 */
export function entryToRecord(
  body: LetterRequest,
  templateText: string,
): CaseEvent | undefined {
  const given = [...RECORD_FIELDS, 'eventSequence' as const].filter(
    (f) => body[f] !== undefined && body[f] !== null,
  );
  if (given.length !== 1)
    throw new BadRequestException(
      given.length === 0
        ? `Say what the letter is for: give one of ${ENTRY_FIELDS}.`
        : `Give only one of ${ENTRY_FIELDS}, not ${given.map((f) => `\`${f}\``).join(' and ')} together.`,
    );
  const [field] = given;
  if (field === 'eventSequence') return undefined;
  const { event, noLetter } = entryOf(
    field,
    body[field] as NonNullable<LetterRequest[typeof field]>,
    templateText,
  );
  const kind = letterKindOf(event);
  if (!kind)
    throw new BadRequestException(
      noLetter ?? `No letter is issued with ${TO_RECORD[field].what}.`,
    );
  if (kind !== body.kind)
    throw new BadRequestException(
      `${sentence(TO_RECORD[field].what)} is issued with the letter “${LETTER_KIND_LABELS[kind]}” (kind ${kind}), not “${LETTER_KIND_LABELS[body.kind]}”.`,
    );
  return event;
}
