import {
  downloadName,
  type ExportJobRow,
  exportFilePath,
  toExportView,
} from './export-job';
import { pdfText } from './export-writers';

const row = (overrides: Partial<ExportJobRow>): ExportJobRow => ({
  id: '6d287049-b530-4d75-84d1-bd974a8dbd60',
  requested_by: 'u1',
  requested_by_name: 'Ada Auditor',
  scope: 'case',
  format: 'pdf',
  case_id: 'c1',
  case_reference: 'RUT-2026-0101',
  from_date: null,
  to_date: null,
  status: 'running',
  events_total: 200,
  events_read: 50,
  events_written: 50,
  cases: 1,
  attempts: 1,
  file_name: null,
  file_size: null,
  sha256: null,
  verification: null,
  error: null,
  requested_at: new Date('2026-03-02T09:00:00Z'),
  started_at: new Date('2026-03-02T09:00:01Z'),
  finished_at: null,
  expires_at: null,
  expired: false,
  ...overrides,
});

describe('export job views', () => {
  it('shows progress as a whole percentage, never 100 before the file is finished', () => {
    expect(toExportView(row({})).percent).toBe(25);
    expect(toExportView(row({ events_read: 200 })).percent).toBe(99);
    expect(
      toExportView(
        row({ events_total: null, events_read: 0, status: 'queued' }),
      ).percent,
    ).toBe(0);
    expect(
      toExportView(
        row({
          status: 'done',
          events_read: 200,
          file_name: 'history-RUT-2026-0101.pdf',
          file_size: '1234',
        }),
      ),
    ).toMatchObject({
      status: 'done',
      percent: 100,
      fileName: 'history-RUT-2026-0101.pdf',
      fileSize: 1234,
    });
  });

  it('calls a finished export past its expiry expired, without its file', () => {
    const view = toExportView(
      row({
        status: 'done',
        expired: true,
        file_name: 'history-RUT-2026-0101.pdf',
        file_size: '1234',
      }),
    );
    expect(view.status).toBe('expired');
    expect(view.fileName).toBeUndefined();
  });

  it('names downloads after the case or the period, with nothing a file system would trip on', () => {
    expect(
      downloadName({
        scope: 'case',
        format: 'csv',
        case_reference: 'RUT/2026 01',
        from_date: null,
        to_date: null,
      }),
    ).toBe('history-RUT_2026_01.csv');
    expect(
      downloadName({
        scope: 'period',
        format: 'json',
        case_reference: null,
        from_date: '2026-01-01',
        to_date: '2026-03-31',
      }),
    ).toBe('history-all-cases-2026-01-01-to-2026-03-31.json');
  });

  it('keeps files by export id under the export folder, written first as .part', () => {
    const paths = exportFilePath(
      '/var/exports',
      '6d287049-b530-4d75-84d1-bd974a8dbd60',
      'pdf',
    );
    expect(paths.file).toBe(
      '/var/exports/6d287049-b530-4d75-84d1-bd974a8dbd60.pdf',
    );
    expect(paths.part).toBe(`${paths.file}.part`);
  });
});

describe('pdfText', () => {
  it('keeps what the PDF standard fonts can show and replaces the rest', () => {
    expect(pdfText('Council’s response – sent £0 café')).toBe(
      'Council’s response – sent £0 café',
    );
    expect(pdfText('open → closed ≥ 5')).toBe('open -> closed >= 5');
    expect(pdfText('Zoë 😀 名')).toBe('Zoë ?? ?'.replace('??', '?'));
  });
});
