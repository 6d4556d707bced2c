/** The PostgreSQL the integration tier makes its database on (a superuser: it creates and drops it). */
export const ADMIN_URL =
  process.env['INT_ADMIN_DATABASE_URL'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of database `name` on the same server as ADMIN_URL. */
export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
