import { rmSync } from 'node:fs';
import { removeTestSystem } from '../../../../scripts/system.mjs';

export default async function globalTeardown() {
  const run = globalThis.__WEB_E2E_RUN__;
  if (run) await removeTestSystem(run);
  if (run?.env.EXPORT_DIR)
    rmSync(run.env.EXPORT_DIR, { recursive: true, force: true });
}
