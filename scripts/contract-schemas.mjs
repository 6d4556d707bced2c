// Generates JSON Schemas for the API's response types from libs/contracts, so the OpenAPI
// document describes every response without writing the types twice. Run by
// `nx run api:openapi`; the output is committed and CI fails when it differs from the code.
import { writeFileSync } from 'node:fs';
import { createGenerator } from 'ts-json-schema-generator';

const OUT = 'apps/api/src/app/contract-schemas.json';
/** The shapes the API answers with; every type they use comes along. */
const ROOTS = [
  'CaseDetail',
  'CasePage',
  'DeadlineView',
  'RuleView',
  'DeadlineCalculation',
  'HistoryEventView',
  'HistoryExport',
  'HistoryVerification',
  'Problem',
  'SessionView',
  'SignInOptions',
  'StaffUser',
  'AccessLogEntry',
  'SecurityLogEntry',
  'AccessLogPage',
  'SecurityLogPage',
  'StaffAccount',
  'PasswordReset',
  'MediationProvider',
  'BankHolidayEntry',
  'DeadlineDashboard',
  'ComplianceReport',
  'DeadlinePage',
  'AppealRegister',
  'ExportJobView',
  'CaseSearchPage',
  'UnreadCount',
  'CalendarFeedIssued',
];

const generator = createGenerator({
  path: 'libs/contracts/src/index.ts',
  tsconfig: 'libs/contracts/tsconfig.lib.json',
  expose: 'export',
  topRef: false,
  jsDoc: 'extended',
  skipTypeCheck: true,
});
const definitions = {};
for (const root of ROOTS) {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const {
    $schema,
    definitions: used,
    ...schema
  } = generator.createSchema(root);
  Object.assign(definitions, used, { [root]: schema });
}
// OpenAPI component names allow letters, digits, '.', '_' and '-': Page<CaseSummary> → Page_CaseSummary.
const safeName = (name) =>
  decodeURIComponent(name)
    .replace(/[<>,\s]+/g, '_')
    .replace(/_+$/, '');
const sorted = Object.fromEntries(
  Object.entries(definitions)
    .map(([name, schema]) => [safeName(name), schema])
    .sort(([a], [b]) => a.localeCompare(b)),
);
const text = JSON.stringify(sorted, null, 2).replace(
  /"#\/definitions\/([^"]+)"/g,
  (_, name) => `"#/components/schemas/${safeName(name)}"`,
);
writeFileSync(OUT, `${text}\n`);
console.log(
  `Contract schemas written to ${OUT} (${Object.keys(sorted).length} types)`,
);
