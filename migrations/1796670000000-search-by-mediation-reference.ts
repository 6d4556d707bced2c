import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case can be found by the mediation provider's own reference (recorded with the family's contact
 * with the adviser, SEND Regs 2014 reg 33): `case_search_term.kind` admits `mediation_reference`.
 * No backfill: the reference is new, no stored history carries one.
 */
export class SearchByMediationReference1796670000000
  implements MigrationInterface
{
  name = 'SearchByMediationReference1796670000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE case_search_term DROP CONSTRAINT case_search_term_kind_check`,
    );
    await q.query(
      `ALTER TABLE case_search_term ADD CONSTRAINT case_search_term_kind_check CHECK (kind IN ('reference', 'child_name', 'tribunal_reference', 'contact_name', 'school', 'mediation_provider', 'mediation_reference'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM case_search_term WHERE kind = 'mediation_reference'`,
    );
    await q.query(
      `ALTER TABLE case_search_term DROP CONSTRAINT case_search_term_kind_check`,
    );
    await q.query(
      `ALTER TABLE case_search_term ADD CONSTRAINT case_search_term_kind_check CHECK (kind IN ('reference', 'child_name', 'tribunal_reference', 'contact_name', 'school', 'mediation_provider'))`,
    );
  }
}
