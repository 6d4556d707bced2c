import { removeTestSystem } from '../../../../scripts/system.mjs';

export default async function globalTeardown() {
  if (globalThis.__WEB_E2E_RUN__) await removeTestSystem(globalThis.__WEB_E2E_RUN__);
}
