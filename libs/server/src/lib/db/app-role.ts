/** Tables the apps may only add to and read: the history, and the logs of reads and of security events. */
export const APPEND_ONLY_TABLES = [
  'case_event',
  'access_log',
  'security_log',
] as const;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * What the apps' own database role (DATABASE_URL's user, when it is not the schema's owner) is
 * granted, run by the migrate command after every migration so that new tables are covered: reading
 * and changing the rows of every table, but never UPDATE, DELETE or TRUNCATE of the append-only
 * tables (refused by PostgreSQL before the triggers that also refuse them run), no TRUNCATE, no DDL,
 * and nothing on the migrations' own table. Idempotent: everything is revoked, then granted.
 */
export function appRoleGrants(role: string): string[] {
  const r = quote(role);
  return [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `REVOKE UPDATE, DELETE ON ${APPEND_ONLY_TABLES.join(', ')} FROM ${r}`,
    `REVOKE ALL ON schema_migration FROM ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
  ];
}

/** The user of a PostgreSQL URL (as PostgreSQL will see it). */
export const userOf = (url: string) =>
  decodeURIComponent(new URL(url).username || 'postgres');
