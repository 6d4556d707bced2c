import { appRoleGrants, userOf } from './app-role';

describe('appRoleGrants', () => {
  it('grants rows of every table but never UPDATE, DELETE or TRUNCATE of the append-only ones', () => {
    const sql = appRoleGrants('send_app');
    expect(sql).toContain(
      'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "send_app"',
    );
    expect(sql).toContain(
      'REVOKE UPDATE, DELETE ON case_event, access_log, security_log FROM "send_app"',
    );
    expect(sql.join('\n')).not.toMatch(/GRANT[^\n]*TRUNCATE/);
    // Revoked after it is granted: the order matters.
    expect(sql.findIndex((s) => s.startsWith('REVOKE UPDATE'))).toBeGreaterThan(
      sql.findIndex((s) => s.startsWith('GRANT SELECT, INSERT')),
    );
  });

  it('quotes the role name', () => {
    expect(appRoleGrants('we"ird')[0]).toBe(
      'GRANT USAGE ON SCHEMA public TO "we""ird"',
    );
  });

  it('reads the user of a URL', () => {
    expect(userOf('postgres://send_app@127.0.0.1:5432/db')).toBe('send_app');
    expect(userOf('postgres://127.0.0.1:5432/db')).toBe('postgres');
  });
});
