import { StreamableFile } from '@nestjs/common';

/** A report table's CSV as an HTTP answer: a download named `filename`. */
export function csvFile(filename: string, csv: string): StreamableFile {
  return new StreamableFile(Buffer.from(csv, 'utf8'), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${filename}"`,
  });
}
