import { APPEAL_OUTCOMES } from '@send/contracts';
import { appealResult } from '@send/domain';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case the First-tier Tribunal refers back to the council to reconsider (SEND Regulations 2014
 * reg 43(2)(d); the council reconsiders within 2 weeks, reg 44(2)(d)) is its own class of outcome,
 * `referred_back`, not `lost`. The class is decided once, by the domain's `appealResult`: the
 * existing rows of `appeal_register` are brought to it, outcome by outcome (only rows whose class
 * changes are written).
 */
export class AppealResultReferredBack1796640000000
  implements MigrationInterface
{
  name = 'AppealResultReferredBack1796640000000';

  async up(q: QueryRunner): Promise<void> {
    for (const outcome of APPEAL_OUTCOMES) {
      await q.query(
        `UPDATE appeal_register SET result = $1 WHERE outcome = $2 AND result <> $1`,
        [appealResult(outcome), outcome],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE appeal_register SET result = 'lost' WHERE result = 'referred_back'`,
    );
  }
}
