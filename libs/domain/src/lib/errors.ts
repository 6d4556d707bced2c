/** What went wrong when a deadline could not be computed. */
export type StatutoryClockErrorCode =
  | 'UNKNOWN_RULE'
  | 'MISSING_FACT'
  | 'INVALID_DATE';

/**
 * The one error type thrown by the statutory clock. Its message is written for a caseworker;
 * `code`, `rule` and `fact` let the API map it to a field-level validation error.
 */
export class StatutoryClockError extends Error {
  override readonly name = 'StatutoryClockError';

  constructor(
    readonly code: StatutoryClockErrorCode,
    message: string,
    readonly rule?: string,
    readonly fact?: string,
  ) {
    super(message);
    // Keep `instanceof` working when compiled to ES5-style classes.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
