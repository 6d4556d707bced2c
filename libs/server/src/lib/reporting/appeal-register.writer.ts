import { appealRegisterEntries, type CaseSnapshot } from '@send/domain';
import type { EntityManager } from 'typeorm';

/**
 * Writes a case's rows of `appeal_register` (one per appeal, with its stage and how it ended, from
 * the domain's `appealRegisterEntries`) in the transaction that writes the case: the appeals register
 * reads these columns, never the snapshot's JSON.
 */
export async function writeAppealRegister(
  tx: EntityManager,
  caseId: string,
  snapshot: Pick<
    CaseSnapshot,
    'reference' | 'childName' | 'team' | 'caseworker' | 'appeals' | 'decisions'
  >,
): Promise<void> {
  await tx.query(`DELETE FROM appeal_register WHERE case_id = $1`, [caseId]);
  const entries = appealRegisterEntries(snapshot);
  if (entries.length === 0) return;
  const params: unknown[] = [];
  const values = entries.map((e) => {
    const row = [
      caseId,
      e.appealId,
      snapshot.reference,
      snapshot.childName,
      snapshot.team,
      snapshot.caseworker,
      e.tribunalReference,
      e.decisionType,
      e.sections,
      e.lodgedOn,
      e.registeredOn,
      e.responseSentOn,
    ];
    row.push(e.hearingDate, e.outcome, e.decisionDate, e.stage, e.result);
    return `(${row.map((v) => `$${params.push(v)}`).join(', ')})`;
  });
  await tx.query(
    `INSERT INTO appeal_register (case_id, appeal_id, reference, child_name, team, caseworker, tribunal_reference, decision_type, sections,
       lodged_on, registered_on, response_sent_on, hearing_date, outcome, decision_date, stage, result)
     VALUES ${values.join(', ')}`,
    params,
  );
}
