import { rmSync } from 'node:fs';
import { removeTestSystem } from '../../../../scripts/system.mjs';

export default async function globalTeardown() {
  const run = globalThis.__E2E_RUN__;
  await globalThis.__E2E_PROXY__?.stop();
  await globalThis.__E2E_SECOND_API__?.stop();
  if (run) await removeTestSystem(run);
  if (run?.env.EXPORT_DIR)
    rmSync(run.env.EXPORT_DIR, { recursive: true, force: true });
  if (run?.env.MAIL_DIR)
    rmSync(run.env.MAIL_DIR, { recursive: true, force: true });
  if (globalThis.__E2E_OIDC__) await globalThis.__E2E_OIDC__.stop();
}
