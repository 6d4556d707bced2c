import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DeadlineStatus,
  DutyHolder,
  ResponsibleBody,
} from '@send/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { DeadlineExtension } from '../db/entities';
import { type Db, sql } from '../db/sql';

export type { DeadlineExtension };

/** A `deadline` row: one statutory time limit of a case, as the ledger keeps it. */
export interface DeadlineRecord {
  id: string;
  caseId: string;
  ruleId: string;
  subjectId: string;
  rulesetVersion: string;
  facts: Record<string, string>;
  /** YYYY-MM-DD. */
  dueOn: string;
  explanation: string[];
  status: DeadlineStatus;
  metOn: string | null;
  responsibleBody: ResponsibleBody | null;
  dutyHolder: DutyHolder;
  extensions: DeadlineExtension[];
  cancelledReason: string | null;
  owner: string;
  ownerId: string | null;
  openedByEventId: string;
  closedByEventId: string | null;
  updatedAt: Date;
  nextActionAt: Date | null;
  timingFrom: Date;
}

/** What the ledger writes of a deadline (everything but its id, case and timers). */
export type LedgerFields = Pick<
  DeadlineRecord,
  | 'ruleId'
  | 'subjectId'
  | 'rulesetVersion'
  | 'facts'
  | 'dueOn'
  | 'explanation'
  | 'status'
  | 'metOn'
  | 'responsibleBody'
  | 'dutyHolder'
  | 'extensions'
  | 'cancelledReason'
  | 'openedByEventId'
  | 'closedByEventId'
> &
  Partial<Pick<DeadlineRecord, 'owner' | 'ownerId'>>;

/** A deadline row as it is first written. */
export type NewDeadlineRow = LedgerFields &
  Pick<
    DeadlineRecord,
    | 'id'
    | 'caseId'
    | 'owner'
    | 'ownerId'
    | 'timingFrom'
    | 'nextActionAt'
    | 'updatedAt'
  >;

/** The columns the ledger writes, in the order `ledgerValues` gives their values. */
const LEDGER_COLUMNS = [
  'rule_id',
  'subject_id',
  'ruleset_version',
  'facts',
  'due_on',
  'explanation',
  'status',
  'met_on',
  'responsible_body',
  'duty_holder',
  'extensions',
  'cancelled_reason',
  'opened_by_event_id',
  'closed_by_event_id',
] as const;

/** A ledger entry's values for LEDGER_COLUMNS (JSON columns as text). */
const ledgerValues = (d: LedgerFields): unknown[] => [
  d.ruleId,
  d.subjectId,
  d.rulesetVersion,
  JSON.stringify(d.facts),
  d.dueOn,
  JSON.stringify(d.explanation),
  d.status,
  d.metOn,
  d.responsibleBody,
  d.dutyHolder,
  JSON.stringify(d.extensions),
  d.cancelledReason,
  d.openedByEventId,
  d.closedByEventId,
];

/** Every column of a `deadline` row (alias `d`), named as DeadlineRecord names them. */
export const RECORD_COLUMNS = `d.id, d.case_id AS "caseId", d.rule_id AS "ruleId", d.subject_id AS "subjectId", d.ruleset_version AS "rulesetVersion",
  d.facts, d.due_on AS "dueOn", d.explanation, d.status, d.met_on AS "metOn", d.responsible_body AS "responsibleBody",
  d.duty_holder AS "dutyHolder", d.extensions, d.cancelled_reason AS "cancelledReason", d.owner, d.owner_id AS "ownerId",
  d.opened_by_event_id AS "openedByEventId", d.closed_by_event_id AS "closedByEventId", d.updated_at AS "updatedAt",
  d.next_action_at AS "nextActionAt", d.timing_from AS "timingFrom"`;

/**
 * A case's deadline rows as its ledger: read, inserted and updated only inside the case write's
 * transaction (CaseCommandService, under the case's row lock), so that a case's event and the
 * deadlines it opens, moves or closes commit together. The worker's timers on the same rows are
 * DeadlineRepository's.
 */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every deadline row of a case, in the caller's transaction. */
  ledgerOf(tx: Db, caseId: string): Promise<DeadlineRecord[]> {
    return sql(
      tx,
      `SELECT ${RECORD_COLUMNS} FROM deadline d WHERE d.case_id = $1`,
      [caseId],
    );
  }

  /** New deadline rows, in one statement; answers them as written. */
  async insertAll(
    tx: EntityManager,
    rows: readonly NewDeadlineRow[],
  ): Promise<DeadlineRecord[]> {
    if (rows.length === 0) return [];
    const params: unknown[] = [];
    const values = rows.map(
      (d) =>
        `(${[
          d.id,
          d.caseId,
          ...ledgerValues(d),
          d.owner,
          d.ownerId,
          d.updatedAt,
          d.nextActionAt,
          d.timingFrom,
        ]
          .map((v) => `$${params.push(v)}`)
          .join(', ')})`,
    );
    return sql(
      tx,
      `INSERT INTO deadline AS d (id, case_id, ${LEDGER_COLUMNS.join(', ')}, owner, owner_id, updated_at, next_action_at, timing_from)
       VALUES ${values.join(', ')}
       RETURNING ${RECORD_COLUMNS}`,
      params,
    );
  }

  /**
   * Writes a ledger entry's fields over a row. The owner changes only when given; `timingFrom` when
   * given; the next action is set to `now`, cleared, or kept. Answers the row as written.
   */
  async update(
    tx: EntityManager,
    id: string,
    d: LedgerFields,
    timers: {
      updatedAt: Date;
      timingFrom?: Date;
      nextAction: 'now' | 'clear' | 'keep';
    },
  ): Promise<DeadlineRecord> {
    const [row] = await sql<DeadlineRecord>(
      tx,
      `UPDATE deadline d SET ${LEDGER_COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ')},
         owner = CASE WHEN $16::boolean THEN $17 ELSE owner END, owner_id = CASE WHEN $16::boolean THEN $18::uuid ELSE owner_id END,
         timing_from = COALESCE($19, timing_from),
         next_action_at = CASE $20::text WHEN 'now' THEN $21 WHEN 'clear' THEN NULL ELSE next_action_at END,
         updated_at = $21
       WHERE d.id = $1
       RETURNING ${RECORD_COLUMNS}`,
      [
        id,
        ...ledgerValues(d),
        d.owner !== undefined,
        d.owner ?? null,
        d.ownerId ?? null,
        timers.timingFrom ?? null,
        timers.nextAction,
        timers.updatedAt,
      ],
    );
    if (!row) throw new Error(`deadline ${id} was not there to update`);
    return row;
  }

  /** The case a deadline belongs to. */
  async caseIdOf(id: string): Promise<string | undefined> {
    const [row] = await sql<{ case_id: string }>(
      this.db,
      `SELECT case_id FROM deadline WHERE id = $1`,
      [id],
    );
    return row?.case_id;
  }

  /** A deadline under a row lock (FOR UPDATE) until the caller's transaction ends. */
  async lock(
    tx: EntityManager,
    id: string,
  ): Promise<DeadlineRecord | undefined> {
    const [row] = await sql<DeadlineRecord>(
      tx,
      `SELECT ${RECORD_COLUMNS} FROM deadline d WHERE d.id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  /** A ledger row by what identifies it in the ledger (the rule, and the decision or order it is about). */
  async byRule(
    tx: Db,
    caseId: string,
    ruleId: string,
    subjectId: string,
  ): Promise<DeadlineRecord | undefined> {
    const [row] = await sql<DeadlineRecord>(
      tx,
      `SELECT ${RECORD_COLUMNS} FROM deadline d WHERE d.case_id = $1 AND d.rule_id = $2 AND d.subject_id = $3`,
      [caseId, ruleId, subjectId],
    );
    return row;
  }
}
