export * from './lib/enums';
export * from './lib/cases';
export * from './lib/deadlines';
export * from './lib/history';
export * from './lib/problem';
export * from './lib/users';
export * from './lib/reporting';
export * from './lib/exports';
