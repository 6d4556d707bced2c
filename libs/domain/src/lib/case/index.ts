export * from './case-corrections';
export * from './case-events';
export * from './case-rule-error';
export * from './case-rules';
export * from './case-snapshot';
export * from './case-summary';
export * from './deadline-effects';
export * from './deadline-ledger';
