/**
 * A recorded fact that the case's current state does not allow (`EVENT_NOT_ALLOWED`: something
 * must happen first), that contradicts what is already recorded (`INCONSISTENT_FACT`), that
 * names a decision, appeal or recommendation the case does not have (`UNKNOWN_SUBJECT`), or that
 * the law does not provide for on that route (`UNUSUAL_FACT`: recorded, and flagged, only when the
 * caseworker confirms it is what happened). The message says, in a caseworker's words, what to do.
 */
export class CaseRuleError extends Error {
  constructor(
    readonly code:
      | 'EVENT_NOT_ALLOWED'
      | 'INCONSISTENT_FACT'
      | 'UNKNOWN_SUBJECT'
      | 'UNUSUAL_FACT',
    message: string,
  ) {
    super(message);
    this.name = 'CaseRuleError';
  }
}
