import { CaseRuleError } from '@send/domain';
import { QueryFailedError } from 'typeorm';
import {
  NothingSavedError,
  rolledBackOnFailure,
  SavedButNotShownError,
  savedButNotShownProblem,
  showSaved,
} from './write-outcome';

const queryFailed = (query: string) =>
  new QueryFailedError(
    query,
    [],
    new Error('Connection terminated unexpectedly'),
  );
/** As Nest's HttpException: an answer with a status. */
const conflict = Object.assign(
  new Error('This case has changed since you opened it'),
  { getStatus: () => 409 },
);

describe('what a failed case write says about what was saved', () => {
  it('a failure before COMMIT rolled the transaction back: marked so', async () => {
    const failure = rolledBackOnFailure(() =>
      Promise.reject(queryFailed('UPDATE "case" SET …')),
    );
    await expect(failure).rejects.toBeInstanceOf(NothingSavedError);
    await expect(failure).rejects.toMatchObject({
      cause: expect.any(QueryFailedError),
    });
  });

  it('a failure of COMMIT itself is passed on unmarked: PostgreSQL may have committed', async () => {
    const commit = queryFailed('COMMIT');
    await expect(
      rolledBackOnFailure(() => Promise.reject(commit)),
    ).rejects.toBe(commit);
  });

  it('refusals already answered in words (4xx, the domain rules) pass as they are', async () => {
    await expect(
      rolledBackOnFailure(() => Promise.reject(conflict)),
    ).rejects.toBe(conflict);
    const rule = new CaseRuleError(
      'EVENT_NOT_ALLOWED',
      'Record the appeal first',
    );
    await expect(rolledBackOnFailure(() => Promise.reject(rule))).rejects.toBe(
      rule,
    );
    await expect(rolledBackOnFailure(async () => 'saved')).resolves.toBe(
      'saved',
    );
  });

  it('a committed write whose case cannot be read back says what was saved, with the new version', async () => {
    const failure = showSaved({ caseId: 'c1', sequence: 7, version: 7 }, () =>
      Promise.reject(new Error('permission denied for table document')),
    );
    await expect(failure).rejects.toBeInstanceOf(SavedButNotShownError);
    await expect(failure).rejects.toMatchObject({
      saved: { caseId: 'c1', sequence: 7, version: 7 },
    });
    await expect(
      showSaved(
        { caseId: 'c1', sequence: 7, version: 7 },
        async () => 'the case',
      ),
    ).resolves.toBe('the case');
  });

  it('words that as a 500 problem that says the entry WAS saved', () => {
    const problem = savedButNotShownProblem({
      caseId: 'c1',
      sequence: 7,
      version: 8,
    });
    expect(problem).toMatchObject({
      status: 500,
      saved: true,
      caseId: 'c1',
      sequence: 7,
      version: 8,
      title: 'Saved, but the case could not be shown',
    });
    expect(problem.detail).toBe(
      "Your entry was saved: it is entry 7 in the case's history, and the case is now at version 8. " +
        'The case could not be read back to show it: reload the case to see it, and do not enter it again.',
    );
  });
});
