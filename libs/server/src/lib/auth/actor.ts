/** Moved to identity/actor.ts (below the audit and auth contexts); kept so that imports of it still work. */
export * from '../identity/actor';
