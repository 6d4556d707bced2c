import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PizZip from 'pizzip';
import {
  DEMO_LETTER_HISTORIES,
  EXAMPLE_SENDER,
  LETTER_KINDS,
  letterData,
  letterFacts,
  missingParts,
} from '@send/domain';
import {
  docxHtml,
  docxText,
  renderLetter,
  TemplateProblem,
  templateText,
} from './letter-render';

const template = (kind: string) =>
  readFileSync(join(__dirname, 'templates', `${kind}.docx`));

describe('letter templates and letters (docxtemplater)', () => {
  it.each(LETTER_KINDS)(
    'the default %s template has every part the law requires, and fills from the demo case with no placeholder left',
    (kind) => {
      const content = template(kind);
      expect(missingParts(kind, templateText(content))).toEqual([]);
      const docx = renderLetter(
        content,
        letterData(
          kind,
          letterFacts(DEMO_LETTER_HISTORIES[kind]),
          EXAMPLE_SENDER,
        ),
      );
      const text = docxText(docx);
      expect(text).toContain('Sam Example');
      expect(text).not.toMatch(/[{}]/);
    },
  );

  it('the default decision notice names the school of a final or amended plan (SEND Regs 2014 reg 12(1)(i)), and says nothing of a school when the decision names none', () => {
    const [opened, ...rest] = DEMO_LETTER_HISTORIES.decision_notice;
    const decision = rest.at(-1) as Extract<
      (typeof rest)[number],
      { type: 'decision.issued' }
    >;
    const notice = (placement?: string) =>
      docxText(
        renderLetter(
          template('decision_notice'),
          letterData(
            'decision_notice',
            letterFacts([
              opened!,
              ...rest.slice(0, -1),
              {
                ...decision,
                decisionType: 'final_plan_content',
                sections: ['I'],
                ...(placement ? { placement } : {}),
              },
            ]),
            EXAMPLE_SENDER,
          ),
        ),
      );
    const named = notice('Riverside Academy');
    expect(named).toContain(
      'The plan names this school or other institution in section I: Riverside Academy.',
    );
    expect(named).not.toMatch(/[{}]/);
    const none = notice();
    expect(none).not.toContain('section I');
    expect(none).not.toMatch(/[{}]/);
  });

  it('escapes what the record says in the HTML preview', () => {
    const zip = new PizZip(template('decision_notice'));
    zip.file(
      'word/document.xml',
      zip
        .file('word/document.xml')!
        .asText()
        .replace('{rationale}', '{rationale}'),
    );
    const facts = letterFacts([
      ...DEMO_LETTER_HISTORIES.decision_notice.slice(0, -1),
      {
        ...(DEMO_LETTER_HISTORIES.decision_notice.at(-1) as Extract<
          (typeof DEMO_LETTER_HISTORIES.decision_notice)[number],
          { type: 'decision.issued' }
        >),
        rationale: '<script>alert(1)</script> & more',
      },
    ]);
    const html = docxHtml(
      renderLetter(
        zip.generate({ type: 'nodebuffer' }),
        letterData('decision_notice', facts, EXAMPLE_SENDER),
      ),
    );
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(html).not.toContain('<script>');
  });

  it('refuses a file that is not a Word document, and a broken placeholder, in words an administrator can act on', () => {
    expect(() => templateText(Buffer.from('not a zip'))).toThrow(
      TemplateProblem,
    );
    const zip = new PizZip(template('mediation_arranged'));
    zip.file(
      'word/document.xml',
      zip
        .file('word/document.xml')!
        .asText()
        .replace('{mediationDate}', '{mediationDate'),
    );
    expect(() => templateText(zip.generate({ type: 'nodebuffer' }))).toThrow(
      /curly brackets/,
    );
  });
});
