import { removeTestSystem } from '../../../../scripts/system.mjs';

export default async function globalTeardown() {
  if (globalThis.__E2E_RUN__) await removeTestSystem(globalThis.__E2E_RUN__);
  if (globalThis.__E2E_OIDC__) await globalThis.__E2E_OIDC__.stop();
}
