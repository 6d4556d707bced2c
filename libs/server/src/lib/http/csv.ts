import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { londonMinute } from '../clock/london-time';
import { pipeline, type Readable, Transform } from 'node:stream';

/** A cell a spreadsheet would read as a formula gets a leading apostrophe (OWASP CSV injection). */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Maps each row of an object stream (a cursor's rows) to what is written out. */
export function mapRows<Row, Out>(map: (row: Row) => Out): Transform {
  return new Transform({
    objectMode: true,
    transform(row: Row, _encoding, done) {
      try {
        done(null, map(row));
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

/**
 * A CSV for people to read: each column `{ key, header }` with its header in words, and a UTF-8
 * byte order mark so that Excel reads the file as UTF-8.
 */
export function readableCsvOf<Row, Out extends object>(
  rows: Readable,
  columns: { key: string; header: string }[],
  map: (row: Row) => Out,
): Readable {
  return csvOf(rows, columns, map, { bom: true });
}

/**
 * Every CSV export goes through here: rows streamed in, CSV streamed out with a header, every
 * string and object cell neutralised, and dates as ISO 8601. The streams are joined with
 * `pipeline`: backpressure throughout, and when the CSV stream is destroyed (the client went away)
 * or any stream fails, every one is destroyed, the cursor with them, which gives its connection
 * back to the pool.
 */
export function csvOf<Row, Out extends object>(
  rows: Readable,
  columns: string[] | { key: string; header: string }[],
  map: (row: Row) => Out,
  options: { bom?: boolean } = {},
): Readable {
  const csv = stringify({
    header: true,
    columns,
    bom: options.bom ?? false,
    cast: {
      string: (value) => neutraliseFormula(value),
      object: (value) => neutraliseFormula(JSON.stringify(value)),
      date: (value) => value.toISOString(),
      number: (value) => String(value),
    },
  });
  // An error reaches the client through the last stream, which pipeline destroys with it.
  pipeline(rows, mapRows(map), csv, () => undefined);
  return csv;
}

/** One column of a report table's CSV: its heading in words, and its cell from a row. */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | Date | null | undefined;
}

/**
 * The one CSV writer of the report tables (each dashboard table, each drill-down list, the appeals
 * register): a UTF-8 byte order mark (so that spreadsheets read names with accents right), headings
 * in words, dates as days (YYYY-MM-DD, already days in Europe/London) and moments in Europe/London,
 * formula-like cells neutralised as in every export.
 */
export function tableCsv<Row>(
  columns: readonly CsvColumn<Row>[],
  rows: readonly Row[],
): string {
  return stringifySync(
    rows.map((row) => columns.map((c) => c.value(row) ?? '')),
    {
      bom: true,
      header: true,
      columns: columns.map((c) => c.header),
      cast: {
        string: (value) => neutraliseFormula(value),
        date: (value) => londonMinute(value),
        number: (value) => String(value),
      },
    },
  );
}
