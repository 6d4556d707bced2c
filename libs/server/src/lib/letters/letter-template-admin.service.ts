import {
  BadRequestException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { LetterKind, LetterPartView } from '@send/contracts';
import {
  DEMO_LETTER_HISTORIES,
  LETTER_KIND_LABELS,
  letterData,
  letterFacts,
  type LetterSender,
  missingParts,
} from '@send/domain';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../audit/request-context';
import { SecurityLogService } from '../audit/security-log.service';
import { Clock } from '../clock/clock';
import { checkZipDocument } from '../documents/office-zip';
import type { Actor } from '../identity/actor';
import { LetterRepository, type LetterTemplateRow } from './letter.repository';
import { LETTER_SENDER } from './letter-sender';
import {
  docxHtml,
  renderLetter,
  TemplateProblem,
  templateText,
} from './letter-render';

export interface TemplateCheck {
  id: string;
  kind: LetterKind;
  version: number;
  html: string;
  missingParts: LetterPartView[];
}

const parts = (kind: LetterKind, text: string): LetterPartView[] =>
  missingParts(kind, text).map(({ id, name, law }) => ({ id, name, law }));

/**
 * The administrators' side of templates: upload a council's .docx for a kind (a new draft
 * version), preview it against the demo case, publish it. A template lacking a part the law
 * requires can be uploaded and previewed, never published. Each upload and each publication is
 * written to the security log in the same transaction, like every administrator's change.
 */
@Injectable()
export class LetterTemplateAdmin {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: LetterRepository,
    private readonly clock: Clock,
    @Inject(LETTER_SENDER) private readonly sender: LetterSender,
    private readonly securityLog: SecurityLogService,
  ) {}

  list(): Promise<LetterTemplateRow[]> {
    return this.repository.templates();
  }

  async upload(
    kind: LetterKind,
    file: { originalname: string; buffer: Buffer; size: number } | undefined,
    actor: Actor,
    request: RequestContext,
  ): Promise<TemplateCheck> {
    if (!file || file.size === 0)
      throw new BadRequestException(
        'Choose the Word document (.docx) of the template to upload (form field "file").',
      );
    const zip = await checkZipDocument(file.buffer);
    if (!zip.ok)
      throw new BadRequestException(
        'This file is not a Word document (.docx) that can be read. Save it from Word as a .docx and upload it again.',
      );
    const check = this.check(kind, file.buffer);
    const id = randomUUID();
    const filename = file.originalname.slice(0, 200) || `${kind}.docx`;
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const version = await this.db.transaction(async (tx) => {
      const added = await this.repository.addTemplate(tx, {
        id,
        kind,
        filename,
        content: file.buffer,
        sha256,
        uploadedAt: this.clock.now(),
        uploadedBy: actor.name,
      });
      await this.securityLog.record(
        request,
        {
          event: 'letter_template.uploaded',
          outcome: 'success',
          actor,
          detail: { templateId: id, kind, version: added, filename, sha256 },
        },
        tx,
      );
      return added;
    });
    return { id, kind, version, ...check };
  }

  async preview(id: string): Promise<TemplateCheck> {
    const t = await this.repository.template(id);
    if (!t) throw new NotFoundException('There is no such letter template.');
    const kind = t.kind as LetterKind;
    return { id, kind, version: t.version, ...this.check(kind, t.content) };
  }

  async publish(
    id: string,
    actor: Actor,
    request: RequestContext,
  ): Promise<TemplateCheck> {
    const checked = await this.preview(id);
    if (checked.missingParts.length > 0)
      throw new UnprocessableEntityException(
        `This template cannot be published: it does not contain ${checked.missingParts.map((p) => `${p.name} (${p.law})`).join('; ')}.`,
      );
    await this.db.transaction(async (tx) => {
      if (
        !(await this.repository.publish(tx, id, this.clock.now(), actor.name))
      )
        throw new BadRequestException(
          `Version ${checked.version} of the template “${LETTER_KIND_LABELS[checked.kind]}” is already published.`,
        );
      await this.securityLog.record(
        request,
        {
          event: 'letter_template.published',
          outcome: 'success',
          actor,
          detail: {
            templateId: id,
            kind: checked.kind,
            version: checked.version,
          },
        },
        tx,
      );
    });
    return checked;
  }

  /** The template filled with the demo case's entry of its kind, and the parts the law requires that it lacks. */
  private check(
    kind: LetterKind,
    content: Buffer,
  ): { html: string; missingParts: LetterPartView[] } {
    try {
      const text = templateText(content);
      const facts = letterFacts(DEMO_LETTER_HISTORIES[kind]);
      const docx = renderLetter(content, letterData(kind, facts, this.sender));
      return { html: docxHtml(docx), missingParts: parts(kind, text) };
    } catch (error) {
      if (error instanceof TemplateProblem)
        throw new BadRequestException(error.message);
      throw error;
    }
  }
}
