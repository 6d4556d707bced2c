import type {
  ExportFormat,
  ExportJobView,
  ExportStatus,
} from '@send/contracts';
import { longDate } from '../shared/dates';

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  csv: 'CSV',
  json: 'JSON',
  pdf: 'PDF',
};

export const STATUS_TAGS: Record<
  ExportStatus,
  { text: string; className: string }
> = {
  queued: { text: 'Waiting to start', className: 'govuk-tag govuk-tag--grey' },
  running: { text: 'Exporting', className: 'govuk-tag govuk-tag--blue' },
  done: { text: 'Ready', className: 'govuk-tag govuk-tag--green' },
  failed: { text: 'Failed', className: 'govuk-tag govuk-tag--red' },
  expired: { text: 'Expired', className: 'govuk-tag govuk-tag--grey' },
};

/** What an export holds, in words: "Case RUT-2026-0101" or "Every case, Thu 1 Jan 2026 to Tue 31 Mar 2026". */
export function exportSubject(
  job: Pick<ExportJobView, 'scope' | 'caseReference' | 'from' | 'to'>,
): string {
  return job.scope === 'case'
    ? `Case ${job.caseReference ?? ''}`
    : `Every case, ${longDate(job.from)} to ${longDate(job.to)}`;
}

/** 1234 → '1.2 kB'. */
export function fileSizeText(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
