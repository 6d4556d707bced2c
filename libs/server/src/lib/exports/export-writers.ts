import type {
  ExportFormat,
  ExportScope,
  ExportVerification,
  HistoryExportEvent,
  HistoryVerification,
} from '@send/contracts';
import { formatLongDate } from '@send/domain';
import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import PDFDocument from 'pdfkit';
import { readableCsvOf } from '../http/csv';
import {
  eventTexts,
  HISTORY_CSV_COLUMNS,
  historyCsvRow,
} from '../history/readable-history';
import { FileSink } from './file-sink';

/** The case whose events are being written. */
export interface ExportCase {
  caseId: string;
  reference: string;
  childName: string;
}

/** What an export is of, for the headings of the file. */
export interface ExportMeta {
  scope: ExportScope;
  caseReference?: string;
  from?: string;
  to?: string;
  /** ISO 8601. */
  exportedAt: string;
  exportedBy: string;
  /** History events to read (a period export reads whole histories to check them). */
  eventsTotal: number;
}

export interface ExportSummary extends ExportVerification {
  cases: number;
  eventsWritten: number;
}

/**
 * Writes one export file, case by case and event by event, in the order the history is read.
 * Every method waits while the file is behind, so memory stays constant.
 */
export interface ExportWriter {
  beginCase(c: ExportCase): Promise<void>;
  event(c: ExportCase, event: HistoryExportEvent): Promise<void>;
  /** `verification` covers the case's whole stored history; `written` is how many of its events are in the file. */
  endCase(
    c: ExportCase,
    verification: HistoryVerification,
    written: number,
  ): Promise<void>;
  /** Finishes the file; resolves with its size and SHA-256 once it is on disk. */
  finish(summary: ExportSummary): Promise<{ size: number; sha256: string }>;
  /**
   * Abandons the file after a failure and resolves once it is closed (so that it can be removed);
   * answers the file system's error when it was writing the file that failed (see FileSink.abort).
   */
  abort(error: Error): Promise<Error | undefined>;
}

export function exportWriter(
  format: ExportFormat,
  path: string,
  meta: ExportMeta,
): ExportWriter {
  switch (format) {
    case 'csv':
      return new CsvExportWriter(path);
    case 'json':
      return new JsonExportWriter(path, meta);
    case 'pdf':
      return new PdfExportWriter(path, meta);
  }
}

/**
 * One row per event, as the case page's CSV (readable-history.ts); every text cell a spreadsheet
 * would run as a formula is neutralised (csv.ts).
 */
class CsvExportWriter implements ExportWriter {
  private readonly rows = new PassThrough({
    objectMode: true,
    highWaterMark: 64,
  });
  private readonly sink: FileSink;

  constructor(path: string) {
    this.sink = new FileSink(
      path,
      readableCsvOf(
        this.rows,
        [...HISTORY_CSV_COLUMNS],
        (row: { reference: string; event: HistoryExportEvent }) =>
          historyCsvRow(row.reference, row.event),
      ),
    );
  }

  async beginCase(): Promise<void> {
    /* nothing: each row names its case */
  }

  async event(c: ExportCase, e: HistoryExportEvent): Promise<void> {
    if (!this.rows.write({ reference: c.reference, event: e }))
      await this.sink.guard(once(this.rows, 'drain'));
  }

  async endCase(): Promise<void> {
    /* nothing */
  }

  async finish(): Promise<{ size: number; sha256: string }> {
    this.rows.end();
    return this.sink.end();
  }

  abort(error: Error): Promise<Error | undefined> {
    return this.sink.abort(this.rows, error);
  }
}

/**
 * A case export has the shape of `GET /api/cases/:id/history.json` (so `verify-history` checks it
 * offline) plus the check made when it was exported; a period export lists its cases, each with the
 * events of the period and the check of its whole stored history.
 */
class JsonExportWriter implements ExportWriter {
  private readonly sink: FileSink;
  private firstCase = true;
  private firstEvent = true;

  constructor(
    path: string,
    private readonly meta: ExportMeta,
  ) {
    this.sink = new FileSink(path);
  }

  private head(c?: ExportCase): string {
    const common = `"exportedAt":${JSON.stringify(this.meta.exportedAt)},"exportedBy":${JSON.stringify(this.meta.exportedBy)}`;
    if (this.meta.scope === 'case') {
      return `{"scope":"case","caseId":${JSON.stringify(c?.caseId ?? null)},"reference":${JSON.stringify(c?.reference ?? this.meta.caseReference ?? null)},${common},"events":[`;
    }
    return `{"scope":"period","from":${JSON.stringify(this.meta.from)},"to":${JSON.stringify(this.meta.to)},${common},"cases":[`;
  }

  async beginCase(c: ExportCase): Promise<void> {
    this.firstEvent = true;
    if (this.meta.scope === 'case') {
      await this.sink.write(this.head(c));
      return;
    }
    const prefix = this.firstCase ? `${this.head()}\n` : ',\n';
    this.firstCase = false;
    await this.sink.write(
      `${prefix}{"caseId":${JSON.stringify(c.caseId)},"reference":${JSON.stringify(c.reference)},"events":[`,
    );
  }

  async event(_c: ExportCase, e: HistoryExportEvent): Promise<void> {
    await this.sink.write(
      `${this.firstEvent ? '\n' : ',\n'}${JSON.stringify(e)}`,
    );
    this.firstEvent = false;
  }

  async endCase(
    _c: ExportCase,
    verification: HistoryVerification,
  ): Promise<void> {
    await this.sink.write(
      `\n],"verification":${JSON.stringify(verification)}${this.meta.scope === 'case' ? '' : '}'}`,
    );
    this.firstCase = false;
  }

  async finish(
    summary: ExportSummary,
  ): Promise<{ size: number; sha256: string }> {
    if (this.meta.scope === 'case') {
      if (this.firstCase)
        await this.sink.write(`${this.head()}],"verification":null`);
      await this.sink.write('}\n');
    } else {
      await this.sink.write(
        `${this.firstCase ? this.head() : '\n'}],"summary":${JSON.stringify(summary)}}\n`,
      );
    }
    return this.sink.end();
  }

  abort(error: Error): Promise<Error | undefined> {
    return this.sink.abort(this.sink.input, error);
  }
}

// ── PDF ─────────────────────────────────────────────────────────────────────────────────────────

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 'Thu 1 Oct 2026 14:05' in Europe/London. */
export function londonTime(iso: string): string {
  const parts = LONDON_TIME.formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')} ${get('hour')}:${get('minute')}`;
}

/** The PDF's standard fonts cover Windows-1252: other characters are written as their nearest plain form, or '?'. */
const WIN_ANSI = new Set(
  new TextDecoder('windows-1252').decode(
    Uint8Array.from({ length: 224 }, (_, i) => i + 32),
  ),
);
const PLAIN: Record<string, string> = {
  '→': '->',
  '←': '<-',
  '≥': '>=',
  '≤': '<=',
  '−': '-',
  '‑': '-',
  '✓': 'v',
};
export function pdfText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC'))
    out += ch === '\n' || WIN_ANSI.has(ch) ? ch : (PLAIN[ch] ?? '?');
  return out;
}

/**
 * The "read" and "written" counts in words: every event of each case's stored history is read, to
 * check its hash chain; those written are the ones the export is of.
 */
export function countsInWords(meta: ExportMeta, written?: number): string {
  const read = `${meta.eventsTotal} history event${meta.eventsTotal === 1 ? ' was' : 's were'} read`;
  if (meta.scope === 'case')
    return `${read}: the whole stored history of the case, every event written here and its hash chain checked.`;
  return (
    `${read}: the whole stored history of every case with an event in the period, so that each case's hash chain could be checked. ` +
    (written === undefined
      ? 'Only the events that happened in the period are written in this file (their number is in the summary at the end).'
      : `Only the ${written} that happened in the period are written in this file.`)
  );
}

const COLUMNS = [
  { title: 'No.', width: 32 },
  { title: 'Happened', width: 78 },
  { title: 'Recorded', width: 104 },
  { title: 'What happened', width: 318 },
  { title: 'Recorded by', width: 118 },
  { title: 'Hash (first 16)', width: 112 },
] as const;
const PAD = 3;
const BODY = 8.5;
const GREY = '#505a5f';
const RULE = '#b1b4b6';

/** The parts of pdfkit that are not in its types: the current font, and a page's XObject resources. */
interface PdfKitInternals {
  _font: { id: string; ref(): PDFKit.PDFKitReference };
  page: { xobjects: Record<string, PDFKit.PDFKitReference> };
  addContent(operators: string): void;
}

/**
 * A4 landscape: a title block, then for each case a heading, a table of its events (each with its
 * full content: the decision's rationale, the recommendations' text, the response's reasons, every
 * other detail) and its hash-chain check; a summary at the end. Every page carries the case
 * reference and "Page X of Y". Pages are written out as they fill (no page buffering), so memory
 * stays constant: Y is a form XObject every page draws, written once the last page is known.
 */
class PdfExportWriter implements ExportWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly sink: FileSink;
  private page = 0;
  private current: ExportCase | undefined;
  /** The number of pages, drawn on every page, its content written when the file ends. */
  private readonly pageTotal: PDFKit.PDFKitReference;
  private readonly footerFont: { id: string; ref(): PDFKit.PDFKitReference };

  constructor(
    path: string,
    private readonly meta: ExportMeta,
  ) {
    const title =
      meta.scope === 'case'
        ? `History of case ${meta.caseReference ?? ''}`
        : `Case histories, ${meta.from} to ${meta.to}`;
    this.doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margins: { top: 56, bottom: 48, left: 40, right: 40 },
      autoFirstPage: false,
      bufferPages: false,
      lang: 'en-GB',
      info: {
        Title: title,
        Author: meta.exportedBy,
        Subject: 'SEND disagreements: case history export',
        Creator: 'SEND disagreements',
      },
    });
    this.sink = new FileSink(path, this.doc);
    this.doc.font('Helvetica');
    this.footerFont = (this.doc as unknown as PdfKitInternals)._font;
    this.pageTotal = this.doc.ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, -4, 80, 12],
      Resources: { Font: { [this.footerFont.id]: this.footerFont.ref() } },
    });
    this.doc.on('pageAdded', () => this.decoratePage());
    this.doc.addPage();
    this.titleBlock();
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get width(): number {
    return (
      this.doc.page.width -
      this.doc.page.margins.left -
      this.doc.page.margins.right
    );
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** The running header (what this is, and the case) and the page number, outside the text area. */
  private decoratePage(): void {
    this.page++;
    const doc = this.doc;
    const { top, bottom } = doc.page.margins;
    doc.page.margins.top = 0;
    doc.page.margins.bottom = 0;
    const scope =
      this.meta.scope === 'case'
        ? 'Case history export'
        : `Case histories: events from ${formatLongDate(this.meta.from ?? '')} to ${formatLongDate(this.meta.to ?? '')}`;
    doc.font('Helvetica').fontSize(8).fillColor(GREY);
    doc.text(pdfText(scope), this.left, 24, { lineBreak: false });
    const reference =
      this.current?.reference ??
      (this.meta.scope === 'case' ? this.meta.caseReference : undefined);
    if (reference) {
      doc
        .font('Helvetica-Bold')
        .text(pdfText(`Case ${reference}`), this.left, 24, {
          width: this.width,
          align: 'right',
          lineBreak: false,
        });
    }
    doc.font('Helvetica').fontSize(8).fillColor(GREY);
    doc.text(
      pdfText(
        `Exported ${londonTime(this.meta.exportedAt)} by ${this.meta.exportedBy}`,
      ),
      this.left,
      doc.page.height - 30,
      { lineBreak: false },
    );
    // "Page X of " then the total, a form XObject drawn upright at the text's baseline.
    const label = `Page ${this.page} of `;
    const labelX = this.left + this.width - doc.widthOfString(`${label}9999`);
    const y = doc.page.height - 30;
    doc.text(label, labelX, y, { lineBreak: false });
    const internals = doc as unknown as PdfKitInternals;
    internals.page.xobjects['PageTotal'] = this.pageTotal;
    internals.addContent(
      `q 1 0 0 -1 ${labelX + doc.widthOfString(label)} ${y + 5.7} cm /PageTotal Do Q`,
    );
    doc.page.margins.top = top;
    doc.page.margins.bottom = bottom;
    doc.x = this.left;
    doc.y = top;
    doc.fillColor('black');
  }

  private titleBlock(): void {
    const doc = this.doc;
    doc
      .font('Helvetica-Bold')
      .fontSize(18)
      .text(
        this.meta.scope === 'case'
          ? 'Case history export'
          : 'Case histories for a period',
      );
    doc.moveDown(0.3).font('Helvetica').fontSize(10);
    doc.text(
      pdfText(
        this.meta.scope === 'case'
          ? `The complete history of case ${this.meta.caseReference ?? ''}.`
          : `Every event of every case that happened from ${formatLongDate(this.meta.from ?? '')} to ${formatLongDate(this.meta.to ?? '')} (by the date it happened).`,
      ),
    );
    doc.text(
      pdfText(
        `Exported on ${londonTime(this.meta.exportedAt)} (UK time) by ${this.meta.exportedBy}. ${countsInWords(this.meta)}`,
      ),
    );
    doc
      .fillColor(GREY)
      .fontSize(9)
      .text(
        pdfText(
          'Each event shows when it happened and when it was recorded, and who recorded it. Its hash covers its content and the hash of the event ' +
            'before it, so a change to any event, or a removed event, breaks the chain: the check after each case says whether the stored history is intact.',
        ),
      )
      .fillColor('black');
    doc.moveDown(1);
  }

  private ensureSpace(height: number, repeatHeader: boolean): void {
    if (this.doc.y + height <= this.bottom) return;
    this.doc.addPage();
    if (repeatHeader) this.tableHeader();
  }

  private tableHeader(): void {
    const doc = this.doc;
    doc.font('Helvetica-Bold').fontSize(BODY);
    const height =
      Math.max(
        ...COLUMNS.map((c) =>
          doc.heightOfString(c.title, { width: c.width - 2 * PAD }),
        ),
      ) +
      2 * PAD;
    this.ensureSpace(height + 20, false);
    const y = doc.y;
    let x = this.left;
    for (const c of COLUMNS) {
      doc.text(c.title, x + PAD, y + PAD, { width: c.width - 2 * PAD });
      x += c.width;
    }
    doc
      .moveTo(this.left, y + height)
      .lineTo(this.left + this.width, y + height)
      .lineWidth(1)
      .strokeColor('black')
      .stroke();
    doc.x = this.left;
    doc.y = y + height;
  }

  async beginCase(c: ExportCase): Promise<void> {
    this.current = c;
    const doc = this.doc;
    this.ensureSpace(70, false);
    doc
      .moveDown(0.5)
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(pdfText(`Case ${c.reference}: ${c.childName}`), this.left, doc.y);
    doc.moveDown(0.3);
    this.tableHeader();
  }

  async event(_c: ExportCase, e: HistoryExportEvent): Promise<void> {
    const doc = this.doc;
    const cells = [
      String(e.sequence),
      formatLongDate(e.businessDate),
      londonTime(e.recordedAt),
      pdfText(`${e.summary}${e.reason ? `\nReason: ${e.reason}` : ''}`),
      pdfText(
        `${e.actorName} (${e.actorRole})${e.onBehalfOf ? `, for ${e.onBehalfOf}` : ''}`,
      ),
      `${e.hash.slice(0, 16)}`,
    ];
    doc.font('Helvetica').fontSize(BODY);
    const widths = COLUMNS.map((c) => c.width - 2 * PAD);
    const height =
      Math.max(
        ...cells.map((text, i) =>
          doc.heightOfString(text, { width: widths[i] }),
        ),
      ) +
      2 * PAD;
    this.ensureSpace(height, true);
    const y = doc.y;
    let x = this.left;
    cells.forEach((text, i) => {
      doc.font(i === 5 ? 'Courier' : 'Helvetica').fontSize(i === 5 ? 8 : BODY);
      doc.text(text, x + PAD, y + PAD, { width: widths[i] });
      x += (widths[i] ?? 0) + 2 * PAD;
    });
    doc
      .moveTo(this.left, y + height)
      .lineTo(this.left + this.width, y + height)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.x = this.left;
    doc.y = y + height;
    this.fullContent(e);
    await this.sink.drained(this.doc);
  }

  /**
   * Below the event's row, its full content in words, under "What happened": it may run over pages
   * (a long rationale), so it is written as flowing text, not in the row.
   */
  private fullContent(e: HistoryExportEvent): void {
    const texts = eventTexts(e.payload);
    const parts = [
      texts.rationale && `Decision rationale: ${texts.rationale}`,
      texts.recommendations && `Recommendations:\n${texts.recommendations}`,
      texts.responseReasons &&
        `Reasons for the response: ${texts.responseReasons}`,
      texts.otherDetails && `Details:\n${texts.otherDetails}`,
    ].filter(Boolean);
    if (parts.length === 0) return;
    const doc = this.doc;
    const indent = COLUMNS[0].width + COLUMNS[1].width + COLUMNS[2].width;
    const width = this.width - indent - 2 * PAD;
    doc.font('Helvetica').fontSize(8).fillColor('black');
    this.ensureSpace(doc.currentLineHeight(true) * 2 + 2 * PAD, true);
    doc.font('Helvetica').fontSize(8).fillColor('black');
    doc.text(pdfText(parts.join('\n')), this.left + indent + PAD, doc.y + PAD, {
      width,
    });
    const y = doc.y + PAD;
    doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.x = this.left;
    doc.y = y;
  }

  async endCase(
    c: ExportCase,
    v: HistoryVerification,
    written: number,
  ): Promise<void> {
    const doc = this.doc;
    const ofThem =
      this.meta.scope === 'period'
        ? ` (${written} of them in this period)`
        : '';
    const text = v.valid
      ? `Hash chain check: intact. All ${v.events} events of the stored history of case ${c.reference}${ofThem} match their hashes, and each links to the one before.`
      : `Hash chain check: NOT INTACT. In the stored history of case ${c.reference} (${v.events} events${ofThem}), event ${v.firstMismatch?.sequence} ` +
        `(id ${v.firstMismatch?.id}) does not match: ${v.firstMismatch?.problem}. The events from it onwards cannot be relied on.`;
    doc.font('Helvetica-Bold').fontSize(9.5);
    const height =
      doc.heightOfString(pdfText(text), { width: this.width - 16 }) + 12;
    this.ensureSpace(height + 8, false);
    const y = doc.y + 6;
    doc.rect(this.left, y, 4, height).fill(v.valid ? '#00703c' : '#d4351c');
    doc
      .fillColor('black')
      .text(pdfText(text), this.left + 12, y + 6, { width: this.width - 16 });
    doc.x = this.left;
    doc.y = y + height + 6;
    await this.sink.drained(this.doc);
  }

  async finish(
    summary: ExportSummary,
  ): Promise<{ size: number; sha256: string }> {
    const doc = this.doc;
    this.current = undefined;
    this.ensureSpace(90, false);
    doc
      .moveDown(1)
      .font('Helvetica-Bold')
      .fontSize(13)
      .text('Summary', this.left, doc.y);
    doc.font('Helvetica').fontSize(10).moveDown(0.3);
    doc.text(
      pdfText(
        `Cases: ${summary.cases}. Events written in this file: ${summary.eventsWritten}. ${countsInWords(this.meta, summary.eventsWritten)}`,
      ),
    );
    if (summary.casesChecked === 0) {
      doc.text(
        this.meta.scope === 'case'
          ? 'The case has no history.'
          : 'No case has an event in this period.',
      );
    } else if (
      summary.broken.length === 0 &&
      summary.casesIntact === summary.casesChecked
    ) {
      doc.text(
        `Hash chain check: the stored history of every case (${summary.casesChecked}) is intact.`,
      );
    } else {
      doc
        .font('Helvetica-Bold')
        .text(
          `Hash chain check: ${summary.casesChecked - summary.casesIntact} of ${summary.casesChecked} cases are NOT intact:`,
        );
      doc.font('Helvetica');
      for (const b of summary.broken)
        doc.text(
          pdfText(
            `Case ${b.caseReference}: event ${b.sequence}: ${b.problem}.`,
          ),
        );
    }
    doc
      .fillColor(GREY)
      .fontSize(9)
      .moveDown(0.5)
      .text(
        'The service shows the SHA-256 of this file with the export: compare it to show the file was not changed.',
      );
    this.pageTotal.end(
      `BT /${this.footerFont.id} 8 Tf 0 0 Td (${this.page}) Tj ET`,
    );
    doc.end();
    return this.sink.end();
  }

  abort(error: Error): Promise<Error | undefined> {
    return this.sink.abort(this.doc, error);
  }
}
