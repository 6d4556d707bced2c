// Checks an exported case history (GET /api/cases/:id/history.json) without the database:
//   node dist/apps/api/verify-history.js history-RUT-2026-0101.json
// Exit 0 when every hash and link matches; 1 naming the first event that does not; 2 on bad input.
import type { HistoryExport } from '@send/contracts';
import { verifyHistory } from '@send/server';
import { readFileSync } from 'node:fs';

function main(argv: string[]): number {
  const file = argv[2];
  if (!file) {
    console.error(
      'Usage: node dist/apps/api/verify-history.js <history export .json>',
    );
    return 2;
  }
  let exported: HistoryExport;
  try {
    exported = JSON.parse(readFileSync(file, 'utf8')) as HistoryExport;
    if (!Array.isArray(exported.events)) throw new Error('no "events" array');
  } catch (error) {
    console.error(
      `${file} is not a history export: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 2;
  }
  const result = verifyHistory(exported.events);
  if (result.valid) {
    console.log(
      `OK: case ${exported.reference}: all ${result.events} events match their hashes and links.`,
    );
    return 0;
  }
  const m = result.firstMismatch;
  console.log(
    `ALTERED: case ${exported.reference}: event ${m?.sequence} (id ${m?.id}) does not match: ${m?.problem}.`,
  );
  return 1;
}

process.exitCode = main(process.argv);
