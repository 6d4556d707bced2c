import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case search matches any part of a reference or a name (`lower(...) LIKE '%text%'`), which a
 * B-tree cannot serve: trigram indexes keep it fast for a national service's million children.
 */
export class CreateCaseSearchIndex1795495000000 implements MigrationInterface {
  name = 'CreateCaseSearchIndex1795495000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(
      `CREATE INDEX case_reference_trgm ON "case" USING gin (lower(reference) gin_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX case_child_name_trgm ON "case" USING gin (lower(child_name) gin_trgm_ops)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_child_name_trgm`);
    await q.query(`DROP INDEX case_reference_trgm`);
  }
}
