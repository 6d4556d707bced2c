import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import type { LetterData } from '@send/domain';

/*
 * Word documents in and out, with docxtemplater (templates) and PizZip (the .docx's zip): a
 * template's text and placeholders, a filled letter, and its text and HTML for the preview.
 */

/** A template that docxtemplater cannot read (a broken placeholder, say), in words an administrator can act on. */
export class TemplateProblem extends Error {}

const OPTIONS = {
  paragraphLoop: true,
  linebreaks: true,
  // A placeholder with no data prints nothing rather than "undefined".
  nullGetter: () => '',
};

function open(template: Buffer): Docxtemplater {
  let zip: PizZip;
  try {
    zip = new PizZip(template);
  } catch {
    throw new TemplateProblem(
      'This file is not a Word document (.docx) that can be read. Save it from Word as a .docx and upload it again.',
    );
  }
  try {
    return new Docxtemplater(zip, OPTIONS);
  } catch (error) {
    const errors = (
      error as {
        properties?: { errors?: { properties?: { explanation?: string } }[] };
      }
    ).properties?.errors;
    const explanations = (errors ?? [])
      .map((e) => e.properties?.explanation)
      .filter(Boolean)
      .slice(0, 3);
    throw new TemplateProblem(
      `The template's placeholders cannot be read${explanations.length ? `: ${explanations.join('; ')}` : ''}. Each placeholder is a name in curly brackets, like {childName}.`,
    );
  }
}

/** The template's text, placeholders included (what `missingParts` reads). */
export function templateText(template: Buffer): string {
  return open(template).getFullText();
}

/** The letter: the template filled with `data`. */
export function renderLetter(template: Buffer, data: LetterData): Buffer {
  const doc = open(template);
  doc.render(data);
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** The paragraphs of a .docx's main document, with whether each is a heading. */
export function docxParagraphs(
  docx: Buffer,
): { text: string; heading: boolean }[] {
  const xml = new PizZip(docx).file('word/document.xml')?.asText() ?? '';
  return xml
    .split(/<\/w:p>/)
    .map((p) => ({
      heading: /<w:pStyle w:val="(Heading|Title)/.test(p),
      text: decodeXml(
        [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
          .map((m) => (m[0] === '<w:br/>' ? '\n' : m[1]))
          .join(''),
      ),
    }))
    .filter((p) => p.text.trim() !== '');
}

/** The letter's text, a paragraph a line. */
export function docxText(docx: Buffer): string {
  return docxParagraphs(docx)
    .map((p) => p.text)
    .join('\n');
}

/** The letter as HTML for the preview: headings and paragraphs, every text escaped. */
export function docxHtml(docx: Buffer): string {
  return docxParagraphs(docx)
    .map((p) =>
      p.heading
        ? `<h2>${escapeHtml(p.text)}</h2>`
        : `<p>${escapeHtml(p.text).replace(/\n/g, '<br>')}</p>`,
    )
    .join('\n');
}
