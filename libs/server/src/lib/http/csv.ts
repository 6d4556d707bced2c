import { stringify } from 'csv-stringify';
import type { Readable } from 'node:stream';

/** A cell a spreadsheet would read as a formula gets a leading apostrophe (OWASP CSV injection). */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Every CSV export goes through here: rows streamed in, CSV streamed out with a header, every
 * string and object cell neutralised, and dates as ISO 8601.
 */
export function csvOf<Row, Out extends object>(rows: Readable, columns: string[], map: (row: Row) => Out): Readable {
  const csv = stringify({
    header: true,
    columns,
    cast: {
      string: (value) => neutraliseFormula(value),
      object: (value) => neutraliseFormula(JSON.stringify(value)),
      date: (value) => value.toISOString(),
      number: (value) => String(value),
    },
  });
  rows.on('error', (e) => csv.destroy(e));
  rows.on('data', (row: Row) => {
    if (!csv.write(map(row))) {
      rows.pause();
      csv.once('drain', () => rows.resume());
    }
  });
  rows.on('end', () => csv.end());
  return csv;
}
