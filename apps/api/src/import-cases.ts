import { NestFactory } from '@nestjs/core';
import {
  ApiFeaturesModule,
  type CaseWithHistory,
  ConfigError,
  HistoryLoadService,
  StaffUserEntity,
} from '@send/server';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';

/**
 * `node dist/apps/api/import-cases.js cases.json [--dry-run]`: loads cases and their histories from
 * a file, for a council moving off spreadsheets. The file is JSON:
 *
 *   { "cases": [ { "reference": "RUT-2026-0042", "childName": "…", "dateOfBirth": "2014-03-09",
 *                  "caseworkerEmail": "casey@example.council", "entries": [ { "type": "decision.issued", … }, … ] } ] }
 *
 * Entries are case events as the history export shows them (see POST /api/cases/import). Each case
 * is checked and recorded in its own transaction, all or nothing, as its caseworker (an active
 * caseworker or manager found by email): a case that fails is reported and the others still load.
 * With --dry-run everything is checked and nothing is saved. Exit 1 if any case failed.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error(
      'Usage: node dist/apps/api/import-cases.js <cases.json> [--dry-run]',
    );
    return 2;
  }
  let cases: (CaseWithHistory & { caseworkerEmail?: unknown })[];
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
      cases?: unknown;
    };
    if (!Array.isArray(parsed.cases))
      throw new Error('the file must be an object with a "cases" list');
    cases = parsed.cases as typeof cases;
  } catch (error) {
    console.error(
      `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 2;
  }
  const app = await NestFactory.createApplicationContext(ApiFeaturesModule, {
    logger: ['error', 'warn'],
  });
  try {
    const staff = app.get(DataSource).getRepository(StaffUserEntity);
    const loads = app.get(HistoryLoadService);
    let failed = 0;
    for (const [index, c] of cases.entries()) {
      const label = `case ${index + 1} (${typeof c.reference === 'string' ? c.reference : 'no reference'})`;
      try {
        const email =
          typeof c.caseworkerEmail === 'string'
            ? c.caseworkerEmail.trim().toLowerCase()
            : '';
        const user = email
          ? await staff.findOneBy({ email, active: true })
          : null;
        if (!user || (user.role !== 'caseworker' && user.role !== 'manager')) {
          throw new Error(
            `caseworkerEmail must be the email of an active caseworker or manager (got "${email}")`,
          );
        }
        if (
          !Array.isArray(c.entries) ||
          typeof c.reference !== 'string' ||
          typeof c.childName !== 'string' ||
          typeof c.dateOfBirth !== 'string'
        ) {
          throw new Error(
            'each case needs reference, childName, dateOfBirth, caseworkerEmail and a list of entries',
          );
        }
        const detail = await loads.importCase(
          c,
          { id: user.id, name: user.name, role: user.role, team: user.team },
          dryRun,
        );
        console.log(
          `${dryRun ? 'checked' : 'loaded'} ${label}: ${c.entries.length} entries, ${detail.deadlines.length} deadlines`,
        );
      } catch (error) {
        failed++;
        const message =
          (error as { response?: { message?: unknown } }).response?.message ??
          (error instanceof Error ? error.message : String(error));
        console.error(
          `FAILED ${label}: ${Array.isArray(message) ? message.join('; ') : String(message)}`,
        );
      }
    }
    console.log(
      `${cases.length - failed} of ${cases.length} cases ${dryRun ? 'would load' : 'loaded'}${failed ? `; ${failed} failed and were not saved` : ''}.`,
    );
    return failed ? 1 : 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
