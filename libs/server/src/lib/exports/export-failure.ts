/**
 * Why an export could not be made, in words the auditor who asked for it can act on: stored in
 * `export_job.error` and shown by `GET /api/exports/{id}` and the exports page. The worker's log
 * keeps the technical cause (the path and the system's error code) for the service desk.
 */
export const EXPORT_FAILED =
  'The export could not be made. Start it again; if it fails again, tell the service desk.';

/** A `running` export whose worker stopped in the middle (`times`: how often it was started). */
export const exportInterrupted = (times: number) =>
  `The export was interrupted before it finished: the service stopped while making it (${times === 1 ? 'once' : `${times} times`}). ` +
  'Start it again; if it is interrupted again, tell the service desk.';

const FOLDER_FULL =
  'The export folder is full, so the file could not be finished and nothing was kept. ' +
  'Ask the service desk to free space in the export folder, then start the export again.';
const NOT_ALLOWED =
  'The service is not allowed to write to the export folder, so the file could not be made. ' +
  'Ask the service desk to make the export folder writable for the service, then start the export again.';
const NO_FOLDER =
  'The export folder is missing and could not be made, or is not a folder, so the file could not be made. ' +
  'Ask the service desk to check the export folder, then start the export again.';
const DISK_ERROR =
  'The disk of the export folder reported an error, so the file could not be made. ' +
  'Ask the service desk to check the disk of the export folder, then start the export again.';

/** The file system's error codes that no retry a few seconds later will cure. */
const REASONS: Record<string, string> = {
  ENOSPC: FOLDER_FULL,
  EDQUOT: FOLDER_FULL,
  EFBIG: FOLDER_FULL,
  EACCES: NOT_ALLOWED,
  EPERM: NOT_ALLOWED,
  EROFS: NOT_ALLOWED,
  ENOENT: NO_FOLDER,
  ENOTDIR: NO_FOLDER,
  EISDIR: NO_FOLDER,
  EEXIST: NO_FOLDER,
  EIO: DISK_ERROR,
};

/** The export folder could not be written: the export fails at once (no retry), with `reason`. */
export class ExportStorageError extends Error {
  constructor(
    readonly reason: string,
    readonly code: string,
    cause: unknown,
  ) {
    super(
      `${code}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'ExportStorageError';
  }
}

/** The system error code of `error` or of an error it wraps (`cause`), if any. */
function errorCode(error: unknown): string | undefined {
  for (
    let e = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code in REASONS) return code;
  }
  return undefined;
}

/** `error` as an ExportStorageError when it is the export folder that failed; undefined otherwise. */
export function storageFailure(error: unknown): ExportStorageError | undefined {
  if (error instanceof ExportStorageError) return error;
  const code = errorCode(error);
  return code
    ? new ExportStorageError(REASONS[code] as string, code, error)
    : undefined;
}

/** What the auditor is told when an export has failed for good. */
export function exportFailureReason(error: unknown): string {
  return storageFailure(error)?.reason ?? EXPORT_FAILED;
}
