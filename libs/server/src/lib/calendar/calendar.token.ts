/** The injection token of the working-day calendar (the bank_holiday table's, loaded at start-up): a `Calendar` of @send/domain. */
export const CALENDAR = Symbol('CALENDAR');
