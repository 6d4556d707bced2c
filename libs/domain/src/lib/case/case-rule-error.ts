/**
 * A recorded fact that the case's current state does not allow (`EVENT_NOT_ALLOWED`: something
 * must happen first), that contradicts what is already recorded (`INCONSISTENT_FACT`), or that
 * names a decision, appeal or recommendation the case does not have (`UNKNOWN_SUBJECT`).
 * The message says, in a caseworker's words, what to do.
 */
export class CaseRuleError extends Error {
  constructor(
    readonly code: 'EVENT_NOT_ALLOWED' | 'INCONSISTENT_FACT' | 'UNKNOWN_SUBJECT',
    message: string,
  ) {
    super(message);
    this.name = 'CaseRuleError';
  }
}
