import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '@send/domain';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bank-holiday calendar that working days are counted against, in the database so that an
 * administrator can update it without a release (GET/POST/DELETE /api/bank-holidays), seeded with
 * the list the service ships (libs/domain, gov.uk's England and Wales dates). Later releases that
 * ship more dates add them with a migration of their own (ON CONFLICT DO NOTHING).
 */
export class CreateBankHoliday1795500002000 implements MigrationInterface {
  name = 'CreateBankHoliday1795500002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bank_holiday (
        date date PRIMARY KEY,
        title text NOT NULL CHECK (title <> ''),
        source text NOT NULL CHECK (source IN ('published', 'administrator', 'regular pattern')),
        added_at timestamptz NOT NULL DEFAULT now(),
        added_by uuid REFERENCES staff_user(id)
      )`);
    await q.query(
      `INSERT INTO bank_holiday (date, title, source)
       SELECT d, t, 'published' FROM unnest($1::date[], $2::text[]) AS h(d, t)`,
      [
        ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date),
        ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.title),
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bank_holiday`);
  }
}
