/**
 * The statutory clock: deadlines for SEND disagreements (EHC plans, mediation, SEND Tribunal
 * appeals) in England, and the bank-holiday calendar of England and Wales they are counted on.
 * Framework-free and pure, for the API and the browser alike.
 */
export { StatutoryClockError } from './lib/errors';
export type { StatutoryClockErrorCode } from './lib/errors';

export { formatLongDate, isValidIsoDate } from './lib/dates/iso-date';
export type { IsoDate } from './lib/dates/iso-date';

export { Calendar, defaultCalendar } from './lib/calendar/calendar';
export type { HolidayInfo } from './lib/calendar/calendar';
export { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './lib/calendar/england-and-wales.data';
export { easterSunday } from './lib/calendar/easter';
export { regularBankHolidays } from './lib/calendar/regular-pattern';
export type { BankHoliday } from './lib/calendar/regular-pattern';

export { dueDate } from './lib/clock/due-date';
export type { DueDateResult, Facts } from './lib/clock/due-date';
export {
  EXTENSION_GROUNDS,
  FACT_LABELS,
  ORDER_SUFFIXES,
  RULE_IDS,
  RULES,
  RULESET_VERSION,
  ruleInfo,
  ruleTitle,
} from './lib/clock/rules';
export type {
  CountingKind,
  ExtensionGround,
  ExtensionRule,
  OrderSuffix,
  RuleId,
  RuleInfo,
} from './lib/clock/rules';
export {
  addTribunalWorkingDays,
  addWorkingDays,
} from './lib/clock/working-days';

export * from './lib/case';
export * from './lib/deadlines/deadline-status';
export * from './lib/deadlines/deadline-view';

export * from './lib/letters/letters';
export * from './lib/letters/demo-case';
