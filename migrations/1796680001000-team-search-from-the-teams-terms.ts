import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A team's case search reads the team's search terms, whatever was typed (README, "National-scale
 * benchmark"). The trigram index led by the team (`case_search_term_team_trgm`) was not: a GIN index
 * on two columns keeps each column's keys apart, so a search within a team still read the whole
 * country's entries for each of its trigrams, and a reference (every case's shares `SEND-`) took
 * 11.5 ms at national scale, a name 1.3 ms. `case_search_term_team` holds each team's terms
 * together with what a search answers (term, case, position, kind): a team's search is an index-only
 * scan of its own entries (3.4 ms for a team of 6,600 cases and 15,000 terms, for any text). The
 * national trigram index (`case_search_term_trgm`) stays for searches of every team (auditors).
 */
export class TeamSearchFromTheTeamsTerms1796680001000
  implements MigrationInterface
{
  name = 'TeamSearchFromTheTeamsTerms1796680001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX case_search_term_team ON case_search_term (team) INCLUDE (term, case_id, position, kind)`,
    );
    await q.query(`DROP INDEX case_search_term_team_trgm`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX case_search_term_team_trgm ON case_search_term USING gin (team, lower(term) gin_trgm_ops)`,
    );
    await q.query(`DROP INDEX case_search_term_team`);
  }
}
