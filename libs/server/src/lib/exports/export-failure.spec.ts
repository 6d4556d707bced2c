import {
  EXPORT_FAILED,
  ExportStorageError,
  exportFailureReason,
  exportInterrupted,
  storageFailure,
} from './export-failure';

const systemError = (code: string, message = `${code}: something, write`) =>
  Object.assign(new Error(message), { code });

describe('export failures, in words the auditor can act on', () => {
  it.each([
    ['ENOSPC', /^The export folder is full/],
    ['EDQUOT', /^The export folder is full/],
    ['EACCES', /^The service is not allowed to write to the export folder/],
    ['EROFS', /^The service is not allowed to write to the export folder/],
    ['ENOENT', /^The export folder is missing and could not be made/],
    ['ENOTDIR', /^The export folder is missing/],
    ['EIO', /^The disk of the export folder reported an error/],
  ])('%s fails the export at once, saying what to do', (code, reason) => {
    const failure = storageFailure(systemError(code));
    expect(failure).toBeInstanceOf(ExportStorageError);
    expect(failure?.code).toBe(code);
    expect(failure?.reason).toMatch(reason);
    expect(failure?.reason).toMatch(/then start the export again\.$/);
    expect(exportFailureReason(systemError(code))).toBe(failure?.reason);
  });

  it('finds the code of an error wrapped in another', () => {
    expect(
      storageFailure(
        new Error('stream failed', { cause: systemError('ENOSPC') }),
      )?.code,
    ).toBe('ENOSPC');
  });

  it('leaves other failures (the database, a bug) to the retries, and then says so plainly', () => {
    expect(
      storageFailure(new Error('Connection terminated unexpectedly')),
    ).toBeUndefined();
    expect(storageFailure(systemError('ECONNRESET'))).toBeUndefined();
    expect(exportFailureReason(new Error('boom'))).toBe(EXPORT_FAILED);
  });

  it('says how often an interrupted export was tried', () => {
    expect(exportInterrupted(1)).toContain('(once)');
    expect(exportInterrupted(3)).toContain('(3 times)');
  });
});
