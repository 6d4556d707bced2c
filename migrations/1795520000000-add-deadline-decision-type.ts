import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The type of the decision (CFA s.51(2)) each deadline follows from, so that managers can filter
 * the dashboard by decision type with an index rather than by reading every case's snapshot.
 *
 * Which decision a deadline belongs to follows from its rule and subject: the decision itself for
 * `appeal.lodge` and `mediation.contact_adviser`; the mediation's decision for the other `mediation.*`
 * rules and `agreement.health_notify_la`; the decision of the mediation holding the agreed item for
 * the other `agreement.*` rules; the appeal's decision for `tribunal.*`; and the decision appealed
 * for the order (`order.*`, `concession.*`) or the recommendation (`recommendation.*`). It is kept in
 * step by triggers, so the write path does not change: when a deadline is inserted (or its rule,
 * subject or case change), and when a case's decisions change (a correction of the decision type).
 */
export class AddDeadlineDecisionType1795520000000
  implements MigrationInterface
{
  name = 'AddDeadlineDecisionType1795520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION deadline_decision_type(snapshot jsonb, rule_id text, subject_id text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT d->>'type'
        FROM jsonb_array_elements(snapshot->'decisions') d
        WHERE d->>'id' = CASE
          WHEN rule_id IN ('appeal.lodge', 'mediation.contact_adviser') THEN subject_id
          WHEN rule_id LIKE 'mediation.%' OR rule_id = 'agreement.health_notify_la' THEN
            (SELECT m->>'decisionId' FROM jsonb_array_elements(snapshot->'mediations') m WHERE m->>'id' = subject_id LIMIT 1)
          WHEN rule_id LIKE 'agreement.%' THEN
            (SELECT m->>'decisionId' FROM jsonb_array_elements(snapshot->'mediations') m
               CROSS JOIN LATERAL jsonb_array_elements(m->'agreementItems') i
             WHERE i->>'id' = subject_id LIMIT 1)
          WHEN rule_id LIKE 'tribunal.%' THEN
            (SELECT a->>'decisionId' FROM jsonb_array_elements(snapshot->'appeals') a WHERE a->>'id' = subject_id LIMIT 1)
          WHEN rule_id LIKE 'order.%' OR rule_id LIKE 'concession.%' THEN
            (SELECT a->>'decisionId' FROM jsonb_array_elements(snapshot->'orders') o
               JOIN jsonb_array_elements(snapshot->'appeals') a ON a->>'id' = o->>'appealId'
             WHERE o->>'id' = subject_id LIMIT 1)
          WHEN rule_id LIKE 'recommendation.%' THEN
            (SELECT a->>'decisionId' FROM jsonb_array_elements(snapshot->'recommendations') r
               JOIN jsonb_array_elements(snapshot->'appeals') a ON a->>'id' = r->>'appealId'
             WHERE r->>'id' = subject_id LIMIT 1)
        END
        LIMIT 1
      $$`);

    await q.query(`ALTER TABLE deadline ADD COLUMN decision_type text`);
    await q.query(`
      UPDATE deadline d SET decision_type = deadline_decision_type(c.snapshot, d.rule_id, d.subject_id)
      FROM "case" c WHERE c.id = d.case_id`);

    // A deadline is inserted after its case's snapshot is saved, in the same transaction.
    await q.query(`
      CREATE FUNCTION deadline_set_decision_type() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.decision_type := (SELECT deadline_decision_type(c.snapshot, NEW.rule_id, NEW.subject_id) FROM "case" c WHERE c.id = NEW.case_id);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER deadline_decision_type BEFORE INSERT OR UPDATE OF rule_id, subject_id, case_id ON deadline
      FOR EACH ROW EXECUTE FUNCTION deadline_set_decision_type()`);

    await q.query(`
      CREATE FUNCTION case_decisions_set_deadline_decision_type() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE deadline SET decision_type = deadline_decision_type(NEW.snapshot, rule_id, subject_id)
        WHERE case_id = NEW.id
          AND decision_type IS DISTINCT FROM deadline_decision_type(NEW.snapshot, rule_id, subject_id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER case_deadline_decision_type AFTER UPDATE OF snapshot ON "case"
      FOR EACH ROW WHEN (OLD.snapshot->'decisions' IS DISTINCT FROM NEW.snapshot->'decisions')
      EXECUTE FUNCTION case_decisions_set_deadline_decision_type()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER case_deadline_decision_type ON "case"`);
    await q.query(`DROP FUNCTION case_decisions_set_deadline_decision_type`);
    await q.query(`DROP TRIGGER deadline_decision_type ON deadline`);
    await q.query(`DROP FUNCTION deadline_set_decision_type`);
    await q.query(`ALTER TABLE deadline DROP COLUMN decision_type`);
    await q.query(`DROP FUNCTION deadline_decision_type`);
  }
}
