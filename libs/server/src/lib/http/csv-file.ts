import { StreamableFile } from '@nestjs/common';
import type { Readable } from 'node:stream';

/** A CSV as an HTTP answer: a download named `filename`, whole (a report table's) or streamed (a log's). */
export function csvFile(
  filename: string,
  csv: string | Readable,
): StreamableFile {
  const options = {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${filename}"`,
  };
  return typeof csv === 'string'
    ? new StreamableFile(Buffer.from(csv, 'utf8'), options)
    : new StreamableFile(csv, options);
}
