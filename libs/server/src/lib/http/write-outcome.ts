import type { Problem } from '@send/contracts';
import { CaseRuleError, StatutoryClockError } from '@send/domain';
import { QueryFailedError } from 'typeorm';

/**
 * A 500 answer says whether the entry was saved only when the server knows: "nothing was saved"
 * when its transaction rolled back, "saved" (with the case's new version) when it committed and
 * only reading the case back failed, and neither when COMMIT itself failed (PostgreSQL may or may
 * not have committed). The problem filter words each.
 */

/** What a committed case write made: the case's new history event and version. */
export interface SavedEntry {
  caseId: string;
  sequence: number;
  version: number;
}

/** A case write whose transaction rolled back (or a dry run, which always does): nothing of it was saved. */
export class NothingSavedError extends Error {
  constructor(cause: unknown) {
    super(
      `Rolled back: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'NothingSavedError';
  }
}

/** A case write that committed, but whose case could not be read back for the answer. */
export class SavedButNotShownError extends Error {
  constructor(
    readonly saved: SavedEntry,
    cause: unknown,
  ) {
    super(
      `Saved as event ${saved.sequence} (version ${saved.version}) of case ${saved.caseId}, not read back: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'SavedButNotShownError';
  }
}

/** TypeORM names the statement that failed: when it is COMMIT, whether anything was saved is unknown. */
const failedAtCommit = (error: unknown) =>
  error instanceof QueryFailedError &&
  /^\s*COMMIT\b/i.test(String(error.query));

/**
 * A refusal already answered in words (a Nest HttpException: 400, 404, 409…). Recognised by its
 * `getStatus()`, so that this file needs nothing of Nest (whose ESM its unit test cannot load).
 */
const isHttpAnswer = (error: unknown) =>
  typeof (error as { getStatus?: unknown } | null)?.getStatus === 'function';

/**
 * Runs a write made of one transaction. The failures the problem filter already words as 4xx
 * (the request, the domain's rules, a stale version) pass as they are; any other failure before
 * COMMIT rolled the transaction back and is marked so; a failure of COMMIT itself is passed on
 * unmarked.
 */
export async function rolledBackOnFailure<T>(
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (
      isHttpAnswer(error) ||
      error instanceof CaseRuleError ||
      error instanceof StatutoryClockError ||
      failedAtCommit(error)
    )
      throw error;
    throw new NothingSavedError(error);
  }
}

/** Reads the case back after a committed write; when that fails, the answer still says what was saved. */
export async function showSaved<T>(
  saved: SavedEntry,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new SavedButNotShownError(saved, error);
  }
}

/** The 500 of a write whose transaction rolled back. */
export const NOTHING_SAVED =
  'Something went wrong on our side and nothing was saved. Try again; if it keeps happening, tell the service desk.';

/** The 500 of a committed write whose case could not be read back: it says what was saved. */
export function savedButNotShownProblem({
  caseId,
  sequence,
  version,
}: SavedEntry): Problem {
  return {
    type: 'about:blank',
    title: 'Saved, but the case could not be shown',
    status: 500,
    detail:
      `Your entry was saved: it is entry ${sequence} in the case's history, and the case is now at version ${version}. ` +
      'The case could not be read back to show it: reload the case to see it, and do not enter it again.',
    saved: true,
    caseId,
    sequence,
    version,
  };
}
