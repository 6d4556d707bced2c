// Fixtures for the tests of every project (unit, integration and end-to-end): not part of the
// domain's public API, and never imported by the apps.
export * from './case-histories';
export * from './council-sender';
