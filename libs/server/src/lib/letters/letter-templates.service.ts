import { Injectable } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LetterKind } from '@send/contracts';
import { LetterRepository } from './letter.repository';

/** Where the default templates are: beside the built API (`letter-templates/`), or in the source (`templates/`). */
function defaultTemplateDir(): string {
  const candidates = [
    process.env['LETTER_TEMPLATE_DIR'],
    join(__dirname, 'letter-templates'),
    join(__dirname, 'templates'),
  ].filter((d): d is string => !!d);
  const found = candidates.find((d) =>
    existsSync(join(d, 'decision_notice.docx')),
  );
  if (!found)
    throw new Error(
      `The default letter templates are missing (looked in ${candidates.join(', ')}).`,
    );
  return found;
}

export interface CurrentTemplate {
  /** The version's id; null: the default template shipped with the service. */
  id: string | null;
  content: Buffer;
}

/** The template a letter of each kind is made from: the council's newest published version, or the default. */
@Injectable()
export class LetterTemplates {
  private readonly defaults = new Map<LetterKind, Buffer>();

  constructor(private readonly repository: LetterRepository) {}

  defaultTemplate(kind: LetterKind): Buffer {
    let content = this.defaults.get(kind);
    if (!content) {
      content = readFileSync(join(defaultTemplateDir(), `${kind}.docx`));
      this.defaults.set(kind, content);
    }
    return content;
  }

  async current(kind: LetterKind): Promise<CurrentTemplate> {
    const published = await this.repository.published(kind);
    return published
      ? { id: published.id, content: published.content }
      : { id: null, content: this.defaultTemplate(kind) };
  }
}
