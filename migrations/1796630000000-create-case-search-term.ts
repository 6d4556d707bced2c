import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What people remember a case by, one row a term (`case_search_term`): its reference and the
 * child's name, the Tribunal's references, the names of parents and other contacts, the school the
 * Tribunal named and the mediation provider. Written by the case write path in the same
 * transaction as the case change (`caseSearchTerms` in the domain says which facts), read by case
 * search through a trigram index led by the team (`btree_gin`), so a team's search reads the team's
 * terms, not the country's. Backfilled here from every case's snapshot.
 */
export class CreateCaseSearchTerm1796630000000 implements MigrationInterface {
  name = 'CreateCaseSearchTerm1796630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await q.query(`
      CREATE TABLE case_search_term (
        case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
        team text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('reference', 'child_name', 'tribunal_reference', 'contact_name', 'school', 'mediation_provider')),
        term text NOT NULL,
        position int NOT NULL,
        PRIMARY KEY (case_id, position)
      )`);
    await q.query(
      `CREATE INDEX case_search_term_team_trgm ON case_search_term USING gin (team, lower(term) gin_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX case_search_term_trgm ON case_search_term USING gin (lower(term) gin_trgm_ops)`,
    );
    // The same terms, in the same order, as caseSearchTerms gives (blank and repeated ones left out).
    await q.query(`
      INSERT INTO case_search_term (case_id, team, kind, term, position)
      SELECT case_id, team, kind, term, (row_number() OVER (PARTITION BY case_id ORDER BY grp, ord))::int - 1
      FROM (
        SELECT DISTINCT ON (t.case_id, t.kind, lower(t.term)) t.*
        FROM (
          SELECT c.id AS case_id, c.team, 'reference' AS kind, btrim(c.reference) AS term, 1 AS grp, 0::bigint AS ord FROM "case" c
          UNION ALL
          SELECT c.id, c.team, 'child_name', btrim(c.child_name), 2, 0 FROM "case" c
          UNION ALL
          SELECT c.id, c.team, 'tribunal_reference', btrim(a.value->>'tribunalReference'), 3, a.ordinality
          FROM "case" c, jsonb_array_elements(coalesce(c.snapshot->'appeals', '[]')) WITH ORDINALITY a
          UNION ALL
          SELECT c.id, c.team, 'contact_name', btrim(x.value->>'name'), 4, x.ordinality
          FROM "case" c, jsonb_array_elements(coalesce(c.snapshot->'contacts', '[]')) WITH ORDINALITY x
          UNION ALL
          SELECT c.id, c.team, 'school', btrim(o.value->>'details'), 5, o.ordinality
          FROM "case" c, jsonb_array_elements(coalesce(c.snapshot->'orders', '[]')) WITH ORDINALITY o
          WHERE o.value->>'type' = 'name_school_only'
          UNION ALL
          SELECT c.id, c.team, 'mediation_provider', btrim(m.value->>'providerName'), 6, m.ordinality
          FROM "case" c, jsonb_array_elements(coalesce(c.snapshot->'mediations', '[]')) WITH ORDINALITY m
        ) t
        WHERE coalesce(t.term, '') <> ''
        ORDER BY t.case_id, t.kind, lower(t.term), t.grp, t.ord
      ) d`);
    // Search by reference and name reads the terms now: the case's own trigram indexes are unused.
    await q.query(`DROP INDEX IF EXISTS case_team_reference_trgm`);
    await q.query(`DROP INDEX IF EXISTS case_team_child_name_trgm`);
    // A cheap count of a person's unread notifications (`read_at`, there since CreateNotification) for the header.
    await q.query(
      `CREATE INDEX notification_unread ON notification (recipient_id) WHERE read_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notification_unread`);
    await q.query(
      `CREATE INDEX case_team_reference_trgm ON "case" USING gin (team, lower(reference) gin_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX case_team_child_name_trgm ON "case" USING gin (team, lower(child_name) gin_trgm_ops)`,
    );
    await q.query(`DROP TABLE case_search_term`);
  }
}
