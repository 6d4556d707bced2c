export * from './case-corrections';
export * from './case-events';
export * from './case-rule-error';
export * from './case-rules';
export * from './case-snapshot';
export * from './case-summary';
export * from './deadline-effects';
export * from './deadline-ledger';
export * from './unusual-facts';
export * from './appeal-class';
export {
  APPEAL_OUTCOME_LABELS,
  CERTIFICATE_KIND_LABELS,
  DECISION_TYPE_LABELS,
  MEETING_OUTCOME_LABELS,
  ORDER_TYPE_LABELS,
  RESPONSE_OUTCOME_LABELS,
  RESPONSE_RECIPIENT_LABELS,
  RESPONSIBLE_BODY_LABELS,
} from './labels';
export * from './search-terms';
export * from './decision-of';
export * from './decision-route';
